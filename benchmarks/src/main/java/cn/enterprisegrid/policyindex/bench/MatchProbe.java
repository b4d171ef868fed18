package cn.enterprisegrid.policyindex.bench;

import cn.enterprisegrid.policyindex.match.Matches;
import cn.enterprisegrid.policyindex.match.PolicyMatcher;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.testing.SyntheticData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Focused probe of firm → policies throughput (not a unit test): the same data as {@link
 * MatchingBenchmark} (same seed and generator), only the matcher, with the firms split by which
 * codes they have, so that a change can be judged without a full benchmark run. Run with
 * {@code exec:java -Dexec.mainClass=...MatchProbe -Dexec.args="--firms N --rounds R"}.
 */
public final class MatchProbe {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private MatchProbe() {}

  public static void main(String[] argv) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i].substring(2), argv[i + 1]);
    }
    int firms = Integer.parseInt(a.getOrDefault("firms", "1000000"));
    int ruleCount = Integer.parseInt(a.getOrDefault("rules", "5000"));
    int samples = Integer.parseInt(a.getOrDefault("profiles", "20000"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
    long seed = Long.parseLong(a.getOrDefault("seed", "42"));
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
    PolicyMatcher matcher = new PolicyMatcher();
    matcher.putAll(rules);
    Random rnd = new Random(seed + 1);
    for (int round = 0; round < rounds; round++) {
      long[] nanos = new long[4];
      long[] count = new long[4];
      long[] results = new long[4];
      long touched = 0;
      long alloc0 = allocated();
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long pcpu0 = processCpu();
      long t0 = System.nanoTime();
      for (int i = 0; i < samples; i++) {
        Profile p = profiles.get(rnd.nextInt(firms));
        int cls = (p.has(Field.REGION_CODE) ? 0 : 1) + (p.has(Field.INDUSTRY_CODE) ? 0 : 2);
        long s = System.nanoTime();
        Matches m = matcher.match(p);
        touched += touch(m);
        nanos[cls] += System.nanoTime() - s;
        count[cls]++;
        results[cls] += m.matches().size() + m.nearMisses().size();
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double pcpu = (processCpu() - pcpu0) / 1e9;
      long alloc = allocated() - alloc0;
      StringBuilder b = new StringBuilder();
      String[] names = {"complete", "no region", "no industry", "neither"};
      for (int c = 0; c < 4; c++) {
        if (count[c] > 0) {
          b.append(String.format(Locale.ROOT, " | %s %.1f%%: %.1f us, %.0f results, %.0f%% of time", names[c],
              100.0 * count[c] / samples, nanos[c] / 1e3 / count[c], (double) results[c] / count[c],
              100.0 * nanos[c] / (wall * 1e9)));
        }
      }
      System.out.printf(Locale.ROOT,
          "[probe] round %d: %,.0f /thread-CPU-s, %,.0f /process-CPU-s, %,.0f /wall-s, %,d B allocated per firm%s (touched %d)%n",
          round, samples / cpu, samples / pcpu, samples / wall, alloc / samples, b, touched);
    }
  }

  private static long allocated() {
    return THREADS instanceof com.sun.management.ThreadMXBean t ? t.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
  }

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** Reads every explanation and gap, as {@link MatchingBenchmark} does. */
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
}
