package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Visible signatures on pages turned by {@code /Rotate} 90, 180 and 270, with a media box that does
 * not start at the origin and a crop box smaller than it: placement by signer block and by
 * rectangle lands where the reader sees it, the picture is upright, and the verifier's appearance
 * check reads the placement as the reader sees it.
 */
class RotatedPagesTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(41).build();

  static final float SCALE = 2f;

  /** A picture whose upper half is red and lower half blue: upright when red is on top. */
  static SignatureImage twoColours() throws Exception {
    BufferedImage img = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(220, 20, 30));
    g.fillRect(20, 10, 260, 45);
    g.setColor(new Color(20, 40, 200));
    g.fillRect(20, 65, 260, 45);
    g.dispose();
    return SignatureImage.png(Letters.png(img));
  }

  static void sign(Path in, Path out, VisibleSignature v, TestIdentity who) throws KysoException {
    try (SigningToken token = PKI.pki().credential(who).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B).visible(v).build(),
              token.keys().get(0));
    }
  }

  /** The last signature widget of page 1 as the reader sees it, and its appearance's matrix. */
  record Seen(PDRectangle view, float[] matrix, PDRectangle bbox) {}

  static Seen seen(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDPage page = doc.getPage(0);
      PDAnnotationWidget last = null;
      for (PDAnnotation a : page.getAnnotations()) {
        if (a instanceof PDAnnotationWidget w && w.getRectangle().getWidth() > 1) {
          last = w;
        }
      }
      assertThat(last).isNotNull();
      var stream = last.getAppearance().getNormalAppearance().getAppearanceStream();
      var m = stream.getMatrix();
      return new Seen(
          PageView.of(page).toView(last.getRectangle()),
          new float[] {
            m.getScaleX(),
            m.getShearY(),
            m.getShearX(),
            m.getScaleY(),
            m.getTranslateX(),
            m.getTranslateY()
          },
          stream.getBBox());
    }
  }

  /** Red pixels in the upper half of a rectangle of the reader's view, and blue in the lower. */
  static int[] halves(BufferedImage page, PDRectangle r) {
    float midY = r.getLowerLeftY() + r.getHeight() / 2;
    PDRectangle upper = new PDRectangle(r.getLowerLeftX(), midY, r.getWidth(), r.getHeight() / 2);
    PDRectangle lower =
        new PDRectangle(r.getLowerLeftX(), r.getLowerLeftY(), r.getWidth(), r.getHeight() / 2);
    return new int[] {
      count(page, upper, VisibleSignatureTest::isRed),
      count(page, upper, VisibleSignatureTest::isBlue),
      count(page, lower, VisibleSignatureTest::isRed),
      count(page, lower, VisibleSignatureTest::isBlue)
    };
  }

  /** Pixels of a kind inside a rectangle of the reader's view (an A4 portrait page at SCALE). */
  static int count(BufferedImage img, PDRectangle r, java.util.function.IntPredicate kind) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (r.contains(x / SCALE, img.getHeight() / SCALE - y / SCALE)
            && kind.test(img.getRGB(x, y))) {
          n++;
        }
      }
    }
    return n;
  }

  static BufferedImage render(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFRenderer(doc).renderImage(0, SCALE);
    }
  }

  @ParameterizedTest(name = "/Rotate {0}, media box at ({1}, {2}), crop inset {3}")
  @CsvSource({
    "0, 0, 0, 0",
    "90, 0, 0, 0",
    "180, 0, 0, 0",
    "270, 0, 0, 0",
    "0, 100, 50, 20",
    "90, 100, 50, 20",
    "180, -30, 40, 15",
    "270, 100, -50, 25"
  })
  void signerBlock_landsBetweenTitleAndName_upright(
      int rotation, float ox, float oy, float inset, @TempDir Path dir) throws Exception {
    Path in = Letters.uprightLetter(dir, "letter.pdf", rotation, ox, oy, inset, Letters.TM);
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(twoColours(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
        TestIdentity.CHAIRMAN);
    Seen s = seen(out);
    // The block (Letters.TM): title line at 284, the name 80 pt lower, centred on x = 400.
    assertThat(s.view().getLowerLeftX() + s.view().getWidth() / 2).isCloseTo(400f, within(2f));
    assertThat(s.view().getLowerLeftY()).isGreaterThan(204f);
    assertThat(s.view().getUpperRightY()).isLessThan(284f);
    // The form is drawn in the reader's orientation and turned back by its matrix.
    assertThat(s.bbox().getWidth()).isCloseTo(s.view().getWidth(), within(0.01f));
    assertThat(s.bbox().getHeight()).isCloseTo(s.view().getHeight(), within(0.01f));
    float[] expected =
        switch (rotation) {
          case 90 -> new float[] {0, 1, -1, 0};
          case 180 -> new float[] {-1, 0, 0, -1};
          case 270 -> new float[] {0, -1, 1, 0};
          default -> new float[] {1, 0, 0, 1};
        };
    for (int i = 0; i < 4; i++) {
      assertThat(s.matrix()[i]).isCloseTo(expected[i], within(1e-4f));
    }
    // Upright as rendered: red above blue, inside the rectangle the reader sees.
    int[] h = halves(render(out), s.view());
    assertThat(h[0]).as("red in the upper half").isGreaterThan(300);
    assertThat(h[1]).as("blue in the upper half").isLessThan(h[0] / 20);
    assertThat(h[3]).as("blue in the lower half").isGreaterThan(300);
    assertThat(h[2]).as("red in the lower half").isLessThan(h[3] / 20);
    // The verifier reads the placement as the reader sees it.
    SignatureResult r = PdfVerifier.builder(PKI.verifier()).build().verify(out).signatures().get(0);
    assertThat(r.indication()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.findings()).anyMatch(f -> f.code().equals("APPEARANCE_ABOVE_NAME"));
    assertThat(r.findings()).noneMatch(f -> f.code().equals("APPEARANCE_POSITION"));
  }

  @ParameterizedTest(name = "/Rotate {0}")
  @CsvSource({"0", "90", "180", "270"})
  void rectangleAndTopRightMarker_areInTheReadersCoordinates(int rotation, @TempDir Path dir)
      throws Exception {
    Path in = Letters.uprightLetter(dir, "letter.pdf", rotation, 100, 50, 20, Letters.TM);
    Path rect = dir.resolve("rect.pdf");
    sign(
        in,
        rect,
        VisibleSignature.personal(
            twoColours(),
            Placement.rectangle(
                0, 100, 100, 150, 60, Placement.Unit.POINT, Placement.Origin.TOP_LEFT)),
        TestIdentity.CHAIRMAN);
    PDRectangle v = seen(rect).view();
    assertThat(v.getLowerLeftX()).isCloseTo(100f, within(0.5f));
    assertThat(v.getUpperRightY()).isCloseTo(842f - 100f, within(0.5f));
    int[] h = halves(render(rect), v);
    assertThat(h[0]).isGreaterThan(300);
    assertThat(h[3]).isGreaterThan(300);
    assertThat(h[1] + h[2]).isLessThan((h[0] + h[3]) / 20);

    Path copy = dir.resolve("copy.pdf");
    sign(
        in,
        copy,
        VisibleSignature.copy(CopyForm.SAO_Y, "Ủy ban nhân dân tỉnh Thử Nghiệm")
            .font(AppearanceFont.bundled()),
        TestIdentity.PROVINCE_ORGANISATION);
    PDRectangle m = seen(copy).view();
    assertThat(m.getUpperRightX()).isCloseTo(595f - NationalAppearance.MARKER_MARGIN, within(1f));
    assertThat(m.getUpperRightY()).isCloseTo(842f - NationalAppearance.MARKER_MARGIN, within(1f));
    SignatureResult r =
        PdfVerifier.builder(PKI.verifier()).build().verify(copy).signatures().get(0);
    assertThat(r.findings()).noneMatch(f -> f.code().equals("APPEARANCE_MARKER_POSITION"));
  }

  @Test
  void sidewaysTextIsNotASignerBlock_andAnOddRotationIsIgnoredAsReadersDo(@TempDir Path dir)
      throws Exception {
    // Text upright in user space on a page turned by 90 degrees runs sideways for the reader.
    Path sideways = Letters.letter(dir, "sideways.pdf", 90, Letters.TM);
    Path out = dir.resolve("signed.pdf");
    assertThatThrownBy(
            () ->
                sign(
                    sideways,
                    out,
                    VisibleSignature.personal(
                        twoColours(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
                    TestIdentity.CHAIRMAN))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPEARANCE_INVALID));
    assertThat(out).doesNotExist();
    // /Rotate 45 is not a rotation PDF allows: readers ignore it, and so does placement.
    Path odd = Letters.letter(dir, "odd.pdf", 45, Letters.TM);
    sign(
        odd,
        out,
        VisibleSignature.personal(
            twoColours(),
            Placement.rectangle(
                0, 10, 10, 100, 40, Placement.Unit.POINT, Placement.Origin.TOP_LEFT)),
        TestIdentity.CHAIRMAN);
    assertThat(seen(out).view().getLowerLeftX()).isCloseTo(10f, within(0.5f));
  }

  private static org.assertj.core.data.Offset<Float> within(float f) {
    return org.assertj.core.data.Offset.offset(f);
  }
}
