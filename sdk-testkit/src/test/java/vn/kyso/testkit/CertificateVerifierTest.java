package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SubIndication;

/** Path validation and revocation against the loopback OCSP and CRL servers. */
class CertificateVerifierTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(7).build();

  private static X509Certificate cert(TestIdentity id) {
    return PKI.pki().credential(id).certificate();
  }

  private static ValidationContext withChain(TestIdentity id) {
    return ValidationContext.builder().certificates(PKI.pki().credential(id).chain()).build();
  }

  @Test
  void chairman_goodOnOcsp_passes() {
    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.indication()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.chain()).hasSize(3);
    assertThat(r.anchor()).contains(PKI.pki().root());
    assertThat(r.revocation())
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(RevocationEvidence.Status.GOOD);
              assertThat(e.origin()).isEqualTo(RevocationEvidence.Origin.NETWORK);
            });
    assertThat(r.revocation().get(0).kind()).isEqualTo(RevocationEvidence.Kind.OCSP);
    assertThat(r.revocation().get(0).signerChain().get(0))
        .isEqualTo(PKI.pki().ocspResponder().certificate());
  }

  @Test
  void suppliedCrls_decideOffline_revokedAndGood() throws Exception {
    byte[] fromIntermediate = CrlServer.crl(PKI.pki(), PKI.pki().intermediate(), ServerMode.NORMAL);
    byte[] fromRoot = CrlServer.crl(PKI.pki(), PKI.pki().rootCredential(), ServerMode.NORMAL);
    CertificateVerifier offline =
        CertificateVerifier.builder(PKI.pki().trustAnchors())
            .clock(PKI.pki().clock())
            .network(NetworkSettings.offline())
            .revocationData(List.of(fromIntermediate, fromRoot), List.of())
            .build();
    CertificateResult revoked =
        offline.verify(cert(TestIdentity.REVOKED), withChain(TestIdentity.REVOKED));
    assertThat(revoked.subIndication()).contains(SubIndication.REVOKED);
    CertificateResult good =
        offline.verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));
    assertThat(good.indication()).as(good.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    CertificateVerifier without = offlineVerifier();
    assertThat(
            without
                .verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN))
                .indication())
        .isEqualTo(Indication.INDETERMINATE);
  }

  @Test
  void intermediateNotSuppliedAnywhere_noChainFound() {
    CertificateResult r = PKI.verifier().verify(cert(TestIdentity.CHAIRMAN));

    assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(r.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    assertThat(r.hasFinding("CERT_CHAIN_NOT_FOUND")).isTrue();
  }

  @Test
  void revokedCertificate_failsWithRevoked() {
    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.REVOKED), withChain(TestIdentity.REVOKED));

    assertThat(r.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(r.subIndication()).contains(SubIndication.REVOKED);
    RevocationEvidence e = r.revocation().get(0);
    assertThat(e.status()).isEqualTo(RevocationEvidence.Status.REVOKED);
    assertThat(e.reason()).contains("KEY_COMPROMISE");
    assertThat(e.revocationTime()).contains(PKI.pki().clock().instant().minus(Duration.ofDays(2)));
  }

  @Test
  void revokedAfterProvenTime_passesWithWarning() {
    Instant beforeRevocation = PKI.pki().clock().instant().minus(Duration.ofDays(5));
    CertificateResult r =
        PKI.verifier()
            .verify(
                cert(TestIdentity.REVOKED),
                ValidationContext.builder()
                    .certificates(PKI.pki().credential(TestIdentity.REVOKED).chain())
                    .at(beforeRevocation, true)
                    .build());

    assertThat(r.indication()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.hasFinding("CERT_REVOKED_LATER")).isTrue();
  }

  @Test
  void revokedAfterClaimedTime_isIndeterminateWithoutProofOfExistence() {
    Instant claimed = PKI.pki().clock().instant().minus(Duration.ofDays(5));
    CertificateResult r =
        PKI.verifier()
            .verify(
                cert(TestIdentity.REVOKED),
                ValidationContext.builder()
                    .certificates(PKI.pki().credential(TestIdentity.REVOKED).chain())
                    .at(claimed, false)
                    .build());

    assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(r.subIndication()).contains(SubIndication.REVOKED_NO_POE);
  }

  @Test
  void ocspUnknown_fallsBackToCrl() {
    PKI.ocsp().mode(ServerMode.UNKNOWN);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.isPassed()).isTrue();
    assertThat(r.revocation().get(0).kind()).isEqualTo(RevocationEvidence.Kind.CRL);
  }

  @Test
  void ocspDownAndCrlFound_revokedSeenOnCrl() {
    PKI.ocsp().mode(ServerMode.ERROR_STATUS);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.REVOKED), withChain(TestIdentity.REVOKED));

    assertThat(r.subIndication()).contains(SubIndication.REVOKED);
    assertThat(r.revocation().get(0).kind()).isEqualTo(RevocationEvidence.Kind.CRL);
    assertThat(PKI.crl().requestCount()).isPositive();
  }

  @Test
  void bothSourcesMalformed_isIndeterminateTryLater() {
    PKI.ocsp().mode(ServerMode.MALFORMED);
    PKI.crl().mode(ServerMode.MALFORMED);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(r.hasFinding("REVOCATION_UNAVAILABLE")).isTrue();
    assertThat(r.hasFinding("REVOCATION_SOURCE_FAILED")).isTrue();
  }

  @Test
  void slowServers_timeOutToIndeterminate() {
    PKI.ocsp().mode(ServerMode.SLOW);
    PKI.crl().mode(ServerMode.SLOW);
    CertificateVerifier verifier =
        PKI.verifierBuilder()
            .network(NetworkSettings.builder().timeout(Duration.ofMillis(300)).build())
            .build();

    long start = System.nanoTime();
    CertificateResult r =
        verifier.verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void staleAnswers_areNotUsed() {
    PKI.ocsp().mode(ServerMode.STALE);
    PKI.crl().mode(ServerMode.STALE);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
  }

  @Test
  void ocspSignedByUnauthorisedKey_isRefusedAndCrlDecides() {
    PKI.ocsp().mode(ServerMode.UNAUTHORISED_SIGNER);
    PKI.crl().mode(ServerMode.ERROR_STATUS);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(r.findings()).anySatisfy(f -> assertThat(f.messageEn()).contains("authorised"));
  }

  @Test
  void ocspLyingGoodForRevoked_isCaughtOnlyIfCrlAsked_soOcspGoodIsTrusted() {
    // A properly signed OCSP "good" is authoritative: the CRL is not consulted.
    PKI.ocsp().mode(ServerMode.GOOD);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.REVOKED), withChain(TestIdentity.REVOKED));

    assertThat(r.isPassed()).isTrue();
    assertThat(PKI.crl().requestCount()).isZero();
  }

  @Test
  void replayedNonce_isRefused() {
    PKI.ocsp().mode(ServerMode.WRONG_NONCE);
    PKI.crl().mode(ServerMode.ERROR_STATUS);

    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(r.findings()).anySatisfy(f -> assertThat(f.messageEn()).contains("nonce"));
  }

  @Test
  void offline_withEmbeddedOcspAndCrl_passesWithoutNetwork() throws Exception {
    TestPki pki = PKI.pki();
    X509Certificate signer = cert(TestIdentity.CHAIRMAN);
    byte[] ocsp = chairmanOcsp(ServerMode.NORMAL);
    byte[] rootCrl = CrlServer.crl(pki, pki.rootCredential(), ServerMode.NORMAL);
    CertificateVerifier offline = offlineVerifier();

    CertificateResult r = offline.verify(signer, withMaterial(ocsp, rootCrl).build());

    assertThat(r.isPassed()).isTrue();
    assertThat(r.revocation())
        .allSatisfy(e -> assertThat(e.origin()).isEqualTo(RevocationEvidence.Origin.EMBEDDED));
    assertThat(PKI.ocsp().requestCount()).isZero();
  }

  @Test
  void contextsSharingChecks_judgeLikeFreshContexts_andStillJudgeTimePerContext() throws Exception {
    TestPki pki = PKI.pki();
    X509Certificate signer = cert(TestIdentity.CHAIRMAN);
    byte[] ocsp = chairmanOcsp(ServerMode.NORMAL);
    byte[] rootCrl = CrlServer.crl(pki, pki.rootCredential(), ServerMode.NORMAL);
    CertificateVerifier offline = offlineVerifier();
    ValidationContext first = withMaterial(ocsp, rootCrl).build();
    CertificateResult fresh = offline.verify(signer, first);
    // The same material under a context sharing the first one's checks: the same verdict and
    // evidence, from the shared checks.
    CertificateResult shared =
        offline.verify(signer, withMaterial(ocsp, rootCrl).sharingChecksWith(first).build());
    // Judged at a time the response cannot speak for (two months later, no newer data): what
    // depends on the time is judged under each context, shared checks or not.
    Instant later = pki.clock().instant().plus(Duration.ofDays(60));
    CertificateResult stale =
        offline.verify(
            signer, withMaterial(ocsp, rootCrl).at(later, true).sharingChecksWith(first).build());
    CertificateResult staleFresh =
        offline.verify(signer, withMaterial(ocsp, rootCrl).at(later, true).build());

    // A context built from another (toBuilder) holds the same material and judges the same.
    CertificateResult derived = offline.verify(signer, first.toBuilder().build());
    CertificateResult derivedLater =
        offline.verify(signer, first.toBuilder().at(later, true).build());

    assertThat(fresh.isPassed()).isTrue();
    assertThat(derived.isPassed()).isTrue();
    assertThat(derived.revocation()).hasSameSizeAs(fresh.revocation());
    assertThat(derivedLater.subIndication()).isEqualTo(staleFresh.subIndication());
    assertThat(shared.indication()).isEqualTo(fresh.indication());
    assertThat(shared.revocation()).hasSameSizeAs(fresh.revocation());
    assertThat(stale.isPassed()).isFalse();
    assertThat(stale.indication()).isEqualTo(staleFresh.indication());
    assertThat(stale.subIndication()).isEqualTo(staleFresh.subIndication());
  }

  @Test
  void contextsSharingChecks_refuseAResponderWithoutAuthority_everyTime() throws Exception {
    TestPki pki = PKI.pki();
    X509Certificate signer = cert(TestIdentity.CHAIRMAN);
    byte[] forged = chairmanOcsp(ServerMode.UNAUTHORISED_SIGNER);
    CertificateVerifier offline = offlineVerifier();
    ValidationContext first =
        ValidationContext.builder()
            .certificates(pki.credential(TestIdentity.CHAIRMAN).chain())
            .ocspResponse(forged)
            .build();

    for (ValidationContext c :
        List.of(
            first,
            ValidationContext.builder()
                .certificates(pki.credential(TestIdentity.CHAIRMAN).chain())
                .ocspResponse(forged)
                .sharingChecksWith(first)
                .build(),
            first)) {
      CertificateResult r = offline.verify(signer, c);
      assertThat(r.isPassed()).isFalse();
      assertThat(r.findings()).anySatisfy(f -> assertThat(f.messageEn()).contains("authorised"));
    }
  }

  /** A verifier with no network: only what the contexts and the anchors supply. */
  private static CertificateVerifier offlineVerifier() {
    return CertificateVerifier.builder(PKI.pki().trustAnchors())
        .clock(PKI.pki().clock())
        .network(NetworkSettings.offline())
        .build();
  }

  /** The test CA's OCSP answer about the chairman's certificate. */
  private static byte[] chairmanOcsp(ServerMode mode) throws Exception {
    return OcspServer.respond(
        PKI.pki(),
        request(cert(TestIdentity.CHAIRMAN), PKI.pki().intermediate().certificate()),
        mode);
  }

  /** The chairman's chain with an OCSP response and a CRL. */
  private static ValidationContext.Builder withMaterial(byte[] ocsp, byte[] crl) {
    return ValidationContext.builder()
        .certificates(PKI.pki().credential(TestIdentity.CHAIRMAN).chain())
        .ocspResponse(ocsp)
        .crl(crl);
  }

  @Test
  void offline_withoutMaterial_isIndeterminate() {
    CertificateVerifier offline = offlineVerifier();

    CertificateResult r =
        offline.verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    assertThat(PKI.ocsp().requestCount()).isZero();
  }

  @Test
  void garbageEmbeddedMaterial_isAFindingNotACrash() {
    CertificateVerifier offline = offlineVerifier();

    CertificateResult r =
        offline.verify(
            cert(TestIdentity.CHAIRMAN),
            ValidationContext.builder()
                .certificates(PKI.pki().credential(TestIdentity.CHAIRMAN).chain())
                .ocspResponse(new byte[] {0x30, 0x03, 0x02, 0x01, 0x07})
                .crl("not a crl".getBytes(StandardCharsets.US_ASCII))
                .build());

    assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(r.hasFinding("REVOCATION_SOURCE_FAILED")).isTrue();
  }

  @Test
  void aResponseWhoseSingleResponsesAreNotSuch_isAFindingAndTheGoodOneDecides() throws Exception {
    byte[] good = chairmanOcsp(ServerMode.NORMAL);
    BasicOCSPResponse basic =
        BasicOCSPResponse.getInstance(
            OCSPResponse.getInstance(good).getResponseBytes().getResponse().getOctets());
    ResponseData data = basic.getTbsResponseData();
    byte[] broken =
        new BasicOCSPResponse(
                new ResponseData(
                    data.getVersion(),
                    data.getResponderID(),
                    data.getProducedAt(),
                    new DERSequence(new ASN1Integer(7)),
                    data.getResponseExtensions()),
                basic.getSignatureAlgorithm(),
                basic.getSignature(),
                basic.getCerts())
            .getEncoded();
    byte[] rootCrl = CrlServer.crl(PKI.pki(), PKI.pki().rootCredential(), ServerMode.NORMAL);

    CertificateResult alone =
        offlineVerifier()
            .verify(cert(TestIdentity.CHAIRMAN), withMaterial(broken, rootCrl).build());
    CertificateResult withGood =
        offlineVerifier()
            .verify(
                cert(TestIdentity.CHAIRMAN),
                withMaterial(broken, rootCrl).ocspResponse(good).build());

    assertThat(alone.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(alone.hasFinding("REVOCATION_SOURCE_FAILED")).isTrue();
    assertThat(withGood.indication()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void expiredNow_isOutOfBoundsWithoutProof() {
    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.EXPIRED), withChain(TestIdentity.EXPIRED));

    assertThat(r.subIndication()).contains(SubIndication.OUT_OF_BOUNDS_NO_POE);
    assertThat(r.hasFinding("CERT_EXPIRED")).isTrue();
  }

  @Test
  void expiredAtProvenTime_failsExpired() {
    Instant proven = PKI.pki().clock().instant();
    CertificateResult r =
        PKI.verifier()
            .verify(
                cert(TestIdentity.EXPIRED),
                ValidationContext.builder()
                    .certificates(PKI.pki().credential(TestIdentity.EXPIRED).chain())
                    .at(proven, true)
                    .build());

    assertThat(r.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(r.subIndication()).contains(SubIndication.EXPIRED);
  }

  @Test
  void expiredCertificate_validAtEarlierProvenTime_passes() {
    Instant proven = PKI.pki().clock().instant().minus(Duration.ofDays(30));
    CertificateResult r =
        PKI.verifier()
            .verify(
                cert(TestIdentity.EXPIRED),
                ValidationContext.builder()
                    .certificates(PKI.pki().credential(TestIdentity.EXPIRED).chain())
                    .at(proven, true)
                    .build());

    assertThat(r.isPassed()).isTrue();
  }

  @Test
  void notYetValid_fails() {
    CertificateResult r =
        PKI.verifier()
            .verify(cert(TestIdentity.NOT_YET_VALID), withChain(TestIdentity.NOT_YET_VALID));

    assertThat(r.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(r.subIndication()).contains(SubIndication.NOT_YET_VALID);
  }

  @Test
  void wrongKeyUsage_failsChainConstraints() {
    CertificateResult r =
        PKI.verifier()
            .verify(cert(TestIdentity.WRONG_KEY_USAGE), withChain(TestIdentity.WRONG_KEY_USAGE));

    assertThat(r.subIndication()).contains(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
    assertThat(r.hasFinding("CERT_KEY_USAGE_NOT_SIGNING")).isTrue();
  }

  @Test
  void foreignRoot_noChain() {
    CertificateResult r =
        PKI.verifier()
            .verify(cert(TestIdentity.FOREIGN_ROOT), withChain(TestIdentity.FOREIGN_ROOT));

    assertThat(r.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
  }

  @Test
  void lookAlikeRootWithSameName_isNotTrusted() {
    // The attacker's root copies the real root's name; the verifier trusts only the real one.
    TestPki other = TestPki.builder().seed(99).clock(PKI.pki().clock()).build();
    CertificateResult r =
        PKI.verifier()
            .verify(
                other.credential(TestIdentity.CHAIRMAN).certificate(),
                ValidationContext.builder()
                    .certificates(other.credential(TestIdentity.CHAIRMAN).chain())
                    .build());

    assertThat(other.root().getSubjectX500Principal())
        .isEqualTo(PKI.pki().root().getSubjectX500Principal());
    assertThat(r.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
  }

  @Test
  void rsa1024_failsCryptoConstraints() {
    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.RSA_1024), withChain(TestIdentity.RSA_1024));

    assertThat(r.subIndication()).contains(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE);
    assertThat(r.hasFinding("CERT_WEAK_KEY")).isTrue();
  }

  @Test
  void sha1SignedEndEntity_failsCryptoConstraints() {
    CertificateResult r =
        PKI.verifier().verify(cert(TestIdentity.SHA1_SIGNED), withChain(TestIdentity.SHA1_SIGNED));

    assertThat(r.subIndication()).contains(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE);
    assertThat(r.hasFinding("CERT_WEAK_SIGNATURE_ALGORITHM")).isTrue();
  }

  @Test
  void sha1SubCaDirectlyUnderPinnedAnchor_isAcceptedAndReported() {
    CertificateResult r =
        PKI.verifier()
            .verify(cert(TestIdentity.G1_LEGACY_PERSON), withChain(TestIdentity.G1_LEGACY_PERSON));

    assertThat(r.isPassed()).isTrue();
    assertThat(r.hasFinding("CERT_SHA1_PINNED_SUBCA")).isTrue();
  }

  @Test
  void sha1SubCa_whenItsRootIsNotTheAnchor_fails() {
    // Pin the G1-style sub-CA's issuer chain one level higher: the SHA-1 exception must not apply
    // when the SHA-1-signed CA is not directly under the anchor.
    TestPki pki = PKI.pki();
    CertificateVerifier pinnedSubCa =
        CertificateVerifier.builder(
                TrustAnchors.builder().addAnchor(pki.legacySubCa().certificate()).build())
            .clock(pki.clock())
            .insecureSkipRevocationCheck()
            .build();

    CertificateResult r =
        pinnedSubCa.verify(cert(TestIdentity.SHA1_SIGNED), withChain(TestIdentity.SHA1_SIGNED));

    assertThat(r.isPassed()).isFalse();
  }

  @Test
  void timestampingPurpose_requiresCriticalTimeStampingEku() {
    CertificateResult tsa =
        PKI.verifier()
            .verify(
                PKI.pki().tsa().certificate(),
                ValidationContext.builder()
                    .certificates(PKI.pki().tsa().chain())
                    .purpose(CertificatePurpose.TIMESTAMPING)
                    .build());
    CertificateResult person =
        PKI.verifier()
            .verify(
                cert(TestIdentity.CHAIRMAN),
                ValidationContext.builder()
                    .certificates(PKI.pki().credential(TestIdentity.CHAIRMAN).chain())
                    .purpose(CertificatePurpose.TIMESTAMPING)
                    .build());

    assertThat(tsa.isPassed()).isTrue();
    assertThat(person.hasFinding("CERT_EKU_NOT_TIMESTAMPING")).isTrue();
  }

  @Test
  void caCertificateAsSigner_isRefused() {
    CertificateResult r =
        PKI.verifier()
            .verify(
                PKI.pki().intermediate().certificate(),
                ValidationContext.builder().certificates(PKI.pki().intermediate().chain()).build());

    assertThat(r.hasFinding("CERT_SIGNER_IS_CA")).isTrue();
    assertThat(r.isPassed()).isFalse();
  }

  @Test
  void cache_reusesGoodAnswers() {
    CertificateVerifier cached = PKI.verifierBuilder().revocationCacheSize(100).build();
    cached.verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));
    int afterFirst = PKI.ocsp().requestCount();

    CertificateResult second =
        cached.verify(cert(TestIdentity.CHAIRMAN), withChain(TestIdentity.CHAIRMAN));

    assertThat(second.isPassed()).isTrue();
    assertThat(PKI.ocsp().requestCount()).isEqualTo(afterFirst);
    assertThat(second.revocation())
        .allSatisfy(e -> assertThat(e.origin()).isEqualTo(RevocationEvidence.Origin.CACHE));
  }

  static byte[] request(X509Certificate cert, X509Certificate issuer) throws Exception {
    var dcp = new JcaDigestCalculatorProviderBuilder().build();
    var id =
        new CertificateID(
            dcp.get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(issuer),
            cert.getSerialNumber());
    return new OCSPReqBuilder().addRequest(id).build().getEncoded();
  }

  @Test
  void tlsServerOnlyCertificate_isNotADocumentSigner() throws Exception {
    TestCredential ca = PKI.pki().intermediate();
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Instant now = PKI.pki().clock().instant();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca.certificate(),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            new X500Principal("CN=cong-dich-vu.thunghiem.gov.vn,C=VN"),
            keys.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate tls =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey())));
    CertificateVerifier noRevocation =
        CertificateVerifier.builder(PKI.pki().trustAnchors())
            .clock(PKI.pki().clock())
            .network(NetworkSettings.offline())
            .insecureSkipRevocationCheck()
            .build();

    CertificateResult r =
        noRevocation.verify(
            tls, ValidationContext.builder().certificates(List.of(ca.certificate())).build());

    assertThat(r.isPassed()).isFalse();
    assertThat(r.hasFinding("CERT_EKU_NOT_SIGNING")).isTrue();
  }
}
