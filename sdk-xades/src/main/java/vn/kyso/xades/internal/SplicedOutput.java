package vn.kyso.xades.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.shared.OutputFiles;

/**
 * The output file of an enveloped signature spliced into a large input ({@link AppendedXml}), begun
 * before the signature exists. The input's bytes up to its last end tag, where the splice writes
 * the signature when that tag is the document element's, go into a temporary file beside the output
 * on a background thread, which then forces them to disk ({@link OutputFiles#startWriting}), while
 * the document is parsed and signed. {@link #finish} then writes the signature and the input's tail
 * after them and moves the file into place as {@link OutputFiles#write} does: the final force,
 * before the rename, waits only for what the disk has not yet taken. At 10 MB that force alone took
 * about a tenth of the signing time.
 *
 * <p>Nothing depends on the guess: when the splice's place differs (the document element is not the
 * last end tag's) or the document is written another way, {@link #finish} is not used or declines,
 * and {@link #close} removes the temporary file. The file is never the output until the move.
 */
public final class SplicedOutput implements AutoCloseable {
  /** From this input size on the output is begun early; below it the whole write is quick. */
  public static final int FROM = 1024 * 1024;

  private final Path output;
  private final Path temp;
  private final int at;
  private final OutputFiles.Started head;
  private boolean moved;

  private SplicedOutput(Path output, Path temp, int at, OutputFiles.Started head) {
    this.output = output;
    this.temp = temp;
    this.at = at;
    this.head = head;
  }

  /**
   * Begins the output when the input is large enough and ends with an end tag.
   *
   * @param input the document's bytes, not modified
   * @param output the file the signed document goes to
   * @return the begun output, or null when there is nothing to gain
   * @throws DocumentException {@code OUTPUT_FAILED} when the temporary file cannot be written
   */
  public static SplicedOutput begin(byte[] input, Path output) throws DocumentException {
    if (input.length < FROM) {
      return null;
    }
    int at = AppendedXml.lastEndTag(input);
    if (at < 0) {
      return null;
    }
    Path temp = null;
    try {
      temp = OutputFiles.temporaryBeside(output, ".part");
      OutputFiles.Started head =
          OutputFiles.startWriting(temp, out -> AppendedXml.writeInBlocks(out, input, 0, at));
      return new SplicedOutput(output, temp, at, head);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /**
   * Writes the rest of the output and moves it into place, when the splice writes the signature
   * where the begun file ends.
   *
   * @param spliced the output in parts, of the same input
   * @return true when the output is in place; false when the caller must write it whole
   * @throws DocumentException {@code OUTPUT_FAILED} when writing or the move fails
   */
  public boolean finish(AppendedXml.Spliced spliced) throws DocumentException {
    if (moved || spliced.at() != at) {
      return false;
    }
    try {
      head.await();
      if (Files.size(temp) != at) {
        return false;
      }
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.APPEND)) {
        spliced.writeRest(out);
      }
      OutputFiles.moveIntoPlace(temp, output);
      moved = true;
      return true;
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    }
  }

  /** Removes the temporary file unless it was moved into place (once its start is written). */
  @Override
  public void close() {
    if (!moved) {
      try {
        head.await();
      } catch (IOException e) {
        // removed below all the same
      }
      deleteQuietly(temp);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a hidden .part file beside the output; nothing else can be done about it
    }
  }
}
