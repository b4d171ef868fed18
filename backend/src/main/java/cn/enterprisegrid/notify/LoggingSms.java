package cn.enterprisegrid.notify;

import cn.enterprisegrid.grid.Liaison;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/** An {@link Sms} that writes the message to the log (the phone masked) and counts it. */
public final class LoggingSms implements Sms {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingSms.class);
  private final AtomicLong sent = new AtomicLong();

  @Override
  public Future<Void> send(String phone, String text) {
    sent.incrementAndGet();
    LOG.info("SMS to {}: {}", Liaison.mask(phone), text);
    return Future.succeededFuture();
  }

  /** @return messages sent by this instance */
  public long sent() {
    return sent.get();
  }
}
