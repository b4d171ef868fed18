package cn.enterprisegrid.problem;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one report row (or of the totals), added up from the cases' facts
 * ({@link ReportFacts}); the rates and percentiles as docs/problems.md defines them. Mutable while
 * a report is added up, then written once with {@link #toJson}.
 */
final class ReportTally {
  long received;
  long accepted;
  long rejected;
  long acceptedOnTime;
  long responseDue;
  long respondedOnTime;
  long resolved;
  long rated;
  final long[] ratings = new long[Rating.values().length];
  long overdue;
  long breaches;
  long everResolved;
  long reopened;
  private final List<Integer> days = new ArrayList<>();

  /** Adds one case's fact. */
  void add(JsonObject f) {
    received++;
    if (one(f, "c")) accepted++;
    if (one(f, "x")) rejected++;
    if (one(f, "c") && one(f, "a")) acceptedOnTime++;
    if (f.containsKey("r")) {
      responseDue++;
      if (one(f, "r")) respondedOnTime++;
    }
    if (one(f, "s")) {
      resolved++;
      if (f.containsKey("w")) days.add(f.getInteger("w"));
    }
    Integer g = f.getInteger("g");
    if (g != null && g >= 1 && g <= ratings.length) {
      rated++;
      ratings[g - 1]++;
    }
    int b = f.getInteger("b", 0);
    breaches += b;
    if (b > 0) overdue++;
    if (f.containsKey("w")) {
      everResolved++;
      if (f.getInteger("o", 0) > 0) reopened++;
    }
  }

  long satisfied() {
    long n = 0;
    for (Rating r : Rating.values()) {
      if (r.satisfied()) n += ratings[r.ordinal()];
    }
    return n;
  }

  /** The share {@code part / whole}, or null when there is nothing to divide. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  Double responseRate() {
    return rate(respondedOnTime, responseDue);
  }

  Double resolutionRate() {
    return rate(resolved, accepted);
  }

  Double satisfactionRate() {
    return rate(satisfied(), rated);
  }

  Double reopenRate() {
    return rate(reopened, everResolved);
  }

  /** The mean working days to resolve, of the cases resolved now; null when none is. */
  Double averageDays() {
    return days.isEmpty() ? null : days.stream().mapToInt(Integer::intValue).average().orElse(0);
  }

  /** The 90th percentile by nearest rank: the smallest value at least 90 % of the resolved cases do not exceed. */
  Integer p90Days() {
    if (days.isEmpty()) {
      return null;
    }
    List<Integer> sorted = new ArrayList<>(days);
    sorted.sort(null);
    return sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
  }

  JsonObject toJson() {
    JsonObject byRating = new JsonObject();
    for (Rating r : Rating.values()) {
      byRating.put(r.name(), ratings[r.ordinal()]);
    }
    Double avg = averageDays();
    return new JsonObject().put("received", received).put("accepted", accepted).put("rejected", rejected)
        .put("acceptedOnTime", acceptedOnTime).put("responseDue", responseDue).put("respondedOnTime", respondedOnTime)
        .put("responseRate", round(responseRate())).put("resolved", resolved)
        .put("resolutionRate", round(resolutionRate())).put("rated", rated).put("satisfied", satisfied())
        .put("satisfactionRate", round(satisfactionRate())).put("ratings", byRating).put("overdue", overdue)
        .put("breaches", breaches).put("averageResolveDays", avg == null ? null : Math.round(avg * 100) / 100.0)
        .put("p90ResolveDays", p90Days()).put("everResolved", everResolved).put("reopened", reopened)
        .put("reopenRate", round(reopenRate()));
  }

  private static Double round(Double rate) {
    return rate == null ? null : Math.round(rate * 10_000) / 10_000.0;
  }

  private static boolean one(JsonObject f, String field) {
    return f.getInteger(field, 0) == 1;
  }
}
