package cn.enterprisegrid.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** A flood of failures logs the first of the minute with their traces, counts the rest, and loses none silently. */
class ErrorLogTest {
  @Test
  void aFloodIsLoggedUpToTheRateAndCountedBeyond() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("test.error-log");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    logger.setAdditive(false);
    ErrorLog log = new ErrorLog(logger);

    List<Thread> floods = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread flood = new Thread(() -> {
        for (int i = 0; i < 250; i++) {
          log.error("unhandled failure on {} {}", "POST", "/api/v1/x", new IllegalStateException("boom"));
        }
      });
      flood.start();
      floods.add(flood);
    }
    for (Thread t : floods) {
      t.join();
    }
    assertThat(seen.list).hasSize(ErrorLog.PER_WINDOW);
    assertThat(seen.list.get(0).getThrowableProxy()).as("one failure, one entry with its trace").isNotNull();
    assertThat(log.suppressed()).isEqualTo(1000 - ErrorLog.PER_WINDOW);
  }
}
