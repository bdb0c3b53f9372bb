package vn.kyso.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.kyso.api.internal.Revocation;
import vn.kyso.api.token.Pkcs12Token;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Indication;

/**
 * Random and mutated bytes give a typed error (or a non-passing result), never another exception.
 */
class MalformedInputProperties {
  private static X509Certificate signer;
  private static byte[] validDer;

  @BeforeContainer
  static void createCertificate() throws Exception {
    signer =
        TestCertificates.selfSigned(
                new X500Principal("CN=Nguyễn Văn An,C=VN"), TestCertificates.rsa(2048), false)
            .certificate();
    validDer = signer.getEncoded();
  }

  @Provide
  Arbitrary<byte[]> randomOrDerLike() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    // Start with a DER SEQUENCE header so parsers go deeper than the first byte.
    Arbitrary<byte[]> derLike =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMinSize(2)
            .ofMaxSize(2048)
            .map(
                b -> {
                  b[0] = 0x30;
                  b[1] = (byte) 0x82;
                  return b;
                });
    Arbitrary<byte[]> mutated =
        Arbitraries.integers()
            .between(0, 2000)
            .tuple3()
            .map(
                t -> {
                  byte[] copy = validDer.clone();
                  copy[t.get1() % copy.length] ^= (byte) (t.get2() + 1);
                  int cut = Math.max(1, copy.length - t.get3() % 200);
                  return Arrays.copyOf(copy, cut);
                });
    return Arbitraries.oneOf(random, derLike, mutated);
  }

  @Property(tries = 400)
  void certificates(@ForAll("randomOrDerLike") byte[] data) {
    try {
      assertThat(Certificates.parse(data)).isNotEmpty();
    } catch (DocumentException e) {
      assertThat(e.code()).isIn(ErrorCode.MALFORMED_CERTIFICATE, ErrorCode.INPUT_TOO_LARGE);
    }
  }

  @Property(tries = 400)
  void ocspResponses(@ForAll("randomOrDerLike") byte[] data) {
    assertThatThrownBy(() -> Revocation.parseOcsp(data))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_OCSP_RESPONSE));
  }

  @Property(tries = 400)
  void crls(@ForAll("randomOrDerLike") byte[] data) {
    assertThatThrownBy(() -> Revocation.parseCrl(data))
        .isInstanceOfSatisfying(
            DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CRL));
  }

  @Property(tries = 400)
  void timestampTokens(@ForAll("randomOrDerLike") byte[] data) {
    assertThatThrownBy(() -> TimestampToken.parse(data))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_TIMESTAMP));
  }

  @Property(tries = 200)
  void pkcs12(@ForAll("randomOrDerLike") byte[] data) {
    assertThatThrownBy(() -> Pkcs12Token.load(new ByteArrayInputStream(data), "x".toCharArray()))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEYSTORE_UNREADABLE));
  }

  @Property(tries = 200)
  void embeddedRevocationMaterial_neverPasses(
      @ForAll("randomOrDerLike") byte[] ocsp, @ForAll("randomOrDerLike") byte[] crl)
      throws Exception {
    X509Certificate root =
        TestCertificates.selfSigned(
                new X500Principal("CN=Root,C=VN"), TestCertificates.rsa(2048), true)
            .certificate();
    CertificateVerifier verifier =
        CertificateVerifier.builder(TrustAnchors.builder().addAnchor(root).build())
            .network(NetworkSettings.offline())
            .build();

    CertificateResult r =
        verifier.verify(signer, ValidationContext.builder().ocspResponse(ocsp).crl(crl).build());

    assertThat(r.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }
}
