package vn.kyso.report.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Decides, before PDFBox renders a page, whether rendering it stays within a memory budget.
 *
 * <p>PDFBox decodes every stream it draws whole, into memory; a page of a hostile file can hold a
 * stream of a few kilobytes that inflates to gigabytes, or an image that declares a raster of
 * billions of pixels. So every stream the page can reach (contents, form and image XObjects,
 * patterns, shadings, fonts, soft masks, annotation appearances) is decoded first into a counting
 * sink that stops at the limit, never stored; image codecs (DCT, JPX, CCITT, JBIG2) are judged by
 * the raster they declare. A page over the budget, or with more objects than the walk allows, is
 * not rendered.
 */
public final class PageBudget {
  private static final Set<String> IMAGE_CODECS =
      Set.of("DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode");
  private static final int MAX_OBJECTS = 20_000;

  private final long maxStreamBytes;
  private final long maxTotalBytes;
  private final long maxImagePixels;
  private long total;

  /**
   * Creates a budget.
   *
   * @param maxStreamBytes the most one stream may decode to
   * @param maxTotalBytes the most all streams of the page may decode to
   * @param maxImagePixels the largest raster an image may declare
   */
  public PageBudget(long maxStreamBytes, long maxTotalBytes, long maxImagePixels) {
    this.maxStreamBytes = maxStreamBytes;
    this.maxTotalBytes = maxTotalBytes;
    this.maxImagePixels = maxImagePixels;
  }

  /**
   * Checks a page.
   *
   * @param page the page
   * @return whether rendering it stays within the budget
   */
  public boolean allows(PDPage page) {
    total = 0;
    Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<COSBase> todo = new ArrayDeque<>();
    todo.push(page.getCOSObject());
    int visited = 0;
    try {
      while (!todo.isEmpty()) {
        COSBase b = todo.pop();
        if (b instanceof COSObject o) {
          b = o.getObject();
        }
        if (b == null || !seen.add(b)) {
          continue;
        }
        if (++visited > MAX_OBJECTS) {
          return false;
        }
        if (b instanceof COSStream s && !stream(s)) {
          return false;
        }
        if (b instanceof COSDictionary d) {
          for (COSName key : d.keySet()) {
            // The page tree's parents and the annotations' pages lead to the whole document.
            if (key.equals(COSName.PARENT) || key.equals(COSName.P)) {
              continue;
            }
            todo.push(d.getItem(key));
          }
        } else if (b instanceof COSArray a) {
          for (int i = 0; i < a.size(); i++) {
            todo.push(a.get(i));
          }
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private boolean stream(COSStream s) throws IOException {
    List<COSName> filters = filters(s.getFilters());
    for (COSName f : filters) {
      if (IMAGE_CODECS.contains(f.getName())) {
        long w = s.getLong(COSName.WIDTH, s.getLong(COSName.W, -1));
        long h = s.getLong(COSName.HEIGHT, s.getLong(COSName.H, -1));
        return w > 0 && h > 0 && w * h <= maxImagePixels;
      }
    }
    if (COSName.IMAGE.equals(s.getCOSName(COSName.SUBTYPE))) {
      long w = s.getLong(COSName.WIDTH, -1);
      long h = s.getLong(COSName.HEIGHT, -1);
      if (w <= 0 || h <= 0 || w * h > maxImagePixels) {
        return false;
      }
    }
    byte[] data;
    try (InputStream raw = s.createRawInputStream()) {
      if (filters.isEmpty()) {
        return count(raw.transferTo(OutputStream.nullOutputStream()));
      }
      data = null;
      InputStream in = raw;
      for (int i = 0; i < filters.size(); i++) {
        Filter f = FilterFactory.INSTANCE.getFilter(filters.get(i));
        boolean last = i == filters.size() - 1;
        Counting out = new Counting(last ? null : new ByteArrayOutputStream(), maxStreamBytes);
        try {
          f.decode(in, out, s, i);
        } catch (Counting.Over e) {
          return false;
        }
        if (!count(out.count)) {
          return false;
        }
        if (!last) {
          data = out.bytes();
          in = new ByteArrayInputStream(data);
        }
      }
    }
    return true;
  }

  private boolean count(long n) {
    total += n;
    return n <= maxStreamBytes && total <= maxTotalBytes;
  }

  private static List<COSName> filters(COSBase f) {
    if (f instanceof COSName n) {
      return List.of(n);
    }
    if (f instanceof COSArray a) {
      return a.toList().stream()
          .map(x -> x instanceof COSObject o ? o.getObject() : x)
          .filter(COSName.class::isInstance)
          .map(COSName.class::cast)
          .toList();
    }
    return List.of();
  }

  /** Counts what a filter writes, keeping it only between filters, and stops at the limit. */
  private static final class Counting extends OutputStream {
    static final class Over extends IOException {
      private static final long serialVersionUID = 1L;

      Over() {
        super("decoded stream over the limit");
      }
    }

    private final ByteArrayOutputStream keep;
    private final long limit;
    long count;

    Counting(ByteArrayOutputStream keep, long limit) {
      this.keep = keep;
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (count > limit) {
        throw new Over();
      }
      if (keep != null) {
        keep.write(b, off, len);
      }
    }

    byte[] bytes() {
      return keep.toByteArray();
    }
  }
}
