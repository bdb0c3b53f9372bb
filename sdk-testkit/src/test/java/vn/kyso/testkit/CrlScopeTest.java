package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SubIndication;

/**
 * CRL scope (RFC 5280 6.3.3) as an integrator meets it: a genuine, fresh CRL of the right CA that
 * does not cover the certificate is not evidence; a hold is not a pass; a delta CRL's revocation
 * counts.
 */
class CrlScopeTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(7).build();

  private static final BigInteger BASE_NUMBER = BigInteger.TEN;

  private static X509Certificate cert(TestIdentity id) {
    return PKI.pki().credential(id).certificate();
  }

  /** The signer's chain, the root's CRL for the intermediate, and the CRLs under test. */
  private static ValidationContext embedding(TestIdentity id, byte[]... crls) throws Exception {
    ValidationContext.Builder b =
        ValidationContext.builder()
            .certificates(PKI.pki().credential(id).chain())
            .crl(CrlServer.crl(PKI.pki(), PKI.pki().rootCredential(), ServerMode.NORMAL));
    for (byte[] crl : crls) {
      b.crl(crl);
    }
    return b.build();
  }

  private static CertificateVerifier offline() {
    return CertificateVerifier.builder(PKI.pki().trustAnchors())
        .clock(PKI.pki().clock())
        .network(NetworkSettings.offline())
        .build();
  }

  /** A CRL of the intermediate CA, signed with its real key, fresh. */
  private static byte[] crl(
      Map<BigInteger, Integer> entries, IssuingDistributionPoint idp, BigInteger deltaOf)
      throws Exception {
    TestCredential ca = PKI.pki().intermediate();
    Instant now = PKI.pki().clock().instant();
    X509v2CRLBuilder b =
        new X509v2CRLBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
            Date.from(now.minus(Duration.ofHours(1))));
    b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
    for (Map.Entry<BigInteger, Integer> e : entries.entrySet()) {
      b.addCRLEntry(e.getKey(), Date.from(now.minus(Duration.ofDays(3))), e.getValue());
    }
    b.addExtension(
        Extension.cRLNumber,
        false,
        new ASN1Integer(deltaOf == null ? BASE_NUMBER : BASE_NUMBER.add(BigInteger.ONE)));
    if (deltaOf != null) {
      b.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(deltaOf));
    }
    if (idp != null) {
      b.addExtension(Extension.issuingDistributionPoint, true, idp);
    }
    return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey()))
        .getEncoded();
  }

  private static IssuingDistributionPoint partition(String url) {
    return new IssuingDistributionPoint(
        new DistributionPointName(
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))),
        false,
        false);
  }

  @Test
  void crlSliceOfAnotherPartition_isNotEvidence_soARevokedSignerDoesNotPass() throws Exception {
    byte[] slice = crl(Map.of(), partition("http://127.0.0.1:1/partition-7.crl"), null);

    CertificateResult offline =
        offline().verify(cert(TestIdentity.REVOKED), embedding(TestIdentity.REVOKED, slice));
    assertThat(offline.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(offline.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(offline.findings().toString()).contains("issuing distribution point");

    CertificateResult online =
        PKI.verifier().verify(cert(TestIdentity.REVOKED), embedding(TestIdentity.REVOKED, slice));
    assertThat(online.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(online.subIndication()).contains(SubIndication.REVOKED);
  }

  @Test
  void crlWithoutPartition_stillSpeaksForTheWholeCa() throws Exception {
    byte[] full = crl(Map.of(), null, null);

    CertificateResult r =
        offline().verify(cert(TestIdentity.CHAIRMAN), embedding(TestIdentity.CHAIRMAN, full));

    assertThat(r.indication()).as(r.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void reasonPartition_aloneCannotSayNotRevoked() throws Exception {
    IssuingDistributionPoint keyCompromiseOnly =
        new IssuingDistributionPoint(
            null, false, false, new ReasonFlags(ReasonFlags.keyCompromise), false, false);
    byte[] partial = crl(Map.of(), keyCompromiseOnly, null);

    CertificateResult r =
        offline().verify(cert(TestIdentity.CHAIRMAN), embedding(TestIdentity.CHAIRMAN, partial));

    assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(r.findings().toString()).contains("do not cover every revocation reason");
  }

  @Test
  void certificateOnHold_isIndeterminate_andRemoveFromCrlLiftsIt() throws Exception {
    BigInteger serial = cert(TestIdentity.CHAIRMAN).getSerialNumber();
    byte[] base = crl(Map.of(serial, CRLReason.certificateHold), null, null);

    CertificateResult held =
        offline().verify(cert(TestIdentity.CHAIRMAN), embedding(TestIdentity.CHAIRMAN, base));
    assertThat(held.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(held.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(held.hasFinding("CERT_ON_HOLD")).isTrue();

    byte[] lifted = crl(Map.of(serial, CRLReason.removeFromCRL), null, BASE_NUMBER);
    CertificateResult released =
        offline()
            .verify(cert(TestIdentity.CHAIRMAN), embedding(TestIdentity.CHAIRMAN, base, lifted));
    assertThat(released.indication())
        .as(released.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void revocationOnlyInTheDelta_isARevocation() throws Exception {
    BigInteger serial = cert(TestIdentity.CHAIRMAN).getSerialNumber();
    byte[] base = crl(Map.of(), null, null);
    byte[] delta = crl(Map.of(serial, CRLReason.keyCompromise), null, BASE_NUMBER);

    CertificateResult r =
        offline()
            .verify(cert(TestIdentity.CHAIRMAN), embedding(TestIdentity.CHAIRMAN, base, delta));

    assertThat(r.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(r.subIndication()).contains(SubIndication.REVOKED);
    assertThat(r.revocation().get(0).encoded()).isEqualTo(delta);
    assertThat(r.revocation().get(0).reason()).contains("KEY_COMPROMISE");
  }

  @Test
  void staleCrl_stillProvesARevocation_butNotANonRevocation() throws Exception {
    byte[] stale = CrlServer.crl(PKI.pki(), PKI.pki().intermediate(), ServerMode.STALE);

    CertificateResult revoked =
        offline().verify(cert(TestIdentity.REVOKED), embedding(TestIdentity.REVOKED, stale));
    assertThat(revoked.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(revoked.subIndication()).contains(SubIndication.REVOKED);

    CertificateResult good =
        offline().verify(cert(TestIdentity.CHAIRMAN), embedding(TestIdentity.CHAIRMAN, stale));
    assertThat(good.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(good.findings().toString()).contains("stale");
  }
}
