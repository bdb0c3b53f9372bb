package vn.kyso.pades.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ceiling on what one PDF stream may decode to while PDFBox parses on the current thread.
 *
 * <p>PDFBox decodes an object or cross-reference stream whole, into memory, the moment it parses
 * one; in an encrypted document, or with a filter other than Flate, Kyso cannot look at the decoded
 * size before PDFBox does. So each of PDFBox's shared filters is replaced, once, by a wrapper that
 * passes everything through unchanged unless the calling thread is inside a ceiling: then the
 * filter's output stops at the ceiling with {@link BoundedDecode.LimitExceeded} and the ceiling
 * remembers it was reached (PDFBox sometimes catches the error and carries on with a damaged
 * object, so callers ask {@link #reached()} as well). Code outside a ceiling (other users of PDFBox
 * in the same JVM) sees PDFBox's own filters' behaviour.
 *
 * <pre>{@code
 * try (DecodeCeiling ceiling = DecodeCeiling.enter(limits.maxDecodedStreamBytes())) {
 *   ... Loader.loadPDF(...), walk the document ...
 *   if (ceiling.reached()) throw LIMIT_EXCEEDED;
 * }
 * }</pre>
 */
public final class DecodeCeiling implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecodeCeiling.class);
  private static final ThreadLocal<DecodeCeiling> CURRENT = new ThreadLocal<>();
  private static final Map<Filter, Filter> ORIGINALS = install();

  private final long limit;
  private final DecodeCeiling previous;
  private volatile boolean reached;

  private DecodeCeiling(long limit, DecodeCeiling previous) {
    this.limit = limit;
    this.previous = previous;
  }

  /**
   * Starts a ceiling on this thread; close it in the same thread (try-with-resources).
   *
   * @param limit the most bytes one filter may write for one stream
   * @return the ceiling
   */
  public static DecodeCeiling enter(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    DecodeCeiling ceiling = new DecodeCeiling(limit, CURRENT.get());
    CURRENT.set(ceiling);
    return ceiling;
  }

  /**
   * @return the innermost ceiling of this thread, or null outside one
   */
  static DecodeCeiling current() {
    return CURRENT.get();
  }

  /**
   * @return whether PDFBox is bounded on this JVM (false only if its filter table could not be
   *     reached)
   */
  public static boolean isInstalled() {
    return !ORIGINALS.isEmpty();
  }

  /**
   * PDFBox's own filter behind a wrapper, for callers that bound their output themselves.
   *
   * @param filter a filter from {@link FilterFactory}
   * @return the unwrapped filter
   */
  static Filter original(Filter filter) {
    return ORIGINALS.getOrDefault(filter, filter);
  }

  /**
   * @return the limit
   */
  public long limit() {
    return limit;
  }

  /**
   * @return whether a stream reached the ceiling since it was entered
   */
  public boolean reached() {
    return reached;
  }

  @Override
  public void close() {
    if (previous == null) {
      CURRENT.remove();
    } else {
      previous.reached |= reached;
      CURRENT.set(previous);
    }
  }

  /**
   * Replaces every filter in PDFBox's table with a wrapper; only replaces values, never adds keys.
   */
  private static Map<Filter, Filter> install() {
    Map<Filter, Filter> originals = new IdentityHashMap<>();
    try {
      Field f = FilterFactory.class.getDeclaredField("filters");
      f.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<Object, Filter> table = (Map<Object, Filter>) f.get(FilterFactory.INSTANCE);
      Map<Filter, Filter> wrappers = new IdentityHashMap<>();
      synchronized (table) {
        for (Map.Entry<Object, Filter> e : table.entrySet()) {
          Filter existing = e.getValue();
          if (existing instanceof Bounded) {
            continue;
          }
          // one wrapper per filter object, so /Fl and /FlateDecode stay the same filter to PDFBox
          Filter wrapper = wrappers.computeIfAbsent(existing, Bounded::new);
          originals.put(wrapper, existing);
          e.setValue(wrapper);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "PDFBox's filter table could not be wrapped ({}); stream decoding inside PDFBox is not"
              + " bounded",
          e.toString());
      return Map.of();
    }
    return originals;
  }

  /** A filter that writes through a counter when its thread is inside a ceiling. */
  private static final class Bounded extends Filter {
    private final Filter delegate;

    Bounded(Filter delegate) {
      this.delegate = delegate;
    }

    @Override
    public DecodeResult decode(
        InputStream encoded, OutputStream decoded, COSDictionary parameters, int index)
        throws IOException {
      return decode(encoded, decoded, parameters, index, DecodeOptions.DEFAULT);
    }

    @Override
    public DecodeResult decode(
        InputStream encoded,
        OutputStream decoded,
        COSDictionary parameters,
        int index,
        DecodeOptions options)
        throws IOException {
      DecodeCeiling ceiling = CURRENT.get();
      if (ceiling == null) {
        return delegate.decode(encoded, decoded, parameters, index, options);
      }
      try {
        return delegate.decode(encoded, new Counted(decoded, ceiling), parameters, index, options);
      } catch (BoundedDecode.Overflow e) {
        throw new BoundedDecode.LimitExceeded(e.limit);
      }
    }

    @Override
    protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters)
        throws IOException {
      delegate.encode(input, encoded, parameters, 0);
    }
  }

  /** Counts what a filter writes and stops it at the ceiling. */
  private static final class Counted extends FilterOutputStream {
    private final DecodeCeiling ceiling;
    private long count;

    Counted(OutputStream out, DecodeCeiling ceiling) {
      super(out);
      this.ceiling = ceiling;
    }

    @Override
    public void write(int b) throws IOException {
      check(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check(len);
      out.write(b, off, len);
    }

    private void check(int more) {
      count += more;
      if (count > ceiling.limit) {
        ceiling.reached = true;
        throw new BoundedDecode.Overflow(ceiling.limit);
      }
    }
  }
}
