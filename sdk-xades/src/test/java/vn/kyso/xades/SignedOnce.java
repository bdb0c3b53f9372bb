package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/** The round trip the tests share: sign B-B enveloped, verify, expect it passed. */
final class SignedOnce {
  private SignedOnce() {}

  /**
   * Signs {@code in} into {@code out} with the chairman's key (B-B, enveloped) and verifies the
   * output against the test PKI's anchors. Revocation is not what these tests are about: the
   * signature, its digest and its path are.
   *
   * @return the verification, whose single signature passed
   */
  static XmlVerification signAndVerify(TestPki pki, Path in, Path out) throws Exception {
    sign(pki, in, out);
    XmlVerification v =
        XmlVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .insecureSkipRevocationCheck()
                    .build())
            .build()
            .verify(out, Map.of());
    assertThat(v.report().signatures()).hasSize(1);
    assertThat(v.report().signatures().get(0).isPassed())
        .as(v.report().toText(Locale.ENGLISH))
        .isTrue();
    return v;
  }

  /** Signs {@code in} into {@code out} with the chairman's key, B-B enveloped. */
  static void sign(TestPki pki, Path in, Path out) throws Exception {
    try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      sign(pki, in, out, token.keys().get(0));
    }
  }

  /** Signs {@code in} into {@code out} with {@code key}, B-B enveloped, at the PKI's time. */
  static void sign(TestPki pki, Path in, Path out, SigningKey key) throws Exception {
    XmlSigner.builder()
        .clock(pki.clock())
        .build()
        .sign(
            in,
            out,
            XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
            key);
  }
}
