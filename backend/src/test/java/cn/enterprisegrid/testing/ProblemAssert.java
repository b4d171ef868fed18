package cn.enterprisegrid.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on problem documents: status, content type, stable type, and the field's pointer. */
public final class ProblemAssert {
  private ProblemAssert() {}

  public static JsonObject assertProblem(HttpResponse<Buffer> r, int status, String type) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("type")).isEqualTo(type);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("detail")).isNotBlank();
    assertThat(r.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    return p;
  }

  public static JsonObject assertFieldProblem(HttpResponse<Buffer> r, int status, String pointer) {
    // a field outside the caller's scope is a permission problem; anything else a validation one
    JsonObject p = assertProblem(r, status, status == 403 ? "/problems/forbidden" : "/problems/validation");
    assertThat(p.getString("pointer")).isEqualTo(pointer);
    return p;
  }
}
