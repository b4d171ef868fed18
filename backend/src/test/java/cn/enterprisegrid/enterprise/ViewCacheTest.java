package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's ordering rules: a view never replaces a newer write, nor survives a reset. */
class ViewCacheTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

  private static ViewCache.Entry view(long version) {
    return new ViewCache.Entry(version, "330824115", null, TODAY, Buffer.buffer("{\"v\":" + version + "}"));
  }

  @Test
  void aLoadedViewIsKeptUntilAWriteOfALaterVersion() {
    ViewCache cache = new ViewCache();
    cache.put("A", view(3), cache.epoch());
    assertThat(cache.get("A").json().toString()).isEqualTo("{\"v\":3}");

    cache.written("A", 3); // the change event of the version already cached: nothing to forget
    assertThat(cache.get("A").isView()).isTrue();

    cache.written("A", 4);
    assertThat(cache.get("A").isView()).isFalse();
    cache.put("A", view(4), cache.epoch());
    assertThat(cache.get("A").json().toString()).isEqualTo("{\"v\":4}");
  }

  @Test
  void aLoadThatStartedBeforeAWriteDoesNotStoreTheOldVersion() {
    ViewCache cache = new ViewCache();
    long epoch = cache.epoch();
    // the load read version 7; then the write of 8 is announced; then the load completes
    cache.written("B", 8);
    cache.put("B", view(7), epoch);
    assertThat(cache.get("B").isView()).isFalse();
    assertThat(cache.get("B").version()).isEqualTo(8);
    // nor does an older view replace a newer one
    cache.put("B", view(9), epoch);
    cache.put("B", view(8), epoch);
    assertThat(cache.get("B").version()).isEqualTo(9);
  }

  @Test
  void aLoadThatStartedBeforeAResetIsNotStored() {
    ViewCache cache = new ViewCache();
    cache.put("C", view(1), cache.epoch());
    long epoch = cache.epoch();
    cache.manyWritten();
    assertThat(cache.get("C")).isNull();
    cache.put("D", view(1), epoch);
    assertThat(cache.get("D")).isNull();
    cache.put("D", view(1), cache.epoch());
    assertThat(cache.get("D")).isNotNull();
  }

  @Test
  void trustedOnlyWhileTheFeedKeepsSayingItIsCaughtUp() {
    ViewCache cache = new ViewCache();
    assertThat(cache.trusted()).isFalse();
    cache.caughtUp(10_000);
    assertThat(cache.trusted()).isTrue();
    cache.feedStopped();
    assertThat(cache.trusted()).isFalse();
    cache.caughtUp(50);
    assertThat(cache.trusted()).isTrue();
    // the 50 ms promise lapses without a new word from the feed
    Eventually.until("trust lapses", Duration.ofSeconds(5), () -> !cache.trusted());
  }

  @Test
  void sizeIsBounded() {
    ViewCache cache = new ViewCache();
    for (int i = 0; i <= ViewCache.MAX; i++) {
      cache.written("F" + i, 1);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(ViewCache.MAX);
    cache.put("G", view(1), cache.epoch());
    assertThat(cache.get("G")).isNotNull();
  }
}
