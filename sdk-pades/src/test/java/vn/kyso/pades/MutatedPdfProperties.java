package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.kyso.api.DocumentException;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * Every byte of a signed PDF is signed or is the signature, with one exception: the certificates a
 * CMS signature carries are not signed (RFC 5652 5.1), and a carried copy that the validation does
 * not use may change without changing what was proven. Any other change must not verify.
 */
class MutatedPdfProperties {
  private static Path dir;
  private static byte[] signed;
  private static PdfVerifier verifier;
  private static List<byte[]> chain;
  private static List<int[]> carriedCertificates;

  @BeforeContainer
  static void sign() throws Exception {
    dir = Files.createTempDirectory("kyso-mutations");
    TestPki pki = TestPki.builder().seed(77).build();
    Path in = TestPdfs.letter(dir, "l.pdf", null);
    Path out = dir.resolve("signed.pdf");
    try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      // A visible signature with a text marker, so mutations also reach the appearance check
      // (content stream, embedded font subset).
      PdfSigner.builder()
          .clock(pki.clock())
          .build()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .visible(
                      VisibleSignature.attachment("123/UBND-VP").font(AppearanceFont.bundled()))
                  .build(),
              token.keys().get(0));
    }
    signed = Files.readAllBytes(out);
    verifier =
        PdfVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .build();
    chain = chainOf(verifier.verify(out));
    assertThat(chain).hasSize(3);
    carriedCertificates = new ArrayList<>();
    String text = new String(signed, StandardCharsets.ISO_8859_1);
    for (byte[] der : chain) {
      String hex = HexFormat.of().withUpperCase().formatHex(der);
      int at = text.indexOf(hex);
      if (at >= 0) {
        carriedCertificates.add(new int[] {at, at + hex.length()});
      }
    }
    // The signer's certificate, the sub-CA and a copy of the root are all carried.
    assertThat(carriedCertificates).hasSize(3);
  }

  private static List<byte[]> chainOf(ValidationReport report) throws Exception {
    List<byte[]> ders = new ArrayList<>();
    for (X509Certificate c : report.signatures().get(0).certificateResult().orElseThrow().chain()) {
      ders.add(c.getEncoded());
    }
    return ders;
  }

  /**
   * True when the bytes that differ all lie inside carried certificates and the validated chain is
   * byte for byte the original one: the changed copy was not used.
   */
  private static boolean onlyAnUnusedCarriedCopyChanged(byte[] pdf, ValidationReport report)
      throws Exception {
    if (pdf.length != signed.length) {
      return false;
    }
    for (int i = 0; i < pdf.length; i++) {
      if (pdf[i] != signed[i] && !insideCarriedCertificate(i)) {
        return false;
      }
    }
    List<byte[]> now = chainOf(report);
    if (now.size() != chain.size()) {
      return false;
    }
    for (int i = 0; i < now.size(); i++) {
      if (!Arrays.equals(now.get(i), chain.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean insideCarriedCertificate(int position) {
    for (int[] range : carriedCertificates) {
      if (position >= range[0] && position < range[1]) {
        return true;
      }
    }
    return false;
  }

  @AfterContainer
  static void clean() throws Exception {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    Arbitrary<byte[]> flips =
        Arbitraries.integers()
            .between(0, Integer.MAX_VALUE)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                positions -> {
                  byte[] b = signed.clone();
                  for (int p : positions) {
                    b[p % b.length] ^= (byte) (1 + p % 255);
                  }
                  return b;
                });
    Arbitrary<byte[]> truncations =
        Arbitraries.integers().between(1, signed.length - 1).map(n -> Arrays.copyOf(signed, n));
    Arbitrary<byte[]> appended =
        Arbitraries.strings()
            .ofMaxLength(200)
            .map(
                s -> {
                  byte[] tail = ("\n" + s + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
                  byte[] b = Arrays.copyOf(signed, signed.length + tail.length);
                  System.arraycopy(tail, 0, b, signed.length, tail.length);
                  return b;
                });
    return Arbitraries.oneOf(flips, truncations, appended);
  }

  /** Found by this property (seed 8270791518347926839): a corrupted copy of the root. */
  @Example
  void corruptedCarriedRootCopy_isIgnored_andTheConfiguredAnchorIsUsed() throws Exception {
    byte[] pdf = flipHexDigitInCarriedCertificate(2);
    ValidationReport r = verifyBytes(pdf);
    assertThat(r.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(onlyAnUnusedCarriedCopyChanged(pdf, r)).isTrue();
  }

  /** The signer's own certificate is bound by the signed attributes: a change never passes. */
  @Example
  void corruptedSignerCertificate_isNotPassed() throws Exception {
    ValidationReport r = verifyBytes(flipHexDigitInCarriedCertificate(0));
    assertThat(r.signatures().get(0).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  /** Without the sub-CA the path cannot be built from the configured anchors alone. */
  @Example
  void corruptedSubCaCertificate_isNotPassed() throws Exception {
    ValidationReport r = verifyBytes(flipHexDigitInCarriedCertificate(1));
    assertThat(r.signatures().get(0).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  /** Changes one hex digit inside the last name attribute of the subject of chain[index]'s copy. */
  private static byte[] flipHexDigitInCarriedCertificate(int index) throws Exception {
    HexFormat upper = HexFormat.of().withUpperCase();
    String hex = upper.formatHex(chain.get(index));
    X509Certificate c =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(chain.get(index)));
    String subject = upper.formatHex(c.getSubjectX500Principal().getEncoded());
    // The subject follows the issuer (equal to it for the root): the last occurrence is the
    // subject.
    int inCert = hex.lastIndexOf(subject);
    assertThat(inCert).isPositive();
    int at = new String(signed, StandardCharsets.ISO_8859_1).indexOf(hex);
    // Four bytes before the subject's end: inside the common name's characters.
    int position = at + inCert + subject.length() - 8;
    byte[] b = signed.clone();
    b[position] = (byte) (b[position] == 'A' ? 'B' : 'A');
    return b;
  }

  private static ValidationReport verifyBytes(byte[] pdf) throws Exception {
    Path file = Files.createTempFile(dir, "e", ".pdf");
    try {
      Files.write(file, pdf);
      return verifier.verify(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Property(tries = 60)
  void mutatedSignedPdf_isNeverPassed_andNeverThrowsAnythingElse(@ForAll("mutations") byte[] pdf)
      throws Exception {
    Path file = Files.createTempFile(dir, "m", ".pdf");
    Files.write(file, pdf);
    long start = System.nanoTime();
    try {
      ValidationReport r = verifier.verify(file);
      boolean sameAsSigned = Arrays.equals(pdf, signed);
      if (!sameAsSigned
          && !r.signatures().isEmpty()
          && r.signatures().get(0).indication() == Indication.TOTAL_PASSED) {
        assertThat(onlyAnUnusedCarriedCopyChanged(pdf, r))
            .as("a mutated file passed, and not only an unused carried certificate changed")
            .isTrue();
      }
    } catch (DocumentException expected) {
      // a typed error is an acceptable answer to a damaged file
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }
}
