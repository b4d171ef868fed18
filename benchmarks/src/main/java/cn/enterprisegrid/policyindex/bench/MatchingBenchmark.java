package cn.enterprisegrid.policyindex.bench;

import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.index.FacetComparison;
import cn.enterprisegrid.policyindex.index.MonitorComparison;
import cn.enterprisegrid.policyindex.index.Simulation;
import cn.enterprisegrid.policyindex.match.Matches;
import cn.enterprisegrid.policyindex.match.PolicyMatcher;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.ReferenceEvaluator;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.policyindex.testing.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Plain benchmark harness (not a unit test): synthetic firms over the real division and industry
 * codes, realistic rules, every engine measured next to the ReferenceEvaluator on the same data in
 * the same run. Run with {@code policy-index/bench.sh [--firms N] [--rules N] ...}.
 */
public final class MatchingBenchmark {

  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

  private final Map<String, String> args;
  private final List<String[]> rows = new ArrayList<>();

  private MatchingBenchmark(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].startsWith("--")) {
        String key = argv[i].substring(2);
        String value = i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : "true";
        a.put(key, value);
      }
    }
    new MatchingBenchmark(a).run();
  }

  private int intArg(String name, int def) {
    return Integer.parseInt(args.getOrDefault(name, String.valueOf(def)).replace("_", "").replace(",", ""));
  }

  private static void log(String fmt, Object... values) {
    System.out.printf(Locale.ROOT, "[bench] " + fmt + "%n", values);
    System.out.flush();
  }

  private void row(String what, String engine, String value, String target, String reference) {
    rows.add(new String[] {what, engine, value, target, reference});
  }

  private String loadAtStart = "?";
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private void run() throws Exception {
    loadAtStart = loadAverage();
    int firms = intArg("firms", 1_000_000);
    int ruleCount = intArg("rules", 5_000);
    int queries = intArg("queries", 300);
    int samples = intArg("profiles", 20_000);
    long seed = Long.parseLong(args.getOrDefault("seed", "42"));
    // exec:java runs in the reactor directory; keep the index under this module's target/
    String defaultDir = Files.isDirectory(Paths.get("policy-index", "target")) ? "policy-index/target/bench-index"
        : "target/bench-index";
    Path dir = Paths.get(args.getOrDefault("dir", defaultDir));
    int cores = Runtime.getRuntime().availableProcessors();
    log("firms=%d rules=%d queries=%d profiles=%d cores=%d maxHeap=%dMB", firms, ruleCount, queries, samples, cores,
        Runtime.getRuntime().maxMemory() >> 20);

    // ---- data
    long t0 = System.nanoTime();
    SyntheticData data = new SyntheticData(seed, AS_OF, 0.05);
    ProfileDeriver deriver = ProfileDeriver.standard();
    List<Profile> profiles = new ArrayList<>(firms);
    for (int i = 0; i < firms; i++) {
      profiles.add(deriver.profile(data.enterprise(i), AS_OF));
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (int i = 0; i < ruleCount; i++) {
      rules.put(String.format("P%05d", i), data.realisticRule());
    }
    List<Rule> ruleList = new ArrayList<>(rules.values());
    log("generated %d profiles and %d rules in %.1f s (avg %.1f leaves/rule)", firms, ruleCount, secs(t0),
        ruleList.stream().mapToInt(r -> r.leaves().size()).average().orElse(0));

    // ---- index build
    deleteRecursively(dir);
    t0 = System.nanoTime();
    long pc0 = processCpu();
    EnterpriseIndex index = EnterpriseIndex.open(dir);
    index.rebuild(profiles, "bench-1");
    double build = secs(t0);
    double buildCpu = (processCpu() - pc0) / 1e9;
    long disk = index.sizeOnDisk();
    log("index build %.1f s (process CPU %.1f s), %.1f MB on disk", build, buildCpu, disk / 1e6);
    row("index build, " + fmt(firms) + " profiles (rebuild: deleteAll + bulk add on 2 threads + commit, cold JVM)",
        "EnterpriseIndex",
        String.format(Locale.ROOT, "%.1f s wall, %.1f s process CPU; %.0f MB on disk (%.0f B/firm)", build, buildCpu,
            disk / 1e6, (double) disk / firms),
        "≤ 60 s", "—");

    // ---- policy -> firms
    Random rnd = new Random(seed);
    List<Rule> sampleRules = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      sampleRules.add(ruleList.get(rnd.nextInt(ruleList.size())));
    }
    for (int i = 0; i < Math.min(50, queries); i++) { // warm-up
      index.simulate(sampleRules.get(i), null, null, AS_OF);
    }
    long[] sim = new long[queries];
    long[] simCpu = new long[queries];
    long[] cnt = new long[queries];
    long eligibleSum = 0;
    for (int i = 0; i < queries; i++) {
      long c = cpu();
      long s = System.nanoTime();
      Simulation result = index.simulate(sampleRules.get(i), null, null, AS_OF);
      sim[i] = System.nanoTime() - s;
      simCpu[i] = cpu() - c;
      eligibleSum += result.eligible() + result.unknown();
      s = System.nanoTime();
      index.count(sampleRules.get(i), AS_OF);
      cnt[i] = System.nanoTime() - s;
    }
    int refQueries = Math.min(queries, intArg("ref-queries", 20));
    long[] refSim = new long[refQueries];
    for (int i = 0; i < refQueries; i++) {
      long s = System.nanoTime();
      referenceSimulate(sampleRules.get(i), profiles);
      refSim[i] = System.nanoTime() - s;
    }
    log("policy->firms simulate median %.2f ms p99 %.2f ms (avg %.0f firms eligible+unknown per rule); reference median %.1f ms",
        ms(pct(sim, 50)), ms(pct(sim, 99)), (double) eligibleSum / queries, ms(pct(refSim, 50)));
    row("policy→firms: ELIGIBLE+UNKNOWN counts with township, section and size breakdown (" + queries + " rules)",
        "EnterpriseIndex.simulate", String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms wall; on-CPU median %.2f ms, p99 %.2f ms",
            ms(pct(sim, 50)), ms(pct(sim, 99)), ms(pct(simCpu, 50)), ms(pct(simCpu, 99))),
        "median ≤ 10 ms", String.format(Locale.ROOT, "median %.0f ms, p99 %.0f ms (full scan, %d rules)", ms(pct(refSim, 50)),
            ms(pct(refSim, 99)), refQueries));
    row("policy→firms: counts only", "EnterpriseIndex.count",
        String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms", ms(pct(cnt, 50)), ms(pct(cnt, 99))), "—", "—");

    // facets: lucene-facet versus doc-values counting (on the committed index)
    if (!args.containsKey("skip-facets")) {
      try (FacetComparison fc = new FacetComparison(dir)) {
        List<Rule> fr = sampleRules.subList(0, Math.min(100, queries));
        fc.check(fr.subList(0, Math.min(20, fr.size())), AS_OF);
        long[] lf = new long[fr.size()];
        long[] dv = new long[fr.size()];
        for (int rep = 0; rep < 2; rep++) {
          for (int i = 0; i < fr.size(); i++) {
            long s = System.nanoTime();
            fc.luceneFacet(fr.get(i), AS_OF);
            lf[i] = System.nanoTime() - s;
            s = System.nanoTime();
            fc.docValues(fr.get(i), AS_OF);
            dv[i] = System.nanoTime() - s;
          }
        }
        row("township breakdown of the TRUE set (" + fr.size() + " rules): lucene-facet StringValueFacetCounts",
            "lucene-facet", String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms + %.0f ms state build per reopen",
                ms(pct(lf, 50)), ms(pct(lf, 99)), fc.stateBuildNanos / 1e6), "—", "—");
        row("township breakdown of the TRUE set: doc-values ordinal counting (used)", "BreakdownCollector",
            String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms, no per-reopen state", ms(pct(dv, 50)), ms(pct(dv, 99))),
            "—", "—");
      }
    }
    index.close();

    // ---- firm -> policies
    PolicyMatcher matcher = new PolicyMatcher();
    t0 = System.nanoTime();
    matcher.putAll(rules);
    log("matcher compiled %d rules in %.2f s", ruleCount, secs(t0));
    List<Profile> sampleProfiles = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      sampleProfiles.add(profiles.get(rnd.nextInt(profiles.size())));
    }
    // Warm-up on other random firms until the JIT has settled (a server matches continuously; a
    // few thousand calls leave the hot methods in the C1 tiers and cost ~40 % of the throughput).
    int warmup = intArg("warmup", 60_000);
    t0 = System.nanoTime();
    for (int i = 0; i < warmup; i++) {
      touch(matcher.match(profiles.get(rnd.nextInt(profiles.size()))));
    }
    log("matcher warm-up: %d firms in %.1f s", warmup, secs(t0));
    long[] lat = new long[samples];
    long[] latCpu = new long[samples];
    long matched = 0;
    long misses = 0;
    long touched = 0;
    for (int i = 0; i < samples; i++) {
      long c = cpu();
      long s = System.nanoTime();
      Matches m = matcher.match(sampleProfiles.get(i));
      touched += touch(m);
      lat[i] = System.nanoTime() - s;
      latCpu[i] = cpu() - c;
      matched += m.matches().size();
      misses += m.nearMisses().size();
    }
    // Throughput: a separate loop over other random firms without per-call clocks (reading the
    // thread CPU clock twice per call costs a few percent of a call). Thread CPU time leaves out
    // the GC and JIT threads, which the process CPU time includes: both are reported. The loop is
    // long enough (~3 s) to hold several young collections, so the GC share is averaged, not
    // sampled.
    int throughputN = intArg("throughput-profiles", 100_000);
    List<Profile> throughputProfiles = new ArrayList<>(throughputN);
    for (int i = 0; i < throughputN; i++) {
      throughputProfiles.add(profiles.get(rnd.nextInt(profiles.size())));
    }
    long start = System.nanoTime();
    long cpuStart = cpu();
    long processCpuStart = processCpu();
    for (int i = 0; i < throughputN; i++) {
      touched += touch(matcher.match(throughputProfiles.get(i)));
    }
    double perCpu = throughputN / ((cpu() - cpuStart) / 1e9);
    double perProcessCpu = throughputN / ((processCpu() - processCpuStart) / 1e9);
    double perCore = throughputN / secs(start);
    int refProfiles = Math.min(samples, intArg("ref-profiles", 300));
    long[] refLat = new long[refProfiles];
    start = System.nanoTime();
    long refCpuStart = cpu();
    for (int i = 0; i < refProfiles; i++) {
      long s = System.nanoTime();
      Profile p = sampleProfiles.get(i);
      for (Rule r : ruleList) {
        ReferenceEvaluator.verdict(r, p);
      }
      refLat[i] = System.nanoTime() - s;
    }
    double refPerCore = refProfiles / secs(start);
    double refPerCpu = refProfiles / ((cpu() - refCpuStart) / 1e9);
    log("(touched %d)", touched);
    log("firm->policies match median %.3f ms p99 %.3f ms, %.0f profiles/s wall, %.0f per thread-CPU-second, %.0f per process-CPU-second; %.1f matches + %.1f near misses per firm",
        ms(pct(lat, 50)), ms(pct(lat, 99)), perCore, perCpu, perProcessCpu, (double) matched / samples,
        (double) misses / samples);
    row("firm→policies with per-leaf explanations and near-miss gaps (" + fmt(samples) + " firms; avg "
            + String.format(Locale.ROOT, "%.1f matches + %.1f near misses per firm)", (double) matched / samples, (double) misses / samples),
        "PolicyMatcher.match", String.format(Locale.ROOT, "median %.3f ms, p99 %.3f ms wall; on-CPU median %.3f ms, p99 %.3f ms",
            ms(pct(lat, 50)), ms(pct(lat, 99)), ms(pct(latCpu, 50)), ms(pct(latCpu, 99))),
        "median ≤ 1 ms, p99 ≤ 5 ms", String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms (verdicts only, %d firms)",
            ms(pct(refLat, 50)), ms(pct(refLat, 99)), refProfiles));
    row("firm→policies throughput, one thread, explanations and gaps read (" + fmt(throughputN) + " other random firms, after "
            + fmt(warmup) + " warm-up calls)", "PolicyMatcher.match",
        String.format(Locale.ROOT, "%,.0f profiles/s per thread-CPU-second; %,.0f per process-CPU-second (GC and JIT threads included); %,.0f per wall second",
            perCpu, perProcessCpu, perCore),
        "≥ 20,000 profiles/s/core", String.format(Locale.ROOT, "%,.0f per CPU-second (%,.0f per wall second)", refPerCpu, refPerCore));

    // without the region pre-filter (for the ADR)
    PolicyMatcher flat = PolicyMatcher.withoutPrefilter();
    flat.putAll(rules);
    int flatN = Math.min(samples, 2000);
    for (int i = 0; i < Math.min(500, flatN); i++) {
      touch(flat.match(sampleProfiles.get(i)));
    }
    long[] flatLat = new long[flatN];
    for (int i = 0; i < flatN; i++) {
      long s = System.nanoTime();
      touch(flat.match(sampleProfiles.get(i)));
      flatLat[i] = System.nanoTime() - s;
    }
    row("firm→policies, region pre-filter off (every rule evaluated)", "PolicyMatcher.withoutPrefilter",
        String.format(Locale.ROOT, "median %.3f ms, p99 %.3f ms", ms(pct(flatLat, 50)), ms(pct(flatLat, 99))), "—", "—");

    // Lucene Monitor on the same rules (TRUE and UNKNOWN queries), for the ADR
    if (!args.containsKey("skip-monitor")) {
      t0 = System.nanoTime();
      try (MonitorComparison mc = new MonitorComparison(rules, AS_OF)) {
        double reg = secs(t0);
        int monN = Math.min(samples, intArg("monitor-profiles", 300));
        for (int i = 0; i < Math.min(200, monN); i++) {
          mc.match(sampleProfiles.get(i));
        }
        long[] monLat = new long[monN];
        long agree = 0;
        start = System.nanoTime();
        for (int i = 0; i < monN; i++) {
          Profile p = sampleProfiles.get(i);
          long s = System.nanoTime();
          int n = mc.match(p);
          monLat[i] = System.nanoTime() - s;
          long[] c = new long[1];
          matcher.verdicts(p, (id, v) -> c[0]++);
          agree += n == c[0] ? 1 : 0;
        }
        double monPerCore = monN / secs(start);
        log("monitor registered %d queries in %.1f s; match median %.2f ms; agrees with PolicyMatcher on %d/%d firms",
            2 * ruleCount, reg, ms(pct(monLat, 50)), agree, monN);
        row("firm→policies with Lucene Monitor (TRUE+UNKNOWN queries per policy, verdicts only, " + fmt(monN) + " firms; "
                + agree + " agree with PolicyMatcher)", "lucene-monitor",
            String.format(Locale.ROOT, "median %.2f ms, p99 %.2f ms", ms(pct(monLat, 50)), ms(pct(monLat, 99))), "—", "—");
      }
    }

    // ---- bulk: every firm x every policy on all cores
    int threads = Math.max(1, cores);
    AtomicLong pairs = new AtomicLong();
    AtomicLong bulkCpu = new AtomicLong();
    start = System.nanoTime();
    runParallel(threads, profiles.size(), (from, to) -> {
      long c0 = cpu();
      long[] c = new long[1];
      for (int i = from; i < to; i++) {
        matcher.verdicts(profiles.get(i), (id, v) -> c[0]++);
      }
      pairs.addAndGet(c[0]);
      bulkCpu.addAndGet(cpu() - c0);
    });
    double bulk = secs(start);
    int refBulkFirms = Math.min(profiles.size(), intArg("ref-bulk-firms", 1000));
    start = System.nanoTime();
    runParallel(threads, refBulkFirms, (from, to) -> {
      for (int i = from; i < to; i++) {
        Profile p = profiles.get(i);
        for (Rule r : ruleList) {
          if (ReferenceEvaluator.verdict(r, p) == Verdict.ELIGIBLE) {
            continue;
          }
        }
      }
    });
    double refBulk = secs(start) * profiles.size() / refBulkFirms;
    log("bulk %d x %d on %d threads: %.1f s (%d ELIGIBLE/UNKNOWN pairs); reference extrapolated %.0f s", firms, ruleCount,
        threads, bulk, pairs.get(), refBulk);
    row("bulk: every firm × every policy (" + fmt((long) firms * ruleCount) + " pairs, " + fmt(pairs.get())
            + " ELIGIBLE/UNKNOWN) on " + threads + " threads", "PolicyMatcher.verdicts",
        String.format(Locale.ROOT, "%.1f s wall (%.1f CPU-s over the threads)", bulk, bulkCpu.get() / 1e9), "≤ 60 s",
        String.format(Locale.ROOT, "%.0f s (extrapolated from %d firms × all policies)", refBulk, refBulkFirms));

    printTable(firms, ruleCount, cores);
    if (!args.containsKey("keep")) {
      deleteRecursively(dir);
    }
  }

  /** Reads every explanation and gap, as serializing the answer would. */
  private static long touch(Matches m) {
    long n = 0;
    for (var pm : m.matches()) {
      for (var e : pm.explanation()) {
        n += e.truth().ordinal() + (e.have() == null ? 0 : 1) + (e.need() == null ? 0 : 1);
      }
    }
    for (var nm : m.nearMisses()) {
      for (var g : nm.gaps()) {
        n += g.message().length();
      }
    }
    return n;
  }

  /** What the reference engine does for a policy→firms query: a full scan with the same breakdown. */
  private static long referenceSimulate(Rule rule, List<Profile> profiles) {
    Map<String, long[]> townships = new HashMap<>();
    Map<String, long[]> sections = new HashMap<>();
    Map<String, long[]> sizes = new HashMap<>();
    long hits = 0;
    for (Profile p : profiles) {
      Verdict v = ReferenceEvaluator.verdict(rule, p);
      if (v == Verdict.INELIGIBLE) {
        continue;
      }
      int slot = v == Verdict.ELIGIBLE ? 0 : 1;
      hits++;
      if (p.derived().townshipCode() != null) {
        townships.computeIfAbsent(p.derived().townshipCode(), k -> new long[2])[slot]++;
      }
      if (p.derived().industrySection() != null) {
        sections.computeIfAbsent(p.derived().industrySection(), k -> new long[2])[slot]++;
      }
      if (p.derived().sizeClass() != null) {
        sizes.computeIfAbsent(p.derived().sizeClass().name(), k -> new long[2])[slot]++;
      }
    }
    return hits + townships.size() + sections.size() + sizes.size();
  }

  private interface Range {
    void run(int from, int to) throws Exception;
  }

  private static void runParallel(int threads, int n, Range body) throws Exception {
    List<Thread> ts = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    int chunk = (n + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
      int from = t * chunk;
      int to = Math.min(n, from + chunk);
      Thread th = new Thread(() -> {
        try {
          body.run(from, to);
        } catch (Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
      });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException(errors.get(0));
    }
  }

  private void printTable(int firms, int ruleCount, int cores) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%n%s firms, %s rules, %d cores, JVM %s, max heap %d MB, load average at start %s, at end %s%n%n",
        fmt(firms), fmt(ruleCount), cores, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        loadAtStart, loadAverage()));
    b.append("| measurement | engine | result | target | ReferenceEvaluator, same data |\n");
    b.append("|---|---|---|---|---|\n");
    for (String[] r : rows) {
      b.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    System.out.println(b);
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long pct(long[] values, int p) {
    long[] v = values.clone();
    Arrays.sort(v);
    int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
