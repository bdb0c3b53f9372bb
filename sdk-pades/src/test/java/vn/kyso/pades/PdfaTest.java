package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.parser.PreflightParser;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** PDF/A-1b input stays PDF/A-1b after signing, as PDFBox Preflight judges it. */
class PdfaTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(61).build();

  private static final Path FONT =
      Path.of("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf");

  static Path pdfa(Path dir) throws Exception {
    ExternalTools.require(
        Files.exists(FONT), "fonts-liberation", "apt-get install fonts-liberation");
    Path file = dir.resolve("pdfa.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font font = PDType0Font.load(doc, FONT.toFile());
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 13);
        cs.newLineAtOffset(70, 760);
        cs.showText("UY BAN NHAN DAN TINH THU NGHIEM - So: 123/UBND-VP");
        cs.endText();
      }
      XMPMetadata xmp = XMPMetadata.createXMPMetadata();
      PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
      id.setPart(1);
      id.setConformance("B");
      ByteArrayOutputStream xml = new ByteArrayOutputStream();
      new XmpSerializer().serialize(xmp, xml, true);
      PDMetadata metadata = new PDMetadata(doc);
      metadata.importXMPMetadata(xml.toByteArray());
      doc.getDocumentCatalog().setMetadata(metadata);
      doc.getDocumentCatalog().addOutputIntent(ToolLikeUpdates.srgb(doc));
      // PDF/A-1 forbids cross-reference streams: save with a classic table.
      doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
    }
    return file;
  }

  private static String describe(ValidationResult r) {
    StringBuilder sb = new StringBuilder();
    for (ValidationResult.ValidationError e : r.getErrorsList()) {
      sb.append(e.getErrorCode()).append(' ').append(e.getDetails()).append("; ");
    }
    return sb.toString();
  }

  private static ValidationResult preflight(Path pdf) throws Exception {
    return PreflightParser.validate(pdf.toFile());
  }

  @Test
  void signingKeepsPdfA1b(@TempDir Path dir) throws Exception {
    Path in = pdfa(dir);
    ValidationResult before = preflight(in);
    assertThat(before.isValid()).as(describe(before)).isTrue();
    Path out = dir.resolve("signed.pdf");

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .timestampClient(PKI.tsaClient())
          .build()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_T).build(), token.keys().get(0));
    }

    ValidationResult after = preflight(out);
    assertThat(after.isValid()).as(describe(after)).isTrue();
  }
}
