package cn.enterprisegrid.policyindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the policy search index holds about one policy.
 *
 * @param id policy id (required)
 * @param title 标题
 * @param summary 政策解读, plain-language summary
 * @param body full text
 * @param department issuing department, e.g. 经信局
 * @param docNumber 文号, e.g. 开政办发〔2024〕12号
 * @param benefitKind FIXED, PERCENT, TIERS (or null)
 * @param mode AUTO_GRANT, ONE_CLICK, REVIEWED (free text for the index; the backend owns the values)
 * @param status e.g. PUBLISHED, CLOSED
 * @param regionCodes region prefixes the policy applies to (empty: no restriction)
 * @param publishedOn publication date, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDocument(
    String id,
    String title,
    String summary,
    String body,
    String department,
    String docNumber,
    String benefitKind,
    String mode,
    String status,
    List<String> regionCodes,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate publishedOn) {
  /** Requires the id and copies the list. */
  public PolicyDocument {
    Objects.requireNonNull(id, "id");
    regionCodes = regionCodes == null ? List.of() : List.copyOf(regionCodes);
  }
}
