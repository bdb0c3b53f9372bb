package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.SubIndication;

/** Basic constraints, path length, critical extensions, AIA fetching and response limits. */
class PathConstraintsTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(13).build();

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  /** Issues a certificate under {@code issuer}; {@code ca} decides basic constraints. */
  private static X509Certificate issue(
      X509Certificate issuer,
      PrivateKey issuerKey,
      String cn,
      KeyPair keys,
      boolean ca,
      String criticalExtension)
      throws Exception {
    Instant now = PKI.pki().clock().instant();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(now.toEpochMilli() ^ cn.hashCode()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(100))),
            new X500Name("CN=" + cn + ",C=VN"),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(
            ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    if (criticalExtension != null) {
      b.addExtension(new ASN1ObjectIdentifier(criticalExtension), true, DERNull.INSTANCE);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  private static CertificateVerifier withoutRevocation() {
    return CertificateVerifier.builder(PKI.pki().trustAnchors())
        .clock(PKI.pki().clock())
        .network(NetworkSettings.offline())
        .insecureSkipRevocationCheck()
        .build();
  }

  @Test
  void pathLengthZero_forbidsASubCaBelowTheIntermediate() throws Exception {
    TestCredential inter = PKI.pki().intermediate();
    KeyPair subKeys = rsa();
    X509Certificate sub =
        issue(inter.certificate(), inter.privateKey(), "Sub CA", subKeys, true, null);
    X509Certificate ee = issue(sub, subKeys.getPrivate(), "Nguyen Van Sau", rsa(), false, null);

    CertificateResult r =
        withoutRevocation()
            .verify(
                ee,
                ValidationContext.builder()
                    .certificates(List.of(sub, inter.certificate()))
                    .build());

    assertThat(r.subIndication()).contains(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
    assertThat(r.hasFinding("CERT_PATH_LENGTH_EXCEEDED")).isTrue();
  }

  @Test
  void endEntityActingAsIssuer_isRefused() throws Exception {
    TestCredential chairman = PKI.pki().credential(TestIdentity.CHAIRMAN);
    X509Certificate forged =
        issue(chairman.certificate(), chairman.privateKey(), "Forged", rsa(), false, null);

    CertificateResult r =
        withoutRevocation()
            .verify(forged, ValidationContext.builder().certificates(chairman.chain()).build());

    assertThat(r.hasFinding("CERT_ISSUER_NOT_CA")).isTrue();
    assertThat(r.isPassed()).isFalse();
  }

  @Test
  void unknownCriticalExtension_isRefused() throws Exception {
    TestCredential inter = PKI.pki().intermediate();
    X509Certificate ee =
        issue(inter.certificate(), inter.privateKey(), "Critical", rsa(), false, "1.2.3.4.5.6");

    CertificateResult r =
        withoutRevocation()
            .verify(ee, ValidationContext.builder().certificates(inter.chain()).build());

    assertThat(r.hasFinding("CERT_UNKNOWN_CRITICAL_EXTENSION")).isTrue();
    assertThat(r.subIndication()).contains(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
  }

  @Test
  void aiaFetching_findsTheMissingIntermediate() {
    CertificateVerifier verifier =
        PKI.verifierBuilder()
            .network(
                NetworkSettings.builder().aiaFetching(true).timeout(Duration.ofSeconds(2)).build())
            .build();

    CertificateResult r =
        verifier.verify(PKI.pki().credential(TestIdentity.CHAIRMAN).certificate());

    assertThat(r.isPassed()).isTrue();
    assertThat(r.chain()).hasSize(3);
    assertThat(r.hasFinding("CERT_ISSUER_FETCHED")).isTrue();
  }

  @Test
  void oversizedResponses_areRefused() {
    CertificateVerifier verifier =
        PKI.verifierBuilder()
            .network(
                NetworkSettings.builder()
                    .maxResponseBytes(64)
                    .timeout(Duration.ofSeconds(2))
                    .build())
            .build();

    CertificateResult r =
        verifier.verify(
            PKI.pki().credential(TestIdentity.CHAIRMAN).certificate(),
            ValidationContext.builder()
                .certificates(PKI.pki().credential(TestIdentity.CHAIRMAN).chain())
                .build());

    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(r.findings()).anySatisfy(f -> assertThat(f.messageEn()).contains("larger than 64"));
  }
}
