package vn.kyso.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.pades.AppearanceFont;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.Placement;
import vn.kyso.pades.SignatureImage;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * What a visible signature costs over an invisible one (the reference library takes about five
 * times longer): PAdES B-B of a one-page letter with a PKCS#12 key, invisible, with the personal
 * signature image found in the signer block, and with a copy's text marker. Images and fonts are
 * decoded once, in the set-up, as a host would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VisibleSignatureBenchmark {
  private Path dir;
  private Path letter;
  private Path out;
  private SigningToken token;
  private SigningKey key;
  private PdfSigner signer;
  private PdfSignatureOptions invisible;
  private PdfSignatureOptions personal;
  private PdfSignatureOptions marker;

  /**
   * Builds the letter, the key and the options.
   *
   * @throws Exception when set-up fails
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("kyso-visible-bench");
    letter = dir.resolve("letter.pdf");
    out = dir.resolve("signed.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        String[][] lines = {
          {"60", "780", "UY BAN NHAN DAN TINH THU NGHIEM"},
          {"60", "700", "V/v trien khai chu ky so"},
          {"360", "300", "TM. UY BAN NHAN DAN"},
          {"385", "284", "CHU TICH"},
          {"370", "200", "Nguyen Van An"}
        };
        for (String[] l : lines) {
          cs.beginText();
          cs.setFont(font, 13);
          cs.newLineAtOffset(Float.parseFloat(l[0]), Float.parseFloat(l[1]));
          cs.showText(l[2]);
          cs.endText();
        }
      }
      doc.save(letter.toFile());
    }
    BufferedImage img = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(20, 40, 200));
    g.setStroke(new BasicStroke(8));
    g.drawArc(20, 20, 120, 80, 0, 300);
    g.drawLine(120, 90, 280, 30);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    SignatureImage signature = SignatureImage.png(png.toByteArray());
    TestPki pki = TestPki.builder().build();
    token = pki.credential(TestIdentity.CHAIRMAN).signingToken();
    key = token.keys().get(0);
    signer = PdfSigner.builder().clock(pki.clock()).build();
    invisible = PdfSignatureOptions.builder(PadesLevel.B_B).build();
    personal =
        PdfSignatureOptions.builder(PadesLevel.B_B)
            .visible(
                VisibleSignature.personal(
                    signature, Placement.signerBlock("CHU TICH", "Nguyen Van An")))
            .build();
    marker =
        PdfSignatureOptions.builder(PadesLevel.B_B)
            .visible(
                VisibleSignature.copy(CopyForm.SAO_Y, "Ủy ban nhân dân tỉnh Thử Nghiệm")
                    .font(AppearanceFont.bundled()))
            .build();
  }

  /** Removes the files. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    token.close();
    Files.deleteIfExists(out);
    Files.deleteIfExists(letter);
    Files.deleteIfExists(dir);
  }

  /**
   * @throws Exception when signing fails
   */
  @Benchmark
  public void invisible() throws Exception {
    signer.sign(letter, out, invisible, key);
  }

  /**
   * @throws Exception when signing fails
   */
  @Benchmark
  public void visiblePersonalInSignerBlock() throws Exception {
    signer.sign(letter, out, personal, key);
  }

  /**
   * @throws Exception when signing fails
   */
  @Benchmark
  public void visibleCopyMarker() throws Exception {
    signer.sign(letter, out, marker, key);
  }
}
