package cn.enterprisegrid.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accept-Language with its q-values: English only when the request prefers it. */
class LanguageTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL | ZH",
      "'' | ZH",
      "en | EN",
      "en-US,en;q=0.9 | EN",
      "EN-gb | EN",
      "zh-CN,zh;q=0.9,en;q=0.8 | ZH",
      "zh | ZH",
      "zh-Hans-CN | ZH",
      "en;q=0.5,zh;q=0.8 | ZH",
      "zh;q=0.3,en;q=0.7 | EN",
      "fr-FR,fr;q=0.9,en;q=0.5 | EN",
      "fr,de | ZH",
      "* | ZH",
      "en;q=0 | ZH",
      "en;q=0,zh;q=0 | ZH",
      "en;q=nonsense | ZH",
      "en;q=2 | ZH",
      "en;q=0.5,zh;q=0.5 | EN",
      ",,,;;; | ZH",
      "english | ZH",
      "en-US ; q=0.9 , zh ; q=0.8 | EN",
  })
  void prefersTheHighestQualityOfTheSupportedLanguages(String header, Language expected) {
    assertThat(Language.of(header)).isEqualTo(expected);
  }
}
