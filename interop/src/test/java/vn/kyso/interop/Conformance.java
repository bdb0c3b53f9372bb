package vn.kyso.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records each interoperability case in {@code target/conformance.tsv} (case, agreement, detail),
 * which {@code .ci/run} summarises at the end of the run and docs/CONFORMANCE.md describes.
 */
final class Conformance {
  private static final Path FILE = Path.of("target", "conformance.tsv");
  private static boolean started;

  private Conformance() {}

  /**
   * Appends one case.
   *
   * @param name what was checked
   * @param detail the peer's answer
   * @param agree whether Kyso and the peer agree (or, for a named deliberate disagreement, whether
   *     each said what the suite expects)
   */
  static synchronized void record(String name, String detail, boolean agree) {
    try {
      Files.createDirectories(FILE.getParent());
      // The first case of a run starts the file afresh.
      Files.writeString(
          FILE,
          name
              + "\t"
              + (agree ? "agree" : "DISAGREE")
              + "\t"
              + detail.replace('\t', ' ').replace('\n', ' ')
              + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          started ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      started = true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot record the conformance case " + name, e);
    }
  }
}
