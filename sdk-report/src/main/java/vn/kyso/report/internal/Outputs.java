package vn.kyso.report.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.kyso.api.shared.OutputFiles;

/** Writes a report file atomically through the SDK's one output path. */
public final class Outputs {
  private Outputs() {}

  /** What writes the content. */
  public interface Content {
    /**
     * Writes.
     *
     * @param out the stream
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes to a temporary file beside the target and moves it into place; a failure leaves nothing.
   *
   * @param target the file
   * @param content the writer
   * @throws IOException when writing fails
   */
  public static void atomically(Path target, Content content) throws IOException {
    Path temp = OutputFiles.temporaryBeside(target, ".part");
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.writeTo(out);
      }
      OutputFiles.moveIntoPlace(temp, target);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
