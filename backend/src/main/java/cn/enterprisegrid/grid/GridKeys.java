package cn.enterprisegrid.grid;

import java.util.List;

/** Every Redis key of the service grid (docs/grid.md lists them with their meaning). */
public final class GridKeys {
  public static final String CONFIG = "grid:config";
  /** USCC to the custom cell that lists the firm. */
  public static final String PIN = "grid:pin";
  /** Region code to the cell it makes. */
  public static final String PREFIX = "grid:prefix";
  public static final String STATS = "grid:stats";
  public static final String CELLS = "grid:cells";
  /** The cells again as a sorted set, for paging. */
  public static final String CELLS_PAGED = "grid:cellz";
  public static final String LIAISONS = "grid:liaisons";
  public static final String ACTIVE_LIAISONS = "grid:liaisons:active";
  /** The active liaisons again as a sorted set, for paging. */
  public static final String ACTIVE_LIAISONS_PAGED = "grid:lz";
  /** Counties that have firms without a cell. */
  public static final String NO_CELL_COUNTIES = "grid:nocells";
  /** GridSync's position in the change stream. */
  public static final String SYNC_CURSOR = "grid:cursor";

  private GridKeys() {}

  /** The fixed keys every grid operation script takes first, in the order of include/grid_state.lua. */
  public static List<String> fixed() {
    return List.of(CONFIG, PIN, PREFIX, STATS, CELLS, CELLS_PAGED, LIAISONS, ACTIVE_LIAISONS,
        ACTIVE_LIAISONS_PAGED, NO_CELL_COUNTIES);
  }

  public static String cell(String id) {
    return "grid:cell:" + id;
  }

  /** The firms of a cell. */
  public static String cellFirms(String cell) {
    return "grid:cf:" + cell;
  }

  public static String liaison(String id) {
    return "grid:l:" + id;
  }

  /** The firms of a liaison (its load is the set's size). */
  public static String liaisonFirms(String id) {
    return "grid:lf:" + id;
  }

  /** A counter for new ids of a kind: cell, liaison, visit, problem, callback. */
  public static String sequence(String kind) {
    return "grid:seq:" + kind;
  }

  /** Call-back scores of a liaison ({@code l}) or a cell ({@code c}). */
  public static String score(String kind, String id) {
    return "grid:score:" + kind + ":" + id;
  }
}
