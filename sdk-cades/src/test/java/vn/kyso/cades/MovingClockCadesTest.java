package vn.kyso.cades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
 * CAdES B-LT and B-LTA verified offline as the clock moves on: at signing, a day, a year and five
 * years later (past the signer certificate's expiry), from what the signature carries; and a B-B
 * signature, which carries nothing, is not passed offline.
 */
class MovingClockCadesTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(131).build();

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration YEAR = Duration.ofDays(365);
  private static final Duration FIVE_YEARS = Duration.ofDays(5 * 365 + 2);

  @TempDir static Path dir;
  private static Path content;
  private static Path bb;
  private static Path blt;
  private static Path blta;

  @BeforeAll
  static void signAtT0() throws Exception {
    content =
        Files.write(
            dir.resolve("bien-ban.pdf"), "Biên bản họp Hội đồng".getBytes(StandardCharsets.UTF_8));
    bb = sign("bb.p7s", CadesLevel.B_B);
    blt = sign("blt.p7s", CadesLevel.B_LT);
    blta = sign("blta.p7s", CadesLevel.B_LTA);
  }

  private static Path sign(String name, CadesLevel level) throws Exception {
    Path out = dir.resolve(name);
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      CadesSigner.builder()
          .timestampClient(PKI.tsaClient())
          .certificateVerifier(PKI.verifier())
          .clock(PKI.pki().clock())
          .build()
          .sign(
              content,
              out,
              CadesSignatureOptions.builder(level, CadesPackaging.DETACHED).build(),
              token.keys().get(0));
    }
    return out;
  }

  private static SignatureResult verifyAt(Path p7s, Duration later) throws Exception {
    Clock clock = Clock.fixed(PKI.pki().clock().instant().plus(later), ZoneOffset.UTC);
    CertificateVerifier certificates =
        CertificateVerifier.builder(PKI.pki().trustAnchors())
            .clock(clock)
            .network(NetworkSettings.offline())
            .build();
    return CadesVerifier.builder(certificates)
        .clock(clock)
        .build()
        .verify(p7s, content)
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
          .as("CAdES B-LT at +%s: %s", later, lt.findings())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(lt.level()).isEqualTo(SignatureLevel.B_LT);
      SignatureResult lta = verifyAt(blta, later);
      assertThat(lta.indication())
          .as("CAdES B-LTA at +%s: %s", later, lta.findings())
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(lta.level()).isEqualTo(SignatureLevel.B_LTA);
      assertThat(lta.validationDataUsable()).isTrue();
      assertThat(lta.timestamps())
          .extracting(TimestampResult::kind)
          .containsExactly(TimestampResult.Kind.SIGNATURE, TimestampResult.Kind.ARCHIVE);
      assertThat(lta.timestamps()).allMatch(TimestampResult::isPassed);
      assertThat(lta.findings())
          .extracting(f -> f.code())
          .contains(
              "POE_SIGNATURE_TIMESTAMP", "REVOCATION_MATERIAL_SIGNER", "REVOCATION_MATERIAL_TSA");
    }
  }

  @Test
  void bb_carriesNothing_andIsNotPassedOffline() throws Exception {
    SignatureResult r = verifyAt(bb, YEAR);

    assertThat(r.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }
}
