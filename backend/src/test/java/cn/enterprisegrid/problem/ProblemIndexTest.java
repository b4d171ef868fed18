package cn.enterprisegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.calendar.Schedules;
import cn.enterprisegrid.calendar.WorkingCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The problem pool's filters, scopes, "overdue now" and paging, on the index alone. */
class ProblemIndexTest {
  static final WorkingCalendar CAL = WorkingCalendar.of(Schedules.bundled());
  static final String RSJ = "开化县人力资源和社会保障局";
  static final String ZRZY = "开化县自然资源和规划局";
  @TempDir Path dir;
  ProblemIndex index;

  @BeforeEach
  void open() {
    index = ProblemIndex.open(dir);
  }

  @AfterEach
  void close() {
    index.close();
  }

  /** A case filed on {@code filed} (a date of 2026), dispatched to {@code dept} when not null. */
  static Map<String, String> kase(String id, String township, String uscc, String dept, String pending, String filed) {
    LocalDate on = LocalDate.parse(filed);
    CaseClock c = CaseClock.submitted(on, ServiceLevels.RULE_13710, CAL);
    Map<String, String> h = new HashMap<>();
    h.put("id", id);
    h.put("status", dept == null ? "SUBMITTED" : "DISPATCHED");
    if (dept != null) {
      c = c.accepted().dispatched(on, Complexity.ORDINARY, ServiceLevels.RULE_13710, CAL);
      h.put("department", dept);
    }
    if (pending != null) {
      h.put("pendingDepartment", pending);
    }
    h.put("township", township);
    h.put("uscc", uscc);
    h.put("category", "LABOUR");
    h.put("filedAt", on.atStartOfDay(WorkingCalendar.ZONE).toInstant().toString());
    h.put("clock", ClockJson.encode(c).encode());
    return h;
  }

  List<String> ids(ProblemIndex.Filter f, Instant now) {
    return index.list(f, now, 1, 100).ids();
  }

  static ProblemIndex.Filter all() {
    return new ProblemIndex.Filter(null, null, null, null, null, null, null);
  }

  @Test
  void filtersScopesAndOverdueNow() {
    index.upsert(kase("1", "330824115", "U1", null, null, "2026-03-02"));
    index.upsert(kase("2", "330824115", "U2", RSJ, null, "2026-03-03"));
    index.upsert(kase("3", "330824116", "U3", RSJ, ZRZY, "2026-03-04"));
    index.upsert(kase("4", "330824116", "U1", ZRZY, null, "2026-06-01"));
    index.refresh();

    assertThat(ids(all(), Instant.parse("2026-01-01T00:00:00Z"))).containsExactly("4", "3", "2", "1");
    assertThat(ids(new ProblemIndex.Filter("DISPATCHED", null, null, null, null, null, null), Instant.EPOCH))
        .containsExactly("4", "3", "2");
    // a township's office by region prefix; a department with the transfers proposed to it
    assertThat(ids(new ProblemIndex.Filter(null, null, null, null, "330824116", null, null), Instant.EPOCH))
        .containsExactly("4", "3");
    assertThat(ids(new ProblemIndex.Filter(null, null, null, null, null, ZRZY, null), Instant.EPOCH))
        .containsExactly("4", "3");
    assertThat(ids(new ProblemIndex.Filter(null, RSJ, null, null, null, null, null), Instant.EPOCH))
        .containsExactly("3", "2");
    // a liaison's firms
    assertThat(ids(new ProblemIndex.Filter(null, null, null, null, null, null, Set.of("U1")), Instant.EPOCH))
        .containsExactly("4", "1");
    // case 1 must be accepted by the end of 2026-03-03: overdue from 2026-03-04 00:00 in Shanghai
    Instant justBefore = Instant.parse("2026-03-03T15:59:59Z");
    Instant after = Instant.parse("2026-03-03T16:00:00Z");
    ProblemIndex.Filter overdue = new ProblemIndex.Filter(null, null, null, true, null, null, null);
    assertThat(ids(overdue, justBefore)).doesNotContain("1");
    assertThat(ids(overdue, after)).contains("1");
    assertThat(ids(new ProblemIndex.Filter(null, null, null, false, null, null, null), after)).doesNotContain("1");
  }

  @Test
  void pagesNewestFirstAndCountsAll() {
    for (int i = 1; i <= 45; i++) {
      index.upsert(kase(String.valueOf(i), "330824115", "U" + i, null, null, "2026-03-02"));
    }
    index.refresh();
    ProblemIndex.Page p3 = index.list(all(), Instant.EPOCH, 3, 20);
    assertThat(p3.total()).isEqualTo(45);
    assertThat(p3.ids()).containsExactly("5", "4", "3", "2", "1");
    // an update replaces the case's document
    index.upsert(kase("7", "330824116", "U7", RSJ, null, "2026-03-02"));
    index.delete("8");
    index.commit("5-0");
    assertThat(index.list(all(), Instant.EPOCH, 1, 100).total()).isEqualTo(44);
    assertThat(index.lastChangeId()).contains("5-0");
  }
}
