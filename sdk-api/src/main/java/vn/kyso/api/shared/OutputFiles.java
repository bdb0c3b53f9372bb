package vn.kyso.api.shared;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How every module writes its output so that nothing is lost: into a temporary file beside the
 * target, then moved into place in one step. A failure leaves the target as it was and no partial
 * file under its name.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Creates an empty hidden temporary file in the target's folder (creating the folder), so that
   * the final move stays on one file system.
   *
   * @param output the file that will be written
   * @param suffix the temporary file's suffix, e.g. {@code .part}
   * @return the temporary file; the caller deletes it when the move does not happen
   * @throws IOException when the folder or the file cannot be created
   */
  public static Path temporaryBeside(Path output, String suffix) throws IOException {
    Path dir = output.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + output.getFileName(), suffix);
  }

  /**
   * Moves a finished temporary file onto the target, atomically where the file system allows it,
   * replacing an earlier version.
   *
   * @param temp the finished file
   * @param output the target
   * @throws IOException when the move fails
   */
  public static void moveIntoPlace(Path temp, Path output) throws IOException {
    try {
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
