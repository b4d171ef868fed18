package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/**
 * How complete a profile is for policy matching, 0-100: each field carries the weight of how often
 * eligibility rules read it (last year's revenue and the firm's industry, size and age above all),
 * and {@code missing} lists the absent ones, heaviest first, so the firm and its liaison know what
 * to ask for first. "Last year" is the calendar year before today (Asia/Shanghai): the year whose
 * figures policies of this year ask for.
 */
public final class Completeness {
  private record Item(String name, int weight, Predicate<Enterprise> present) {}

  private Completeness() {}

  /** The score and the missing fields (names as in the canonical JSON, years spelt out). */
  public static JsonObject of(Enterprise e, LocalDate today) {
    int last = today.getYear() - 1;
    String y = "financials." + last + ".";
    List<Item> items = List.of(
        new Item(y + "revenue", 14, x -> year(x, last) != null && year(x, last).revenue() != null),
        new Item("industryCode", 12, x -> x.industryCode() != null),
        new Item("employees", 12, x -> x.employees() != null),
        new Item("regionCode", 10, x -> x.regionCode() != null),
        new Item("establishedOn", 10, x -> x.establishedOn() != null),
        new Item(y + "assets", 8, x -> year(x, last) != null && year(x, last).assets() != null),
        new Item(y + "rdExpense", 6, x -> year(x, last) != null && year(x, last).rdExpense() != null),
        new Item(y + "taxPaid", 6, x -> year(x, last) != null && year(x, last).taxPaid() != null),
        new Item("tags", 6, x -> x.tags() != null && !x.tags().isEmpty()),
        new Item("registeredCapital", 6, x -> x.registeredCapital() != null),
        new Item("location", 5, x -> x.location() != null),
        new Item("address", 3, x -> x.address() != null),
        new Item("creditStatus", 2, x -> x.creditStatus() != null));
    int score = 0;
    JsonArray missing = new JsonArray();
    for (Item i : items) {
      if (i.present().test(e)) {
        score += i.weight();
      } else {
        missing.add(i.name());
      }
    }
    return new JsonObject().put("score", score).put("missing", missing);
  }

  private static FinancialYear year(Enterprise e, int year) {
    if (e.financials() == null) {
      return null;
    }
    for (FinancialYear f : e.financials()) {
      if (f.year() == year) {
        return f;
      }
    }
    return null;
  }
}
