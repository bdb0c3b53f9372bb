package vn.kyso.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.report.internal.PageBudget;

/**
 * Pictures of signed PDF pages for a verification report: for each signature, the page that holds
 * its visible signature (the first page for an invisible one) as the signed revision shows it, and,
 * when the file shows that page differently today, the current rendering beside it with the changed
 * area outlined in red. Later signatures' own widgets are left out of the current rendering: adding
 * a signature is not a change to what an earlier signer saw.
 *
 * <p>Pictures are a help for people, never evidence: a page that cannot be rendered, a file over
 * the size limit or a spent time budget leaves pictures out with a note, and never fails a report.
 * Every limit ({@link Limits}) bounds time and memory: the pixels of one page, the number of pages
 * rendered, the bytes read and the wall-clock time (each page is rendered on a worker thread that
 * is abandoned when its time runs out). Before a page is drawn, every stream it can reach is
 * decoded into a counting sink that stops at 32 MiB a stream and 128 MiB a page, and every image
 * must declare at most 40 million pixels; a page over that is left out, since PDFBox decodes what
 * it draws whole, into memory.
 *
 * <pre>{@code
 * PdfPictures pictures = PdfPictures.render(pdf, report);
 * HtmlReport.write(report, Locale.forLanguageTag("vi"), pictures, out);
 * }</pre>
 */
public final class PdfPictures {

  /**
   * The bounds of one rendering.
   *
   * @param dpi the resolution wanted (reduced when a page would exceed {@code maxPixelsPerPage})
   * @param maxPixelsPerPage the most pixels of one picture
   * @param maxPictures the most pages rendered for one report (a changed page counts twice)
   * @param budget the wall-clock time for all of them
   * @param maxFileBytes the largest file pictures are made for
   */
  public record Limits(
      float dpi, long maxPixelsPerPage, int maxPictures, Duration budget, long maxFileBytes) {
    /** 60 dpi, 1.5 million pixels a page, 12 pages, 20 seconds, files up to 64 MiB. */
    public static final Limits DEFAULT =
        new Limits(60f, 1_500_000L, 12, Duration.ofSeconds(20), 64L << 20);

    /**
     * Checks the bounds.
     *
     * @param dpi resolution
     * @param maxPixelsPerPage pixels
     * @param maxPictures pages
     * @param budget time
     * @param maxFileBytes size
     */
    public Limits {
      Objects.requireNonNull(budget, "budget");
      if (dpi <= 0 || maxPixelsPerPage <= 0 || maxPictures < 0 || maxFileBytes <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  /**
   * The pictures of one signature.
   *
   * @param signatureId the signature's id (its field name)
   * @param pageNumber the page shown, from 1
   * @param pageCount the pages of the signed revision
   * @param signed the page as signed (PNG)
   * @param current the page as the file shows it now, when it differs (PNG)
   * @param changedArea the outlined area in pixels of the pictures, when it differs
   */
  public record SignedPage(
      String signatureId,
      int pageNumber,
      int pageCount,
      byte[] signed,
      Optional<byte[]> current,
      Optional<Rectangle> changedArea) {

    /**
     * Copies.
     *
     * @param signatureId id
     * @param pageNumber page
     * @param pageCount count
     * @param signed PNG
     * @param current PNG
     * @param changedArea area
     */
    public SignedPage {
      Objects.requireNonNull(signatureId, "signatureId");
      signed = Objects.requireNonNull(signed, "signed").clone();
      current = current.map(byte[]::clone);
      Objects.requireNonNull(changedArea, "changedArea");
    }

    /**
     * @return a copy of the PNG of the page as signed
     */
    @Override
    public byte[] signed() {
      return signed.clone();
    }

    /**
     * @return a copy of the PNG of the page as the file shows it now, when it differs and the page
     *     still exists
     */
    @Override
    public Optional<byte[]> current() {
      return current.map(byte[]::clone);
    }

    /**
     * @return whether the page shows something else today (or no longer exists)
     */
    public boolean changed() {
      return changedArea.isPresent();
    }
  }

  private static final PdfPictures NONE = new PdfPictures(Map.of(), List.of());

  private final Map<String, SignedPage> pages;
  private final List<String> notes;

  private PdfPictures(Map<String, SignedPage> pages, List<String> notes) {
    this.pages = pages;
    this.notes = notes;
  }

  /**
   * @return no pictures (for XML documents, or when pictures are not wanted)
   */
  public static PdfPictures none() {
    return NONE;
  }

  /**
   * Renders the pictures of a verified PDF within {@link Limits#DEFAULT}.
   *
   * @param pdf the file that was verified
   * @param report its report
   * @return the pictures; empty with a note when the file cannot be rendered
   */
  public static PdfPictures render(Path pdf, ValidationReport report) {
    return render(pdf, report, Limits.DEFAULT);
  }

  /**
   * Renders the pictures of a verified PDF.
   *
   * @param pdf the file that was verified
   * @param report its report
   * @param limits the bounds
   * @return the pictures; empty with a note when the file cannot be rendered
   */
  public static PdfPictures render(Path pdf, ValidationReport report, Limits limits) {
    Objects.requireNonNull(pdf, "pdf");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(limits, "limits");
    List<String> notes = new ArrayList<>();
    Map<String, SignedPage> out = new LinkedHashMap<>();
    byte[] file;
    try {
      long size = Files.size(pdf);
      if (size > limits.maxFileBytes()) {
        notes.add("file larger than " + limits.maxFileBytes() + " bytes");
        return new PdfPictures(Map.of(), List.copyOf(notes));
      }
      try (InputStream in = Files.newInputStream(pdf)) {
        file = in.readNBytes((int) size);
      }
    } catch (IOException e) {
      return new PdfPictures(Map.of(), List.of("file unreadable"));
    }
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kyso-report-pictures");
              t.setDaemon(true);
              return t;
            });
    long deadline = System.nanoTime() + limits.budget().toNanos();
    try (PDDocument now = Loader.loadPDF(new RandomAccessReadBuffer(file))) {
      Map<String, Placed> placed = signatures(now, file.length);
      Map<COSDictionary, Long> widgetRevision = new HashMap<>();
      placed.values().forEach(p -> p.widgets().forEach(w -> widgetRevision.put(w, p.end())));
      int rendered = 0;
      for (SignatureResult s : report.signatures()) {
        Placed p = placed.get(s.id());
        if (p == null) {
          continue;
        }
        if (rendered + 2 > limits.maxPictures() || System.nanoTime() > deadline) {
          notes.add("pictures left out after " + rendered + " page(s)");
          break;
        }
        try (PDDocument signed =
            Loader.loadPDF(
                new RandomAccessReadBuffer(java.util.Arrays.copyOf(file, (int) p.end())))) {
          int count = signed.getNumberOfPages();
          int index = p.page() < count ? p.page() : 0;
          if (count == 0) {
            continue;
          }
          // What a page draws is decoded into memory by PDFBox: a page over the budget is skipped.
          PageBudget budget = new PageBudget(32L << 20, 128L << 20, 40_000_000L);
          if (!budget.allows(signed.getPage(index))
              || (index < now.getNumberOfPages() && !budget.allows(now.getPage(index)))) {
            notes.add("signature " + s.id() + ": page too costly to draw");
            continue;
          }
          BufferedImage before =
              timed(worker, deadline, () -> draw(signed, index, limits, a -> true));
          rendered++;
          BufferedImage after = null;
          if (index < now.getNumberOfPages()) {
            after =
                timed(
                    worker,
                    deadline,
                    () ->
                        draw(
                            now,
                            index,
                            limits,
                            a -> {
                              Long end = widgetRevision.get(a.getCOSObject());
                              return end == null || end <= p.end();
                            }));
            rendered++;
          }
          Rectangle diff = after == null ? full(before) : difference(before, after);
          if (diff == null) {
            out.put(
                s.id(),
                new SignedPage(
                    s.id(), index + 1, count, png(before), Optional.empty(), Optional.empty()));
          } else {
            outline(before, diff);
            Optional<byte[]> current = Optional.empty();
            if (after != null) {
              outline(after, diff);
              current = Optional.of(png(after));
            }
            out.put(
                s.id(),
                new SignedPage(s.id(), index + 1, count, png(before), current, Optional.of(diff)));
          }
        } catch (TimeoutException e) {
          notes.add("time budget spent at signature " + s.id());
          break;
        } catch (IOException | RuntimeException | ExecutionException e) {
          notes.add("signature " + s.id() + ": page not rendered");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      notes.add("file not rendered");
    } finally {
      worker.shutdownNow();
    }
    return new PdfPictures(Map.copyOf(out), List.copyOf(notes));
  }

  /**
   * @param signatureId a signature's id
   * @return its pictures, when made
   */
  public Optional<SignedPage> of(String signatureId) {
    return Optional.ofNullable(pages.get(signatureId));
  }

  /**
   * @return why some pictures were left out (limits, unreadable pages), in English
   */
  public List<String> notes() {
    return notes;
  }

  /** A signature field: the end of its signed revision, its page, and its widgets. */
  private record Placed(long end, int page, List<COSDictionary> widgets) {}

  private static Map<String, Placed> signatures(PDDocument doc, long length) {
    Map<String, Placed> out = new HashMap<>();
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return out;
    }
    for (PDField f : form.getFieldTree()) {
      if (!(f instanceof PDSignatureField s) || s.getSignature() == null) {
        continue;
      }
      int[] br = s.getSignature().getByteRange();
      if (br == null || br.length != 4 || br[2] < 0 || br[3] < 0) {
        continue;
      }
      long end = (long) br[2] + br[3];
      if (end <= 0 || end > length) {
        continue;
      }
      int page = 0;
      List<COSDictionary> widgets = new ArrayList<>();
      for (PDAnnotationWidget w : s.getWidgets()) {
        widgets.add(w.getCOSObject());
        PDRectangle r = w.getRectangle();
        if (r != null && r.getWidth() > 0 && r.getHeight() > 0) {
          int i = pageOf(doc, w);
          if (i >= 0) {
            page = i;
          }
        }
      }
      out.putIfAbsent(f.getFullyQualifiedName(), new Placed(end, page, widgets));
    }
    return out;
  }

  private static int pageOf(PDDocument doc, PDAnnotationWidget w) {
    PDPage p = w.getPage();
    if (p != null) {
      int i = doc.getPages().indexOf(p);
      if (i >= 0) {
        return i;
      }
    }
    int i = 0;
    for (PDPage page : doc.getPages()) {
      try {
        for (PDAnnotation a : page.getAnnotations()) {
          if (a.getCOSObject() == w.getCOSObject()) {
            return i;
          }
        }
      } catch (IOException e) {
        // an unreadable annotation list: look on the next page
      }
      i++;
    }
    return -1;
  }

  private interface Render {
    BufferedImage run() throws IOException;
  }

  private static BufferedImage timed(ExecutorService worker, long deadline, Render job)
      throws TimeoutException, ExecutionException, InterruptedException {
    Future<BufferedImage> f = worker.submit(job::run);
    try {
      return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw e;
    }
  }

  private static BufferedImage draw(
      PDDocument doc,
      int index,
      Limits limits,
      org.apache.pdfbox.pdmodel.interactive.annotation.AnnotationFilter filter)
      throws IOException {
    PDRectangle box = doc.getPage(index).getCropBox();
    double w = Math.max(1, Math.abs(box.getWidth()));
    double h = Math.max(1, Math.abs(box.getHeight()));
    double scale = limits.dpi() / 72.0;
    double pixels = w * scale * h * scale;
    if (pixels > limits.maxPixelsPerPage()) {
      scale *= Math.sqrt(limits.maxPixelsPerPage() / pixels);
    }
    PDFRenderer renderer = new PDFRenderer(doc);
    // Images are drawn no finer than the picture needs.
    renderer.setSubsamplingAllowed(true);
    renderer.setAnnotationsFilter(filter);
    return renderer.renderImage(index, (float) scale, ImageType.RGB);
  }

  /** The bounding box of the pixels that differ, or null when none does. */
  static Rectangle difference(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return full(a);
    }
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    int[] rowA = new int[a.getWidth()];
    int[] rowB = new int[a.getWidth()];
    for (int y = 0; y < a.getHeight(); y++) {
      a.getRGB(0, y, a.getWidth(), 1, rowA, 0, a.getWidth());
      b.getRGB(0, y, b.getWidth(), 1, rowB, 0, b.getWidth());
      for (int x = 0; x < rowA.length; x++) {
        if (rowA[x] != rowB[x]) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
  }

  private static Rectangle full(BufferedImage a) {
    return new Rectangle(0, 0, a.getWidth(), a.getHeight());
  }

  private static void outline(BufferedImage image, Rectangle area) {
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(0xD0, 0x10, 0x10));
      g.setStroke(new BasicStroke(3f));
      int pad = 4;
      int x = Math.max(1, area.x - pad);
      int y = Math.max(1, area.y - pad);
      int w = Math.min(image.getWidth() - x - 2, area.width + 2 * pad);
      int h = Math.min(image.getHeight() - y - 2, area.height + 2 * pad);
      g.drawRect(x, y, Math.max(1, w), Math.max(1, h));
    } finally {
      g.dispose();
    }
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
