package cn.enterprisegrid.grid;

import java.util.Collection;

/** Region-code helpers of the grid. */
final class Regions {
  private Regions() {}

  /** The longest common prefix of the codes ("" when none or empty). */
  static String commonPrefix(Collection<String> codes) {
    String prefix = null;
    for (String c : codes) {
      if (c == null) {
        continue;
      }
      if (prefix == null) {
        prefix = c;
      } else {
        int i = 0;
        while (i < prefix.length() && i < c.length() && prefix.charAt(i) == c.charAt(i)) {
          i++;
        }
        prefix = prefix.substring(0, i);
      }
    }
    return prefix == null ? "" : prefix;
  }
}
