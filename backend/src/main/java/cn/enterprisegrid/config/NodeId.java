package cn.enterprisegrid.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This node's stable name, kept in {@code DATA_DIR/node-id}: consumer groups know a node by it, so
 * a node that restarts finds the stream entries it had taken but not finished.
 */
public final class NodeId {
  private NodeId() {}

  /** Reads the node id, creating it on first start (blocking). */
  public static String of(Path dataDir) throws IOException {
    Path file = dataDir.resolve("node-id");
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!id.isEmpty()) {
        return id;
      }
    }
    Files.createDirectories(dataDir);
    String id = "node-" + UUID.randomUUID().toString().substring(0, 8);
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }
}
