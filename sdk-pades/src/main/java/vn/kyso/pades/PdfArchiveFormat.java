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
 * (a DSS) and a new document time-stamp. Files are taken by the {@code .pdf} extension.
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

  @Override
  public void renew(Path input, Path output) throws KysoException {
    signer.extend(input, output, PadesLevel.B_LTA, null);
  }
}
