package vn.kyso.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.archive.ArchiveFormat;
import vn.kyso.api.archive.ArchiveJob;
import vn.kyso.api.archive.RenewalPolicy;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.pades.PdfArchiveFormat;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.xades.XmlArchiveFormat;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerifier;

/** {@code kyso archive check|renew FOLDER}: keeps a folder of signed documents verifiable. */
@Command(
    name = "archive",
    description = {
      "Giữ kho văn bản đã ký kiểm tra được lâu dài: kiểm tra, đóng dấu thời gian lưu trữ.",
      "Keeps an archive of signed documents verifiable: check, add archive time-stamps."
    },
    subcommands = {ArchiveCommand.CheckCommand.class, ArchiveCommand.RenewCommand.class})
final class ArchiveCommand implements Runnable {
  /** Dates for people: ISO-8601 in Vietnam time. */
  private static final java.time.format.DateTimeFormatter VIETNAM =
      java.time.format.DateTimeFormatter.ofPattern(
          "yyyy-MM-dd'T'HH:mm:ssXXX", java.util.Locale.ROOT);

  @ParentCommand Kyso root;

  @Override
  public void run() {
    throw new Kyso.UsageException("subcommand", "archive", "check, renew");
  }

  /** What both subcommands take. */
  static class Common {
    @Parameters(paramLabel = "FOLDER", description = "the archive folder (walked recursively)")
    Path folder;

    @Option(
        names = "--trust",
        paramLabel = "FILE",
        description = "trust anchors (PEM or DER), repeatable; default: the government anchors")
    List<Path> trust = new ArrayList<>();

    @Option(
        names = "--horizon",
        paramLabel = "DAYS",
        defaultValue = "730",
        description = "renew what stops holding within this many days (default 730)")
    long horizonDays;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "judge as of this time, e.g. 2029-06-15T10:00:00+07:00")
    String at;

    @Option(names = "--offline", description = "check with the data in the documents only")
    boolean offline;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "documents worked on at once (default: the processors)")
    Integer threads;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the summary as CSV")
    Path csv;

    Clock clock() {
      return VerifyCommand.clockAt(at);
    }

    Path existingFolder() {
      if (!Files.isDirectory(folder)) {
        throw new Kyso.UsageException("noSuchFolder", folder);
      }
      return folder;
    }
  }

  static int run(Kyso root, Common c, List<String> tsas, boolean keepVersions, boolean renew)
      throws Exception {
    Path folder = c.existingFolder();
    if (c.horizonDays < 0) {
      throw new Kyso.UsageException("badValue", "--horizon", c.horizonDays);
    }
    Clock clock = c.clock();
    CertificateVerifier verifier =
        CertificateVerifier.builder(Files2.anchors(c.trust))
            .network(c.offline ? NetworkSettings.offline() : NetworkSettings.online())
            .clock(clock)
            .build();
    PdfSigner.Builder pdfSigner = PdfSigner.builder().certificateVerifier(verifier);
    XmlSigner.Builder xmlSigner = XmlSigner.builder().certificateVerifier(verifier);
    if (!tsas.isEmpty()) {
      TsaClient.Builder tsa = TsaClient.builder(java.net.URI.create(tsas.get(0)));
      for (String more : tsas.subList(1, tsas.size())) {
        tsa.fallback(java.net.URI.create(more));
      }
      TsaClient client = tsa.verifier(verifier).budget(Duration.ofMinutes(3)).build();
      pdfSigner.timestampClient(client);
      xmlSigner.timestampClient(client);
    }
    List<ArchiveFormat> formats =
        List.of(
            PdfArchiveFormat.of(
                PdfVerifier.builder(verifier).clock(clock).build(), pdfSigner.build()),
            XmlArchiveFormat.of(
                XmlVerifier.builder(verifier).clock(clock).build(), xmlSigner.build()));
    Messages m = new Messages(root.locale());
    ArchiveJob.Builder job =
        ArchiveJob.builder(formats)
            .policy(new RenewalPolicy(Duration.ofDays(c.horizonDays), clock))
            .keepVersions(keepVersions)
            .progress(
                p -> {
                  synchronized (System.err) {
                    int bar = p.total() == 0 ? 30 : p.done() * 30 / p.total();
                    System.err.print(
                        "\r["
                            + "#".repeat(bar)
                            + "-".repeat(30 - bar)
                            + "] "
                            + m.get(
                                "archive.progress",
                                p.done(),
                                p.total(),
                                String.format(java.util.Locale.ROOT, "%.1f", p.perSecond()),
                                p.remaining().toSeconds()));
                    if (p.done() == p.total()) {
                      System.err.println();
                    }
                  }
                });
    if (c.threads != null) {
      job.threads(c.threads);
    }
    ArchiveJob.Summary s = renew ? job.build().renew(folder) : job.build().plan(folder);
    System.out.println(
        m.get(
            "archive.counts",
            s.results().size(),
            s.count(ArchiveJob.Outcome.RENEWED),
            s.count(ArchiveJob.Outcome.DUE),
            s.count(ArchiveJob.Outcome.FINE),
            s.count(ArchiveJob.Outcome.DONE_BEFORE),
            s.count(ArchiveJob.Outcome.FAILED)));
    for (ArchiveJob.Result r : s.results()) {
      boolean quiet =
          renew
              && (r.outcome() == ArchiveJob.Outcome.FINE
                  || r.outcome() == ArchiveJob.Outcome.DONE_BEFORE);
      if (quiet) {
        continue;
      }
      // The plan lists every document with the date its newest proof stops holding.
      System.out.println(
          m.get(
              "archive.line",
              m.get("archive.outcome." + r.outcome().name()),
              r.file(),
              r.dueBy().map(t -> VIETNAM.format(t.atOffset(ZoneOffset.ofHours(7)))).orElse("-"),
              r.reason() + r.tsa().map(t -> " [TSA " + t + "]").orElse("")));
    }
    if (!renew) {
      System.out.println(m.get("archive.requests", s.count(ArchiveJob.Outcome.DUE)));
    }
    if (c.csv != null) {
      OutputFiles.write(c.csv, out -> out.write(s.toCsv().getBytes(StandardCharsets.UTF_8)));
    }
    return s.count(ArchiveJob.Outcome.FAILED) > 0 ? 1 : 0;
  }

  /** {@code kyso archive check FOLDER}: the plan, nothing changed. */
  @Command(
      name = "check",
      description = {
        "Kiểm tra kho, cho biết văn bản nào cần đóng dấu thời gian lưu trữ và khi nào.",
        "Checks the archive: which documents need an archive time-stamp, and when."
      })
  static final class CheckCommand implements Callable<Integer> {
    @ParentCommand ArchiveCommand parent;

    @picocli.CommandLine.Mixin Common common = new Common();

    @Override
    public Integer call() throws Exception {
      return run(parent.root, common, List.of(), false, false);
    }
  }

  /** {@code kyso archive renew FOLDER --tsa URL...}: adds archive time-stamps where due. */
  @Command(
      name = "renew",
      description = {
        "Đóng dấu thời gian lưu trữ cho văn bản đến hạn; an toàn khi bị dừng giữa chừng.",
        "Adds archive time-stamps where due; safe to kill and run again."
      })
  static final class RenewCommand implements Callable<Integer> {
    @ParentCommand ArchiveCommand parent;

    @picocli.CommandLine.Mixin Common common = new Common();

    @Option(
        names = "--tsa",
        required = true,
        paramLabel = "URL",
        description = "a time-stamping authority; repeat for fallbacks, asked in order")
    List<String> tsas = new ArrayList<>();

    @Option(names = "--keep-versions", description = "keep each replaced document as NAME.vN")
    boolean keepVersions;

    @Override
    public Integer call() throws Exception {
      return run(parent.root, common, tsas, keepVersions, true);
    }
  }
}
