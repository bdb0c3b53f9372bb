package vn.kyso.pades.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Decodes a PDF stream with a ceiling on what it may decompress to. PDFBox decodes a whole stream
 * into memory before the first byte can be read, so a few hundred kilobytes of deflated zeros
 * exhaust any heap; here every filter writes into a buffer that refuses to grow past the limit.
 */
public final class BoundedDecode {
  private BoundedDecode() {}

  /** The stream decodes to more than the limit allows. */
  public static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(long limit) {
      super("the stream decodes to more than " + limit + " bytes");
    }
  }

  /**
   * Decodes a stream through all its filters.
   *
   * @param stream the stream
   * @param limit the most bytes the raw data and each filter's output may have
   * @return the decoded bytes
   * @throws LimitExceeded past the limit
   * @throws IOException when the data cannot be decoded
   */
  public static byte[] decode(COSStream stream, long limit) throws IOException {
    try {
      return decodeAll(stream, limit);
    } catch (Overflow e) {
      // thrown inside a filter, whose write cannot throw a checked exception of ours
      throw new LimitExceeded(e.limit);
    }
  }

  private static byte[] decodeAll(COSStream stream, long limit) throws IOException {
    byte[] data;
    try (InputStream raw = stream.createRawInputStream()) {
      data = raw.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16) + 1);
    }
    if (data.length > limit) {
      throw new LimitExceeded(limit);
    }
    List<Filter> filters = new ArrayList<>();
    COSBase named = stream.getFilters();
    if (named instanceof COSName name) {
      filters.add(FilterFactory.INSTANCE.getFilter(name));
    } else if (named instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getObject(i) instanceof COSName name)) {
          throw new IOException("a filter that is not a name");
        }
        filters.add(FilterFactory.INSTANCE.getFilter(name));
      }
    }
    for (int i = 0; i < filters.size(); i++) {
      Bounded out = new Bounded(limit);
      // PDFBox's own filter: this buffer already bounds it, whatever ceiling the thread is under
      DecodeCeiling.original(filters.get(i)).decode(new ByteArrayInputStream(data), out, stream, i);
      data = out.toByteArray();
    }
    return data;
  }

  private static final class Bounded extends ByteArrayOutputStream {
    private final long limit;

    Bounded(long limit) {
      super(8192);
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }

    private void check(int more) {
      if (count + (long) more > limit) {
        throw new Overflow(limit);
      }
    }
  }

  /**
   * Thrown from inside a filter's write (here and in {@link DecodeCeiling}); unchecked, so a filter
   * that catches IOException to repair a damaged stream cannot go on. The caller of the filter
   * turns it into {@link LimitExceeded}.
   */
  static final class Overflow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long limit;

    Overflow(long limit) {
      super(null, null, false, false);
      this.limit = limit;
    }
  }
}
