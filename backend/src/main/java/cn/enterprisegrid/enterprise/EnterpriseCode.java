package cn.enterprisegrid.enterprise;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The enterprise code (企业码): a QR image of the mini-program page of a firm, {@code
 * PAGE?uscc=USCC&inv=INVITATION} ({@code MP_ENTERPRISE_PAGE}, default {@code
 * pages/enterprise/index}, a page path the mini-program opens with its query). Rendering is CPU
 * work and runs on a worker thread.
 */
public final class EnterpriseCode {
  private static final int SIZE = 360;

  private final Vertx vertx;
  private final String page;

  public EnterpriseCode(Vertx vertx, String page) {
    this.vertx = vertx;
    this.page = page;
  }

  /** The text the code carries; {@code invitation} may be null (a code that only opens the page). */
  public String target(String uscc, String invitation) {
    String q = page + "?uscc=" + uscc;
    return invitation == null ? q : q + "&inv=" + URLEncoder.encode(invitation, StandardCharsets.UTF_8);
  }

  /** The PNG image of {@code text}. */
  public Future<Buffer> png(String text) {
    return vertx.executeBlocking(() -> {
      try {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE,
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
                EncodeHintType.CHARACTER_SET, "UTF-8"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        MatrixToImageWriter.writeToStream(m, "PNG", out);
        return Buffer.buffer(out.toByteArray());
      } catch (WriterException | IOException e) {
        throw new IllegalStateException("cannot render the enterprise code", e);
      }
    }, false);
  }
}
