package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * XAdES B-LT and B-LTA verified offline as the clock moves on: at signing, a day, a year and five
 * years later (past the signer certificate's expiry), from what the signature carries.
 */
class MovingClockXmlTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(31).build();

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration YEAR = Duration.ofDays(365);
  private static final Duration FIVE_YEARS = Duration.ofDays(5 * 365 + 2);

  @TempDir static Path dir;
  private static Path blt;
  private static Path blta;

  @BeforeAll
  static void signAtT0() throws Exception {
    Path in =
        Files.writeString(
            dir.resolve("ho-so.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<HoSo Id=\"hs1\"><ThuTuc>Cấp giấy phép xây dựng</ThuTuc></HoSo>\n");
    blt = sign(in, "blt.xml", XadesLevel.B_LT);
    blta = sign(in, "blta.xml", XadesLevel.B_LTA);
  }

  private static Path sign(Path in, String name, XadesLevel level) throws Exception {
    Path out = dir.resolve(name);
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      XmlSigner.builder()
          .timestampClient(PKI.tsaClient())
          .certificateVerifier(PKI.verifier())
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(level, XadesPackaging.ENVELOPED).build(),
              token.keys().get(0));
    }
    return out;
  }

  private static SignatureResult verifyAt(Path xml, Duration later) throws Exception {
    Clock clock = Clock.fixed(PKI.pki().clock().instant().plus(later), ZoneOffset.UTC);
    CertificateVerifier certificates =
        CertificateVerifier.builder(PKI.pki().trustAnchors())
            .clock(clock)
            .network(NetworkSettings.offline())
            .build();
    return XmlVerifier.builder(certificates)
        .clock(clock)
        .build()
        .verify(xml, Map.of())
        .report()
        .signatures()
        .get(0);
  }

  @Test
  void blt_andBlta_verifyFromWhatTheyCarry_aDayAYearAndFiveYearsLater() throws Exception {
    Instant signerExpiry =
        PKI.pki().credential(TestIdentity.CHAIRMAN).certificate().getNotAfter().toInstant();
    assertThat(PKI.pki().clock().instant().plus(FIVE_YEARS)).isAfter(signerExpiry);
    for (Duration later : List.of(Duration.ZERO, DAY, YEAR, FIVE_YEARS)) {
      SignatureResult lt = verifyAt(blt, later);
      assertThat(lt.indication())
          .as("XAdES B-LT at +%s: %s", later, lt.findings())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(lt.level()).isEqualTo(SignatureLevel.B_LT);
      SignatureResult lta = verifyAt(blta, later);
      assertThat(lta.indication())
          .as("XAdES B-LTA at +%s: %s", later, lta.findings())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(lta.level()).isEqualTo(SignatureLevel.B_LTA);
      assertThat(lta.validationDataUsable()).isTrue();
      // The report carries each time-stamp: the signature's own, then the archive time-stamp.
      assertThat(lta.timestamps())
          .extracting(t -> t.kind())
          .containsExactly(TimestampResult.Kind.SIGNATURE, TimestampResult.Kind.ARCHIVE);
      assertThat(lta.timestamps()).allMatch(TimestampResult::isPassed);
      assertThat(lt.timestamps())
          .extracting(t -> t.kind())
          .containsExactly(TimestampResult.Kind.SIGNATURE);
      assertThat(lta.findings())
          .extracting(f -> f.code())
          .contains(
              "POE_SIGNATURE_TIMESTAMP", "REVOCATION_MATERIAL_SIGNER", "REVOCATION_MATERIAL_TSA");
    }
  }
}
