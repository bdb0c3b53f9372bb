package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.trust.TsaClient;

/** The RFC 3161 client against the loopback TSA. */
class TsaClientTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(11).build();

  private static final Digest DIGEST =
      DigestAlgorithm.SHA256.digest("công văn số 123/UBND-VP".getBytes(StandardCharsets.UTF_8));

  @Test
  void timestamp_good_coversTheDigestAtTheTsaTime() throws Exception {
    TimestampToken token = PKI.tsaClient().timestamp(DIGEST);

    assertThat(token.covers(DIGEST)).isTrue();
    assertThat(token.genTime()).isEqualTo(PKI.pki().clock().instant());
    assertThat(token.tsaCertificate()).isEqualTo(PKI.pki().tsa().certificate());
    assertThat(token.nonce()).isPresent();
    assertThat(TimestampToken.parse(token.encoded()).covers(DIGEST)).isTrue();
  }

  /** The versions in a token are not signed: a value RFC 5652 does not allow is malformed. */
  @Test
  void aTokenWithAnUnknownSignerInfoVersion_isMalformed() throws Exception {
    byte[] der = PKI.tsaClient().timestamp(DIGEST).encoded();
    org.bouncycastle.asn1.cms.SignedData sd =
        org.bouncycastle.asn1.cms.SignedData.getInstance(
            org.bouncycastle.asn1.cms.ContentInfo.getInstance(
                    org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der))
                .getContent());
    byte[] signerInfo = sd.getSignerInfos().getObjectAt(0).toASN1Primitive().getEncoded("DER");
    int at = -1;
    for (int i = 0; i + signerInfo.length <= der.length && at < 0; i++) {
      if (java.util.Arrays.equals(
          der, i, i + signerInfo.length, signerInfo, 0, signerInfo.length)) {
        at = i;
      }
    }
    int version = at + ((signerInfo[1] & 0x80) == 0 ? 2 : 2 + (signerInfo[1] & 0x7f));
    assertThat(der[version]).isEqualTo((byte) 2);
    byte[] mutated = der.clone();
    mutated[version + 2] = 0x42;
    assertThatThrownBy(() -> TimestampToken.parse(mutated))
        .isInstanceOfSatisfying(
            vn.kyso.api.DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(vn.kyso.api.ErrorCode.MALFORMED_TIMESTAMP));
  }

  /**
   * The algorithm identifiers of a token's SignerInfo are not signed either: parameters the
   * algorithm does not allow make it malformed (the same rule as for signatures).
   */
  @Test
  void aTokenWithSignatureAlgorithmParameters_isMalformed() throws Exception {
    byte[] der = PKI.tsaClient().timestamp(DIGEST).encoded();
    org.bouncycastle.asn1.cms.SignedData sd =
        org.bouncycastle.asn1.cms.SignedData.getInstance(
            org.bouncycastle.asn1.cms.ContentInfo.getInstance(
                    org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der))
                .getContent());
    org.bouncycastle.asn1.cms.SignerInfo si =
        org.bouncycastle.asn1.cms.SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
    org.bouncycastle.asn1.cms.SignerInfo altered =
        new org.bouncycastle.asn1.cms.SignerInfo(
            si.getSID(),
            si.getDigestAlgorithm(),
            si.getAuthenticatedAttributes(),
            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                si.getDigestEncryptionAlgorithm().getAlgorithm(),
                new org.bouncycastle.asn1.DEROctetString(new byte[0])),
            si.getEncryptedDigest(),
            si.getUnauthenticatedAttributes());
    byte[] mutated =
        new org.bouncycastle.asn1.cms.ContentInfo(
                org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData,
                new org.bouncycastle.asn1.cms.SignedData(
                    sd.getDigestAlgorithms(),
                    sd.getEncapContentInfo(),
                    sd.getCertificates(),
                    sd.getCRLs(),
                    new org.bouncycastle.asn1.DERSet(altered)))
            .getEncoded("DER");

    assertThatThrownBy(() -> TimestampToken.parse(mutated))
        .isInstanceOfSatisfying(
            vn.kyso.api.DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(vn.kyso.api.ErrorCode.MALFORMED_TIMESTAMP));
    assertThat(TimestampToken.parse(der).genTime()).isNotNull();
  }

  @Test
  void timestamp_withRequestedPolicy_isChecked() throws Exception {
    TsaClient client =
        TsaClient.builder(PKI.tsa().uri())
            .policy(TsaServer.POLICY)
            .verifier(PKI.verifier())
            .build();

    assertThat(client.timestamp(DIGEST).policy()).isEqualTo(TsaServer.POLICY);
  }

  @Test
  void wrongImprint_isRefused() {
    PKI.tsa().mode(ServerMode.WRONG_IMPRINT);

    assertThatThrownBy(() -> PKI.tsaClient().timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BAD_RESPONSE));
  }

  @Test
  void rejection_isABadResponse() {
    PKI.tsa().mode(ServerMode.ERROR_STATUS);

    assertThatThrownBy(() -> PKI.tsaClient().timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BAD_RESPONSE));
  }

  @Test
  void garbage_isABadResponse() {
    PKI.tsa().mode(ServerMode.MALFORMED);

    assertThatThrownBy(() -> PKI.tsaClient().timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BAD_RESPONSE));
  }

  @Test
  void slowTsa_timesOut() {
    PKI.tsa().mode(ServerMode.SLOW);
    TsaClient client = TsaClient.builder(PKI.tsa().uri()).timeout(Duration.ofMillis(300)).build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void tsaDown_isUnavailable() {
    TsaClient client =
        TsaClient.builder(URI.create("http://127.0.0.1:1/tsa"))
            .timeout(Duration.ofSeconds(2))
            .build();

    assertThatThrownBy(() -> client.timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
  }

  @Test
  void tsaCertificateNotUnderTheAnchors_isRefused() {
    CertificateVerifier foreign =
        CertificateVerifier.builder(
                TrustAnchors.builder().addAnchor(PKI.pki().foreignRoot().certificate()).build())
            .clock(PKI.pki().clock())
            .build();
    TsaClient client = TsaClient.builder(PKI.tsa().uri()).verifier(foreign).build();

    assertThatThrownBy(() -> client.timestamp(DIGEST))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_BAD_RESPONSE);
              assertThat(e.getMessage()).contains("TSA certificate");
            });
  }
}
