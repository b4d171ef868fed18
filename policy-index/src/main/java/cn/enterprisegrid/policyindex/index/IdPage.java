package cn.enterprisegrid.policyindex.index;

import java.util.List;

/**
 * One page of firm ids in uscc order.
 *
 * @param ids the usccs of this page
 * @param next the cursor for the next page (pass as {@code after}), or null when this is the last
 */
public record IdPage(List<String> ids, String next) {
  /** Copies the list. */
  public IdPage {
    ids = List.copyOf(ids);
  }
}
