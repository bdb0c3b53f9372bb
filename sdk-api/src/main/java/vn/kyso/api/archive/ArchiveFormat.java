package vn.kyso.api.archive;

import java.nio.file.Path;
import vn.kyso.api.KysoException;
import vn.kyso.api.validation.ValidationReport;

/**
 * One signed-document format the archive job can keep verifiable: it recognises its files, verifies
 * them, and adds an archive time-stamp (with fresh validation data) to one. {@code sdk-pades} and
 * {@code sdk-xades} provide {@code PdfArchiveFormat} and {@code XmlArchiveFormat}. Implementations
 * are thread-safe.
 *
 * @since 0.1
 */
public interface ArchiveFormat {
  /**
   * @return a short name for reports, e.g. {@code PDF}
   */
  String name();

  /**
   * Tells whether a file is of this format (by its name; the content is judged by {@link #verify}).
   *
   * @param file the file
   * @return whether this format takes it
   */
  boolean handles(Path file);

  /**
   * Verifies a file as it is now.
   *
   * @param file the file
   * @return the report
   * @throws KysoException when the file cannot be read as this format
   */
  ValidationReport verify(Path file) throws KysoException;

  /**
   * Writes a copy of the file with a new archive time-stamp over fresh validation data.
   *
   * @param input the file; never modified
   * @param output where the renewed copy goes (written atomically)
   * @throws KysoException when the file cannot be renewed or the TSA or revocation services fail
   */
  void renew(Path input, Path output) throws KysoException;
}
