package vn.kyso.pades;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SubjectType;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;
import vn.kyso.pades.internal.BoundedDecode;
import vn.kyso.pades.internal.PdfFindings;

/**
 * Judges a signature's visible appearance against the national format (Nghị định 30/2020 Phụ lục
 * I). Its findings are information and warnings only: they never change a signature's indication.
 */
final class AppearanceCheck {
  private static final Pattern TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(Z|[+-]\\d{2}:\\d{2})");
  private static final int MAX_DEPTH = 4;

  private AppearanceCheck() {}

  /** What a widget shows; its rectangle as the reader sees the page ({@link PageView}). */
  record Shown(int page, PDRectangle rect, int images, String text, long offset) {}

  static List<Finding> check(
      PDDocument doc,
      PDSignature sig,
      SignerIdentity signer,
      Instant shownTimeExpected,
      boolean proven,
      ResourceLimits limits) {
    List<Finding> out = new ArrayList<>();
    try {
      List<Shown> all = new ArrayList<>();
      Shown mine = null;
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        PageView view = PageView.of(doc.getPage(i));
        for (PDAnnotation a : doc.getPage(i).getAnnotations()) {
          if (!(a instanceof PDAnnotationWidget w)) {
            continue;
          }
          COSDictionary value = valueOf(w);
          if (value == null
              || w.getRectangle() == null
              || w.getRectangle().getWidth() < 1
              || w.getRectangle().getHeight() < 1) {
            continue;
          }
          Shown s = shown(i, view, w, new PDSignature(value), limits);
          all.add(s);
          if (value == sig.getCOSObject()) {
            mine = s;
          }
        }
      }
      if (mine == null) {
        out.add(finding("APPEARANCE_NONE", Severity.INFO));
        return out;
      }
      if (mine.images() > 0) {
        out.add(finding("APPEARANCE_IMAGE", Severity.INFO, mine.page() + 1));
        if (signer != null && signer.subjectType() == SubjectType.ORGANISATION) {
          seal(out, mine, all);
        } else if (signer != null) {
          personal(out, doc, mine, signer);
        }
      }
      if (!mine.text().isBlank()) {
        out.add(finding("APPEARANCE_TEXT", Severity.INFO, mine.text()));
        marker(out, doc, mine, shownTimeExpected, proven);
      }
      if (mine.images() == 0 && mine.text().isBlank()) {
        out.add(finding("APPEARANCE_EMPTY", Severity.WARNING));
      }
    } catch (IOException | RuntimeException e) {
      out.add(finding("APPEARANCE_UNREADABLE", Severity.WARNING, String.valueOf(e.getMessage())));
    }
    return out;
  }

  private static COSDictionary valueOf(PDAnnotationWidget w) {
    COSDictionary d = w.getCOSObject();
    COSDictionary v = d.getCOSDictionary(COSName.V);
    if (v == null && d.getCOSDictionary(COSName.PARENT) != null) {
      v = d.getCOSDictionary(COSName.PARENT).getCOSDictionary(COSName.V);
    }
    return v;
  }

  private static Shown shown(
      int page, PageView view, PDAnnotationWidget w, PDSignature sig, ResourceLimits limits)
      throws IOException {
    PDRectangle rect = view.toView(w.getRectangle());
    int[] br = sig.getByteRange();
    long offset = br != null && br.length == 4 ? br[1] : 0;
    PDAppearanceStream stream =
        w.getAppearance() == null || w.getAppearance().getNormalAppearance() == null
            ? null
            : w.getAppearance().getNormalAppearance().getAppearanceStream();
    if (stream == null) {
      return new Shown(page, rect, 0, "", offset);
    }
    int[] images = {0};
    StringBuilder text = new StringBuilder();
    walk(stream.getResources(), stream.getCOSObject(), images, text, 0, limits);
    return new Shown(page, rect, images[0], text.toString().strip(), offset);
  }

  /** Counts images drawn and decodes text shown, following nested forms a few levels deep. */
  private static void walk(
      PDResources resources,
      COSStream content,
      int[] images,
      StringBuilder text,
      int depth,
      ResourceLimits limits)
      throws IOException {
    if (depth > Math.min(MAX_DEPTH, limits.maxNestingDepth())) {
      return;
    }
    // Decoded with a ceiling: a deflated bomb in an appearance must not exhaust the heap.
    List<Object> tokens =
        new PDFStreamParser(BoundedDecode.decode(content, limits.maxDecodedStreamBytes())).parse();
    PDFont font = null;
    List<COSBase> operands = new ArrayList<>();
    for (Object t : tokens) {
      if (!(t instanceof Operator op)) {
        if (t instanceof COSBase b) {
          operands.add(b);
        }
        continue;
      }
      switch (op.getName()) {
        case "Tf" -> {
          if (!operands.isEmpty() && operands.get(0) instanceof COSName name && resources != null) {
            font = resources.getFont(name);
          }
        }
        case "Tj", "'", "\"" -> {
          if (!operands.isEmpty() && operands.get(operands.size() - 1) instanceof COSString s) {
            decode(font, s, text);
          }
        }
        case "TJ" -> {
          if (!operands.isEmpty() && operands.get(0) instanceof COSArray a) {
            for (COSBase b : a) {
              if (b instanceof COSString s) {
                decode(font, s, text);
              }
            }
          }
        }
        case "T*", "Td", "TD", "ET" -> {
          if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
          }
        }
        case "Do" -> {
          if (!operands.isEmpty() && operands.get(0) instanceof COSName name && resources != null) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
              images[0]++;
            } else if (x instanceof PDFormXObject form) {
              walk(
                  form.getResources() != null ? form.getResources() : resources,
                  form.getCOSObject(),
                  images,
                  text,
                  depth + 1,
                  limits);
            }
          }
        }
        default -> {
          // other operators draw nothing this check reads
        }
      }
      operands.clear();
    }
  }

  private static void decode(PDFont font, COSString s, StringBuilder text) throws IOException {
    if (font == null) {
      return;
    }
    InputStream in = new ByteArrayInputStream(s.getBytes());
    while (in.available() > 0) {
      int code = font.readCode(in);
      String u = font.toUnicode(code);
      if (u != null) {
        text.append(u);
      }
    }
  }

  private static void seal(List<Finding> out, Shown seal, List<Shown> all) {
    Optional<Shown> personal =
        all.stream()
            .filter(s -> s.page() == seal.page() && s.offset() < seal.offset() && s.images() > 0)
            .reduce((a, b) -> b);
    if (personal.isEmpty()) {
      out.add(finding("APPEARANCE_SEAL_ALONE", Severity.WARNING));
      return;
    }
    PDRectangle p = personal.get().rect();
    PDRectangle o = seal.rect();
    float intersect =
        Math.min(p.getUpperRightX(), o.getUpperRightX())
            - Math.max(p.getLowerLeftX(), o.getLowerLeftX());
    double ratio = Math.max(0, intersect) / p.getWidth();
    boolean left = o.getLowerLeftX() + o.getWidth() / 2 < p.getLowerLeftX() + p.getWidth() / 2;
    boolean vertical =
        o.getLowerLeftY() < p.getUpperRightY() && o.getUpperRightY() > p.getLowerLeftY();
    String shown = String.format(Locale.ROOT, "%.2f", ratio);
    if (ratio >= 0.25 && ratio <= 0.42 && left && vertical) {
      out.add(finding("APPEARANCE_SEAL_OVERLAP", Severity.INFO, shown));
    } else {
      out.add(finding("APPEARANCE_SEAL_PLACEMENT", Severity.WARNING, shown));
    }
  }

  private static void personal(
      List<Finding> out, PDDocument doc, Shown mine, SignerIdentity signer) {
    try {
      String name = NationalAppearance.normalise(signer.name());
      PDRectangle r = mine.rect();
      NationalAppearance.Line below = null;
      for (NationalAppearance.Line l : NationalAppearance.lines(doc, mine.page())) {
        if (l.page() == mine.page()
            && l.top() <= r.getLowerLeftY() + 4
            && l.right() > r.getLowerLeftX()
            && l.left() < r.getUpperRightX()
            && (below == null || l.top() > below.top())) {
          below = l;
        }
      }
      if (below != null && below.text().equals(name)) {
        out.add(finding("APPEARANCE_ABOVE_NAME", Severity.INFO, signer.name()));
      } else {
        out.add(finding("APPEARANCE_POSITION", Severity.WARNING, signer.name()));
      }
    } catch (DocumentException e) {
      out.add(finding("APPEARANCE_UNREADABLE", Severity.WARNING, e.getMessage()));
    }
  }

  private static void marker(
      List<Finding> out, PDDocument doc, Shown mine, Instant expected, boolean proven) {
    Matcher m = TIME.matcher(mine.text());
    if (!m.find()) {
      out.add(finding("APPEARANCE_NO_TIME", Severity.WARNING));
    } else {
      if (!"+07:00".equals(m.group(2))) {
        out.add(finding("APPEARANCE_TIME_ZONE", Severity.WARNING, m.group()));
      }
      try {
        Instant shown = OffsetDateTime.parse(m.group()).toInstant();
        if (expected != null
            && Duration.between(shown, expected).abs().compareTo(Duration.ofMinutes(1)) > 0) {
          out.add(
              finding(
                  "APPEARANCE_TIME_MISMATCH",
                  Severity.WARNING,
                  m.group(),
                  expected,
                  proven ? "đã chứng minh / proven" : "tự khai / claimed"));
        }
      } catch (DateTimeParseException e) {
        out.add(finding("APPEARANCE_NO_TIME", Severity.WARNING));
      }
    }
    if (mine.images() == 0) {
      PageView view = PageView.of(doc.getPage(mine.page()));
      PDRectangle r = mine.rect();
      boolean topRight =
          mine.page() == 0
              && r.getLowerLeftX() > view.width() / 2
              && r.getLowerLeftY() > view.height() * 0.75f;
      if (!topRight) {
        out.add(finding("APPEARANCE_MARKER_POSITION", Severity.WARNING));
      }
    }
  }

  private static Finding finding(String code, Severity severity, Object... args) {
    return PdfFindings.of(code, severity, args);
  }
}
