package vn.kyso.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestPkiExtension;

/** Reports of real signed documents, in every format, checked for what a reader relies on. */
class ReportsTest {
  private static final Locale VI = Locale.forLanguageTag("vi");

  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(20).build();

  @TempDir static Path dir;
  private static Path signed;
  private static Path tampered;
  private static ValidationReport honest;
  private static ValidationReport changed;

  @BeforeAll
  static void documents() throws Exception {
    signed = Documents.signed(PKI, dir);
    tampered = Documents.tampered(signed, dir);
    honest = Documents.reviewed(PKI, Documents.verify(PKI, signed));
    changed = Documents.verify(PKI, tampered);
  }

  @Test
  void html_showsTheVerdictFirstAndEveryFieldCircular15Asks_inVietnameseByDefault() {
    assertThat(honest.overall()).isEqualTo(Indication.TOTAL_PASSED);
    String html = HtmlReport.render(honest, VI, PdfPictures.render(signed, honest));

    assertThat(html).contains("<html lang=\"vi\">").contains("Biên bản kiểm tra chữ ký số");
    assertThat(html.indexOf("data-indication=\"TOTAL_PASSED\""))
        .isLessThan(html.indexOf("<section"));
    assertThat(html).contains("HỢP LỆ").contains("Nguyễn Văn An");
    for (String key :
        List.of(
            "signer",
            "organisation",
            "issuer",
            "validity",
            "trustPath",
            "revocation",
            "claimedTime",
            "provenTime",
            "timestamps",
            "integrity",
            "covers",
            "changes",
            "level")) {
      assertThat(html).as(key).contains("data-key=\"" + key + "\"");
    }
    assertThat(html).contains("(UTC+07:00)").contains("class=\"policy").contains("data-rule=\"");
    assertThat(html).contains("data:image/png;base64,");
    assertThat(html)
        .as("self-contained: no script, no external resource")
        .doesNotContain("<script")
        .doesNotContain("src=\"http")
        .doesNotContain("href=\"http")
        .doesNotContain("@import")
        .doesNotContain("url(");
  }

  @Test
  void html_inEnglishOnRequest() {
    String html = HtmlReport.render(honest, Locale.ENGLISH);
    assertThat(html)
        .contains("<html lang=\"en\">")
        .contains("Digital signature verification report")
        .contains("VALID")
        .doesNotContain("HỢP LỆ");
  }

  @Test
  void pictures_ofAChangedPage_showSignedAndCurrentSideBySideWithTheChangeOutlined() {
    assertThat(changed.signatures().get(0).subIndication())
        .contains(SubIndication.DISALLOWED_CHANGE);
    String id = changed.signatures().get(0).id();
    PdfPictures pictures = PdfPictures.render(tampered, changed);
    PdfPictures.SignedPage page = pictures.of(id).orElseThrow();
    assertThat(page.changed()).isTrue();
    assertThat(page.current()).isPresent();
    // The black box drawn after signing: x 100-400, y 420-460 in points from the bottom, at 60 dpi.
    Rectangle drawn =
        new Rectangle(100 * 60 / 72, (842 - 460) * 60 / 72, 300 * 60 / 72, 40 * 60 / 72);
    assertThat(page.changedArea().orElseThrow().intersects(drawn)).isTrue();
    assertThat(page.changedArea().get().height).isLessThan(200);

    String html = HtmlReport.render(changed, VI, pictures);
    assertThat(html).contains("class=\"signed\"").contains("class=\"current\"");
    assertThat(html).contains("KHÔNG HỢP LỆ").contains("PDF_DISALLOWED_CHANGE");
  }

  @Test
  void pictures_ofAnUnchangedPage_areOnePicture() {
    PdfPictures pictures = PdfPictures.render(signed, honest);
    PdfPictures.SignedPage page = pictures.of(honest.signatures().get(0).id()).orElseThrow();
    assertThat(page.changed()).isFalse();
    assertThat(page.current()).isEmpty();
    assertThat(page.pageCount()).isEqualTo(1);
    assertThat(page.signed()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void pictures_stayWithinTheirLimits_andSayWhatWasLeftOut() throws Exception {
    PdfPictures none =
        PdfPictures.render(
            tampered,
            changed,
            new PdfPictures.Limits(60f, 1_000_000L, 0, Duration.ofSeconds(5), 1L << 20));
    assertThat(none.of(changed.signatures().get(0).id())).isEmpty();
    assertThat(none.notes()).isNotEmpty();

    PdfPictures tooBig =
        PdfPictures.render(
            tampered,
            changed,
            new PdfPictures.Limits(60f, 1_000_000L, 10, Duration.ofSeconds(5), 100));
    assertThat(tooBig.notes()).anyMatch(n -> n.contains("larger"));

    PdfPictures small =
        PdfPictures.render(
            signed,
            honest,
            new PdfPictures.Limits(600f, 50_000L, 10, Duration.ofSeconds(20), 1L << 24));
    java.awt.image.BufferedImage img =
        javax.imageio.ImageIO.read(
            new java.io.ByteArrayInputStream(
                small.of(honest.signatures().get(0).id()).orElseThrow().signed()));
    assertThat((long) img.getWidth() * img.getHeight()).isLessThanOrEqualTo(50_000L);

    Path garbage = dir.resolve("garbage.pdf");
    Files.write(garbage, "%PDF-1.7\nnot really".getBytes(StandardCharsets.US_ASCII));
    assertThatCode(() -> PdfPictures.render(garbage, honest)).doesNotThrowAnyException();
    assertThat(PdfPictures.render(garbage, honest).notes()).isNotEmpty();
  }

  @Test
  void pictures_ofAPageThatWouldDecodeToGigabytes_areLeftOut_inBoundedMemory() throws Exception {
    // 256 MiB of zeros deflate to about 250 KiB: added to the signed page after signing.
    java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
    try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(packed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        z.write(zeros);
      }
    }
    Path bomb = dir.resolve("cong-van-bom.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        java.io.OutputStream os = Files.newOutputStream(bomb)) {
      org.apache.pdfbox.pdmodel.PDPage page = doc.getPage(0);
      org.apache.pdfbox.cos.COSStream stream = doc.getDocument().createCOSStream();
      try (java.io.OutputStream raw = stream.createRawOutputStream()) {
        raw.write(packed.toByteArray());
      }
      stream.setItem(
          org.apache.pdfbox.cos.COSName.FILTER, org.apache.pdfbox.cos.COSName.FLATE_DECODE);
      org.apache.pdfbox.cos.COSArray contents = new org.apache.pdfbox.cos.COSArray();
      contents.add(page.getCOSObject().getDictionaryObject(org.apache.pdfbox.cos.COSName.CONTENTS));
      contents.add(stream);
      page.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.CONTENTS, contents);
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    // The verifier refuses this file (its own decode ceiling); the pictures must hold on their own,
    // whatever report they are given.
    ValidationReport report = honest;
    Runtime rt = Runtime.getRuntime();
    PdfPictures pictures = PdfPictures.render(bomb, report);
    assertThat(pictures.of(report.signatures().get(0).id())).isEmpty();
    assertThat(pictures.notes()).anyMatch(n -> n.contains("too costly"));
    assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(900L << 20);
    assertThat(HtmlReport.render(report, VI, pictures)).contains("bỏ bớt");
  }

  @Test
  void pdf_isTheSameRecordInPrint_withEmbeddedFontsAndPdfaIdentification() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfReport.write(honest, VI, PdfPictures.render(signed, honest), out);
    try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ")
          .contains("HỢP LỆ")
          .contains("Nguyễn Văn An")
          .contains("Đường dẫn tin cậy")
          .contains("Trang 1/");
      for (var page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont f = page.getResources().getFont(name);
          assertThat(f.isEmbedded()).as(f.getName()).isTrue();
        }
      }
      String xmp =
          new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertThat(xmp)
          .contains("<pdfaid:part>2</pdfaid:part>")
          .contains("<pdfaid:conformance>B</pdfaid:conformance>");
      assertThat(doc.getDocumentCatalog().getOutputIntents()).hasSize(1);
      assertThat(doc.getDocument().getDocumentID()).as("trailer ID").isNotNull();
    }
  }

  /**
   * PDFBox Preflight validates PDF/A-1b, which is stricter than PDF/A-2b in two ways that apply
   * here: it wants {@code pdfaid:part} 1 and forbids cross-reference streams. Those two are the
   * only differences accepted; anything else it finds (fonts, colour, metadata, structure) fails.
   */
  @Test
  void pdf_passesPreflight_exceptWherePdfA2RelaxesPdfA1(@TempDir Path out) throws Exception {
    for (ValidationReport r : List.of(honest, changed, hostile())) {
      Path pdf = out.resolve("bao-cao.pdf");
      PdfReport.write(r, VI, PdfPictures.render(tampered, r), pdf);
      org.apache.pdfbox.preflight.ValidationResult result =
          org.apache.pdfbox.preflight.parser.PreflightParser.validate(pdf.toFile());
      List<String> errors =
          result.getErrorsList().stream()
              .map(e -> e.getErrorCode() + " " + e.getDetails())
              .filter(e -> !e.contains("part must be 1"))
              .filter(e -> !e.contains("/XRef cross reference streams are not allowed"))
              .toList();
      assertThat(errors).isEmpty();
    }
  }

  @Test
  void etsi_everyReportIsValidAgainstTheSchema() throws Exception {
    ValidationReport xml = Documents.xml(PKI, dir);
    ValidationReport empty = ValidationReport.builder("trong.pdf", Instant.now()).build();
    for (ValidationReport r : List.of(honest, changed, xml, empty, hostile())) {
      String etsi = EtsiReport.toXml(r);
      EtsiSchema.validate(etsi);
    }
    String h = EtsiReport.toXml(honest);
    assertThat(h)
        .contains(
            "<vr:MainIndication>urn:etsi:019102:mainindication:total-passed</vr:MainIndication>")
        .contains("urn:etsi:019102:validationObject:certificate")
        .contains("<vr:DAIdentifier>" + honest.signatures().get(0).id() + "</vr:DAIdentifier>")
        .contains("urn:kyso:policy:verdict");
    assertThat(EtsiReport.toXml(changed))
        .contains("urn:etsi:019102:mainindication:total-failed")
        .contains("urn:kyso:subindication:DISALLOWED_CHANGE");
  }

  @Test
  void hostileText_isEscapedEverywhere() throws Exception {
    ValidationReport r = hostile();
    String html = HtmlReport.render(r, VI);
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfReport.write(r, Locale.ENGLISH, PdfPictures.none(), out);
    try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
      assertThat(new PDFTextStripper().getText(doc)).contains("<script>");
    }
    EtsiSchema.validate(EtsiReport.toXml(r));
  }

  @Test
  void summary_listsEveryFile_andKeepsSpreadsheetsSafe() {
    List<Summary.Entry> entries =
        List.of(
            Summary.Entry.verified("cong-van-ky.pdf", honest, "cong-van-ky.html"),
            Summary.Entry.verified("cong-van-sua.pdf", changed, null),
            Summary.Entry.unreadable(
                "=cmd|' /C calc'!A0.pdf", "MALFORMED_INPUT", "không phải PDF \"hỏng\""));
    String csv = Summary.csv(entries, VI);
    assertThat(csv).startsWith("\uFEFF\"Tệp\",\"indication\"");
    assertThat(csv.split("\r\n")).hasSize(4);
    assertThat(csv).contains("\"cong-van-ky.pdf\",\"TOTAL_PASSED\"");
    assertThat(csv).contains("\"cong-van-sua.pdf\",\"TOTAL_FAILED\"");
    assertThat(csv).contains("\"'=cmd|' /C calc'!A0.pdf\",\"ERROR\"").contains("\"\"hỏng\"\"");
    String html = Summary.html(entries, VI);
    assertThat(html).contains("3 tệp: 1 hợp lệ, 1 không hợp lệ, 0 chưa xác định, 1 không đọc được");
    assertThat(html).contains("<a href=\"cong-van-ky.html\">").contains("Nguyễn Văn An");
  }

  @Test
  void files_areWrittenAtomically(@TempDir Path out) throws Exception {
    Path html = out.resolve("bao-cao.html");
    HtmlReport.write(honest, VI, PdfPictures.none(), html);
    EtsiReport.write(honest, out.resolve("bao-cao.xml"));
    PdfReport.write(honest, VI, PdfPictures.none(), out.resolve("bao-cao.pdf"));
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("bao-cao.html", "bao-cao.xml", "bao-cao.pdf");
    }
  }

  /** A report whose every text field carries markup, quotes and control characters. */
  private static ValidationReport hostile() {
    String evil = "<script>alert('x')</script> & \"q\" \u0001\u0007";
    return ValidationReport.builder("<b>evil</b>.pdf", Instant.parse("2026-12-01T00:00:00Z"))
        .signature(
            SignatureResult.builder(evil, SignatureFormat.PADES_BASELINE)
                .notPassed(SubIndication.FORMAT_FAILURE)
                .finding(new Finding("PDF_CMS_INVALID", Severity.ERROR, evil, evil))
                .build())
        .build();
  }
}
