package vn.kyso.pades.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/**
 * Refuses to sign a PDF that PDFBox could only read by repairing it. PDFBox's parser is lenient: it
 * rebuilds a missing or broken cross-reference by scanning the file, and carries on past a page
 * tree that is not a dictionary. A signature appended to such a file covers bytes other readers
 * cannot follow (or follow differently), so it is refused before anything is written.
 */
final class Soundness {
  private static final Pattern OBJECT = Pattern.compile("\\d+\\s+\\d+\\s+obj\\b");

  private Soundness() {}

  /**
   * The file ends with a revision (only white space or NULs after the last {@code %%EOF}) whose
   * last update is a clean cross-reference section.
   */
  static void requireIntactEnd(SignedBytes raw, List<Long> ends)
      throws IOException, DocumentException {
    String head =
        new String(raw.read(0, (int) Math.min(64 * 1024, raw.size())), StandardCharsets.ISO_8859_1);
    if (!head.contains("%PDF-") || !OBJECT.matcher(head).find()) {
      // Not a damaged PDF but no PDF at all: no header, or not one object.
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, null, "not a PDF");
    }
    if (ends.isEmpty()) {
      throw repair("no %%EOF: the file is truncated");
    }
    long last = ends.get(ends.size() - 1);
    if (last < raw.size()) {
      String tail =
          new String(
              raw.read(last, (int) Math.min(4096, raw.size() - last)), StandardCharsets.ISO_8859_1);
      if (!tail.replace('\0', ' ').isBlank() || raw.size() - last > 4096) {
        throw repair(
            (raw.size() - last) + " bytes after the last %%EOF: the last update is truncated");
      }
    }
    long start = ends.size() > 1 ? ends.get(ends.size() - 2) : 0;
    if (!raw.isCleanRevision(start, last)) {
      throw repair("the last revision's cross-reference is missing or broken");
    }
  }

  /**
   * A strict reader (PDFBox with its repairs switched off) can follow the file: the cross-reference
   * places every object where it is, the trailer and the catalog are where they should be. A wrong
   * password is left to the normal open, which names it.
   */
  static void requireStrictlyReadable(Path input, String password) throws DocumentException {
    try (FileRead source = new FileRead(input)) {
      PDFParser parser =
          new PDFParser(
              source, password == null ? "" : password, null, null, PdfLoad.STREAM_CACHE) {
            {
              setLenient(false);
            }
          };
      try (PDDocument strict = parser.parse(false)) {
        strict.getDocumentCatalog().getPages().getCount();
      }
    } catch (InvalidPasswordException e) {
      // the normal open reports DOCUMENT_ENCRYPTED
    } catch (IOException | RuntimeException e) {
      PdfLoad.requireWithinCeiling();
      throw repair("a strict reader cannot follow it: " + e.getMessage());
    }
  }

  /** The page tree is a {@code /Pages} dictionary (PDFBox carries on past one that is not). */
  static void requirePageTree(PDDocument doc) throws DocumentException {
    COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
    if (!(catalog.getDictionaryObject(COSName.PAGES) instanceof COSDictionary pages)
        || !COSName.PAGES.equals(pages.getCOSName(COSName.TYPE))) {
      throw repair("the page tree is not a /Pages dictionary");
    }
  }

  private static DocumentException repair(String why) {
    return new DocumentException(ErrorCode.DOCUMENT_NEEDS_REPAIR, null, why);
  }
}
