package cn.enterprisegrid.mp.wechat.fake;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value rules of subscribe-message template fields, by the field key's kind (the key without its trailing
 * digits: {@code thing1} is a {@code thing}), after WeChat's public documentation.
 */
final class TemplateRules {

  static final Set<String> KINDS = Set.of("thing", "number", "letter", "symbol", "character_string", "time", "date",
    "amount", "phone_number", "car_number", "name", "phrase");

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,32}(\\.[0-9]+)?");
  private static final Pattern LETTER = Pattern.compile("[A-Za-z]{1,32}");
  private static final Pattern CHARACTER_STRING = Pattern.compile("[\\x21-\\x7E]{1,32}");
  private static final Pattern AMOUNT = Pattern.compile("[¥￥$€£]?[0-9]{1,10}(\\.[0-9]{1,2})?元?");
  private static final Pattern PHONE = Pattern.compile("[0-9+\\-() ]{1,17}");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}{1,5}");

  private static final List<DateTimeFormatter> DATE_TIMES = formatters("uuuu-MM-dd HH:mm", "uuuu-MM-dd HH:mm:ss",
    "uuuu/MM/dd HH:mm", "uuuu/MM/dd HH:mm:ss", "uuuu年M月d日 HH:mm", "uuuu年M月d日 HH:mm:ss");
  private static final List<DateTimeFormatter> DATES = formatters("uuuu-MM-dd", "uuuu/MM/dd", "uuuu年M月d日");
  private static final List<DateTimeFormatter> TIMES = formatters("HH:mm", "HH:mm:ss");

  private TemplateRules() {
  }

  static String kindOf(String key) {
    String kind = key.replaceAll("[0-9]+$", "");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown template field kind: " + key);
    }
    return kind;
  }

  /** @return whether {@code value} is acceptable for a field of this kind */
  static boolean accepts(String kind, String value) {
    int length = value.codePointCount(0, value.length());
    return switch (kind) {
      case "thing" -> length <= 20;
      case "number" -> NUMBER.matcher(value).matches();
      case "letter" -> LETTER.matcher(value).matches();
      case "symbol" -> length <= 5 && value.codePoints().noneMatch(Character::isLetterOrDigit);
      case "character_string" -> CHARACTER_STRING.matcher(value).matches();
      case "time" -> ranged(value, TemplateRules::isTime);
      case "date" -> ranged(value, TemplateRules::isDate);
      case "amount" -> AMOUNT.matcher(value).matches();
      case "phone_number" -> PHONE.matcher(value).matches();
      case "car_number" -> length <= 8;
      case "name" -> value.chars().allMatch(c -> c < 128) ? length <= 20 : length <= 10;
      case "phrase" -> HAN.matcher(value).matches();
      default -> false;
    };
  }

  /** A time or date may be one point or a range of two joined by {@code ~}. */
  private static boolean ranged(String value, java.util.function.Predicate<String> point) {
    String[] parts = value.split("~", -1);
    if (parts.length > 2) {
      return false;
    }
    for (String part : parts) {
      if (!point.test(part.trim())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTime(String s) {
    return parses(s, DATE_TIMES, LocalDateTime::parse) || parses(s, TIMES, LocalTime::parse);
  }

  private static boolean isDate(String s) {
    return parses(s, DATES, LocalDate::parse) || parses(s, DATE_TIMES, LocalDateTime::parse);
  }

  private static boolean parses(String s, List<DateTimeFormatter> formats,
                                java.util.function.BiFunction<String, DateTimeFormatter, ?> parser) {
    for (DateTimeFormatter f : formats) {
      try {
        parser.apply(s, f);
        return true;
      } catch (DateTimeParseException e) {
        // next format
      }
    }
    return false;
  }

  private static List<DateTimeFormatter> formatters(String... patterns) {
    return java.util.Arrays.stream(patterns)
      .map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT)).toList();
  }
}
