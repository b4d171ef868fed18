package cn.enterprisegrid.policyindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One search hit.
 *
 * @param id policy id
 * @param title the title
 * @param department issuing department
 * @param docNumber document number
 * @param score relevance (0 when listing without text)
 * @param highlights per field (title, summary, body): an HTML-escaped fragment with matches in
 *     {@code <em>…</em>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyHit(String id, String title, String department, String docNumber, float score,
    Map<String, String> highlights) {
  /** Copies the map. */
  public PolicyHit {
    highlights = Map.copyOf(highlights);
  }
}
