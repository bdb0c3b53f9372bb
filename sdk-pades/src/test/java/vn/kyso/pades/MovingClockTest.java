package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * The same signed documents verified offline as the clock moves on: at signing, a day, a year and
 * five years later (past the signer certificate's expiry), and after the CA revoked the signer
 * later than the time-stamp. B-LT and B-LTA verify from what they carry; B-T, which carries no
 * validation data, does not.
 */
class MovingClockTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(29).build();

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration YEAR = Duration.ofDays(365);
  private static final Duration FIVE_YEARS = Duration.ofDays(5 * 365 + 2);

  @TempDir static Path dir;
  private static Path bt;
  private static Path blt;
  private static Path blta;

  @BeforeAll
  static void signAtT0() throws Exception {
    Path letter = TestPdfs.letter(dir, "cong-van.pdf", null);
    bt = sign(letter, "bt.pdf", PadesLevel.B_T);
    blt = sign(letter, "blt.pdf", PadesLevel.B_LT);
    blta = sign(letter, "blta.pdf", PadesLevel.B_LTA);
  }

  private static Path sign(Path in, String name, PadesLevel level) throws Exception {
    Path out = dir.resolve(name);
    PdfSigner signer =
        PdfSigner.builder()
            .timestampClient(PKI.tsaClient())
            .certificateVerifier(PKI.verifier())
            .clock(PKI.pki().clock())
            .build();
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer.sign(in, out, PdfSignatureOptions.builder(level).build(), token.keys().get(0));
    }
    return out;
  }

  /** Offline, at t0 + later, with only what the document carries (and any CRLs given). */
  private static SignatureResult verifyAt(Path pdf, Duration later, byte[]... crls)
      throws Exception {
    Clock clock = Clock.fixed(PKI.pki().clock().instant().plus(later), ZoneOffset.UTC);
    CertificateVerifier certificates =
        CertificateVerifier.builder(PKI.pki().trustAnchors())
            .clock(clock)
            .network(NetworkSettings.offline())
            .revocationData(List.of(crls), List.of())
            .build();
    return PdfVerifier.builder(certificates).clock(clock).build().verify(pdf).signatures().get(0);
  }

  @Test
  void bt_carriesNoValidationData_soOfflineItIsIndeterminate_andSaysWhy() throws Exception {
    for (Duration later : List.of(Duration.ZERO, DAY, YEAR)) {
      SignatureResult s = verifyAt(bt, later);
      assertThat(s.indication()).as("B-T at +%s", later).isEqualTo(Indication.INDETERMINATE);
    }
    assertThat(verifyAt(bt, YEAR).findings())
        .anyMatch(f -> f.code().equals("REVOCATION_UNAVAILABLE"));
  }

  @Test
  void blt_verifiesFromWhatItCarries_aDayAYearAndFiveYearsLater() throws Exception {
    for (Duration later : List.of(Duration.ZERO, DAY, YEAR, FIVE_YEARS)) {
      SignatureResult s = verifyAt(blt, later);
      assertThat(s.indication())
          .as("B-LT at +%s: %s", later, s.findings())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(s.level()).isEqualTo(SignatureLevel.B_LT);
    }
  }

  @Test
  void blta_verifiesFromWhatItCarries_evenPastTheSignerCertificatesExpiry() throws Exception {
    Instant signerExpiry =
        PKI.pki().credential(TestIdentity.CHAIRMAN).certificate().getNotAfter().toInstant();
    assertThat(PKI.pki().clock().instant().plus(FIVE_YEARS)).isAfter(signerExpiry);
    for (Duration later : List.of(Duration.ZERO, DAY, YEAR, FIVE_YEARS)) {
      SignatureResult s = verifyAt(blta, later);
      assertThat(s.indication())
          .as("B-LTA at +%s: %s", later, s.findings())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(s.level()).isEqualTo(SignatureLevel.B_LTA);
      assertThat(s.bestSignatureTime()).isPresent();
      // The report says which proof of existence it used and what supported each certificate.
      assertThat(s.findings())
          .extracting(f -> f.code())
          .contains(
              "POE_SIGNATURE_TIMESTAMP", "REVOCATION_MATERIAL_SIGNER", "REVOCATION_MATERIAL_TSA");
    }
  }

  @Test
  void signerRevokedAfterTheTimestamp_stillPasses_revokedBefore_fails() throws Exception {
    Instant t0 = PKI.pki().clock().instant();
    byte[] revokedLater = crlRevokingChairman(t0.plus(YEAR), t0.plus(YEAR).plus(DAY));
    SignatureResult later = verifyAt(blta, YEAR.multipliedBy(2), revokedLater);
    assertThat(later.indication())
        .as(later.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(later.findings()).anyMatch(f -> f.code().equals("CERT_REVOKED_LATER"));

    byte[] revokedBefore = crlRevokingChairman(t0.minus(DAY), t0.plus(YEAR));
    SignatureResult before = verifyAt(blta, YEAR.multipliedBy(2), revokedBefore);
    assertThat(before.indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  /** A CRL of the chairman's CA, issued at {@code thisUpdate}, revoking him at {@code at}. */
  private static byte[] crlRevokingChairman(Instant at, Instant thisUpdate) throws Exception {
    TestCredential ca = PKI.pki().intermediate();
    BigInteger serial = PKI.pki().credential(TestIdentity.CHAIRMAN).certificate().getSerialNumber();
    X509v2CRLBuilder b =
        new X509v2CRLBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
            Date.from(thisUpdate));
    b.setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(7))));
    b.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise);
    b.addExtension(Extension.cRLNumber, false, new ASN1Integer(thisUpdate.getEpochSecond()));
    return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey()))
        .getEncoded();
  }
}
