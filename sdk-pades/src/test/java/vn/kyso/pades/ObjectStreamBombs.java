package vn.kyso.pades;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.SecurityHandler;

/**
 * PDFs whose document catalog sits in an object stream of the test's making, so that PDFBox decodes
 * that stream while it loads the document: the way to put a compression bomb where Kyso cannot
 * measure it before PDFBox parses.
 */
final class ObjectStreamBombs {
  private static final int CATALOG = 101;

  private ObjectStreamBombs() {}

  /**
   * Encodes an object stream that starts with the given head (the catalog's number and the
   * catalog).
   */
  @FunctionalInterface
  interface Encoder {
    byte[] encode(byte[] head) throws IOException;
  }

  /**
   * Appends an update whose new catalog (with the original page tree) is the first object of object
   * stream 99, encoded as given and encrypted when the document is, listed by a cross-reference
   * stream (object 100).
   */
  static Path withCatalogInObjectStream(
      Path dir, Path original, String name, String filters, Encoder encoder) throws IOException {
    Path out = dir.resolve(name);
    byte[] before = Files.readAllBytes(original);
    try (PDDocument doc = Loader.loadPDF(original.toFile(), "owner")) {
      COSDictionary trailer = doc.getDocument().getTrailer();
      COSObject pages = (COSObject) doc.getDocumentCatalog().getCOSObject().getItem(COSName.PAGES);
      byte[] head =
          (CATALOG
                  + " 0 << /Type /Catalog /Pages "
                  + pages.getObjectNumber()
                  + " "
                  + pages.getGenerationNumber()
                  + " R >>")
              .getBytes(StandardCharsets.ISO_8859_1);
      byte[] data = encoder.encode(head);
      SecurityHandler<?> handler =
          doc.isEncrypted() ? doc.getEncryption().getSecurityHandler() : null;
      if (handler != null) {
        COSStream temp = doc.getDocument().createCOSStream();
        try (OutputStream raw = temp.createRawOutputStream()) {
          raw.write(data);
        }
        handler.encryptStream(temp, 99, 0);
        try (InputStream raw = temp.createRawInputStream()) {
          data = raw.readAllBytes();
        }
      }
      ByteArrayOutputStream update = new ByteArrayOutputStream();
      update.write(before);
      long objStm = update.size() + 1;
      int first = (CATALOG + " 0 ").length();
      update.write(
          ("\n99 0 obj\n<< /Type /ObjStm /N 1 /First "
                  + first
                  + " /Filter "
                  + filters
                  + " /Length "
                  + data.length
                  + " >>\nstream\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      update.write(data);
      update.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
      long xref = update.size();
      ByteArrayOutputStream rows = new ByteArrayOutputStream();
      row(rows, 1, objStm, 0);
      row(rows, 1, xref, 0);
      row(rows, 2, 99, 0);
      StringBuilder dict =
          new StringBuilder("<< /Type /XRef /Size 102 /Index [99 3] /W [1 4 2] /Root ")
              .append(CATALOG)
              .append(" 0 R /Prev ")
              .append(doc.getDocument().getStartXref());
      for (COSName key : new COSName[] {COSName.ENCRYPT, COSName.INFO}) {
        if (trailer.getItem(key) instanceof COSObject ref) {
          dict.append(" /")
              .append(key.getName())
              .append(' ')
              .append(ref.getObjectNumber())
              .append(" 0 R");
        }
      }
      if (trailer.getItem(COSName.ID) instanceof COSArray ids) {
        dict.append(" /ID [");
        for (COSBase id : ids) {
          dict.append('<')
              .append(HexFormat.of().formatHex(((COSString) id).getBytes()))
              .append('>');
        }
        dict.append(']');
      }
      dict.append(" /Length ").append(rows.size()).append(" >>");
      update.write(("100 0 obj\n" + dict + "\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
      rows.writeTo(update);
      update.write(
          ("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      Files.write(out, update.toByteArray());
    }
    return out;
  }

  private static void row(ByteArrayOutputStream rows, int type, long field2, int field3) {
    rows.write(type);
    for (int shift = 24; shift >= 0; shift -= 8) {
      rows.write((int) (field2 >>> shift));
    }
    rows.write(field3 >>> 8);
    rows.write(field3);
  }
}
