package vn.kyso.xades;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import vn.kyso.api.KysoException;
import vn.kyso.api.archive.ArchiveFormat;
import vn.kyso.api.validation.ValidationReport;

/**
 * XML for the archive job ({@code vn.kyso.api.archive.ArchiveJob}): verifies with an {@link
 * XmlVerifier} and renews with {@link XmlSigner#addArchiveTimestamp}, which adds an
 * ArchiveTimeStamp to every XAdES signature. Files are taken by the {@code .xml} extension;
 * detached signatures are not renewed (their data is not in the archive's files).
 *
 * @since 0.1
 */
public final class XmlArchiveFormat implements ArchiveFormat {
  private final XmlVerifier verifier;
  private final XmlSigner signer;

  private XmlArchiveFormat(XmlVerifier verifier, XmlSigner signer) {
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
  public static XmlArchiveFormat of(XmlVerifier verifier, XmlSigner signer) {
    return new XmlArchiveFormat(verifier, signer);
  }

  @Override
  public String name() {
    return "XML";
  }

  @Override
  public boolean handles(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  @Override
  public ValidationReport verify(Path file) throws KysoException {
    return verifier.verify(file, Map.of()).report();
  }

  @Override
  public void renew(Path input, Path output) throws KysoException {
    signer.addArchiveTimestamp(input, output, Map.of());
  }
}
