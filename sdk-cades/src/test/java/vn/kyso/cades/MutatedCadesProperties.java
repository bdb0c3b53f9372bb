package vn.kyso.cades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import vn.kyso.api.DocumentException;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * Every byte of a CAdES signature and its content is signed or is the signature value, with one
 * exception: the certificates the CMS carries are not signed (RFC 5652 5.1). Any other change must
 * not verify, and every answer is typed and bounded in time (run in the -Xmx256m execution).
 */
class MutatedCadesProperties {
  private static Path dir;
  private static Path content;
  private static byte[] detached;
  private static byte[] enveloping;
  private static int certsStart;
  private static int certsEnd;
  private static int envelopingCertsStart;
  private static int envelopingCertsEnd;
  private static CadesVerifier verifier;

  @BeforeContainer
  static void sign() throws Exception {
    dir = Files.createTempDirectory("kyso-cades-mutations");
    TestPki pki = TestPki.builder().seed(129).build();
    content =
        Files.write(
            dir.resolve("bao-cao.docx"),
            "Báo cáo số 12/BC-UBND".repeat(20).getBytes(StandardCharsets.UTF_8));
    Path p7s = dir.resolve("a.p7s");
    Path p7m = dir.resolve("a.p7m");
    try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      CadesSigner signer = CadesSigner.builder().clock(pki.clock()).build();
      signer.sign(
          content,
          p7s,
          CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
          token.keys().get(0));
      signer.sign(
          content,
          p7m,
          CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.ENVELOPING).build(),
          token.keys().get(0));
    }
    detached = Files.readAllBytes(p7s);
    enveloping = Files.readAllBytes(p7m);
    int[] d = certificates(detached);
    certsStart = d[0];
    certsEnd = d[1];
    int[] e = certificates(enveloping);
    envelopingCertsStart = e[0];
    envelopingCertsEnd = e[1];
    verifier =
        CadesVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .clock(pki.clock())
            .build();
  }

  /** Where the {@code [0]} certificates field lies in the encoding. */
  private static int[] certificates(byte[] cms) throws Exception {
    SignedData sd =
        SignedData.getInstance(
            ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms)).getContent());
    byte[] certs =
        new org.bouncycastle.asn1.DLTaggedObject(false, 0, sd.getCertificates())
            .getEncoded(ASN1Encoding.DL);
    for (int i = 0; i + certs.length <= cms.length; i++) {
      if (Arrays.equals(cms, i, i + certs.length, certs, 0, certs.length)) {
        return new int[] {i, i + certs.length};
      }
    }
    throw new IllegalStateException("certificates not found");
  }

  @Example
  void theOriginals_pass() throws Exception {
    assertThat(verify(detached, content).overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(verify(enveloping, null).overall()).isEqualTo(Indication.TOTAL_PASSED);
  }

  private static ValidationReport verify(byte[] cms, Path data) throws Exception {
    Path f = Files.createTempFile(dir, "m", ".p7s");
    Files.write(f, cms);
    try {
      return verifier.verify(f, data);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /** Verifies; typed and bounded, and never a pass for changed bytes. */
  private static void neverPassed(byte[] cms, byte[] original, Path data) throws Exception {
    long start = System.nanoTime();
    try {
      ValidationReport r = verify(cms, data);
      if (!Arrays.equals(cms, original)) {
        assertThat(r.signatures())
            .allSatisfy(s -> assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED));
      }
    } catch (DocumentException expected) {
      // a typed error is an acceptable answer to a damaged file
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  private static Arbitrary<byte[]> flips(byte[] cms, int from, int to) {
    int outside = cms.length - (to - from);
    return Arbitraries.integers()
        .between(0, Integer.MAX_VALUE)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            positions -> {
              byte[] d = cms.clone();
              for (int p : positions) {
                int at = p % outside;
                d[at < from ? at : at + (to - from)] ^= (byte) (1 + p % 255);
              }
              return d;
            });
  }

  @Provide
  Arbitrary<byte[]> detachedMutations() {
    return Arbitraries.oneOf(
        flips(detached, certsStart, certsEnd),
        Arbitraries.integers().between(0, detached.length - 1).map(n -> Arrays.copyOf(detached, n)),
        Arbitraries.integers()
            .between(0, certsStart - 3)
            .map(
                p -> {
                  byte[] d = detached.clone();
                  d[p] = (byte) 0x84; // a four-byte length where there was something else
                  d[p + 1] = (byte) 0x7f;
                  d[p + 2] = (byte) 0xff;
                  return d;
                }));
  }

  @Property
  void mutatedDetached_isNeverPassed(@ForAll("detachedMutations") byte[] cms) throws Exception {
    neverPassed(cms, detached, content);
  }

  @Property
  void mutatedEnveloping_isNeverPassed(@ForAll("envelopingMutations") byte[] cms) throws Exception {
    neverPassed(cms, enveloping, null);
  }

  @Provide
  Arbitrary<byte[]> envelopingMutations() {
    return Arbitraries.oneOf(
        flips(enveloping, envelopingCertsStart, envelopingCertsEnd),
        Arbitraries.integers()
            .between(0, enveloping.length - 1)
            .map(n -> Arrays.copyOf(enveloping, n)));
  }

  @Property
  void changedContent_isNeverPassed(@ForAll("contentFlips") byte[] data) throws Exception {
    Path f = Files.createTempFile(dir, "c", ".docx");
    Files.write(f, data);
    try {
      neverPassed(detached, null, f);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Provide
  Arbitrary<byte[]> contentFlips() {
    byte[] original;
    try {
      original = Files.readAllBytes(content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Arbitraries.oneOf(
        flips(original, 0, 0),
        Arbitraries.integers().between(0, original.length - 1).map(n -> Arrays.copyOf(original, n)),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMinSize(1)
            .ofMaxSize(8)
            .map(
                extra -> {
                  byte[] d = Arrays.copyOf(original, original.length + extra.length);
                  System.arraycopy(extra, 0, d, original.length, extra.length);
                  return d;
                }));
  }

  @Property
  void randomBytes_areATypedError_orNotPassed(@ForAll("randomCms") byte[] cms) throws Exception {
    neverPassed(cms, detached, content);
  }

  @Provide
  Arbitrary<byte[]> randomCms() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(0)
        .ofMaxSize(3000)
        .map(
            r -> {
              byte[] d = r.clone();
              if (d.length > 1) {
                d[0] = 0x30; // a SEQUENCE, so the parser goes further than the first byte
              }
              return d;
            });
  }
}
