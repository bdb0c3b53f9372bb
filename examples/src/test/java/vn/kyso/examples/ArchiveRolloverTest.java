package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.archive.ArchiveFormat;
import vn.kyso.api.archive.ArchiveJob;
import vn.kyso.api.archive.RenewalPolicy;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfArchiveFormat;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * The reason for the archive job: a document signed today under a root that expires in ten years
 * (as the government G1 root does on 2030-03-05) is renewed eight years on, by a TSA of a new
 * hierarchy, and still verifies offline at ten years and a month, when every certificate of the
 * first hierarchy has expired.
 */
class ArchiveRolloverTest {
  private static final Instant T0 = Instant.parse("2026-06-15T03:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofDays(8 * 365));
  private static final Instant LATER = T0.plus(Duration.ofDays(10 * 365 + 30));

  /** A clock the test moves; the first hierarchy's services follow it. */
  private static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void set(Instant value) {
      now = value;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void renewedBeforeTheFirstRootExpires_byANewHierarchy_verifiesOfflineAtTenYears(@TempDir Path dir)
      throws Exception {
    MovingClock clock = new MovingClock(T0);
    TestPkiExtension first = TestPkiExtension.builder().seed(47).clock(clock).build();
    TestPkiExtension second =
        TestPkiExtension.builder()
            .seed(48)
            .generation("G2")
            .clock(Clock.fixed(T1, ZoneOffset.UTC))
            .build();
    first.start();
    second.start();
    try {
      Path plain = dir.resolve("plain.pdf");
      ArchiveJobTest.plainPdf(plain, "luu-tru");
      Path archive = Files.createDirectories(dir.resolve("kho"));
      Path doc = archive.resolve("cong-van.pdf");
      try (SigningToken token = first.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        PdfSigner.builder()
            .timestampClient(first.tsaClient())
            .certificateVerifier(first.verifier())
            .clock(clock)
            .build()
            .sign(
                plain,
                doc,
                PdfSignatureOptions.builder(PadesLevel.B_LTA).build(),
                token.keys().get(0));
      }

      // Eight years on: the first hierarchy's CA still publishes, its root has two years left.
      clock.set(T1);
      Clock atT1 = Clock.fixed(T1, ZoneOffset.UTC);
      TrustAnchors both =
          TrustAnchors.builder()
              .addAnchor(first.pki().root())
              .addAnchor(second.pki().root())
              .build();
      CertificateVerifier online =
          CertificateVerifier.builder(both).network(NetworkSettings.online()).clock(atT1).build();
      TsaClient newTsa = TsaClient.builder(second.tsa().uri()).verifier(online).build();
      List<ArchiveFormat> formats =
          List.of(
              PdfArchiveFormat.of(
                  PdfVerifier.builder(online).clock(atT1).build(),
                  PdfSigner.builder()
                      .timestampClient(newTsa)
                      .certificateVerifier(online)
                      .clock(atT1)
                      .build()));
      ArchiveJob job =
          ArchiveJob.builder(formats)
              .policy(new RenewalPolicy(Duration.ofDays(3 * 365), atT1))
              .build();
      ArchiveJob.Summary plan = job.plan(archive);
      assertThat(plan.results())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.outcome()).as(r.reason()).isEqualTo(ArchiveJob.Outcome.DUE);
                assertThat(r.reason()).contains("expires");
              });
      ArchiveJob.Summary done = job.renew(archive);
      assertThat(done.count(ArchiveJob.Outcome.RENEWED)).as(done.toText()).isEqualTo(1);

      // Ten years and a month after signing, offline: only what the document carries.
      Clock later = Clock.fixed(LATER, ZoneOffset.UTC);
      CertificateVerifier offline =
          CertificateVerifier.builder(both).network(NetworkSettings.offline()).clock(later).build();
      ValidationReport r = PdfVerifier.builder(offline).clock(later).build().verify(doc);
      assertThat(first.pki().root().getNotAfter().toInstant()).isBefore(LATER);
      assertThat(r.overall())
          .as(r.toText(java.util.Locale.ENGLISH))
          .isEqualTo(Indication.TOTAL_PASSED);
      assertThat(r.documentTimestamps()).hasSize(2);
    } finally {
      first.stop();
      second.stop();
    }
  }
}
