package vn.kyso.report.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A small flowing layout on A4 pages with PDFBox: wrapped paragraphs, two-column rows, filled
 * boxes, images and page numbers. Text is set in DejaVu Sans (embedded, subset), which has every
 * Vietnamese letter; a character the font lacks is shown as {@code ?} rather than failing.
 */
public final class PdfLayout implements AutoCloseable {
  /** A4 in points. */
  public static final PDRectangle A4 = PDRectangle.A4;

  private static final float MARGIN_X = 48f;
  private static final float MARGIN_TOP = 54f;
  private static final float MARGIN_BOTTOM = 56f;

  private final PDDocument doc;
  private final PDType0Font regular;
  private final PDType0Font bold;
  private final Map<Integer, Boolean> known = new HashMap<>();
  private final List<PDPage> pages = new ArrayList<>();
  private PDPageContentStream cs;
  private float y;

  /**
   * Starts a layout in a document.
   *
   * @param doc the document
   * @throws IOException when the fonts cannot be read
   */
  public PdfLayout(PDDocument doc) throws IOException {
    this.doc = doc;
    this.regular = font(doc, "DejaVuSans.ttf");
    this.bold = font(doc, "DejaVuSans-Bold.ttf");
    newPage();
  }

  private static PDType0Font font(PDDocument doc, String name) throws IOException {
    try (InputStream in = PdfLayout.class.getResourceAsStream("/vn/kyso/report/fonts/" + name)) {
      if (in == null) {
        throw new IOException("missing font " + name);
      }
      return PDType0Font.load(doc, in, true);
    }
  }

  /**
   * @return the width text may take
   */
  public float width() {
    return A4.getWidth() - 2 * MARGIN_X;
  }

  /**
   * @return the left margin
   */
  public float left() {
    return MARGIN_X;
  }

  private void newPage() throws IOException {
    if (cs != null) {
      cs.close();
    }
    PDPage page = new PDPage(A4);
    doc.addPage(page);
    pages.add(page);
    cs = new PDPageContentStream(doc, page);
    y = A4.getHeight() - MARGIN_TOP;
  }

  /**
   * Makes room: starts a new page when less than {@code height} remains.
   *
   * @param height the height needed
   * @throws IOException when writing fails
   */
  public void need(float height) throws IOException {
    if (y - height < MARGIN_BOTTOM) {
      newPage();
    }
  }

  /**
   * Moves down.
   *
   * @param height points
   */
  public void gap(float height) {
    y -= height;
  }

  /**
   * A wrapped paragraph.
   *
   * @param text the text; newlines start new lines
   * @param size the font size
   * @param isBold bold or regular
   * @param color the colour
   * @param x the left edge
   * @param width the width
   * @param centred whether each line is centred
   * @throws IOException when writing fails
   */
  public void paragraph(
      String text, float size, boolean isBold, Color color, float x, float width, boolean centred)
      throws IOException {
    PDType0Font f = isBold ? bold : regular;
    for (String line : wrap(text, f, size, width)) {
      need(size * 1.35f);
      y -= size * 1.35f;
      float lx = centred ? x + (width - f.getStringWidth(line) / 1000 * size) / 2 : x;
      show(line, f, size, color, lx, y + size * 0.3f);
    }
  }

  /**
   * A row of a two-column table: a bold label and a wrapped value, with a rule under it.
   *
   * @param label the label
   * @param value the value
   * @param size the font size
   * @throws IOException when writing fails
   */
  public void row(String label, String value, float size) throws IOException {
    float labelWidth = width() * 0.34f;
    float valueWidth = width() - labelWidth - 8;
    List<String> l = wrap(label, bold, size, labelWidth);
    List<String> v = wrap(value, regular, size, valueWidth);
    float lead = size * 1.3f;
    int lines = Math.max(l.size(), v.size());
    for (int i = 0; i < lines; i++) {
      if (y - lead < MARGIN_BOTTOM) {
        newPage();
      }
      y -= lead;
      if (i < l.size()) {
        show(l.get(i), bold, size, new Color(0x3b, 0x43, 0x4b), MARGIN_X, y + size * 0.3f);
      }
      if (i < v.size()) {
        show(v.get(i), regular, size, Color.BLACK, MARGIN_X + labelWidth + 8, y + size * 0.3f);
      }
    }
    y -= 3;
    cs.setStrokingColor(new Color(0xd8, 0xdd, 0xe3));
    cs.setLineWidth(0.5f);
    cs.moveTo(MARGIN_X, y);
    cs.lineTo(MARGIN_X + width(), y);
    cs.stroke();
    y -= 2;
  }

  /**
   * A filled box with a bold first line and a regular second text.
   *
   * @param title the bold line
   * @param detail the text under it
   * @param border the border colour
   * @param fill the fill colour
   * @throws IOException when writing fails
   */
  public void box(String title, String detail, Color border, Color fill) throws IOException {
    float pad = 8;
    List<String> t = wrap(title, bold, 14, width() - 2 * pad);
    List<String> d = wrap(detail, regular, 10, width() - 2 * pad);
    float height = t.size() * 14 * 1.35f + d.size() * 10 * 1.35f + 2 * pad;
    need(height + 4);
    cs.setNonStrokingColor(fill);
    cs.setStrokingColor(border);
    cs.setLineWidth(1.5f);
    cs.addRect(MARGIN_X, y - height, width(), height);
    cs.fillAndStroke();
    float top = y - pad;
    for (String line : t) {
      top -= 14 * 1.35f;
      show(line, bold, 14, border.darker(), MARGIN_X + pad, top + 14 * 0.3f);
    }
    for (String line : d) {
      top -= 10 * 1.35f;
      show(line, regular, 10, Color.BLACK, MARGIN_X + pad, top + 10 * 0.3f);
    }
    y -= height + 6;
  }

  /**
   * Images side by side, scaled to the width and to at most {@code maxHeight}, each with a caption.
   *
   * @param images the images
   * @param captions one caption per image
   * @param maxHeight the tallest an image may be
   * @throws IOException when writing fails
   */
  public void images(List<PDImageXObject> images, List<String> captions, float maxHeight)
      throws IOException {
    float gap = 10;
    float each = (width() - gap * (images.size() - 1)) / images.size();
    float h = 0;
    float[] ws = new float[images.size()];
    float[] hs = new float[images.size()];
    for (int i = 0; i < images.size(); i++) {
      PDImageXObject im = images.get(i);
      float s = Math.min(each / im.getWidth(), maxHeight / im.getHeight());
      ws[i] = im.getWidth() * s;
      hs[i] = im.getHeight() * s;
      h = Math.max(h, hs[i]);
    }
    need(h + 30);
    float x = MARGIN_X;
    for (int i = 0; i < images.size(); i++) {
      cs.drawImage(images.get(i), x, y - hs[i], ws[i], hs[i]);
      cs.setStrokingColor(new Color(0x8c, 0x95, 0x9f));
      cs.setLineWidth(0.5f);
      cs.addRect(x, y - hs[i], ws[i], hs[i]);
      cs.stroke();
      x += each + gap;
    }
    y -= h + 2;
    float top = y;
    float lowest = y;
    x = MARGIN_X;
    for (int i = 0; i < images.size(); i++) {
      y = top;
      paragraph(captions.get(i), 8, false, new Color(0x3b, 0x43, 0x4b), x, each, false);
      lowest = Math.min(lowest, y);
      x += each + gap;
    }
    y = lowest - 4;
  }

  /**
   * Writes "page x/y" at the foot of every page, with a footer text on each.
   *
   * @param pattern e.g. {@code "Trang %d/%d"}
   * @throws IOException when writing fails
   */
  public void numberPages(String pattern) throws IOException {
    cs.close();
    cs = null;
    int n = pages.size();
    for (int i = 0; i < n; i++) {
      try (PDPageContentStream c =
          new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
        String text = String.format(java.util.Locale.ROOT, pattern, i + 1, n);
        float w = regular.getStringWidth(safe(text, regular)) / 1000 * 8;
        c.beginText();
        c.setFont(regular, 8);
        c.setNonStrokingColor(new Color(0x57, 0x60, 0x6a));
        c.newLineAtOffset((A4.getWidth() - w) / 2, 28);
        c.showText(safe(text, regular));
        c.endText();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (cs != null) {
      cs.close();
      cs = null;
    }
  }

  private void show(String text, PDType0Font f, float size, Color color, float x, float baseline)
      throws IOException {
    cs.beginText();
    cs.setFont(f, size);
    cs.setNonStrokingColor(color);
    cs.newLineAtOffset(x, baseline);
    cs.showText(text);
    cs.endText();
  }

  /** Splits text into lines that fit, breaking at spaces and, for long words, anywhere. */
  private List<String> wrap(String text, PDType0Font f, float size, float width)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String para : safe(text, f).split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : para.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (f.getStringWidth(candidate) / 1000 * size <= width) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (line.length() > 0) {
          out.add(line.toString());
          line.setLength(0);
        }
        // A word wider than the column (a fingerprint, a long name) is broken anywhere.
        for (int i = 0; i < word.length(); ) {
          int cp = word.codePointAt(i);
          String next = line.toString() + Character.toString(cp);
          if (line.length() > 0 && f.getStringWidth(next) / 1000 * size > width) {
            out.add(line.toString());
            line.setLength(0);
          }
          line.appendCodePoint(cp);
          i += Character.charCount(cp);
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  /** Replaces what the font cannot show, and control characters, with {@code ?} or a space. */
  private String safe(String text, PDType0Font f) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n') {
                sb.append('\n');
              } else if (cp == '\t' || cp == '\r') {
                sb.append(' ');
              } else if (Character.isISOControl(cp)) {
                sb.append('?');
              } else if (known.computeIfAbsent(cp, c -> encodable(f, c))) {
                sb.appendCodePoint(cp);
              } else {
                sb.append('?');
              }
            });
    return sb.toString();
  }

  private boolean encodable(PDType0Font f, int cp) {
    try {
      f.encode(Character.toString(cp));
      return (f == regular ? bold : regular).encode(Character.toString(cp)).length > 0;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
