package vn.kyso.pades.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.pdfbox.contentstream.PDContentStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * The resource names a page's content streams use ({@code /F1 Tf}, {@code /Im0 Do}, ...): a later
 * revision may add resources to a signed page only under names its content does not use. Bounded:
 * at most {@link #MAX_TOKENS} tokens; streams decode under the thread's {@link DecodeCeiling}.
 */
final class ContentNames {
  static final int MAX_TOKENS = 5_000_000;

  private ContentNames() {}

  /**
   * Lists the names.
   *
   * @param page the signed page
   * @return the names without the slash, or null when the content cannot be read within bounds
   */
  static Set<String> of(PDPage page) {
    Set<String> out = new HashSet<>();
    try {
      if (!page.hasContents()) {
        return out;
      }
      PDFStreamParser parser = new PDFStreamParser((PDContentStream) page);
      int tokens = 0;
      for (Object t = parser.parseNextToken(); t != null; t = parser.parseNextToken()) {
        if (++tokens > MAX_TOKENS) {
          return null;
        }
        if (t instanceof COSName n) {
          out.add(n.getName());
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
