package vn.kyso.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import vn.kyso.api.archive.ArchiveJob;
import vn.kyso.api.archive.RenewalPolicy;
import vn.kyso.api.token.SigningToken;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfArchiveFormat;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * The archive job at scale: N small signed PDFs (B-B, so every one is due: no proof of existence)
 * checked, then renewed to B-LTA against the testkit's loopback OCSP, CRL and TSA servers, on the
 * machine's cores. Prints a Markdown section for RESULTS.md: documents per second for the check and
 * the renewal, and the largest heap in use (sampled every 50 ms).
 *
 * <p>Run by {@code benchmarks/archive.sh N}. The documents are 100 distinct signed letters, each
 * copied N/100 times into its own folder: every copy is verified and renewed on its own.
 */
public final class ArchiveBenchmark {
  private ArchiveBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args N FOLDER [THREADS]
   * @throws Exception when a step fails
   */
  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    Path folder = Files.createDirectories(Path.of(args[1]));
    int threads =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    TestPkiExtension services = TestPkiExtension.builder().seed(2027).build();
    services.start();
    try {
      PdfSigner signer =
          PdfSigner.builder()
              .timestampClient(services.tsaClient())
              .certificateVerifier(services.verifier())
              .clock(services.pki().clock())
              .build();
      int distinct = Math.min(100, count);
      Path originals =
          Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-originals"));
      try (SigningToken token = services.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        for (int i = 0; i < distinct; i++) {
          Path plain = originals.resolve("plain.pdf");
          letter(plain, i);
          signer.sign(
              plain,
              originals.resolve(String.format(Locale.ROOT, "%03d.pdf", i)),
              PdfSignatureOptions.builder(PadesLevel.B_B).build(),
              token.keys().get(0));
          Files.delete(plain);
        }
      }
      for (int i = 0; i < count; i++) {
        Path sub =
            Files.createDirectories(folder.resolve(String.format(Locale.ROOT, "%03d", i / 100)));
        Files.copy(
            originals.resolve(String.format(Locale.ROOT, "%03d.pdf", i % distinct)),
            sub.resolve(String.format(Locale.ROOT, "%05d.pdf", i)));
      }
      ArchiveJob job =
          ArchiveJob.builder(
                  List.of(
                      PdfArchiveFormat.of(
                          PdfVerifier.builder(services.verifier())
                              .clock(services.pki().clock())
                              .build(),
                          signer)))
              .policy(new RenewalPolicy(java.time.Duration.ofDays(730), services.pki().clock()))
              .threads(threads)
              .build();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      AtomicLong peak = new AtomicLong();
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      ArchiveJob.Summary plan = job.plan(folder);
      double checkSeconds = (System.nanoTime() - t0) / 1e9;
      long checkPeak = peak.getAndSet(0);
      long t1 = System.nanoTime();
      ArchiveJob.Summary done = job.renew(folder);
      double renewSeconds = (System.nanoTime() - t1) / 1e9;
      sampler.interrupt();
      System.out.printf(
          Locale.ROOT,
          "| check (verify, judge) | %d | %d due | %.1f s | **%.0f documents/s** | %d MB |%n",
          count,
          plan.count(ArchiveJob.Outcome.DUE),
          checkSeconds,
          count / checkSeconds,
          checkPeak >> 20);
      System.out.printf(
          Locale.ROOT,
          "| renew (verify, B-LTA + its validation data, verify the copy, journal, atomic move) |"
              + " %d | %d renewed, %d failed | %.1f s | **%.1f documents/s** | %d MB |%n",
          count,
          done.count(ArchiveJob.Outcome.RENEWED),
          done.count(ArchiveJob.Outcome.FAILED),
          renewSeconds,
          count / renewSeconds,
          peak.get() >> 20);
      System.out.printf(
          Locale.ROOT,
          "%nThreads: %d; TSA requests: %d; time-stamps per second: %.1f.%n",
          threads,
          services.tsa().requestCount(),
          done.count(ArchiveJob.Outcome.RENEWED) / renewSeconds);
    } finally {
      services.stop();
    }
  }

  private static void letter(Path file, int n) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        cs.newLineAtOffset(70, 760);
        cs.showText("Cong van so " + n + "/UBND-VP: luu tru lau dai");
        cs.endText();
      }
      doc.save(file.toFile());
    }
  }
}
