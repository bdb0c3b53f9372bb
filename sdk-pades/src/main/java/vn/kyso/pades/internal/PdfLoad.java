package vn.kyso.pades.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/** Opens a PDF for PDFBox the one way Kyso does, and names why it could not be opened. */
public final class PdfLoad {
  private PdfLoad() {}

  /** How many bytes of the streams PDFBox makes for one document stay in memory. */
  static final long STREAMS_IN_MEMORY = 1024 * 1024;

  /**
   * PDFBox's cache for the streams it makes (a signature's appearance, a visible signature's image,
   * the streams an update rewrites), one per document: the first {@value #STREAMS_IN_MEMORY} bytes
   * in memory, the rest in a temporary file, so the heap does not grow with the document. A
   * document that makes little (a signature) creates no file: a temporary file for each, created
   * and removed again, had cost each small signature a file of its own.
   */
  static final StreamCacheCreateFunction STREAM_CACHE =
      MemoryUsageSetting.setupMixed(STREAMS_IN_MEMORY).streamCache;

  /**
   * Opens a PDF through a {@link FileRead} window, with PDFBox's stream cache bounded in memory
   * ({@link #STREAM_CACHE}), parsed by PDFBox with hex strings read a block at a time ({@link
   * HexStringParser}). Call it inside a {@link DecodeCeiling}.
   *
   * @param pdf the file; only read
   * @param password the user or owner password, or null for none
   * @return the document; the caller closes it
   * @throws DocumentException {@code DOCUMENT_ENCRYPTED} for a missing or wrong password, {@code
   *     LIMIT_EXCEEDED} when a stream decoded past the ceiling, {@code MALFORMED_INPUT} otherwise
   */
  public static PDDocument open(Path pdf, String password) throws DocumentException {
    return open(pdf, password, Long.MAX_VALUE);
  }

  /**
   * Opens the revision of a PDF that ends at a byte offset, reading the file in place.
   *
   * @param pdf the file; only read
   * @param password the user or owner password, or null for none
   * @param revisionEnd the revision's end (just after its {@code %%EOF})
   * @return the document as of that revision; the caller closes it
   * @throws DocumentException as {@link #open(Path, String)}
   */
  public static PDDocument open(Path pdf, String password, long revisionEnd)
      throws DocumentException {
    FileRead source;
    try {
      source = new FileRead(pdf, revisionEnd);
    } catch (IOException | RuntimeException e) {
      throw unreadable(e);
    }
    return open(source, password);
  }

  /**
   * Opens a PDF from a source the caller made, which the document then reads (and closes).
   *
   * @param source the file
   * @param password the user or owner password, or null for none
   * @return the document; the caller closes it
   * @throws DocumentException as {@link #open(Path, String)}; the source is then closed
   */
  public static PDDocument open(FileRead source, String password) throws DocumentException {
    try {
      // What Loader.loadPDF does, with PDFBox's parser reading hex strings a block at a time.
      return new HexStringParser(source, password == null ? "" : password, STREAM_CACHE).parse();
    } catch (InvalidPasswordException e) {
      closeQuietly(source);
      throw new DocumentException(ErrorCode.DOCUMENT_ENCRYPTED, e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(source);
      throw unreadable(e);
    }
  }

  /**
   * Why PDFBox failed on a document: the ceiling, when a stream reached it on this thread,
   * otherwise a malformed document.
   *
   * @param cause what PDFBox threw
   * @return {@code LIMIT_EXCEEDED} or {@code MALFORMED_INPUT}
   */
  public static DocumentException unreadable(Exception cause) {
    try {
      requireWithinCeiling();
    } catch (DocumentException e) {
      return e;
    }
    return new DocumentException(
        ErrorCode.MALFORMED_INPUT, cause, "not a readable PDF: " + cause.getMessage());
  }

  /**
   * Fails when a stream reached this thread's ceiling. PDFBox catches some errors while it parses
   * and carries on with a damaged object, so a document is only known to be within the ceiling when
   * this passes after the work.
   *
   * @throws DocumentException {@code LIMIT_EXCEEDED}
   */
  public static void requireWithinCeiling() throws DocumentException {
    DecodeCeiling ceiling = DecodeCeiling.current();
    if (ceiling != null && ceiling.reached()) {
      throw new DocumentException(
          ErrorCode.LIMIT_EXCEEDED, null, "decompressed size of a PDF stream", ceiling.limit());
    }
  }

  /**
   * Closes a file Kyso only reads (a {@link FileRead}, {@link SignedBytes}), if there is one,
   * ignoring a failure to close: nothing written can be lost.
   *
   * @param readOnly the file, or null
   */
  static void closeQuietly(Closeable readOnly) {
    if (readOnly != null) {
      try {
        readOnly.close();
      } catch (IOException e) {
        // read-only file; nothing to lose
      }
    }
  }
}
