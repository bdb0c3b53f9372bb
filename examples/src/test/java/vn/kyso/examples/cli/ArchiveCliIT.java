package vn.kyso.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.archive.ArchiveJob;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestPkiExtension;

/**
 * {@code kyso archive} as a separate process against loopback OCSP, CRL and TSA servers: killed
 * with SIGKILL in the middle of a renewal and started again, it finishes every document exactly
 * once and leaves no half-written file.
 */
class ArchiveCliIT {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(44).build();

  private static List<String> command(Path folder, Path root, String... more) {
    List<String> c =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "kyso.jar").toAbsolutePath().toString(),
                "archive"));
    c.addAll(List.of(more));
    c.addAll(
        List.of(
            folder.toString(),
            "--trust",
            root.toString(),
            "--at",
            PKI.pki().clock().instant().toString(),
            "--horizon",
            "36500",
            "--threads",
            "2"));
    return c;
  }

  private static Path pem(Path dir) throws Exception {
    Path root = dir.resolve("goc.pem");
    Files.writeString(
        root,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(PKI.pki().root().getEncoded())
            + "\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);
    return root;
  }

  @Test
  void killedMidRenewal_andStartedAgain_renewsEachDocumentOnce(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("kho"));
    int documents = 12;
    for (int i = 0; i < documents; i++) {
      vn.kyso.examples.ArchiveJobTestAccess.pdf(
          PKI, folder.resolve(String.format(java.util.Locale.ROOT, "%02d.pdf", i)));
    }
    Path root = pem(dir);

    Process check = new ProcessBuilder(command(folder, root, "check")).start();
    String plan = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    check.getErrorStream().readAllBytes();
    assertThat(check.waitFor()).as(plan).isZero();
    assertThat(plan).contains(documents + " văn bản").contains("cần " + documents + " yêu cầu");

    // Each time-stamp takes 300 ms: the run lasts seconds, and is killed in the middle.
    PKI.tsa().mode(ServerMode.SLOW);
    PKI.tsa().delay(Duration.ofMillis(300));
    Path journal = folder.resolve(ArchiveJob.JOURNAL_FOLDER).resolve("journal.tsv");
    Process first =
        new ProcessBuilder(command(folder, root, "renew", "--tsa", PKI.tsa().uri().toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline
        && (!Files.exists(journal) || Files.readAllLines(journal).size() < 3)) {
      Thread.sleep(50);
    }
    first.destroyForcibly(); // SIGKILL
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    int afterKill = Files.readAllLines(journal).size();
    assertThat(afterKill).as("killed in the middle").isBetween(3, documents - 1);

    PKI.tsa().mode(ServerMode.NORMAL);
    Process second =
        new ProcessBuilder(command(folder, root, "renew", "--tsa", PKI.tsa().uri().toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(out).isZero();
    assertThat(out).contains(documents + " văn bản");

    PdfVerifier verifier = PdfVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build();
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> pdfs = files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
      assertThat(pdfs).hasSize(documents);
      for (Path p : pdfs) {
        ValidationReport r = verifier.verify(p);
        assertThat(r.overall()).as(p.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.documentTimestamps()).as(p + ": renewed exactly once").hasSize(1);
      }
    }
    try (Stream<Path> all = Files.walk(folder)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }
}
