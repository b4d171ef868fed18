package cn.enterprisegrid.problem;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarProblemsTest {
  private static final String HUABU = "330824115";
  private static final String MAJIN = "330824116";
  private final SimilarProblems index = new SimilarProblems(new ByteBuffersDirectory());

  @AfterEach
  void close() {
    index.close();
  }

  private static SimilarProblems.Entry entry(String id, String uscc, String category, String township, String title,
      String description) {
    return new SimilarProblems.Entry(id, uscc, category, township, title, description);
  }

  @Test
  void findsTheSameProblemOfAnotherFirmInTheSameTownshipAndCategory() {
    index.open(entry("P1", "91330824MA2A000001", "水电气", HUABU, "工业园区停电频繁", "园区供电线路老化，近一个月停电三次，影响生产"));
    index.open(entry("P2", "91330824MA2A000002", "融资", HUABU, "贷款审批慢", "银行贷款审批周期长，流动资金紧张"));
    index.open(entry("P3", "91330824MA2A000003", "水电气", MAJIN, "工业园区停电频繁", "园区供电线路老化，停电影响生产"));

    index.refresh();
    List<SimilarProblems.Match> m = index.similarTo(entry("P4", "91330824MA2A000004", "水电气", HUABU,
        "园区经常停电", "供电线路老化导致停电，影响企业生产"));
    assertThat(m).extracting(SimilarProblems.Match::id).as("same category and township only").containsExactly("P1");
    assertThat(m.get(0).sharedWords()).contains("停电", "供电", "线路", "老化", "生产");
  }

  @Test
  void theSameFirmsOpenProblemMatchesAcrossCategories() {
    index.open(entry("P1", "91330824MA2A000001", "用地", HUABU, "厂房扩建用地指标", "扩建厂房需要新增用地指标，审批未通过"));
    index.refresh();
    List<SimilarProblems.Match> m = index.similarTo(entry("P2", "91330824MA2A000001", "审批", MAJIN,
        "扩建厂房用地审批", "厂房扩建用地指标审批进展缓慢"));
    assertThat(m).extracting(SimilarProblems.Match::id).containsExactly("P1");
  }

  @Test
  void unrelatedTextAndClosedProblemsAreNotProposed() {
    index.open(entry("P1", "91330824MA2A000001", "水电气", HUABU, "工业园区停电频繁", "园区供电线路老化，停电影响生产"));
    index.refresh();
    assertThat(index.similarTo(entry("P2", "91330824MA2A000002", "水电气", HUABU, "自来水水压不足", "厂区自来水水压低，锅炉补水困难")))
        .isEmpty();
    index.closed("P1");
    index.refresh();
    assertThat(index.similarTo(entry("P3", "91330824MA2A000003", "水电气", HUABU, "园区停电频繁", "供电线路老化停电影响生产")))
        .isEmpty();
  }

  @Test
  void aProblemIsNotItsOwnDuplicate() {
    SimilarProblems.Entry e = entry("P1", "91330824MA2A000001", "水电气", HUABU, "工业园区停电频繁", "园区供电线路老化，停电影响生产");
    index.open(e);
    index.refresh();
    assertThat(index.similarTo(e)).isEmpty();
  }

  @Test
  void aBurstOfAlikeFilingsLinksEachToTheEarlierOnesOnly() {
    // ids drawn from problems:seq: the indexer links a second's filings after they are all searchable
    for (int id = 101; id <= 104; id++) {
      index.open(entry(String.valueOf(id), "91330824MA2A00000" + (id - 100), "水电气", HUABU, "工业园区停电频繁",
          "园区供电线路老化，近一个月停电三次，影响生产"));
    }
    index.refresh();
    assertThat(index.similarTo(entry("101", "91330824MA2A000001", "水电气", HUABU, "工业园区停电频繁",
        "园区供电线路老化，近一个月停电三次，影响生产"))).as("the first has none before it").isEmpty();
    assertThat(index.similarTo(entry("103", "91330824MA2A000003", "水电气", HUABU, "工业园区停电频繁",
        "园区供电线路老化，近一个月停电三次，影响生产"))).extracting(SimilarProblems.Match::id)
        .containsExactlyInAnyOrder("101", "102");
  }

  @Test
  void anIndexOfAnotherLayoutIsEmptiedAndSaysSo() throws Exception {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter old = new IndexWriter(dir, new IndexWriterConfig())) {
      old.addDocument(new Document());
      old.commit();   // no layout recorded: an index written before it was
    }
    try (SimilarProblems reopened = new SimilarProblems(dir)) {
      assertThat(reopened.current()).isFalse();
      reopened.open(entry("P1", "91330824MA2A000001", "水电气", HUABU, "工业园区停电频繁", "园区供电线路老化，停电影响生产"));
      reopened.commit();
    }
    try (SimilarProblems again = new SimilarProblems(dir)) {
      assertThat(again.current()).as("written by this layout now").isTrue();
      again.refresh();
      assertThat(again.similarTo(entry("P2", "91330824MA2A000002", "水电气", HUABU, "园区停电频繁",
          "供电线路老化停电影响生产"))).extracting(SimilarProblems.Match::id).containsExactly("P1");
    }
  }
}
