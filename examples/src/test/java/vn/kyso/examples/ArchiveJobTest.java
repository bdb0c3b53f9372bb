package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.archive.ArchiveFormat;
import vn.kyso.api.archive.ArchiveJob;
import vn.kyso.api.archive.ArchiveJob.Outcome;
import vn.kyso.api.archive.RenewalPolicy;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfArchiveFormat;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlArchiveFormat;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerifier;

/** The archive job over a folder of real signed documents: plan, renew, resume, refuse. */
class ArchiveJobTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(43).build();

  private static PdfSigner pdfSigner() {
    return PdfSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static XmlSigner xmlSigner() {
    return XmlSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  static List<ArchiveFormat> formats() {
    return List.of(
        PdfArchiveFormat.of(
            PdfVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build(), pdfSigner()),
        XmlArchiveFormat.of(
            XmlVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build(), xmlSigner()));
  }

  /** A horizon so long that every proof of the test PKI is due. */
  static RenewalPolicy everythingDue() {
    return new RenewalPolicy(Duration.ofDays(365L * 50), PKI.pki().clock());
  }

  static void plainPdf(Path plain, String title) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        cs.newLineAtOffset(70, 760);
        cs.showText("Cong van " + title);
        cs.endText();
      }
      doc.save(plain.toFile());
    }
  }

  static Path pdf(Path file, PadesLevel level) throws Exception {
    Path plain = file.resolveSibling("plain-" + file.getFileName());
    plainPdf(plain, file.getFileName().toString());
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      pdfSigner()
          .sign(plain, file, PdfSignatureOptions.builder(level).build(), token.keys().get(0));
    }
    Files.delete(plain);
    return file;
  }

  static Path xml(Path file) throws Exception {
    Path plain = file.resolveSibling("plain-" + file.getFileName());
    Files.writeString(
        plain,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<HoSo Id=\"h1\"><ThuTuc>Cấp phép</ThuTuc></HoSo>\n",
        StandardCharsets.UTF_8);
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      xmlSigner()
          .sign(
              plain,
              file,
              XmlSignatureOptions.builder(XadesLevel.B_LT, XadesPackaging.ENVELOPED).build(),
              token.keys().get(0));
    }
    Files.delete(plain);
    return file;
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  static int documentTimestamps(Path pdf) throws Exception {
    return PdfVerifier.builder(PKI.verifier())
        .clock(PKI.pki().clock())
        .build()
        .verify(pdf)
        .documentTimestamps()
        .size();
  }

  @Test
  void planThenRenew_everyDueDocumentGetsOneArchiveTimestamp_andABrokenOneIsNeverTouched(
      @TempDir Path dir) throws Exception {
    Path archive = Files.createDirectories(dir.resolve("kho"));
    Path sub = Files.createDirectories(archive.resolve("2026"));
    Path bt = pdf(archive.resolve("a-bt.pdf"), PadesLevel.B_T);
    Path lta = pdf(sub.resolve("b-lta.pdf"), PadesLevel.B_LTA);
    Path record = xml(sub.resolve("c-ho-so.xml"));
    Path broken = pdf(archive.resolve("d-sua.pdf"), PadesLevel.B_T);
    try (PDDocument doc = Loader.loadPDF(broken.toFile());
        var os = Files.newOutputStream(archive.resolve("d-sua-2.pdf"))) {
      try (PDPageContentStream cs =
          new PDPageContentStream(
              doc, doc.getPage(0), PDPageContentStream.AppendMode.APPEND, true)) {
        cs.addRect(100, 400, 200, 30);
        cs.fill();
      }
      doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    Files.move(
        archive.resolve("d-sua-2.pdf"), broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(archive.resolve("ghi-chu.txt"), "not a document");
    String brokenHash = sha256(broken);
    int ltaBefore = documentTimestamps(lta);

    ArchiveJob job = ArchiveJob.builder(formats()).policy(everythingDue()).threads(2).build();
    ArchiveJob.Summary plan = job.plan(archive);
    assertThat(plan.results()).hasSize(4);
    assertThat(plan.count(Outcome.DUE)).isEqualTo(3);
    assertThat(plan.count(Outcome.FAILED)).isEqualTo(1);
    assertThat(archive.resolve(ArchiveJob.JOURNAL_FOLDER))
        .as("a plan writes nothing")
        .doesNotExist();

    ArchiveJob.Summary done = job.renew(archive);
    assertThat(done.count(Outcome.RENEWED)).as(done.toText()).isEqualTo(3);
    assertThat(done.results())
        .filteredOn(r -> r.outcome() == Outcome.RENEWED)
        .allSatisfy(r -> assertThat(r.tsa()).isPresent());
    assertThat(done.results())
        .filteredOn(r -> r.outcome() == Outcome.FAILED)
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("does not verify"));
    assertThat(sha256(broken)).as("a failing document is never renewed").isEqualTo(brokenHash);
    assertThat(documentTimestamps(bt)).isEqualTo(1);
    assertThat(documentTimestamps(lta)).isEqualTo(ltaBefore + 1);
    ValidationReport xmlAfter =
        XmlVerifier.builder(PKI.verifier())
            .clock(PKI.pki().clock())
            .build()
            .verify(record, Map.of())
            .report();
    assertThat(xmlAfter.overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(xmlAfter.signatures().get(0).timestamps())
        .anyMatch(t -> t.kind() == vn.kyso.api.validation.TimestampResult.Kind.ARCHIVE);
    assertThat(done.toCsv().split("\r\n")).hasSize(5);
    try (Stream<Path> files = Files.walk(archive)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }

    // Run again: the journal knows every document, and nothing is renewed twice.
    ArchiveJob.Summary again = job.renew(archive);
    assertThat(again.count(Outcome.DONE_BEFORE)).isEqualTo(4);
    assertThat(documentTimestamps(lta)).isEqualTo(ltaBefore + 1);
  }

  @Test
  void withoutAJournalLine_aRenewedDocumentIsFoundFine_andVersionsAreKeptOnRequest(
      @TempDir Path dir) throws Exception {
    Path archive = Files.createDirectories(dir.resolve("kho"));
    Path one = pdf(archive.resolve("mot.pdf"), PadesLevel.B_T);
    ArchiveJob keep =
        ArchiveJob.builder(formats()).policy(everythingDue()).keepVersions(true).build();
    assertThat(keep.renew(archive).count(Outcome.RENEWED)).isEqualTo(1);
    assertThat(archive.resolve("mot.pdf.v1")).exists();

    // As if killed after the move and before the journal line: the journal is lost.
    deleteTree(archive.resolve(ArchiveJob.JOURNAL_FOLDER));
    Files.delete(archive.resolve("mot.pdf.v1"));
    ArchiveJob shortHorizon =
        ArchiveJob.builder(formats())
            .policy(new RenewalPolicy(Duration.ofDays(30), PKI.pki().clock()))
            .build();
    ArchiveJob.Summary s = shortHorizon.renew(archive);
    assertThat(s.results())
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FINE));
    assertThat(documentTimestamps(one)).isEqualTo(1);
  }

  @Test
  void aHalfWrittenRenewal_isCleanedUp_andTheDocumentRenewedOnce(@TempDir Path dir)
      throws Exception {
    Path archive = Files.createDirectories(dir.resolve("kho"));
    Path one = pdf(archive.resolve("mot.pdf"), PadesLevel.B_T);
    Path stale = archive.resolve(".mot.pdf123.kyso-archive.part");
    Files.write(stale, new byte[] {'%', 'P', 'D', 'F'});
    ArchiveJob job = ArchiveJob.builder(formats()).policy(everythingDue()).build();

    assertThat(job.renew(archive).count(Outcome.RENEWED)).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(documentTimestamps(one)).isEqualTo(1);
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
