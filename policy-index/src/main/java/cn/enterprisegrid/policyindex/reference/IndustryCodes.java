package cn.enterprisegrid.policyindex.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GB/T 4754-2017 industry codes (with the 2019 amendment), loaded once from the classpath on first
 * use. Groups holding a single class, which the standard lists only at class level, are added as
 * {@linkplain IndustryCode#implied() implied} groups so that every class has a complete path.
 * Immutable and thread-safe.
 */
public final class IndustryCodes {

  private static final class Holder {
    static final IndustryCodes INSTANCE = load();
  }

  private final Map<String, IndustryCode> byCode;
  private final List<IndustryCode> classes;

  private IndustryCodes(Map<String, IndustryCode> byCode) {
    this.byCode = Map.copyOf(byCode);
    List<IndustryCode> cls = new ArrayList<>();
    for (IndustryCode c : byCode.values()) {
      if (c.level() == IndustryLevel.CLASS) {
        cls.add(c);
      }
    }
    cls.sort(Comparator.comparing(IndustryCode::code));
    this.classes = List.copyOf(cls);
  }

  /** The bundled data set (loaded lazily, once). */
  public static IndustryCodes standard() {
    return Holder.INSTANCE;
  }

  /**
   * True when {@code code} has the shape of an industry code prefix: a section letter A-T or 2 to 4
   * digits. Says nothing about whether it exists.
   */
  public static boolean isPlausiblePrefix(String code) {
    if (code == null) {
      return false;
    }
    if (code.length() == 1) {
      char c = code.charAt(0);
      return c >= 'A' && c <= 'T';
    }
    return isDigits(code) && code.length() >= 2 && code.length() <= 4;
  }

  /** True when {@code code} is four digits. */
  public static boolean isPlausibleClass(String code) {
    return code != null && code.length() == 4 && isDigits(code);
  }

  /** The entry for this code (section, division, group, implied group or class). */
  public Optional<IndustryCode> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }

  /** True when the code is listed (or is an implied single-class group). */
  public boolean exists(String code) {
    return code != null && byCode.containsKey(code);
  }

  /** Level of the code. */
  public Optional<IndustryLevel> level(String code) {
    return find(code).map(IndustryCode::level);
  }

  /** Chinese name of the code. */
  public Optional<String> name(String code) {
    return find(code).map(IndustryCode::name);
  }

  /**
   * Section letter of any code: the letter itself, or the section of its 2-digit division (so that
   * an unlisted class of a listed division still gets a section).
   */
  public Optional<String> section(String code) {
    if (code == null || code.isEmpty()) {
      return Optional.empty();
    }
    IndustryCode exact = byCode.get(code);
    if (exact != null) {
      return Optional.of(exact.section());
    }
    if (code.length() >= 2) {
      IndustryCode division = byCode.get(code.substring(0, 2));
      if (division != null && division.level() == IndustryLevel.DIVISION) {
        return Optional.of(division.section());
      }
    }
    return Optional.empty();
  }

  /** Path of a listed class code; empty for anything that is not a listed class. */
  public Optional<IndustryPath> path(String classCode) {
    IndustryCode c = classCode == null ? null : byCode.get(classCode);
    if (c == null || c.level() != IndustryLevel.CLASS) {
      return Optional.empty();
    }
    return Optional.of(new IndustryPath(c.section(), classCode.substring(0, 2), classCode.substring(0, 3), classCode));
  }

  /** Every class, ordered by code. */
  public List<IndustryCode> classes() {
    return classes;
  }

  private static IndustryCodes load() {
    Csv.Table t = Csv.readResource("gbt4754-2017.csv");
    Map<String, IndustryCode> map = new HashMap<>();
    for (String[] row : t.rows()) {
      String code = t.get(row, "code").trim();
      if (code.isEmpty()) {
        continue;
      }
      IndustryLevel level = switch (Integer.parseInt(t.get(row, "level").trim())) {
        case 1 -> IndustryLevel.SECTION;
        case 2 -> IndustryLevel.DIVISION;
        case 3 -> IndustryLevel.GROUP;
        case 4 -> IndustryLevel.CLASS;
        default -> throw new IllegalStateException("bad level in row " + code);
      };
      map.put(code, new IndustryCode(code, level, t.get(row, "section").trim(), t.get(row, "name").trim(), false));
    }
    List<IndustryCode> implied = new ArrayList<>();
    for (IndustryCode c : map.values()) {
      if (c.level() == IndustryLevel.CLASS && !map.containsKey(c.code().substring(0, 3))) {
        implied.add(new IndustryCode(c.code().substring(0, 3), IndustryLevel.GROUP, c.section(), c.name(), true));
      }
    }
    for (IndustryCode g : implied) {
      map.put(g.code(), g);
    }
    return new IndustryCodes(map);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
