package vn.kyso.examples;

import java.nio.file.Path;
import vn.kyso.api.token.SigningToken;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** Signed test documents for the archive tests of other packages. */
public final class ArchiveJobTestAccess {
  private ArchiveJobTestAccess() {}

  /**
   * Writes a one-page letter signed B-T by the chairman of a PKI.
   *
   * @param pki the PKI and its services
   * @param file the file to write
   * @return the file
   * @throws Exception when signing fails
   */
  public static Path pdf(TestPkiExtension pki, Path file) throws Exception {
    Path plain = file.resolveSibling("plain-" + file.getFileName());
    ArchiveJobTest.plainPdf(plain, file.getFileName().toString());
    PdfSigner signer =
        PdfSigner.builder()
            .timestampClient(pki.tsaClient())
            .certificateVerifier(pki.verifier())
            .clock(pki.pki().clock())
            .build();
    try (SigningToken token = pki.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer.sign(
          plain, file, PdfSignatureOptions.builder(PadesLevel.B_T).build(), token.keys().get(0));
    }
    java.nio.file.Files.delete(plain);
    return file;
  }
}
