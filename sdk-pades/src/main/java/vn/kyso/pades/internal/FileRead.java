package vn.kyso.pades.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * A PDF file for PDFBox, read with positional reads into one 64 KiB window. PDFBox's buffered file
 * reader moves the file position and reads 4 KiB at a time (two system calls a page), and a memory
 * map takes a page fault per page on each new mapping; copying a large original into a new revision
 * costs less through this window. Nothing is loaded beyond the window, so the heap does not grow
 * with the document. Not thread-safe: one per document.
 */
public final class FileRead implements RandomAccessRead {
  private static final int WINDOW = 64 * 1024;

  private final FileChannel channel;
  private final long length;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
  private long windowStart;
  private int windowLength;
  private long position;
  private boolean closed;

  /**
   * Where the unread copy announced by {@link #beginUnreadCopy} has got to; -1 when there is none.
   */
  private long unreadCopyAt = -1;

  /**
   * Opens a file read-only.
   *
   * @param file the file
   * @throws IOException when it cannot be opened
   */
  public FileRead(Path file) throws IOException {
    this(file, Long.MAX_VALUE);
  }

  /**
   * Opens the first bytes of a file read-only: an earlier revision of an incrementally updated PDF
   * is the file up to that revision's end, read in place without a copy.
   *
   * @param file the file
   * @param length how many bytes from the start are visible (at most the file's size)
   * @throws IOException when it cannot be opened
   */
  public FileRead(Path file, long length) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.length = Math.min(length, channel.size());
  }

  @Override
  public int read() throws IOException {
    unreadCopyAt = -1;
    if (position >= length) {
      return -1;
    }
    if (!inWindow(position)) {
      fill(position);
    }
    return window.array()[(int) (position++ - windowStart)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    requireOpen();
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    if (unreadCopyAt >= 0) {
      if (position == unreadCopyAt) {
        int n = (int) Math.min(len, length - position);
        position += n;
        unreadCopyAt = position;
        return n;
      }
      unreadCopyAt = -1;
    }
    int done = 0;
    while (done < len && position < length) {
      if (!inWindow(position)) {
        if (len - done >= WINDOW) {
          // Large reads go straight into the caller's array.
          int n =
              channel.read(
                  ByteBuffer.wrap(b, off + done, (int) Math.min(len - done, length - position)),
                  position);
          if (n <= 0) {
            throw new EOFException("the file shrank while it was read");
          }
          position += n;
          done += n;
          continue;
        }
        fill(position);
      }
      int at = (int) (position - windowStart);
      int n = Math.min(len - done, windowLength - at);
      System.arraycopy(window.array(), at, b, off + done, n);
      position += n;
      done += n;
    }
    return done;
  }

  /**
   * Announces a copy of the whole file, from its start, whose destination already holds the bytes
   * and discards what it is given: PDFBox's external-signing writer copies its source before the
   * new revision, and a signer that wrote the source there itself needs none of it. Until {@link
   * #endUnreadCopy}, a bulk read that starts where the copy has got to (at first 0) moves the
   * position without reading the file and leaves the caller's array as it was; any other read (one
   * byte, or anywhere else) ends the copy first and is read from the file as always.
   */
  void beginUnreadCopy() {
    unreadCopyAt = 0;
  }

  /** Ends what {@link #beginUnreadCopy} began: every read reads the file again. */
  void endUnreadCopy() {
    unreadCopyAt = -1;
  }

  private boolean inWindow(long pos) {
    return pos >= windowStart && pos < windowStart + windowLength;
  }

  private void fill(long pos) throws IOException {
    requireOpen();
    window.clear();
    window.limit((int) Math.min(WINDOW, length - pos));
    while (window.hasRemaining()) {
      if (channel.read(window, pos + window.position()) < 0) {
        throw new EOFException("the file shrank while it was read");
      }
    }
    windowStart = pos;
    windowLength = window.position();
  }

  @Override
  public long getPosition() throws IOException {
    requireOpen();
    return position;
  }

  @Override
  public void seek(long pos) throws IOException {
    requireOpen();
    if (pos < 0) {
      throw new IOException("negative position " + pos);
    }
    position = Math.min(pos, length);
  }

  @Override
  public long length() throws IOException {
    requireOpen();
    return length;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isEOF() throws IOException {
    requireOpen();
    return position >= length;
  }

  @Override
  public RandomAccessReadView createView(long start, long streamLength) throws IOException {
    requireOpen();
    return new RandomAccessReadView(this, start, streamLength);
  }

  private void requireOpen() throws IOException {
    if (closed) {
      throw new IOException("the file is closed");
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
  }
}
