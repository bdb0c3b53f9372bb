package vn.kyso.interop;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import vn.kyso.pades.PdfVerifier;

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

  /**
   * A one-page tagged PDF/A-2b letter as e-office systems issue them: embedded font, sRGB output
   * intent, XMP identification, the text marked as a paragraph of a Document structure element.
   */
  static Path taggedPdfA(Path out) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font font;
      try (InputStream in = PdfVerifier.class.getResourceAsStream(FONT)) {
        font = PDType0Font.load(doc, in);
      }
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        COSDictionary mc = new COSDictionary();
        mc.setInt(COSName.MCID, 0);
        cs.beginMarkedContent(COSName.P, PDPropertyList.create(mc));
        cs.beginText();
        cs.setFont(font, 13);
        cs.newLineAtOffset(72, 760);
        cs.showText("ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM — Số: 12/UBND-VP — V/v liên thông chữ ký số");
        cs.endText();
        cs.endMarkedContent();
      }
      PDStructureTreeRoot root = new PDStructureTreeRoot();
      doc.getDocumentCatalog().setStructureTreeRoot(root);
      PDStructureElement document = new PDStructureElement("Document", root);
      root.appendKid(document);
      PDStructureElement p = new PDStructureElement("P", document);
      p.setPage(page);
      p.appendKid(0);
      document.appendKid(p);
      COSArray forPage = new COSArray();
      forPage.add(p);
      COSArray nums = new COSArray();
      nums.add(COSInteger.get(0));
      nums.add(forPage);
      COSDictionary parentTree = new COSDictionary();
      parentTree.setItem(COSName.NUMS, nums);
      root.getCOSObject().setItem(COSName.PARENT_TREE, parentTree);
      root.setParentTreeNextKey(1);
      page.getCOSObject().setInt(COSName.STRUCT_PARENTS, 0);
      PDMarkInfo mark = new PDMarkInfo();
      mark.setMarked(true);
      doc.getDocumentCatalog().setMarkInfo(mark);
      doc.getDocumentCatalog().setLanguage("vi-VN");
      try {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
        id.setPart(2);
        id.setConformance("B");
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        new XmpSerializer().serialize(xmp, xml, true);
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xml.toByteArray());
        doc.getDocumentCatalog().setMetadata(metadata);
      } catch (Exception e) {
        throw new IOException(e);
      }
      PDOutputIntent intent =
          new PDOutputIntent(
              doc, new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
      intent.setInfo("sRGB IEC61966-2.1");
      intent.setOutputCondition("sRGB IEC61966-2.1");
      intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
      intent.setRegistryName("http://www.color.org");
      doc.getDocumentCatalog().addOutputIntent(intent);
      doc.save(out.toFile());
    }
    return out;
  }

  private static final String FONT = "/vn/kyso/pades/fonts/LiberationSerif-Regular.ttf";
}
