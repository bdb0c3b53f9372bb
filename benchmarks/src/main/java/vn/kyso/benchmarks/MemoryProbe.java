package vn.kyso.benchmarks;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * One step of the memory benchmark, run in its own JVM by benchmarks/memory.sh with a given
 * {@code -Xmx}: {@code generate SIZE_MB FILE}, {@code sign IN OUT}, {@code verify FILE}. Prints one
 * line {@code OK <ms>} and exits 0, or exits non-zero (an OutOfMemoryError included).
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  /**
   * Runs one step.
   *
   * @param args the step and its arguments
   * @throws Exception when the step fails
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    switch (args[0]) {
      case "generate" -> generate(Integer.parseInt(args[1]), Path.of(args[2]));
      case "sign" -> sign(Path.of(args[1]), Path.of(args[2]));
      case "verify" -> verify(Path.of(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("OK " + Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  /** Pages of text, each with a 512×512 incompressible image (about 0.75 MB a page). */
  static void generate(int megabytes, Path out) throws Exception {
    Random random = new Random(42);
    int pages = Math.max(1, megabytes * 4 / 3);
    try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(512, 512,
            java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 512; y++) {
          for (int x = 0; x < 512; x++) {
            img.setRGB(x, y, random.nextInt());
          }
        }
        PDImageXObject image = LosslessFactory.createFromImage(doc, img);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(image, 50, 250, 400, 400);
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(50, 200);
          cs.showText("Ho so luu tru, trang " + (p + 1) + " / " + pages);
          cs.endText();
        }
      }
      doc.save(out.toFile());
    }
  }

  static void sign(Path in, Path out) throws Exception {
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder().build().sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
    }
  }

  static void verify(Path file) throws Exception {
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    ValidationReport r = PdfVerifier.builder(CertificateVerifier.builder(pki.trustAnchors())
        .network(NetworkSettings.offline()).insecureSkipRevocationCheck().build()).build().verify(file);
    if (r.signatures().isEmpty() || !r.signatures().get(0).isPassed()) {
      throw new IllegalStateException("verification did not pass: " + r.toText(java.util.Locale.ENGLISH));
    }
  }

}
