package vn.kyso.pades;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.pades.internal.VisibleAppearance;

/** Places and draws a {@link VisibleSignature} on a document. */
final class NationalAppearance implements VisibleAppearance {
  static final float MM = 72f / 25.4f;
  static final float MARKER_SIZE = 10f;
  static final float MARKER_LEADING = 12f;
  static final float MARKER_MARGIN = 10 * MM;
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final DateTimeFormatter MARKER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT).withZone(VIETNAM);

  private final VisibleSignature v;

  NationalAppearance(VisibleSignature v) {
    this.v = v;
  }

  // ------------------------------------------------------------------ where

  @Override
  public Target target(PDDocument doc) throws DocumentException {
    Placement p = v.placement();
    switch (p.kind()) {
      case FIELD:
        return new Target(0, null, p.text());
      case RECTANGLE:
        {
          PageView view = view(doc, p.page());
          double[] r = p.pointsFromBottom(view.height());
          PDRectangle rect =
              new PDRectangle((float) r[0], (float) r[1], (float) r[2], (float) r[3]);
          requireInside(rect, view, p.page());
          return target(doc, p.page(), rect);
        }
      case SIGNER_BLOCK:
        return signerBlock(doc, p.text(), p.secondText());
      case MARKER:
        return marker(doc, p.text());
      case ANCHOR:
        return anchor(doc, p.text());
      case BESIDE_PERSONAL:
        return besidePersonal(doc);
      case TOP_RIGHT:
        {
          PageView view = view(doc, 0);
          float[] size = markerSize();
          PDRectangle rect =
              new PDRectangle(
                  view.width() - MARKER_MARGIN - size[0],
                  view.height() - MARKER_MARGIN - size[1],
                  size[0],
                  size[1]);
          return target(doc, 0, rect);
        }
      default:
        throw new IllegalStateException(p.kind().name());
    }
  }

  /** The view of a page (rotated pages included: placement reasons as the reader sees it). */
  static PageView view(PDDocument doc, int index) throws DocumentException {
    if (index >= doc.getNumberOfPages()) {
      throw invalid("the document has no page " + (index + 1));
    }
    try {
      return PageView.of(doc.getPage(index));
    } catch (IllegalArgumentException e) {
      throw invalid("page " + (index + 1) + " has " + e.getMessage());
    }
  }

  /** A rectangle the reader sees on a page, as the widget's rectangle in user space. */
  private static Target target(PDDocument doc, int page, PDRectangle inView)
      throws DocumentException {
    return new Target(page, view(doc, page).toUser(inView), null);
  }

  private static void requireInside(PDRectangle rect, PageView view, int pageIndex)
      throws DocumentException {
    if (rect.getLowerLeftX() < -0.5f
        || rect.getLowerLeftY() < -0.5f
        || rect.getUpperRightX() > view.width() + 0.5f
        || rect.getUpperRightY() > view.height() + 0.5f) {
      throw invalid(
          "the rectangle is outside the visible area (crop box) of page " + (pageIndex + 1));
    }
  }

  private static DocumentException invalid(String why) {
    return new DocumentException(ErrorCode.APPEARANCE_INVALID, null, why);
  }

  /** A line of text on a page: its text and box in the page's view ({@link PageView}). */
  record Line(int page, String text, float left, float right, float top, float bottom) {
    float centreX() {
      return (left + right) / 2;
    }
  }

  /**
   * Reads the text of every page as line segments with their positions. Words far apart on the same
   * line (two signer blocks side by side) become separate segments.
   */
  static List<Line> lines(PDDocument doc, int pageIndex) throws DocumentException {
    List<Line> out = new ArrayList<>();
    try {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            private final StringBuilder text = new StringBuilder();
            private final List<TextPosition> positions = new ArrayList<>();
            private boolean space;

            @Override
            protected void writeString(String word, List<TextPosition> wordPositions) {
              // Only text the reader sees upright: its direction is the page's rotation. Text that
              // runs sideways for the reader (a stamp, a margin note, a scan's content on a page
              // rotated the wrong way) is not a line of a signer block.
              if (wordPositions.isEmpty()
                  || Math.floorMod(Math.round(wordPositions.get(0).getDir()), 360)
                      != Math.floorMod(getCurrentPage().getRotation(), 360)) {
                return;
              }
              if (!positions.isEmpty()) {
                TextPosition prev = positions.get(positions.size() - 1);
                TextPosition next = wordPositions.get(0);
                float gap = next.getXDirAdj() - (prev.getXDirAdj() + prev.getWidthDirAdj());
                if (gap > 3 * Math.max(prev.getFontSizeInPt(), 4)
                    || Math.abs(next.getYDirAdj() - prev.getYDirAdj()) > 2) {
                  flush();
                } else if (space) {
                  text.append(' ');
                }
              }
              space = false;
              text.append(word);
              positions.addAll(wordPositions);
            }

            @Override
            protected void writeWordSeparator() {
              space = true;
            }

            @Override
            protected void writeLineSeparator() {
              flush();
            }

            @Override
            protected void writeParagraphEnd() {
              flush();
            }

            @Override
            protected void endPage(PDPage page) throws IOException {
              flush();
              super.endPage(page);
            }

            private void flush() {
              space = false;
              if (positions.isEmpty()) {
                text.setLength(0);
                return;
              }
              // Direction-adjusted positions are the reader's view, measured from its top.
              float viewHeight = PageView.of(getCurrentPage()).height();
              float left = Float.MAX_VALUE;
              float right = -Float.MAX_VALUE;
              float top = -Float.MAX_VALUE;
              float bottom = Float.MAX_VALUE;
              for (TextPosition t : positions) {
                float baseline = viewHeight - t.getYDirAdj();
                float size = Math.max(t.getFontSizeInPt(), t.getHeightDir());
                left = Math.min(left, t.getXDirAdj());
                right = Math.max(right, t.getXDirAdj() + t.getWidthDirAdj());
                top = Math.max(top, baseline + size * 0.75f);
                bottom = Math.min(bottom, baseline - size * 0.22f);
              }
              out.add(
                  new Line(
                      getCurrentPageNo() - 1,
                      normalise(text.toString()),
                      left,
                      right,
                      top,
                      bottom));
              text.setLength(0);
              positions.clear();
            }
          };
      stripper.setSortByPosition(true);
      stripper.setStartPage(pageIndex + 1);
      stripper.setEndPage(pageIndex + 1);
      stripper.getText(doc);
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.APPEARANCE_INVALID, e, "cannot read the page text: " + e.getMessage());
    }
    return out;
  }

  /**
   * Returns the lines of the last page (searching backwards, page by page, so a long document is
   * read only as far as needed) that has a line satisfying the test, or an empty list.
   */
  static List<Line> lastPageWith(PDDocument doc, Predicate<Line> wanted) throws DocumentException {
    for (int i = doc.getNumberOfPages() - 1; i >= 0; i--) {
      List<Line> lines = lines(doc, i);
      if (lines.stream().anyMatch(wanted)) {
        return lines;
      }
    }
    return List.of();
  }

  static String normalise(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC)
        .replaceAll("\\s+", " ")
        .strip()
        .toUpperCase(Locale.ROOT);
  }

  private Target signerBlock(PDDocument doc, String titleLine, String nameLine)
      throws DocumentException {
    String title = normalise(titleLine);
    String name = normalise(nameLine);
    List<Line> lines = lastPageWith(doc, l -> l.text().equals(name));
    Line bestTitle = null;
    Line bestName = null;
    for (Line n : lines) {
      if (!n.text().equals(name)) {
        continue;
      }
      for (Line t : lines) {
        if (t.page() != n.page()
            || !t.text().equals(title)
            || t.bottom() <= n.top()
            || t.right() < n.left()
            || t.left() > n.right()) {
          continue;
        }
        if (bestName == null
            || n.page() > bestName.page()
            || (n.page() == bestName.page()
                && t.bottom() - n.top() < bestTitle.bottom() - bestName.top())) {
          bestTitle = t;
          bestName = n;
        }
      }
    }
    if (bestTitle == null) {
      throw invalid(
          "no signer block with the title line '"
              + titleLine
              + "' above the name line '"
              + nameLine
              + "'");
    }
    float gapTop = bestTitle.bottom() - 2;
    float gapBottom = bestName.top() + 2;
    float gap = gapTop - gapBottom;
    if (gap < 12) {
      throw invalid(
          "there is no room between the title line and the name line (" + Math.round(gap) + " pt)");
    }
    float[] size = v.image().isEmpty() ? markerSize() : imageSize(gap);
    float centreX = (bestTitle.centreX() + bestName.centreX()) / 2;
    float y = gapBottom + (gap - size[1]) / 2;
    return target(
        doc, bestName.page(), new PDRectangle(centreX - size[0] / 2, y, size[0], size[1]));
  }

  /**
   * From one line of the block (the authority line, e.g. {@code TM. ỦY BAN NHÂN DÂN}, or the
   * title): follows the lines stacked under it to the title line, then places the image between it
   * and the next line below (the name), or 60 pt under it when no line follows.
   */
  private Target anchor(PDDocument doc, String lineText) throws DocumentException {
    String wanted = normalise(lineText);
    List<Line> lines = lastPageWith(doc, l -> l.text().equals(wanted));
    Line start = null;
    for (Line l : lines) {
      if (l.text().equals(wanted)) {
        start = l;
      }
    }
    if (start == null) {
      throw invalid("the line '" + lineText + "' is not in the document");
    }
    Line title = start;
    Line name = null;
    boolean extended = true;
    while (extended) {
      extended = false;
      Line next = null;
      for (Line l : lines) {
        if (l.page() == title.page()
            && l.top() < title.bottom() + 1
            && l.right() > title.left()
            && l.left() < title.right()
            && (next == null || l.top() > next.top())) {
          next = l;
        }
      }
      if (next != null) {
        float lineHeight = title.top() - title.bottom();
        if (title.bottom() - next.top() < lineHeight * 0.8f) {
          title = next;
          extended = true;
        } else {
          name = next;
        }
      }
    }
    float gapTop = title.bottom() - 2;
    float gapBottom = name != null ? name.top() + 2 : gapTop - 60;
    float gap = gapTop - gapBottom;
    if (gap < 12) {
      throw invalid("there is no room under the line '" + lineText + "'");
    }
    float[] size = v.image().isEmpty() ? markerSize() : imageSize(gap);
    float centreX = name != null ? (title.centreX() + name.centreX()) / 2 : title.centreX();
    return target(
        doc,
        title.page(),
        new PDRectangle(centreX - size[0] / 2, gapBottom + (gap - size[1]) / 2, size[0], size[1]));
  }

  private Target marker(PDDocument doc, String placeholder) throws DocumentException {
    String wanted = normalise(placeholder);
    Line found = null;
    for (Line l : lastPageWith(doc, l -> l.text().contains(wanted))) {
      if (l.text().contains(wanted)) {
        found = l;
      }
    }
    if (found == null) {
      throw invalid("the placeholder '" + placeholder + "' is not in the document");
    }
    float[] size = v.image().isEmpty() ? markerSize() : imageSize(Float.MAX_VALUE);
    float cx = found.centreX();
    float cy = (found.top() + found.bottom()) / 2;
    return target(
        doc, found.page(), new PDRectangle(cx - size[0] / 2, cy - size[1] / 2, size[0], size[1]));
  }

  private Target besidePersonal(PDDocument doc) throws DocumentException {
    PDAnnotationWidget last = null;
    int lastPage = -1;
    int lastOffset = -1;
    try {
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        for (PDAnnotation a : doc.getPage(i).getAnnotations()) {
          if (!(a instanceof PDAnnotationWidget w)
              || w.getRectangle() == null
              || w.getRectangle().getWidth() < 1
              || w.getRectangle().getHeight() < 1) {
            continue;
          }
          var field =
              w.getCOSObject().getCOSDictionary(COSName.PARENT) != null
                      && w.getCOSObject().getCOSDictionary(COSName.V) == null
                  ? w.getCOSObject().getCOSDictionary(COSName.PARENT)
                  : w.getCOSObject();
          var value = field.getCOSDictionary(COSName.V);
          if (value == null || !COSName.SIG.equals(value.getCOSName(COSName.TYPE, COSName.SIG))) {
            continue;
          }
          int offset =
              new PDSignature(value).getByteRange().length == 4
                  ? new PDSignature(value).getByteRange()[1]
                  : 0;
          if (offset >= lastOffset) {
            last = w;
            lastPage = i;
            lastOffset = offset;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.APPEARANCE_INVALID, e, "cannot read the signatures: " + e.getMessage());
    }
    if (last == null) {
      throw invalid(
          "there is no earlier visible signature to place the seal beside; give a placement");
    }
    PDRectangle personal = view(doc, lastPage).toView(last.getRectangle());
    float w = (float) v.widthMm() * MM;
    float h = (float) v.heightMm() * MM;
    float right = personal.getLowerLeftX() + (float) v.overlapRatio() * personal.getWidth();
    float bottom = personal.getLowerLeftY() + personal.getHeight() / 2 - h / 2;
    return target(doc, lastPage, new PDRectangle(right - w, bottom, w, h));
  }

  /** The image size in points: the configured width, shrunk to fit a height. */
  private float[] imageSize(float maxHeight) {
    SignatureImage img = v.image().orElseThrow();
    float w;
    float h;
    if (v.kind() == VisibleSignature.Kind.ORGANISATION) {
      w = (float) v.widthMm() * MM;
      h = (float) v.heightMm() * MM;
    } else {
      w = (float) v.widthMm() * MM;
      h = w * img.height() / img.width();
      if (h > maxHeight) {
        h = maxHeight;
        w = h * img.width() / img.height();
      }
    }
    return new float[] {w, h};
  }

  /** The text marker's size in points, from the font's advance widths. */
  float[] markerSize() throws DocumentException {
    List<String> text = markerLines(Instant.EPOCH);
    float widest = 0;
    try {
      for (String line : text) {
        widest = Math.max(widest, v.font().width(line, MARKER_SIZE));
      }
    } catch (IllegalStateException e) {
      throw new DocumentException(ErrorCode.APPEARANCE_INVALID, e, "the font cannot be read");
    }
    return new float[] {widest + 4, text.size() * MARKER_LEADING + 4};
  }

  List<String> markerLines(Instant signingTime) {
    List<String> out = new ArrayList<>(v.lines());
    out.add(MARKER_TIME.format(signingTime));
    return out;
  }

  // ------------------------------------------------------------------ what

  @Override
  public void draw(
      PDDocument doc, PDAppearanceStream stream, float width, float height, Instant signingTime)
      throws IOException {
    try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
      if (v.image().isPresent()) {
        SignatureImage img = v.image().get();
        PDImageXObject mask =
            new PDImageXObject(
                doc,
                new ByteArrayInputStream(img.alphaFlate()),
                COSName.FLATE_DECODE,
                img.width(),
                img.height(),
                8,
                PDDeviceGray.INSTANCE);
        PDImageXObject picture =
            new PDImageXObject(
                doc,
                new ByteArrayInputStream(img.rgbFlate()),
                COSName.FLATE_DECODE,
                img.width(),
                img.height(),
                8,
                PDDeviceRGB.INSTANCE);
        picture.getCOSObject().setItem(COSName.SMASK, mask);
        float scale = Math.min(width / img.width(), height / img.height());
        float w = img.width() * scale;
        float h = img.height() * scale;
        cs.drawImage(picture, (width - w) / 2, (height - h) / 2, w, h);
      } else {
        PDType0Font font = PDType0Font.load(doc, new ByteArrayInputStream(v.font().bytes()), true);
        cs.setNonStrokingColor(0f);
        cs.beginText();
        cs.setFont(font, MARKER_SIZE);
        cs.setLeading(MARKER_LEADING);
        cs.newLineAtOffset(2, height - 2 - MARKER_SIZE);
        for (String line : markerLines(signingTime)) {
          cs.showText(line);
          cs.newLine();
        }
        cs.endText();
      }
    }
  }
}
