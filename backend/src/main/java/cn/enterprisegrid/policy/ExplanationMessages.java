package cn.enterprisegrid.policy;

import cn.enterprisegrid.dictionary.FieldLabel;
import cn.enterprisegrid.dictionary.FieldLabels;
import cn.enterprisegrid.dictionary.FieldValues;
import cn.enterprisegrid.policyindex.match.Gap;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Truth;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Chinese sentence a firm reads beside each condition of a policy: for a leaf, its own value
 * against the rule ("上年度营业收入5,300万元，满足不低于5,000万元", "缺少资料：研发投入占比，请补充"), for
 * a near miss's gap, what it lacks ("上年度营业收入还差1,200万元", "需具备以下资质之一：科技型中小企业").
 * Labels and units come from the one dictionary ({@link FieldLabels}), values are written by
 * {@link FieldValues}; the machine-readable members beside the sentence stay as they are.
 */
public final class ExplanationMessages {
  private static final ExplanationMessages STANDARD =
      new ExplanationMessages(FieldLabels.standard(), FieldValues.standard());

  private final FieldLabels labels;
  private final FieldValues values;

  public ExplanationMessages(FieldLabels labels, FieldValues values) {
    this.labels = labels;
    this.values = values;
  }

  /** Over the standard dictionary and reference tables. */
  public static ExplanationMessages standard() {
    return STANDARD;
  }

  /** The field's label, e.g. 上年度营业收入. */
  public String label(Field field) {
    return labels.of(field.jsonName()).label();
  }

  /** How one leaf evaluated for the firm, in one sentence. */
  public String leaf(LeafExplanation e) {
    FieldLabel l = labels.of(e.field().jsonName());
    if (e.truth() == Truth.UNKNOWN || (e.op() == Op.EXISTS && e.truth() == Truth.FALSE)) {
      return missing(l);
    }
    if (e.op() == Op.EXISTS) {
      return "已填报" + l.label();
    }
    return have(l, e.have()) + "，" + (e.truth() == Truth.TRUE ? "满足" : "不满足") + requirement(l, e.op(), e.need());
  }

  /** What one gap of a near miss lacks, in one sentence. */
  public String gap(Gap g) {
    FieldLabel l = labels.of(g.field().jsonName());
    if (g.op() == Op.EXISTS) {
      return g.negated() ? "不得填报" + l.label() : missing(l);
    }
    return switch (l.kind()) {
      case INTEGER, AMOUNT, RATIO -> numericGap(l, g);
      case TAGS -> tagGap(l, g);
      default -> g.negated()
          ? l.label() + "不得为：" + values.value(l, g.need())
          : l.label() + "不在政策范围内（需为：" + values.value(l, g.need()) + "）";
    };
  }

  private static String missing(FieldLabel l) {
    return "缺少资料：" + l.label() + "，请补充";
  }

  /** "上年度营业收入5,300万元", "企业规模为中型", "资质为高新技术企业、专精特新". */
  private String have(FieldLabel l, JsonNode have) {
    return switch (l.kind()) {
      case INTEGER, AMOUNT, RATIO -> l.label() + values.value(l, have);
      default -> l.label() + "为" + (have != null && have.isArray() && have.isEmpty() ? "无" : values.value(l, have));
    };
  }

  /** The rule's side of a leaf: "不低于5,000万元", "在5至100人之间", "具备专精特新、高新技术企业之一". */
  private String requirement(FieldLabel l, Op op, JsonNode need) {
    return switch (op) {
      case GTE -> "不低于" + values.value(l, need);
      case GT -> "高于" + values.value(l, need);
      case LTE -> "不超过" + values.value(l, need);
      case LT -> "低于" + values.value(l, need);
      case BETWEEN -> "在" + values.value(l, need.get(0)) + "至" + values.value(l, need.get(1)) + "之间";
      case EQ -> "为" + values.value(l, need);
      case IN -> "为" + oneOf(l, need);
      case PREFIX -> "属于" + oneOf(l, need);
      case HAS_ANY -> "具备" + oneOf(l, need);
      case HAS_ALL -> "具备" + values.value(l, need);
      case EXISTS -> "已填报";
    };
  }

  /** "A", or "A、B之一" when there are several. */
  private String oneOf(FieldLabel l, JsonNode need) {
    return values.value(l, need) + (need.isArray() && need.size() > 1 ? "之一" : "");
  }

  private String numericGap(FieldLabel l, Gap g) {
    JsonNode need = g.need();
    String have = values.value(l, g.have());
    Op op = g.op();
    if (op == Op.EQ || op == Op.IN) {
      String vals = op == Op.IN && need.size() > 1 ? "以下之一：" + values.value(l, need) : values.value(l, need);
      return l.label() + (g.negated() ? "不得为" : "须为") + vals + "（现为" + have + "）";
    }
    if (op == Op.BETWEEN) {
      if (g.negated()) {
        return l.label() + "须不在" + values.value(l, need.get(0)) + "至" + values.value(l, need.get(1))
            + "之间（现为" + have + "）";
      }
      boolean below = g.have().doubleValue() < need.get(0).doubleValue();
      return bound(l, g, below ? Op.GTE : Op.LTE, need.get(below ? 0 : 1));
    }
    Op wanted = !g.negated() ? op : switch (op) {
      case GTE -> Op.LT;
      case GT -> Op.LTE;
      case LTE -> Op.GT;
      default -> Op.GTE;
    };
    return bound(l, g, wanted, need);
  }

  /** The gap of "the value must be {@code wanted} {@code v}": how far it is, in the field's unit. */
  private String bound(FieldLabel l, Gap g, Op wanted, JsonNode v) {
    boolean integer = l.kind() == FieldLabel.Kind.INTEGER;
    String have = values.value(l, g.have());
    double shortBy = g.shortBy() == null ? Double.NaN : g.shortBy();
    return switch (wanted) {
      // a strict bound on a decimal figure has no nearest value to name: say the bound instead
      case GT -> integer ? stillShort(l, g, shortBy) : l.label() + "须高于" + values.value(l, v) + "（现为" + have + "）";
      case GTE -> stillShort(l, g, shortBy);
      case LT -> integer ? over(l, shortBy, v.doubleValue() - 1)
          : l.label() + "须低于" + values.value(l, v) + "（现为" + have + "）";
      default -> over(l, shortBy, v.doubleValue());
    };
  }

  private String stillShort(FieldLabel l, Gap g, double shortBy) {
    String out = l.label() + "还差" + values.difference(l, shortBy);
    return g.eligibleFrom() == null ? out : out + "（" + date(g.eligibleFrom()) + "起满足）";
  }

  private String over(FieldLabel l, double shortBy, double limit) {
    return l.label() + "超出上限" + values.difference(l, shortBy) + "（须不超过" + values.number(l, limit) + "）";
  }

  private String tagGap(FieldLabel l, Gap g) {
    if (!g.negated()) {
      String missing = String.join("、", g.missing() == null ? List.of() : g.missing());
      return g.op() == Op.HAS_ALL ? "缺少" + l.label() + "：" + missing
          : "需具备以下" + l.label() + "之一：" + missing;
    }
    if (g.op() == Op.HAS_ALL) {
      return "不得同时具备" + l.label() + "：" + values.value(l, g.need());
    }
    Set<String> held = new HashSet<>();
    if (g.have() != null) {
      g.have().forEach(t -> held.add(t.asText()));
    }
    List<String> offending = new ArrayList<>();
    g.need().forEach(t -> {
      if (held.contains(t.asText())) {
        offending.add(t.asText());
      }
    });
    return "不得具备" + l.label() + "：" + String.join("、", offending);
  }

  private static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }
}
