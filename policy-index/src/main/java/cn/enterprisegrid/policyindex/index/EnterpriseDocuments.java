package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * Profile → Lucene document, and the field names the query translation relies on. Terms for what
 * queries match (uscc, codes and code paths, enums, tags, present/missing fields), points and doc
 * values for numbers, single-valued sorted doc values for ids and breakdowns (uscc, township,
 * section, size class); nothing stored.
 */
final class EnterpriseDocuments {
  static final String USCC = "uscc";
  /** Present non-numeric fields, by rule JSON name (drives {@code exists} and the FALSE sets). */
  static final String HAS = "_has";
  /** Absent fields, by rule JSON name (drives the UNKNOWN sets with short posting lists). */
  static final String MISSING = "_missing";
  static final String REGION = "region";
  static final String REGION_PATH = "regionPath";
  static final String TOWNSHIP = "township";
  static final String INDUSTRY = "industry";
  static final String INDUSTRY_PATH = "industryPath";
  static final String SECTION = "section";
  /** Character unigrams and bigrams of the firm's name ({@link NameGrams}). */
  static final String NAME_GRAMS = "nameGrams";
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
    BytesRef id = new BytesRef(p.uscc());
    d.add(new StringField(USCC, id, org.apache.lucene.document.Field.Store.NO));
    d.add(new SortedDocValuesField(USCC, id));
    for (Field f : Field.values()) {
      if (!p.has(f)) {
        d.add(new StringField(MISSING, f.jsonName(), org.apache.lucene.document.Field.Store.NO));
      } else if (!f.type().isNumeric()) { // numeric presence is the existence of their doc values
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
    if (p.derived().townshipCode() != null) {
      d.add(new SortedDocValuesField(TOWNSHIP, new BytesRef(p.derived().townshipCode())));
    }
    String name = p.enterprise().name();
    if (name != null) {
      for (String gram : NameGrams.index(name)) {
        d.add(new StringField(NAME_GRAMS, gram, org.apache.lucene.document.Field.Store.NO));
      }
    }
    String industry = p.textOrNull(Field.INDUSTRY_CODE);
    if (industry != null) {
      d.add(new StringField(INDUSTRY, industry, org.apache.lucene.document.Field.Store.NO));
      for (String prefix : p.codePath(Field.INDUSTRY_CODE)) {
        d.add(new StringField(INDUSTRY_PATH, prefix, org.apache.lucene.document.Field.Store.NO));
      }
    }
    if (p.derived().industrySection() != null) {
      d.add(new SortedDocValuesField(SECTION, new BytesRef(p.derived().industrySection())));
    }
    String size = p.textOrNull(Field.SIZE_CLASS);
    if (size != null) {
      d.add(new StringField(SIZE_CLASS, size, org.apache.lucene.document.Field.Store.NO));
      d.add(new SortedDocValuesField(SIZE_CLASS, new BytesRef(size)));
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
