package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;

/** Profile → Lucene document, and the field names the query translation relies on. */
final class EnterpriseDocuments {
  static final String USCC = "uscc";
  /** Present fields, by rule JSON name (drives {@code exists} and UNKNOWN). */
  static final String HAS = "_has";
  static final String REGION = "region";
  static final String REGION_PATH = "regionPath";
  static final String COUNTY = "county";
  static final String TOWNSHIP = "township";
  static final String INDUSTRY = "industry";
  static final String INDUSTRY_PATH = "industryPath";
  static final String SECTION = "section";
  static final String SIZE_CLASS = "sizeClass";
  static final String CREDIT_STATUS = "creditStatus";
  static final String TAGS = "tags";
  static final String STAT_TAGS = "statTags";
  /** Establishment date as epoch day; yearsSinceEstablished becomes a range of it at query time. */
  static final String ESTABLISHED = "established";

  private EnterpriseDocuments() {}

  /** Lucene field holding a numeric rule field (yearsSinceEstablished excepted). */
  static String numericField(Field f) {
    return f.jsonName();
  }

  static Document toDocument(Profile p) {
    Document d = new Document();
    d.add(new KeywordField(USCC, p.uscc(), org.apache.lucene.document.Field.Store.YES));
    for (Field f : Field.values()) {
      if (p.has(f)) {
        d.add(new StringField(HAS, f.jsonName(), org.apache.lucene.document.Field.Store.NO));
      }
    }
    String region = p.textOrNull(Field.REGION_CODE);
    if (region != null) {
      d.add(new StringField(REGION, region, org.apache.lucene.document.Field.Store.NO));
      for (String prefix : p.codePath(Field.REGION_CODE)) {
        d.add(new StringField(REGION_PATH, prefix, org.apache.lucene.document.Field.Store.NO));
      }
    }
    if (p.derived().countyCode() != null) {
      d.add(new KeywordField(COUNTY, p.derived().countyCode(), org.apache.lucene.document.Field.Store.NO));
    }
    if (p.derived().townshipCode() != null) {
      d.add(new KeywordField(TOWNSHIP, p.derived().townshipCode(), org.apache.lucene.document.Field.Store.NO));
    }
    String industry = p.textOrNull(Field.INDUSTRY_CODE);
    if (industry != null) {
      d.add(new StringField(INDUSTRY, industry, org.apache.lucene.document.Field.Store.NO));
      for (String prefix : p.codePath(Field.INDUSTRY_CODE)) {
        d.add(new StringField(INDUSTRY_PATH, prefix, org.apache.lucene.document.Field.Store.NO));
      }
    }
    if (p.derived().industrySection() != null) {
      d.add(new KeywordField(SECTION, p.derived().industrySection(), org.apache.lucene.document.Field.Store.NO));
    }
    String size = p.textOrNull(Field.SIZE_CLASS);
    if (size != null) {
      d.add(new KeywordField(SIZE_CLASS, size, org.apache.lucene.document.Field.Store.NO));
    }
    String credit = p.textOrNull(Field.CREDIT_STATUS);
    if (credit != null) {
      d.add(new StringField(CREDIT_STATUS, credit, org.apache.lucene.document.Field.Store.NO));
    }
    addTags(d, TAGS, p.tagsOrNull(Field.TAGS));
    addTags(d, STAT_TAGS, p.tagsOrNull(Field.STAT_TAGS));
    if (p.establishedOn() != null) {
      d.add(new LongField(ESTABLISHED, p.establishedOn().toEpochDay(), org.apache.lucene.document.Field.Store.NO));
    }
    if (p.has(Field.EMPLOYEES)) {
      d.add(new IntField(numericField(Field.EMPLOYEES), (int) p.numberOrNaN(Field.EMPLOYEES),
          org.apache.lucene.document.Field.Store.NO));
    }
    for (Field f : new Field[] {Field.REGISTERED_CAPITAL, Field.REVENUE, Field.ASSETS, Field.RD_EXPENSE, Field.TAX_PAID,
        Field.RD_RATIO, Field.REVENUE_GROWTH}) {
      if (p.has(f)) {
        d.add(new DoubleField(numericField(f), p.numberOrNaN(f), org.apache.lucene.document.Field.Store.NO));
      }
    }
    return d;
  }

  private static void addTags(Document d, String name, Set<String> tags) {
    if (tags != null) {
      for (String t : tags) {
        d.add(new StringField(name, t, org.apache.lucene.document.Field.Store.NO));
      }
    }
  }
}
