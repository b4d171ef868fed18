package cn.enterprisegrid.mp;

import cn.enterprisegrid.mp.api.LoginRequest;
import cn.enterprisegrid.mp.api.LoginResponse;
import cn.enterprisegrid.mp.api.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class MiniProgramContractTest {

  static Vertx vertx;
  static OpenAPIContract contract;
  static HttpServer server;
  static WebClient http;
  /** The failure the router reported for the last request, as the backend's failure handler sees it. */
  static final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    contract = await(MiniProgramContract.load(v));
    RouterBuilder builder = MiniProgramContract.routerBuilder(v, contract);
    builder.getRoute(MiniProgramContract.OP_LOGIN).addHandler(ctx -> {
      LoginRequest request = LoginRequest.fromJson(
        MiniProgramContract.validatedRequest(ctx).getBody().getJsonObject());
      ctx.json(new LoginResponse("token-for-" + request.code(), false).toJson());
    });
    Router router = builder.createRouter();
    await(MiniProgramContract.mountYaml(v, router));
    router.route().failureHandler(ctx -> {
      lastFailure.set(ctx.failure());
      Problem problem = RequestViolation.of(ctx.failure())
        .map(violation -> Problem.of(violation, ctx.request().path()))
        .orElseGet(() -> new Problem("/problems/internal", "Internal error", 500, null, ctx.request().path(), null));
      ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(problem.toJson().encode());
    });
    server = await(v.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    http = WebClient.create(v);
  }

  @AfterAll
  static void stop() {
    http.close();
    await(server.close());
  }

  @BeforeEach
  void clear() {
    lastFailure.set(null);
  }

  @Test
  void theDocumentDescribesLogin() {
    assertThat(contract.getVersion()).isEqualTo(OpenAPIVersion.V3_1);
    assertThat(contract.operation(MiniProgramContract.OP_LOGIN).getOpenAPIPath()).isEqualTo("/mp/v1/auth/login");
    assertThat(contract.getRawContract().getJsonObject("components").getJsonObject("schemas")
      .getJsonObject("Problem").getJsonObject("properties").fieldNames())
      .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "pointer", "retryAfter");
    assertThat(contract.securityScheme(MiniProgramContract.BEARER_SCHEME)).isNotNull();
  }

  @Test
  void aValidLoginReachesTheHandler() {
    HttpResponse<Buffer> response = post(new JsonObject().put("code", "abc").encode(), "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(LoginResponse.fromJson(response.bodyAsJsonObject())).isEqualTo(new LoginResponse("token-for-abc", false));
  }

  @Test
  void aMissingCodeIsRejectedNamingTheField() {
    HttpResponse<Buffer> response = post("{}", "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(lastFailure.get()).isInstanceOf(HttpException.class)
      .extracting(t -> ((HttpException) t).getStatusCode()).isEqualTo(400);
    assertThat(lastFailure.get().getCause()).isInstanceOf(SchemaValidationException.class);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(problem.getString("pointer")).isEqualTo("/code");
    assertThat(problem.getString("detail")).contains("code");
    assertThat(problem.getString("instance")).isEqualTo("/mp/v1/auth/login");
    assertThat(RequestViolation.of(lastFailure.get()).orElseThrow().type())
      .isEqualTo(ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
  }

  @Test
  void aCodeOfTheWrongTypeIsRejectedNamingTheField() {
    HttpResponse<Buffer> response = post("{\"code\":123}", "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    RequestViolation violation = RequestViolation.of(lastFailure.get()).orElseThrow();
    assertThat(violation.type()).isEqualTo(ValidatorErrorType.INVALID_VALUE);
    assertThat(violation.in()).isEqualTo(RequestViolation.BODY);
    assertThat(violation.pointer()).isEqualTo("/code");
    assertThat(violation.detail()).contains("string");
    assertThat(response.bodyAsJsonObject().getString("pointer")).isEqualTo("/code");
  }

  @Test
  void anEmptyCodeIsRejected() {
    HttpResponse<Buffer> response = post("{\"code\":\"\"}", "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("pointer")).isEqualTo("/code");
  }

  @Test
  void aMissingOrBrokenBodyPointsAtTheWholeBody() {
    HttpResponse<Buffer> missing = post(null, "application/json");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsJsonObject().getString("pointer")).isEmpty();
    assertThat(RequestViolation.of(lastFailure.get()).orElseThrow().type())
      .isEqualTo(ValidatorErrorType.MISSING_REQUIRED_PARAMETER);

    HttpResponse<Buffer> broken = post("{\"code\":", "application/json");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.bodyAsJsonObject().getString("pointer")).isEmpty();

    HttpResponse<Buffer> array = post("[]", "application/json");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(array.bodyAsJsonObject().getString("pointer")).isEmpty();
  }

  @Test
  void anotherMediaTypeIs415() {
    HttpResponse<Buffer> response = post("code=abc", "application/x-www-form-urlencoded");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(lastFailure.get().getCause()).isInstanceOf(ValidatorException.class);
  }

  @Test
  void theRequestValidatorReportsTheSameWayWithoutTheRouter() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    HttpServer plain = await(vertx.createHttpServer().requestHandler(request ->
      MiniProgramContract.requestValidator(vertx, contract).validate(request, MiniProgramContract.OP_LOGIN)
        .onComplete(ar -> {
          failure.set(ar.cause());
          request.response().setStatusCode(ar.succeeded() ? 204 : 400).end();
        })).listen(0, "127.0.0.1"));
    try {
      HttpResponse<Buffer> response = await(http.post(plain.actualPort(), "127.0.0.1", "/mp/v1/auth/login")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"code\":false}")));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(failure.get()).isInstanceOf(SchemaValidationException.class);
      assertThat(RequestViolation.of(failure.get()).orElseThrow().pointer()).isEqualTo("/code");
    } finally {
      await(plain.close());
    }
  }

  @Test
  void theRawDocumentIsServed() throws Exception {
    HttpResponse<Buffer> response = await(http.get(server.actualPort(), "127.0.0.1", MiniProgramContract.YAML_PATH)
      .send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(response.bodyAsString()).isEqualTo(Files.readString(
      Path.of("src/main/resources", MiniProgramContract.RESOURCE), StandardCharsets.UTF_8));
  }

  private static HttpResponse<Buffer> post(String body, String contentType) {
    var request = http.post(server.actualPort(), "127.0.0.1", "/mp/v1/auth/login")
      .putHeader("Content-Type", contentType);
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
