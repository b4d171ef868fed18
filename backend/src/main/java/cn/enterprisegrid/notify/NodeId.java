package cn.enterprisegrid.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This node's stable name as a consumer of the outbox and change groups: generated once into
 * {@code DATA_DIR/node-id}, so a restarted node finds its own pending entries at once (one node per data directory).
 */
final class NodeId {
  private NodeId() {}

  static String of(Path dataDir) {
    Path file = dataDir.resolve("node-id");
    try {
      if (Files.isRegularFile(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      Files.createDirectories(dataDir);
      String id = "node-" + UUID.randomUUID().toString().substring(0, 8);
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
