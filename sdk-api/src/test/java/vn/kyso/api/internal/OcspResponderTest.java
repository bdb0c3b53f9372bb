package vn.kyso.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.kyso.api.TestCertificates;
import vn.kyso.api.trust.RevocationEvidence;

/**
 * A response carrying a delegated responder's certificate (RFC 6960, 4.2.2.2) counts only when it
 * is signed by that responder's key, produced while the responder's certificate was valid, and
 * about a certificate of the issuer that authorised the responder.
 */
class OcspResponderTest {
  private static final Instant NOW = Instant.now();
  private static KeyPair caKeys;
  private static X509Certificate ca;
  private static X509Certificate otherCa;
  private static KeyPair responderKeys;
  private static X509Certificate responder;
  private static X509Certificate leaf;
  private static PrivateKey stranger;

  @BeforeAll
  static void pki() throws Exception {
    caKeys = TestCertificates.rsa(2048);
    ca = TestCertificates.selfSigned(new X500Principal("CN=CA"), caKeys, true).certificate();
    otherCa =
        TestCertificates.selfSigned(
                new X500Principal("CN=Other CA"), TestCertificates.rsa(2048), true)
            .certificate();
    responderKeys = TestCertificates.rsa(2048);
    responder = issue("CN=CA OCSP", responderKeys, 2, true);
    leaf = issue("CN=Signer", TestCertificates.rsa(2048), 3, false);
    stranger = TestCertificates.rsa(2048).getPrivate();
  }

  @Test
  void theRespondersCertificate_withoutItsSignature_isRefused() throws Exception {
    byte[] honest = response(responderKeys.getPrivate(), NOW, CertificateStatus.GOOD, ca);
    // The responder's certificate and ID with another key: a forgery by someone without the
    // responder's key.
    byte[] forged =
        response(
            stranger,
            NOW,
            new RevokedStatus(Date.from(NOW.minus(Duration.ofHours(1))), CRLReason.keyCompromise),
            ca);

    RevocationEvidence accepted = check(honest, ca);
    assertThat(accepted.status()).isEqualTo(RevocationEvidence.Status.GOOD);
    assertThat(accepted.signerChain()).containsExactly(responder, ca);
    assertThatThrownBy(() -> check(forged, ca))
        .isInstanceOf(Revocation.Rejected.class)
        .hasMessageContaining("authorised");
  }

  @Test
  void aResponseProducedOutsideTheRespondersValidity_isRefused() throws Exception {
    Instant beforeResponder = responder.getNotBefore().toInstant().minus(Duration.ofDays(1));

    byte[] early =
        response(responderKeys.getPrivate(), beforeResponder, CertificateStatus.GOOD, ca);

    assertThatThrownBy(() -> check(early, ca)).isInstanceOf(Revocation.Rejected.class);
  }

  @Test
  void aResponder_speaksOnlyForTheIssuerThatAuthorisedIt() throws Exception {
    // Signed by the CA's responder, about a certificate said to be another CA's.
    byte[] aboutAnother =
        response(responderKeys.getPrivate(), NOW, CertificateStatus.GOOD, otherCa);

    assertThatThrownBy(() -> check(aboutAnother, otherCa))
        .isInstanceOf(Revocation.Rejected.class)
        .isNotInstanceOf(Revocation.NotApplicable.class)
        .hasMessageContaining("authorised");
  }

  @Test
  void aSingleResponseThatIsNotOne_isARefusalNotACrash() throws Exception {
    byte[] honest = response(responderKeys.getPrivate(), NOW, CertificateStatus.GOOD, ca);
    BasicOCSPResponse basic = Revocation.readOcsp(honest);
    ResponseData data = basic.getTbsResponseData();
    ResponseData broken =
        new ResponseData(
            data.getVersion(),
            data.getResponderID(),
            data.getProducedAt(),
            new DERSequence(new ASN1Integer(7)),
            data.getResponseExtensions());
    byte[] der =
        new BasicOCSPResponse(
                broken, basic.getSignatureAlgorithm(), basic.getSignature(), basic.getCerts())
            .getEncoded();

    assertThatThrownBy(() -> check(der, ca))
        .isInstanceOf(Revocation.Rejected.class)
        .isNotInstanceOf(Revocation.NotApplicable.class);
  }

  private static RevocationEvidence check(byte[] der, X509Certificate issuer) throws Exception {
    return Revocation.checkOcsp(der, leaf, issuer, null, RevocationEvidence.Origin.EMBEDDED);
  }

  /** A certificate issued by the CA; an OCSP responder's has the OCSP-signing usage. */
  private static X509Certificate issue(String subject, KeyPair keys, long serial, boolean ocsp)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(serial),
            Date.from(NOW.minus(Duration.ofHours(1))),
            Date.from(NOW.plus(Duration.ofDays(30))),
            new X500Name(subject),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    if (ocsp) {
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
  }

  /**
   * A response about the leaf's serial under {@code issuer}, naming the CA's delegated responder
   * and carrying its certificate, signed with {@code key}, produced at {@code produced}.
   */
  private static byte[] response(
      PrivateKey key, Instant produced, CertificateStatus status, X509Certificate issuer)
      throws Exception {
    X509CertificateHolder holder = new JcaX509CertificateHolder(responder);
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(issuer),
            leaf.getSerialNumber());
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(holder.getSubject()));
    builder.addResponse(
        id, status, Date.from(produced), Date.from(produced.plus(Duration.ofDays(1))), null);
    var basic =
        builder.build(
            new JcaContentSignerBuilder("SHA256withRSA").build(key),
            new X509CertificateHolder[] {holder},
            Date.from(produced));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }
}
