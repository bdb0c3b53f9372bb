package vn.kyso.pades;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import vn.kyso.api.KysoException;
import vn.kyso.api.archive.ArchiveFormat;
import vn.kyso.api.validation.ValidationReport;

/**
 * PDF for the archive job ({@code vn.kyso.api.archive.ArchiveJob}): verifies with a {@link
 * PdfVerifier} and renews with {@link PdfSigner#extend} to B-LTA, which adds fresh validation data
 * (a DSS) and a new document time-stamp, then once more to B-LT, which adds the new time-stamp's
 * own validation data. Files are taken by the {@code .pdf} extension.
 *
 * <pre>{@code
 * ArchiveFormat pdf = PdfArchiveFormat.of(
 *     PdfVerifier.builder(verifier).build(),
 *     PdfSigner.builder().timestampClient(tsa).certificateVerifier(verifier).build());
 * }</pre>
 *
 * @since 0.1
 */
public final class PdfArchiveFormat implements ArchiveFormat {
  private final PdfVerifier verifier;
  private final PdfSigner signer;

  private PdfArchiveFormat(PdfVerifier verifier, PdfSigner signer) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /**
   * Creates the format.
   *
   * @param verifier verifies documents as they are now
   * @param signer renews them; it needs a time-stamp client and a certificate verifier
   * @return the format
   */
  public static PdfArchiveFormat of(PdfVerifier verifier, PdfSigner signer) {
    return new PdfArchiveFormat(verifier, signer);
  }

  @Override
  public String name() {
    return "PDF";
  }

  @Override
  public boolean handles(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
  }

  @Override
  public ValidationReport verify(Path file) throws KysoException {
    return verifier.verify(file);
  }

  /**
   * Adds fresh validation data and a document time-stamp (B-LTA), then the validation data of that
   * new time-stamp itself, so the document verifies offline until the new TSA certificate expires.
   */
  @Override
  public void renew(Path input, Path output) throws KysoException {
    Path stamped = output.resolveSibling(output.getFileName() + ".lta");
    try {
      signer.extend(input, stamped, PadesLevel.B_LTA, null);
      signer.extend(stamped, output, PadesLevel.B_LT, null);
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(stamped);
      } catch (java.io.IOException e) {
        // best effort: the job removes its leftovers on the next run
      }
    }
  }
}
