package cn.enterprisegrid.http;

import cn.enterprisegrid.mp.MiniProgramContract;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot reads take the compiled parameter check, not the generic validator (several times
 * slower per request); what either lets through is the same, which the contract walks
 * (ContractConformanceTest) and ConsoleContractTest check over HTTP.
 */
class ParameterCheckTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void consoleReadsAreCheckedByTheCompiledCheck() {
    ConsoleContract console = ConsoleContract.load(vertx).await();
    ContractRoutes routes = new ContractRoutes(vertx, console);
    console.contract().operations().forEach(op -> routes.operation(op.getOperationId(), ctx -> { }));
    routes.mount(Router.router(vertx));
    assertThat(routes.compiledChecks()).contains("getEnterprise", "listEnterprises", "getPolicy", "queryAudit");
    assertThat(routes.compiledChecks()).as("a JSON body is checked by a validator built once (BodyCheck)")
        .contains("consoleLogin", "createPolicy", "fileProblem", "dispatchProblem");
    assertThat(routes.compiledChecks()).as("a streamed body is the handler's").doesNotContain("importEnterprises");
  }

  @Test
  void miniProgramReadsAreCheckedByTheCompiledCheck() {
    ContractRoutes routes = new ContractRoutes(vertx, MiniProgramContract.load(vertx).await());
    MiniProgramContract.load(vertx).await().operations()
        .forEach(op -> routes.operation(op.getOperationId(), ctx -> { }));
    routes.mount(Router.router(vertx));
    assertThat(routes.compiledChecks()).contains("mpMyEnterprise", "mpMatchedPolicies", "mpSearchPolicies");
  }
}
