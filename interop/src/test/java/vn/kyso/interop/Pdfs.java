package vn.kyso.interop;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Test documents. */
final class Pdfs {
  private Pdfs() {}

  /** A one-page letter. */
  static Path letter(Path out) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        cs.newLineAtOffset(72, 760);
        cs.showText("UBND TINH THU NGHIEM - So: 12/UBND-VP - V/v thu nghiem lien thong chu ky so");
        cs.endText();
      }
      doc.save(out.toFile());
    }
    return out;
  }
}
