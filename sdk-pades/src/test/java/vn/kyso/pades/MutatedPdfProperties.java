package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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

/** Every byte of a signed PDF is signed or is the signature: any change must not verify. */
class MutatedPdfProperties {
  private static Path dir;
  private static byte[] signed;
  private static PdfVerifier verifier;

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

  @Property(tries = 60)
  void mutatedSignedPdf_isNeverPassed_andNeverThrowsAnythingElse(@ForAll("mutations") byte[] pdf)
      throws Exception {
    Path file = Files.createTempFile(dir, "m", ".pdf");
    Files.write(file, pdf);
    long start = System.nanoTime();
    try {
      ValidationReport r = verifier.verify(file);
      boolean sameAsSigned = Arrays.equals(pdf, signed);
      if (!sameAsSigned && !r.signatures().isEmpty()) {
        assertThat(r.signatures().get(0).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
      }
    } catch (DocumentException expected) {
      // a typed error is an acceptable answer to a damaged file
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }
}
