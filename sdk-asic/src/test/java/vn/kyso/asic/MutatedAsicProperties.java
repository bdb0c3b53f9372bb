package vn.kyso.asic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.kyso.api.DocumentException;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.cades.CadesSigner;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.xades.XmlSigner;

/**
 * Damaged ASiC containers: every answer is a report or a typed error, in bounded time and memory
 * (run in the -Xmx256m execution); and a container that passes holds exactly the data files that
 * were signed (zip metadata, such as times and comments, is not signed and may change, and so may
 * the unsigned parts of a signature entry).
 */
class MutatedAsicProperties {
  private static Path dir;
  private static byte[] cades;
  private static byte[] xades;
  private static Map<String, byte[]> cadesEntries;
  private static Map<String, byte[]> xadesEntries;
  private static AsicVerifier verifier;

  @BeforeContainer
  static void sign() throws Exception {
    dir = Files.createTempDirectory("kyso-asic-mutations");
    TestPki pki = TestPki.builder().seed(137).build();
    List<Path> files =
        List.of(
            Files.writeString(dir.resolve("to-trinh.docx"), "Tờ trình".repeat(30)),
            Files.writeString(dir.resolve("phu-luc.xlsx"), "Phụ lục".repeat(30)));
    AsicSigner signer =
        AsicSigner.builder()
            .cades(CadesSigner.builder().clock(pki.clock()).build())
            .xades(XmlSigner.builder().clock(pki.clock()).build())
            .build();
    Path c = dir.resolve("c.asice");
    Path x = dir.resolve("x.asice");
    try (SigningToken t = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer.create(
          files,
          c,
          AsicOptions.builder(AsicType.E, AsicSignatureForm.CADES).build(),
          t.keys().get(0));
      signer.create(
          files,
          x,
          AsicOptions.builder(AsicType.E, AsicSignatureForm.XADES).build(),
          t.keys().get(0));
    }
    cades = Files.readAllBytes(c);
    xades = Files.readAllBytes(x);
    cadesEntries = AsicTest.entries(c);
    xadesEntries = AsicTest.entries(x);
    verifier =
        AsicVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .clock(pki.clock())
            .build();
  }

  @Example
  void theOriginals_pass() throws Exception {
    assertThat(verify(cades).overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(verify(xades).overall()).isEqualTo(Indication.TOTAL_PASSED);
  }

  private static ValidationReport verify(byte[] zip) throws Exception {
    Path f = Files.createTempFile(dir, "m", ".asice");
    Files.write(f, zip);
    try {
      return verifier.verify(f);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  private static void check(byte[] zip, Map<String, byte[]> signed) throws Exception {
    long start = System.nanoTime();
    Path f = Files.createTempFile(dir, "m", ".asice");
    Files.write(f, zip);
    try {
      ValidationReport r = verifier.verify(f);
      if (r.overall() == Indication.TOTAL_PASSED) {
        // The data files are what was signed: the same names, the same bytes. The signature
        // entries may differ where nothing is signed (the XAdESSignatures wrapper, carried
        // certificates), as in a signature file of its own.
        Map<String, byte[]> now = AsicTest.entries(f);
        assertThat(now.keySet()).isEqualTo(signed.keySet());
        for (String name : signed.keySet()) {
          if (!name.startsWith("META-INF/")) {
            assertThat(now.get(name)).as(name).isEqualTo(signed.get(name));
          }
        }
      }
    } catch (DocumentException expected) {
      // a typed error is an acceptable answer to a damaged container
    } catch (java.util.zip.ZipException unreadableByTheOracle) {
      // the verifier answered; the test's own re-reading could not follow the damage
    } finally {
      Files.deleteIfExists(f);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  private static Arbitrary<byte[]> mutations(byte[] zip) {
    Arbitrary<byte[]> flips =
        Arbitraries.integers()
            .between(0, Integer.MAX_VALUE)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                positions -> {
                  byte[] d = zip.clone();
                  for (int p : positions) {
                    d[p % d.length] ^= (byte) (1 + p % 255);
                  }
                  return d;
                });
    Arbitrary<byte[]> truncated =
        Arbitraries.integers().between(0, zip.length - 1).map(n -> Arrays.copyOf(zip, n));
    Arbitrary<byte[]> sizes =
        Arbitraries.integers()
            .between(0, zip.length - 4)
            .map(
                p -> {
                  byte[] d = zip.clone();
                  d[p] = (byte) 0xff; // a huge size or offset where there was something else
                  d[p + 1] = (byte) 0xff;
                  d[p + 2] = (byte) 0xff;
                  d[p + 3] = (byte) 0x7f;
                  return d;
                });
    return Arbitraries.oneOf(flips, truncated, sizes);
  }

  @Provide
  Arbitrary<byte[]> cadesMutations() {
    return mutations(cades);
  }

  @Provide
  Arbitrary<byte[]> xadesMutations() {
    return mutations(xades);
  }

  @Property
  void mutatedCadesContainer_passesOnlyWithTheSignedFiles(@ForAll("cadesMutations") byte[] zip)
      throws Exception {
    check(zip, cadesEntries);
  }

  @Property
  void mutatedXadesContainer_passesOnlyWithTheSignedFiles(@ForAll("xadesMutations") byte[] zip)
      throws Exception {
    check(zip, xadesEntries);
  }

  @Property
  void randomBytes_areATypedError(@ForAll("randomZips") byte[] zip) throws Exception {
    check(zip, cadesEntries);
  }

  @Provide
  Arbitrary<byte[]> randomZips() {
    byte[] magic = "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1);
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(0)
        .ofMaxSize(3000)
        .map(
            r -> {
              byte[] d = Arrays.copyOf(magic, magic.length + r.length);
              System.arraycopy(r, 0, d, magic.length, r.length);
              return d;
            });
  }
}
