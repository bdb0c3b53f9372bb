package vn.kyso.pades.internal;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.util.Matrix;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/** Turns a one-page PDF template into a signature widget's normal appearance. */
final class Appearances {
  private Appearances() {}

  static void apply(
      PDDocument doc, PDAnnotationWidget widget, byte[] template, float width, float height)
      throws DocumentException {
    try (PDDocument t = Loader.loadPDF(template)) {
      if (t.getNumberOfPages() != 1) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, null, "the appearance template must have one page");
      }
      PDPage page = t.getPage(0);
      PDRectangle box = page.getCropBox();
      PDFormXObject imported = new LayerUtility(doc).importPageAsForm(t, 0);
      PDAppearanceStream stream = new PDAppearanceStream(doc);
      stream.setBBox(new PDRectangle(width, height));
      stream.setResources(new PDResources());
      try (var cs = new PDPageContentStream(doc, stream)) {
        float scale = Math.min(width / box.getWidth(), height / box.getHeight());
        cs.transform(Matrix.getScaleInstance(scale, scale));
        cs.transform(Matrix.getTranslateInstance(-box.getLowerLeftX(), -box.getLowerLeftY()));
        cs.drawForm(imported);
      }
      PDAppearanceDictionary ap = new PDAppearanceDictionary();
      ap.setNormalAppearance(stream);
      widget.setAppearance(ap);
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "unusable appearance template: " + e.getMessage());
    }
  }
}
