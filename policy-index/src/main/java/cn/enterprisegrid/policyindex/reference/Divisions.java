package cn.enterprisegrid.policyindex.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NBS 2023 statistical division codes (provinces, cities, counties and townships of the whole
 * country, villages of Zhejiang only), loaded once from the classpath on first use. Immutable and
 * thread-safe.
 */
public final class Divisions {

  private static final class Holder {
    static final Divisions INSTANCE = load();
  }

  private final Map<String, Division> byCode;
  private final Map<String, List<Division>> children;
  private final List<Division> provinces;

  private Divisions(Map<String, Division> byCode) {
    this.byCode = Map.copyOf(byCode);
    Map<String, List<Division>> kids = new HashMap<>();
    List<Division> roots = new ArrayList<>();
    for (Division d : byCode.values()) {
      if (d.parentCode() == null) {
        roots.add(d);
      } else {
        kids.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d);
      }
    }
    Comparator<Division> byCodeOrder = Comparator.comparing(Division::code);
    Map<String, List<Division>> frozen = new HashMap<>();
    kids.forEach((k, v) -> {
      v.sort(byCodeOrder);
      frozen.put(k, List.copyOf(v));
    });
    roots.sort(byCodeOrder);
    this.children = Map.copyOf(frozen);
    this.provinces = List.copyOf(roots);
  }

  /** The bundled data set (loaded lazily, once). */
  public static Divisions standard() {
    return Holder.INSTANCE;
  }

  /** The division with this code, if it is in the data set. */
  public Optional<Division> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }

  /** True when the code is in the data set. */
  public boolean exists(String code) {
    return code != null && byCode.containsKey(code);
  }

  /** Chinese name of the division. */
  public Optional<String> name(String code) {
    return find(code).map(Division::name);
  }

  /** Level of the division. */
  public Optional<DivisionLevel> level(String code) {
    return find(code).map(Division::level);
  }

  /** Code of the enclosing division (empty for provinces and unknown codes). */
  public Optional<String> parent(String code) {
    return find(code).map(Division::parentCode);
  }

  /** The divisions directly below this one, ordered by code (empty when none or unknown). */
  public List<Division> children(String code) {
    return children.getOrDefault(code, List.of());
  }

  /** All provinces, ordered by code. */
  public List<Division> provinces() {
    return provinces;
  }

  /** Number of divisions in the data set. */
  public int size() {
    return byCode.size();
  }

  /** Every division at one level (a fresh list, ordered by code). */
  public List<Division> atLevel(DivisionLevel level) {
    List<Division> out = new ArrayList<>();
    for (Division d : byCode.values()) {
      if (d.level() == level) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing(Division::code));
    return Collections.unmodifiableList(out);
  }

  private static Divisions load() {
    Map<String, Division> map = new HashMap<>(1 << 17);
    add(map, Csv.readResource("provinces.csv"), DivisionLevel.PROVINCE, null);
    add(map, Csv.readResource("cities.csv"), DivisionLevel.CITY, "provinceCode");
    add(map, Csv.readResource("areas.csv"), DivisionLevel.COUNTY, "cityCode");
    add(map, Csv.readResource("streets.csv"), DivisionLevel.TOWNSHIP, "areaCode");
    add(map, Csv.readResource("villages-zhejiang.csv"), DivisionLevel.VILLAGE, "streetCode");
    return new Divisions(map);
  }

  private static void add(Map<String, Division> map, Csv.Table table, DivisionLevel level, String parentColumn) {
    for (String[] row : table.rows()) {
      String code = table.get(row, "code").trim();
      if (code.isEmpty()) {
        continue;
      }
      String parent = parentColumn == null ? null : table.get(row, parentColumn).trim();
      map.put(code, new Division(code, table.get(row, "name").trim(), level, parent));
    }
  }
}
