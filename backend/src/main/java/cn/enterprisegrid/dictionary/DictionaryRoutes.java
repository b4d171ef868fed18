package cn.enterprisegrid.dictionary;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.http.ContractRoutes;
import io.vertx.ext.web.RoutingContext;

/**
 * The field dictionary, read-only, for the console ({@code GET /api/v1/dictionary/fields}) and the
 * mini-program ({@code GET /mp/v1/dictionary/fields}): any signed-in user may read it, since it
 * holds no one's data, only how fields are named, so that both clients word a field as the
 * explanations do.
 */
public final class DictionaryRoutes {
  public static final String OP_CONSOLE = "getFieldDictionary";
  public static final String OP_MINI_PROGRAM = "mpFieldDictionary";

  /** Encoded once: the dictionary does not change while the process runs. */
  private final String fields = FieldLabels.standard().toJson().encode();

  /** Registers the console's operation. */
  public ContractRoutes registerConsole(ContractRoutes routes, Guard guard) {
    return routes.operation(OP_CONSOLE, guard.authenticated(), this::fields);
  }

  /** Registers the mini-program's operation. */
  public ContractRoutes registerMiniProgram(ContractRoutes routes, Guard guard) {
    return routes.operation(OP_MINI_PROGRAM, guard.authenticated(), this::fields);
  }

  private void fields(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(fields);
  }
}
