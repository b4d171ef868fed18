package cn.enterprisegrid.policyindex.bench;

import cn.enterprisegrid.policyindex.match.PolicyMatcher;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.testing.SyntheticData;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every {@link PolicyMatcher#match} answer (and one {@code explain} per firm) for
 * synthetic firms and rules as JSON lines, so that the output of two versions of the matcher can
 * be compared byte for byte (a tool, not a unit test). Args: output file, data file. The generator
 * is not reproducible across JVMs (Set.of iteration order), so the firms and rules are written to
 * the data file on the first run and read back from it on later runs.
 */
public final class MatchDump {
  private MatchDump() {}

  public static void main(String[] argv) throws Exception {
    LocalDate asOf = LocalDate.of(2025, 2, 28);
    ObjectMapper json = new ObjectMapper();
    List<Profile> profiles = new ArrayList<>();
    Map<String, Rule> rules = new LinkedHashMap<>();
    java.nio.file.Path dataFile = Paths.get(argv[1]);
    if (Files.exists(dataFile)) {
      for (String line : Files.readAllLines(dataFile)) {
        com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
        if (n.has("rule")) {
          rules.put(n.get("id").asText(), Rule.fromJson(n.get("rule")));
        } else {
          profiles.add(ProfileDeriver.standard().profile(Enterprise.fromJson(n), asOf));
        }
      }
    } else {
      SyntheticData data = new SyntheticData(20250228L, asOf, 0.15);
      for (int i = 0; i < 3000; i++) {
        profiles.add(ProfileDeriver.standard().profile(data.enterprise(i), asOf));
      }
      for (int i = 0; i < 400; i++) {
        rules.put(String.format("R%04d", i), data.randomRule(3, profiles));
      }
      for (int i = 0; i < 1000; i++) {
        rules.put(String.format("P%04d", i), data.realisticRule());
      }
      try (BufferedWriter w = Files.newBufferedWriter(dataFile)) {
        for (Profile p : profiles) {
          w.write(p.enterprise().toJson().toString());
          w.newLine();
        }
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
          w.write(json.createObjectNode().put("id", e.getKey()).set("rule", e.getValue().toJson()).toString());
          w.newLine();
        }
      }
    }
    PolicyMatcher m = new PolicyMatcher();
    m.putAll(rules);
    List<String> ids = new ArrayList<>(rules.keySet());
    try (BufferedWriter w = Files.newBufferedWriter(Paths.get(argv[0]))) {
      for (int i = 0; i < profiles.size(); i++) {
        Profile p = profiles.get(i);
        w.write(json.writeValueAsString(m.match(p)));
        w.newLine();
        w.write(json.writeValueAsString(m.match(p, false)));
        w.newLine();
        w.write(json.writeValueAsString(m.explain(ids.get(i % ids.size()), p).orElseThrow()));
        w.newLine();
      }
    }
  }
}
