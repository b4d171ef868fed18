import { reactive, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * Filters kept in the URL's query, so a filtered page is a link one can share: `defaults` names
 * the filters and their empty values; changing `filters` rewrites the query (replace, no new
 * history entry per keystroke), and going back or opening the link restores them.
 */
export function useUrlFilters(defaults) {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive(fromQuery(route.query, defaults))

  function apply() {
    const query = {}
    for (const [k, v] of Object.entries(filters)) {
      if (v !== '' && v !== null && v !== undefined && v !== defaults[k]) query[k] = String(v)
    }
    return router.replace({ query })
  }

  watch(() => route.query, (q) => Object.assign(filters, fromQuery(q, defaults)))
  return { filters, apply }
}

function fromQuery(query, defaults) {
  const out = {}
  for (const [k, d] of Object.entries(defaults)) {
    const v = query[k]
    out[k] = typeof v === 'string' ? (typeof d === 'number' ? Number(v) || d : v) : d
  }
  return out
}
