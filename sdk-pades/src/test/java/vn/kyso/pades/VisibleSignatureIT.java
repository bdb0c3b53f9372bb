package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** Poppler's pdftoppm, an independent renderer, shows the national appearance as PDFBox does. */
class VisibleSignatureIT {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(13).build();

  @BeforeAll
  static void requirePdftoppm() {
    ExternalTools.requireCommand("pdftoppm", "poppler-utils");
  }

  /** Renders page 1 (its crop box) at 144 dpi (2 pixels per point) with pdftoppm. */
  private static BufferedImage pdftoppm(Path pdf, Path dir) throws Exception {
    Path prefix = dir.resolve(pdf.getFileName() + "-page");
    Process p =
        new ProcessBuilder(
                "pdftoppm",
                "-png",
                "-cropbox", // what a reader shows: the crop box, not the media box
                "-r",
                "144",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf.toString(),
                prefix.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    return ImageIO.read(prefix.resolveSibling(prefix.getFileName() + ".png").toFile());
  }

  private static void sign(Path in, Path out, VisibleSignature v, TestIdentity who)
      throws Exception {
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

  @Test
  void personalSignatureSealAndCopyMarker_renderWhereTheyBelong(@TempDir Path dir)
      throws Exception {
    Path in = Letters.letter(dir, "letter.pdf", 0, Letters.KT);
    Path personal = dir.resolve("personal.pdf");
    Path issued = dir.resolve("issued.pdf");
    Path copy = dir.resolve("copy.pdf");
    sign(
        in,
        personal,
        VisibleSignature.personal(
            SignatureImage.png(Letters.signaturePng(new Color(20, 40, 200))),
            Placement.signerBlock("PHÓ CHỦ TỊCH", "Trần Thị Bình")),
        TestIdentity.VICE_CHAIRMAN);
    sign(
        personal,
        issued,
        VisibleSignature.organisation(SignatureImage.png(Letters.sealPng()), 36, 36),
        TestIdentity.PROVINCE_ORGANISATION);
    sign(
        issued,
        copy,
        VisibleSignature.copy(CopyForm.SAO_Y, "Ủy ban nhân dân tỉnh Thử Nghiệm")
            .font(AppearanceFont.bundled()),
        TestIdentity.PROVINCE_ORGANISATION);

    List<PDRectangle> w = VisibleSignatureTest.widgets(copy);
    PDRectangle p = w.get(0);
    PDRectangle o = w.get(1);
    PDRectangle m = w.get(2);
    BufferedImage page = pdftoppm(copy, dir);
    assertThat(page.getWidth()).isEqualTo(Math.round(PDRectangle.A4.getWidth() * 2));

    PDRectangle personalOnly =
        new PDRectangle(
            o.getUpperRightX() + 1,
            p.getLowerLeftY(),
            p.getUpperRightX() - o.getUpperRightX() - 1,
            p.getHeight());
    assertThat(VisibleSignatureTest.count(page, personalOnly, true, VisibleSignatureTest::isBlue))
        .as("the blue signature right of the seal")
        .isGreaterThan(200);
    assertThat(VisibleSignatureTest.count(page, o, true, VisibleSignatureTest::isRed))
        .as("the red seal")
        .isGreaterThan(500);
    assertThat(
            VisibleSignatureTest.count(
                    page,
                    new PDRectangle(0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight()),
                    true,
                    VisibleSignatureTest::isRed)
                - VisibleSignatureTest.count(page, o, true, VisibleSignatureTest::isRed))
        .as("no red outside the seal")
        .isZero();
    int dark =
        VisibleSignatureTest.count(
            page, m, true, rgb -> (rgb & 0xff) < 100 && ((rgb >> 16) & 0xff) < 100);
    assertThat(dark).as("the copy marker's text, top right").isGreaterThan(150);
    assertThat(m.getLowerLeftX()).isGreaterThan(PDRectangle.A4.getWidth() / 2);
    assertThat(m.getLowerLeftY()).isGreaterThan(PDRectangle.A4.getHeight() * 0.85f);
  }

  /** pdftoppm shows signatures on rotated, offset and cropped pages upright where placed. */
  @org.junit.jupiter.params.ParameterizedTest(name = "/Rotate {0}")
  @org.junit.jupiter.params.provider.CsvSource({
    "90, 0, 0, 0",
    "180, 100, 50, 20",
    "270, -40, 60, 15"
  })
  void rotatedPages_renderUprightWhereTheReaderExpects(
      int rotation, float ox, float oy, float inset, @TempDir Path dir) throws Exception {
    Path in = Letters.uprightLetter(dir, "letter.pdf", rotation, ox, oy, inset, Letters.TM);
    Path out = dir.resolve("signed.pdf");
    sign(
        in,
        out,
        VisibleSignature.personal(
            RotatedPagesTest.twoColours(), Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")),
        TestIdentity.CHAIRMAN);
    PDRectangle seen = RotatedPagesTest.seen(out).view();
    BufferedImage page = pdftoppm(out, dir);
    assertThat(page.getWidth()).isEqualTo(Math.round(PDRectangle.A4.getWidth() * 2));
    assertThat(page.getHeight()).isEqualTo(Math.round(PDRectangle.A4.getHeight() * 2));
    int[] h = RotatedPagesTest.halves(page, seen);
    assertThat(h[0]).as("red in the upper half").isGreaterThan(300);
    assertThat(h[3]).as("blue in the lower half").isGreaterThan(300);
    assertThat(h[1] + h[2])
        .as("upright: no blue above, no red below")
        .isLessThan((h[0] + h[3]) / 20);
    PDRectangle elsewhere = new PDRectangle(0, 0, 595, 842);
    int everywhereRed = RotatedPagesTest.count(page, elsewhere, VisibleSignatureTest::isRed);
    assertThat(everywhereRed).as("nothing red outside the signature").isEqualTo(h[0] + h[2]);
  }
}
