package cn.enterprisegrid.visit;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Replies;
import io.vertx.core.json.JsonObject;

/** The liaison's mini-program operations: {@code GET /mp/v1/liaison/firms}, {@code POST /mp/v1/visits}. */
public final class VisitMiniProgramRoutes {
  public static final String OP_FIRMS = "mpLiaisonFirms";
  public static final String OP_VISIT = "mpRecordVisit";

  private final Visits visits;

  public VisitMiniProgramRoutes(Visits visits) {
    this.visits = visits;
  }

  /** Registers both operations (guard first) on the contract routes. */
  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes
        .operation(OP_FIRMS, guard.roles(Role.LIAISON), ctx -> Replies.json(ctx, 200,
            visits.firms(Guard.principal(ctx).scope().liaisonId()).map(a -> new JsonObject().put("items", a))))
        .operation(OP_VISIT, guard.roles(Role.LIAISON), ctx -> Replies.json(ctx, 201,
            visits.record(Guard.principal(ctx), ContractRoutes.validated(ctx).getBody().getJsonObject())));
  }
}
