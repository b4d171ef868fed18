#!/usr/bin/env bash
# Lints every OpenAPI document of the repository with Redocly CLI (recommended ruleset, see
# redocly.yaml): the mini-program contract and the console contract, whichever exist.
set -euo pipefail
cd "$(dirname "$0")"
shopt -s nullglob
docs=(../../mini-program-api/src/main/resources/openapi/*.yaml ../../backend/src/main/resources/openapi/*.yaml)
if [ ${#docs[@]} -eq 0 ]; then
  echo "no OpenAPI document found" >&2
  exit 1
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec npx --no-install redocly lint --config redocly.yaml "${docs[@]}"
