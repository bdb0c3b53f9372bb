package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Visible signatures in the national format, checked from the widget geometry and from rendered
 * pixels.
 */
class VisibleSignatureTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(11).build();

  static final float SCALE = 2f;

  private static PdfSigner signer() {
    return PdfSigner.builder().timestampClient(PKI.tsaClient()).clock(PKI.pki().clock()).build();
  }

  private static void sign(Path in, Path out, VisibleSignature v, TestIdentity who)
      throws KysoException {
    try (SigningToken token = PKI.pki().credential(who).signingToken()) {
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B).visible(v).build(),
              token.keys().get(0));
    }
  }

  private static SignatureImage blue() throws Exception {
    return SignatureImage.png(Letters.signaturePng(new Color(20, 40, 200)));
  }

  /** The visible signature widgets of page 0, oldest first. */
  static List<PDRectangle> widgets(Path pdf) throws Exception {
    List<PDRectangle> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      for (PDAnnotation a : doc.getPage(0).getAnnotations()) {
        if (a instanceof PDAnnotationWidget w
            && w.getRectangle() != null
            && w.getRectangle().getWidth() > 1) {
          out.add(w.getRectangle());
        }
      }
    }
    return out;
  }

  static BufferedImage render(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFRenderer(doc).renderImage(0, SCALE);
    }
  }

  static boolean isBlue(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return b > r + 60 && b > g + 40;
  }

  static boolean isRed(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return r > g + 60 && r > b + 60;
  }

  /** Counts pixels of a kind inside (or outside) a rectangle in PDF points on an A4 page. */
  static int count(BufferedImage img, PDRectangle r, boolean inside, IntPredicate kind) {
    int n = 0;
    float pageHeight = PDRectangle.A4.getHeight();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        float px = x / SCALE;
        float py = pageHeight - y / SCALE;
        boolean in = r.contains(px, py);
        if (in == inside && kind.test(img.getRGB(x, y))) {
          n++;
        }
      }
    }
    return n;
  }

  private static void personalInBlock(Path dir, Letters.Block block) throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, block);
    Path out = dir.resolve("signed.pdf");
    String title = block.lines().get(block.lines().size() - 1);
    sign(
        in,
        out,
        VisibleSignature.personal(blue(), Placement.signerBlock(title, block.name())),
        TestIdentity.CHAIRMAN);

    PDRectangle r = widgets(out).get(0);
    float titleBaseline = block.top() - 16 * (block.lines().size() - 1);
    float nameBaseline = block.top() - 16 * block.lines().size() - 80;
    assertThat(r.getUpperRightY()).as("below the title line").isLessThan(titleBaseline);
    assertThat(r.getLowerLeftY()).as("above the name line").isGreaterThan(nameBaseline + 9);
    assertThat(Math.abs(r.getLowerLeftX() + r.getWidth() / 2 - block.centreX()))
        .as("centred")
        .isLessThan(3f);

    BufferedImage page = render(out);
    assertThat(count(page, r, true, VisibleSignatureTest::isBlue))
        .as("blue signature drawn")
        .isGreaterThan(300);
    assertThat(count(page, r, false, VisibleSignatureTest::isBlue))
        .as("nothing blue elsewhere")
        .isZero();
    ValidationReport report = PdfVerifier.builder(PKI.verifier()).build().verify(out);
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_PASSED);
  }

  /**
   * PDFBox keeps the streams a signature makes in memory up to 1 MiB and the rest in a temporary
   * file: signing, visibly or not, creates no file of its own outside the output's folder, and an
   * appearance past the memory share (an image of noise, about 1.5 MB deflated) still signs and
   * verifies.
   */
  @Test
  void signing_createsNoTemporaryFile_andALargeAppearanceStillSigns(@TempDir Path dir)
      throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<String> created = new ArrayList<>();
    try (WatchService watch = tmp.getFileSystem().newWatchService()) {
      tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        signer()
            .sign(
                in,
                dir.resolve("invisible.pdf"),
                PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                token.keys().get(0));
      }
      sign(
          in,
          dir.resolve("visible.pdf"),
          VisibleSignature.personal(blue(), Placement.signerBlock("CHỦ TỊCH", Letters.TM.name())),
          TestIdentity.CHAIRMAN);
      for (WatchKey key = watch.poll(); key != null; key = watch.poll()) {
        for (WatchEvent<?> e : key.pollEvents()) {
          created.add(String.valueOf(e.context()));
        }
        key.reset();
      }
    }
    assertThat(created)
        .as("files created in java.io.tmpdir")
        .noneMatch(n -> n.startsWith("PDFBox"));

    BufferedImage noise = new BufferedImage(700, 700, BufferedImage.TYPE_INT_ARGB);
    java.util.Random random = new java.util.Random(5);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        noise.setRGB(x, y, 0xff000000 | random.nextInt(0x1000000) & 0x3f3fff);
      }
    }
    Path large = dir.resolve("large-appearance.pdf");
    sign(
        in,
        large,
        VisibleSignature.personal(
            SignatureImage.png(Letters.png(noise)),
            Placement.signerBlock("CHỦ TỊCH", Letters.TM.name())),
        TestIdentity.CHAIRMAN);
    assertThat(Files.size(large))
        .as("the image past 1 MiB")
        .isGreaterThan(Files.size(in) + (1 << 20));
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(large).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void personal_tmBlock(@TempDir Path dir) throws Exception {
    personalInBlock(dir, Letters.TM);
  }

  @Test
  void personal_ktBlock(@TempDir Path dir) throws Exception {
    personalInBlock(dir, Letters.KT);
  }

  @Test
  void personal_tlBlock(@TempDir Path dir) throws Exception {
    personalInBlock(dir, Letters.TL);
  }

  @Test
  void personal_tuqBlock(@TempDir Path dir) throws Exception {
    personalInBlock(dir, Letters.TUQ);
  }

  @Test
  void twoSignersOnOnePage_theRightBlockIsFound(@TempDir Path dir) throws Exception {
    Path in = Letters.letter(dir, "two.pdf", 0, Letters.LEFT, Letters.RIGHT);
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(blue(), Placement.signerBlock("PHÓ GIÁM ĐỐC", "Trần Thị Bình")),
        TestIdentity.VICE_CHAIRMAN);
    PDRectangle r = widgets(out).get(0);
    assertThat(Math.abs(r.getLowerLeftX() + r.getWidth() / 2 - Letters.RIGHT.centreX()))
        .isLessThan(3f);
    Path left = dir.resolve("left.pdf");
    sign(
        in,
        left,
        VisibleSignature.personal(blue(), Placement.signerBlock("NGƯỜI LẬP BIỂU", "Hoàng Thị Én")),
        TestIdentity.CLERK);
    PDRectangle l = widgets(left).get(0);
    assertThat(Math.abs(l.getLowerLeftX() + l.getWidth() / 2 - Letters.LEFT.centreX()))
        .isLessThan(3f);
  }

  @Test
  void seal_overlapsAboutAThirdOfThePersonalSignatureOnItsLeft(@TempDir Path dir) throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    Path personal = dir.resolve("personal.pdf");
    Path issued = dir.resolve("issued.pdf");
    sign(
        in,
        personal,
        VisibleSignature.personal(blue(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
        TestIdentity.CHAIRMAN);
    sign(
        personal,
        issued,
        VisibleSignature.organisation(SignatureImage.png(Letters.sealPng()), 36, 36),
        TestIdentity.PROVINCE_ORGANISATION);

    List<PDRectangle> w = widgets(issued);
    PDRectangle p = w.get(0);
    PDRectangle o = w.get(1);
    float intersect =
        Math.min(p.getUpperRightX(), o.getUpperRightX())
            - Math.max(p.getLowerLeftX(), o.getLowerLeftX());
    assertThat(intersect / p.getWidth()).isBetween(0.32f, 0.35f);
    assertThat(o.getLowerLeftX() + o.getWidth() / 2)
        .isLessThan(p.getLowerLeftX() + p.getWidth() / 2);
    assertThat(o.getWidth()).isCloseTo(36 * 72 / 25.4f, Offset.offset(0.1f));
    assertThat(o.getLowerLeftY()).isLessThan(p.getUpperRightY());
    assertThat(o.getUpperRightY()).isGreaterThan(p.getLowerLeftY());

    BufferedImage page = render(issued);
    assertThat(count(page, o, true, VisibleSignatureTest::isRed))
        .as("red seal drawn")
        .isGreaterThan(500);
    assertThat(count(page, p, true, VisibleSignatureTest::isBlue))
        .as("signature still visible")
        .isGreaterThan(200);
    ValidationReport report = PdfVerifier.builder(PKI.verifier()).build().verify(issued);
    assertThat(report.overall())
        .as(report.toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.signatures().get(0).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_IMAGE", "APPEARANCE_ABOVE_NAME");
    assertThat(report.signatures().get(1).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_IMAGE", "APPEARANCE_SEAL_OVERLAP")
        .doesNotContain("APPEARANCE_SEAL_PLACEMENT");
  }

  @Test
  void verifier_flagsASealFarFromThePersonalSignature_andKeepsTheIndication(@TempDir Path dir)
      throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    Path personal = dir.resolve("personal.pdf");
    Path issued = dir.resolve("issued.pdf");
    sign(
        in,
        personal,
        VisibleSignature.personal(blue(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
        TestIdentity.CHAIRMAN);
    sign(
        personal,
        issued,
        VisibleSignature.organisation(SignatureImage.png(Letters.sealPng()), 36, 36)
            .at(
                Placement.rectangle(
                    0, 40, 40, 36, 36, Placement.Unit.MILLIMETRE, Placement.Origin.BOTTOM_LEFT)),
        TestIdentity.PROVINCE_ORGANISATION);
    ValidationReport report = PdfVerifier.builder(PKI.verifier()).build().verify(issued);
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.signatures().get(1).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_SEAL_PLACEMENT");
  }

  @Test
  void verifier_flagsADisplayedTimeThatDisagreesWithTheSigningTime(@TempDir Path dir)
      throws Exception {
    Path in = Letters.letter(dir, "phu-luc.pdf", 0);
    Path template = dir.resolve("template.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(200, 40));
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(Letters.font()), true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 10);
        cs.newLineAtOffset(2, 20);
        cs.showText("123/UBND-VP 2020-01-01T08:00:00+07:00");
        cs.endText();
      }
      doc.save(template.toFile());
    }
    Path out = dir.resolve("signed.pdf");
    try (SigningToken token =
        PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .placement(0, 380, 780, 200, 40)
                  .appearance(Files.readAllBytes(template))
                  .build(),
              token.keys().get(0));
    }
    ValidationReport report = PdfVerifier.builder(PKI.verifier()).build().verify(out);
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.signatures().get(0).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_TEXT", "APPEARANCE_TIME_MISMATCH");

    Path good = dir.resolve("good.pdf");
    sign(in, good, VisibleSignature.attachment("123/UBND-VP"), TestIdentity.PROVINCE_ORGANISATION);
    ValidationReport ok = PdfVerifier.builder(PKI.verifier()).build().verify(good);
    assertThat(ok.signatures().get(0).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_TEXT")
        .doesNotContain(
            "APPEARANCE_TIME_MISMATCH", "APPEARANCE_MARKER_POSITION", "APPEARANCE_NO_TIME");
    assertThat(ok.signatures().get(0).findings()).anyMatch(f -> f.messageEn().contains("+07:00"));
  }

  @Test
  void attachmentMarker_topRight_sameGlyphsAsTheFontRendersThem(@TempDir Path dir)
      throws Exception {
    Path in = Letters.letter(dir, "phu-luc.pdf", 0);
    Path out = dir.resolve("signed.pdf");
    VisibleSignature marker =
        VisibleSignature.copy(CopyForm.TRICH_SAO, "Ủy ban nhân dân tỉnh Thử Nghiệm")
            .font(AppearanceFont.bundled());
    sign(in, out, marker, TestIdentity.PROVINCE_ORGANISATION);

    PDRectangle r = widgets(out).get(0);
    float margin = 10 * 72 / 25.4f;
    assertThat(r.getUpperRightX()).isCloseTo(PDRectangle.A4.getWidth() - margin, Offset.offset(1f));
    assertThat(r.getUpperRightY())
        .isCloseTo(PDRectangle.A4.getHeight() - margin, Offset.offset(1f));
    List<String> lines = new NationalAppearance(marker).markerLines(PKI.pki().clock().instant());
    assertThat(lines)
        .containsExactly(
            "TRÍCH SAO", "Ủy ban nhân dân tỉnh Thử Nghiệm", "2026-06-15T10:00:00+07:00");

    // The same text drawn with the same font straight onto a page must give the same pixels.
    Path reference = dir.resolve("reference.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(Letters.font()), true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 10);
        cs.setLeading(12);
        cs.newLineAtOffset(r.getLowerLeftX() + 2, r.getUpperRightY() - 2 - 10);
        for (String line : lines) {
          cs.showText(line);
          cs.newLine();
        }
        cs.endText();
      }
      doc.save(reference.toFile());
    }
    BufferedImage signed = render(out);
    BufferedImage expected = render(reference);
    int dark = 0;
    int differ = 0;
    float pageHeight = PDRectangle.A4.getHeight();
    for (int y = (int) ((pageHeight - r.getUpperRightY()) * SCALE);
        y < (pageHeight - r.getLowerLeftY()) * SCALE;
        y++) {
      for (int x = (int) (r.getLowerLeftX() * SCALE); x < r.getUpperRightX() * SCALE; x++) {
        int a = signed.getRGB(x, y) & 0xff;
        int b = expected.getRGB(x, y) & 0xff;
        if (b < 128) {
          dark++;
        }
        if (Math.abs(a - b) > 64) {
          differ++;
        }
      }
    }
    assertThat(dark).as("text drawn").isGreaterThan(200);
    assertThat(differ).as("same glyphs as the reference rendering").isLessThan(dark / 50 + 5);
  }

  @Test
  void anchorOnTheAuthorityLine_followsTheBlockDownToTheTitle(@TempDir Path dir) throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.KT);
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(blue(), Placement.anchor("TM. ỦY BAN NHÂN DÂN")),
        TestIdentity.VICE_CHAIRMAN);
    PDRectangle r = widgets(out).get(0);
    float titleBaseline = Letters.KT.top() - 16 * 2;
    float nameBaseline = Letters.KT.top() - 16 * 3 - 80;
    assertThat(r.getUpperRightY()).isLessThan(titleBaseline);
    assertThat(r.getLowerLeftY()).isGreaterThan(nameBaseline + 9);
    assertThat(Math.abs(r.getLowerLeftX() + r.getWidth() / 2 - Letters.KT.centreX()))
        .isLessThan(3f);
  }

  @Test
  void emptyFieldOfTheDraftingSystem_getsTheImage(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "field.pdf", "ChuKyLanhDao");
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(blue(), Placement.field("ChuKyLanhDao")),
        TestIdentity.CHAIRMAN);
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      PDAnnotationWidget w = (PDAnnotationWidget) doc.getPage(2).getAnnotations().get(0);
      assertThat(w.getRectangle().getLowerLeftX()).isEqualTo(350f);
      assertThat(
              w.getAppearance()
                  .getNormalAppearance()
                  .getAppearanceStream()
                  .getResources()
                  .getXObjectNames())
          .isNotEmpty();
      BufferedImage page = new PDFRenderer(doc).renderImage(2, SCALE);
      assertThat(count(page, w.getRectangle(), true, VisibleSignatureTest::isBlue))
          .isGreaterThan(300);
    }
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void emptyFieldSignedInvisibly_getsTheZeroRectangleOfAnInvisibleSignature(@TempDir Path dir)
      throws Exception {
    // ISO 32000-1 12.7.4.5: a signature that is not meant to be seen has a zero-sized widget; an
    // invisible signature into the drafting system's field gets one, the visible one above keeps
    // the field's rectangle.
    Path in = TestPdfs.letter(dir, "field.pdf", "ChuKyLanhDao");
    Path out = dir.resolve("signed.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B).fieldName("ChuKyLanhDao").build(),
              token.keys().get(0));
    }
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      PDAnnotationWidget w = (PDAnnotationWidget) doc.getPage(2).getAnnotations().get(0);
      assertThat(w.getRectangle().getWidth()).isZero();
      assertThat(w.getRectangle().getHeight()).isZero();
      assertThat(doc.getSignatureDictionaries()).hasSize(1);
    }
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void placeholderOfTheDraftingSystem_theImageIsCentredOnIt(@TempDir Path dir) throws Exception {
    Letters.Block block =
        new Letters.Block(
            380, 320, List.of("CHỦ TỊCH", "", "[[CHU_KY_LANH_DAO]]"), "Nguyễn Văn An");
    Path in = Letters.letter(dir, "placeholder.pdf", 0, block);
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(blue(), Placement.marker("[[CHU_KY_LANH_DAO]]")),
        TestIdentity.CHAIRMAN);
    PDRectangle r = widgets(out).get(0);
    assertThat(Math.abs(r.getLowerLeftX() + r.getWidth() / 2 - 380)).isLessThan(3f);
    float markerBaseline = 320 - 32;
    assertThat(r.getLowerLeftY()).isLessThan(markerBaseline + 5);
    assertThat(r.getUpperRightY()).isGreaterThan(markerBaseline);
  }

  @Test
  void signerBlockOnTheSecondPage_isFoundThere(@TempDir Path dir) throws Exception {
    Path one = Letters.letter(dir, "one.pdf", 0, Letters.TM);
    Path two = dir.resolve("two.pdf");
    try (PDDocument doc = Loader.loadPDF(one.toFile())) {
      doc.getPages().insertBefore(new PDPage(PDRectangle.A4), doc.getPage(0));
      doc.save(two.toFile());
    }
    Path out = dir.resolve("signed.pdf");
    sign(
        two,
        out,
        VisibleSignature.personal(blue(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
        TestIdentity.CHAIRMAN);
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      assertThat(doc.getPage(0).getAnnotations()).isEmpty();
      assertThat(doc.getPage(1).getAnnotations())
          .singleElement()
          .satisfies(a -> assertThat(a.getRectangle().getWidth()).isGreaterThan(10));
    }
  }

  @Test
  void croppedPage_theMarkerGoesToTheCornerOfTheVisibleArea(@TempDir Path dir) throws Exception {
    Path full = Letters.letter(dir, "full.pdf", 0);
    Path cropped = dir.resolve("cropped.pdf");
    try (PDDocument doc = Loader.loadPDF(full.toFile())) {
      doc.getPage(0).setCropBox(new PDRectangle(30, 40, 500, 700));
      doc.save(cropped.toFile());
    }
    Path out = dir.resolve("signed.pdf");
    sign(
        cropped,
        out,
        VisibleSignature.attachment("123/UBND-VP"),
        TestIdentity.PROVINCE_ORGANISATION);
    PDRectangle r = widgets(out).get(0);
    float margin = 10 * 72 / 25.4f;
    assertThat(r.getUpperRightX()).isCloseTo(530 - margin, Offset.offset(1f));
    assertThat(r.getUpperRightY()).isCloseTo(740 - margin, Offset.offset(1f));
  }

  @Test
  void hostText_isDrawnWithTheSigningTime(@TempDir Path dir) throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    Path out = dir.resolve("signed.pdf");
    VisibleSignature text =
        VisibleSignature.text(
                Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An"), "Ký bởi: Nguyễn Văn An")
            .font(AppearanceFont.bundled());
    sign(in, out, text, TestIdentity.CHAIRMAN);
    ValidationReport report = PdfVerifier.builder(PKI.verifier()).build().verify(out);
    assertThat(report.signatures().get(0).findings())
        .anyMatch(
            f ->
                f.code().equals("APPEARANCE_TEXT")
                    && f.messageEn().contains("Ký bởi: Nguyễn Văn An")
                    && f.messageEn().contains("+07:00"));
  }

  @Test
  void copyMarker_namesTheFormAndTheCopyingOrganisation() throws Exception {
    VisibleSignature copy =
        VisibleSignature.copy(CopyForm.SAO_Y, "Ủy ban nhân dân tỉnh Thử Nghiệm");
    List<String> lines = new NationalAppearance(copy).markerLines(PKI.pki().clock().instant());
    assertThat(lines.get(0)).isEqualTo("SAO Y");
    assertThat(lines.get(1)).isEqualTo("Ủy ban nhân dân tỉnh Thử Nghiệm");
    assertThat(lines.get(2)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00");
    // decomposed input is normalised to NFC
    VisibleSignature nfd =
        VisibleSignature.copy(
            CopyForm.TRICH_SAO, Normalizer.normalize("Sở Nội vụ", Normalizer.Form.NFD));
    assertThat(nfd.lines().get(1)).isEqualTo("Sở Nội vụ");
  }

  @Test
  void rectangleInMillimetresFromTheTopLeft(@TempDir Path dir) throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(
            blue(),
            Placement.rectangle(
                0, 120, 200, 50, 20, Placement.Unit.MILLIMETRE, Placement.Origin.TOP_LEFT)),
        TestIdentity.CHAIRMAN);
    PDRectangle r = widgets(out).get(0);
    float mm = 72 / 25.4f;
    assertThat(r.getLowerLeftX()).isCloseTo(120 * mm, Offset.offset(0.1f));
    assertThat(r.getUpperRightY())
        .isCloseTo(PDRectangle.A4.getHeight() - 200 * mm, Offset.offset(0.1f));
    assertThat(r.getHeight()).isCloseTo(20 * mm, Offset.offset(0.1f));
  }

  @Test
  void twoPhase_withAVisibleMarker_rebuildsTheSameRevision(@TempDir Path dir) throws Exception {
    Path in = Letters.letter(dir, "phu-luc.pdf", 0);
    Path out = dir.resolve("signed.pdf");
    PdfSignatureOptions options =
        PdfSignatureOptions.builder(PadesLevel.B_B)
            .visible(VisibleSignature.copy(CopyForm.SAO_Y, "Sở Nội vụ tỉnh Thử Nghiệm"))
            .build();
    try (SigningToken token =
        PKI.pki().credential(TestIdentity.DEPARTMENT_ORGANISATION).signingToken()) {
      var key = token.keys().get(0);
      PreparedSignature prepared = signer().prepare(in, options, key.chain());
      byte[] state = prepared.toBytes();
      var value = key.sign(prepared.dataToSign(), prepared.algorithm());
      signer().complete(PreparedSignature.fromBytes(state), in, out, value);
    }
    assertThat(widgets(out)).hasSize(1);
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void noPlaceForIt_isAClearErrorAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path letter = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    Path rotated = Letters.letter(dir, "rotated.pdf", 90, Letters.TM);
    Path out = dir.resolve("signed.pdf");
    List<VisibleSignature> bad =
        List.of(
            VisibleSignature.personal(blue(), Placement.signerBlock("GIÁM ĐỐC", "Nguyễn Văn An")),
            VisibleSignature.personal(blue(), Placement.marker("[[CHU_KY]]")),
            VisibleSignature.organisation(SignatureImage.png(Letters.sealPng()), 36, 36),
            VisibleSignature.personal(
                blue(),
                Placement.rectangle(
                    0, 500, 800, 200, 100, Placement.Unit.POINT, Placement.Origin.BOTTOM_LEFT)),
            VisibleSignature.personal(
                blue(),
                Placement.rectangle(
                    3, 10, 10, 10, 10, Placement.Unit.POINT, Placement.Origin.BOTTOM_LEFT)));
    for (VisibleSignature v : bad) {
      assertThatThrownBy(() -> sign(letter, out, v, TestIdentity.CHAIRMAN))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.APPEARANCE_INVALID));
      assertThat(out).doesNotExist();
    }
    assertThatThrownBy(
            () ->
                sign(
                    rotated,
                    out,
                    VisibleSignature.personal(
                        blue(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
                    TestIdentity.CHAIRMAN))
        .isInstanceOfSatisfying(
            // Upright text in user space runs sideways on a page turned by 90 degrees: it is not a
            // signer block the reader sees (RotatedPagesTest places on rotated pages).
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPEARANCE_INVALID));
  }

  @Test
  void fonts_mustHaveEveryVietnameseLetter(@TempDir Path dir) throws Exception {
    assertThat(AppearanceFont.bundled().name()).contains("Liberation");
    assertThat(AppearanceFont.bundled().isFallback()).isTrue();
    Path latinOnly = Path.of("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf");
    if (Files.exists(latinOnly)) { // Liberation 1.x has no Vietnamese letters
      assertThatThrownBy(() -> AppearanceFont.load(latinOnly))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.APPEARANCE_INVALID));
    }
    Path copy = dir.resolve("serif.ttf");
    Files.write(copy, Letters.font());
    assertThat(AppearanceFont.load(copy).isFallback()).isFalse();
    Files.write(dir.resolve("junk.ttf"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> AppearanceFont.load(dir.resolve("junk.ttf")))
        .isInstanceOf(DocumentException.class);
  }

  @Test
  void images_mustBePngWithTransparency_andTheirColourIsChecked() throws Exception {
    BufferedImage opaque = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    assertThatThrownBy(() -> SignatureImage.png(Letters.png(opaque)))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPEARANCE_INVALID));
    assertThatThrownBy(
            () -> SignatureImage.png("GIF89a not a png".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(DocumentException.class);
    SignatureImage black = SignatureImage.png(Letters.signaturePng(Color.BLACK));
    assertThat(black.hue()).isEqualTo(SignatureImage.Hue.OTHER);
    assertThat(VisibleSignature.personal(black, Placement.signerBlock("CHỦ TỊCH", "An")).warnings())
        .anyMatch(f -> f.code().equals("APPEARANCE_IMAGE_COLOUR"));
    assertThat(
            VisibleSignature.personal(blue(), Placement.signerBlock("CHỦ TỊCH", "An")).warnings())
        .isEmpty();
    assertThat(SignatureImage.png(Letters.sealPng()).hue()).isEqualTo(SignatureImage.Hue.RED);
    assertThat(VisibleSignature.attachment("1/UBND").font(AppearanceFont.bundled()).warnings())
        .anyMatch(f -> f.code().equals("APPEARANCE_FONT_FALLBACK"));
  }
}
