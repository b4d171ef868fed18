package cn.enterprisegrid.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of wrk, the load generator, in its own process (installed from Debian by the bench
 * scripts): its throughput and latency percentiles, and the counters its Lua script printed from
 * {@code done()} as lines {@code COUNT name n}.
 *
 * @param perSecond requests answered per second over the run
 * @param counts    the script's counters by name (e.g. {@code 2xx}, {@code 5xx})
 * @param output    everything wrk printed
 */
public record Wrk(double perSecond, String p50, String p90, String p99, Map<String, Long> counts, String output) {
  private static final Pattern COUNT = Pattern.compile("(?m)^COUNT (\\S+) (\\d+)$");

  /** A counter the script printed, 0 when it printed none of that name. */
  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /**
   * Runs {@code wrk -t2 -cC -dSs --latency -s script url}; {@code print} echoes its output.
   *
   * @throws IllegalStateException when wrk fails or prints no figures
   */
  public static Wrk run(Path script, String url, int connections, int seconds, boolean print)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
        "--timeout", "10s", "-s", script.toString(), url).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (print) {
          System.out.println(line);
        }
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Map<String, Long> counts = new TreeMap<>();
    Matcher m = COUNT.matcher(out);
    while (m.find()) {
      counts.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return new Wrk(Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")), find(out, "50%\\s+(\\S+)"),
        find(out, "90%\\s+(\\S+)"), find(out, "99%\\s+(\\S+)"), Map.copyOf(counts), out.toString());
  }

  /** wrk's latency text (e.g. {@code 1.23ms}, {@code 2.00s}) in milliseconds. */
  public static double millis(String latency) {
    Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(latency);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a wrk latency: " + latency);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1_000;
      case "ms" -> v;
      case "s" -> v * 1_000;
      default -> v * 60_000;
    };
  }

  /**
   * The Lua functions that count answers by status class per thread and print the totals as
   * {@code COUNT 2xx n} ... from {@code done()}; the first few non-2xx answers are printed whole.
   * A script appends its own {@code request()}.
   */
  public static String statusCounters() {
    return """
        local threads = {}
        function setup(thread)
          thread:set("id", #threads)
          table.insert(threads, thread)
        end
        function init(args)
          c2, c3, c4, c5 = 0, 0, 0, 0
          shown = 0
        end
        function response(status, headers, body)
          if status < 300 then c2 = c2 + 1
          elseif status < 400 then c3 = c3 + 1
          elseif status < 500 then c4 = c4 + 1
          else c5 = c5 + 1 end
          if status >= 300 and shown < 2 then
            shown = shown + 1
            print("answer " .. status .. ": " .. string.sub(body, 1, 300))
          end
        end
        function done(summary, latency, requests)
          local t2, t3, t4, t5 = 0, 0, 0, 0
          for _, t in ipairs(threads) do
            t2 = t2 + t:get("c2")
            t3 = t3 + t:get("c3")
            t4 = t4 + t:get("c4")
            t5 = t5 + t:get("c5")
          end
          print("COUNT 2xx " .. t2)
          print("COUNT 3xx " .. t3)
          print("COUNT 4xx " .. t4)
          print("COUNT 5xx " .. t5)
          print("COUNT socket-errors " .. (summary.errors.connect + summary.errors.read
            + summary.errors.write + summary.errors.timeout))
        end
        """;
  }

  private static String find(CharSequence out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk said no " + regex + ":\n" + out);
    }
    return m.group(1);
  }
}
