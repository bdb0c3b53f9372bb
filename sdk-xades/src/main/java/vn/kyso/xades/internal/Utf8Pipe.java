package vn.kyso.xades.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A large UTF-8 document's characters, decoded ahead of the parser by a task on Kyso's XML threads
 * ({@link XmlWorkers}) so that the parsing thread, which bounds a large document's pass, only
 * parses. The decoding is strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF, no truncated sequence); bytes it refuses end the read with a {@link
 * MalformedInputException}, and the caller then lets the parser read the bytes itself, so that the
 * same documents are accepted and refused as before.
 *
 * <p>Until the task starts (a pool thread may take milliseconds to be scheduled on a busy machine,
 * and never starts when the pool refuses it), the parsing thread decodes the block it needs itself,
 * one block at a time; the task takes over from the next block as soon as it starts. The hand-over
 * is made under a lock, so exactly one thread decodes each block, in order. (Before, a task that
 * had not started within 2 ms left the whole document to the parsing thread: a fifth of the 10 MB
 * signatures measured, whose head is written on another thread meanwhile.)
 *
 * <p>At most {@value #AHEAD} blocks of {@value #BLOCK} characters wait decoded; {@link #close} (or
 * an abandoned parse) stops the task at its next block.
 */
final class Utf8Pipe extends Reader implements Runnable {
  static final int BLOCK = 64 * 1024;
  static final int AHEAD = 4;

  /** A decoded block, the end, or why there is no more (the bytes' refusal, the task's failure). */
  private record Chunk(char[] chars, int length, IOException failure) {}

  private static final Chunk END = new Chunk(new char[0], 0, null);

  private final byte[] data;
  private final int end;
  private int at;

  private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(AHEAD);
  private final ConcurrentLinkedQueue<char[]> free = new ConcurrentLinkedQueue<>();

  /** Guards {@link #taskStarted}, and {@link #at} until the task has started. */
  private final Object handOver = new Object();

  /** Whether the task decodes from here on; until then the reader decodes each block it needs. */
  private boolean taskStarted;

  private volatile boolean closed;
  private int blocksDecodedHere;
  private boolean ended;
  private Chunk current;
  private int currentAt;

  /**
   * @param data the document
   * @param start where its characters begin (after a BOM)
   * @param executor where the decoding task runs; refused, the reader decodes as it is read
   */
  Utf8Pipe(byte[] data, int start, Executor executor) {
    this.data = data;
    this.at = start;
    this.end = data.length;
    try {
      executor.execute(this);
    } catch (RuntimeException refused) {
      // the reader decodes every block
    }
  }

  @Override
  public void run() {
    synchronized (handOver) {
      taskStarted = true; // from the block after the reader's last one
    }
    Chunk c;
    do {
      c = next();
    } while (offer(c) && c != END && c.failure() == null);
  }

  /** The next block decoded here, the end, or the refusal. */
  private Chunk next() {
    if (closed || at >= end) {
      return END;
    }
    char[] buf = free.poll();
    if (buf == null) {
      buf = new char[BLOCK];
    }
    try {
      return new Chunk(buf, decode(buf, 0, buf.length), null);
    } catch (MalformedInputException e) {
      return new Chunk(null, 0, e);
    } catch (RuntimeException | Error e) {
      return new Chunk(null, 0, new IOException("decoding failed", e));
    }
  }

  /** Waits for room, or gives up once the reader is closed. */
  private boolean offer(Chunk c) {
    try {
      while (!closed) {
        if (ready.offer(c, 50, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (closed) {
      throw new IOException("closed");
    }
    while (current == null || currentAt == current.length()) {
      if (ended) {
        return -1;
      }
      if (current != null) {
        free.add(current.chars());
        current = null;
      }
      Chunk next = ready.poll();
      if (next == null) {
        synchronized (handOver) {
          if (!taskStarted) {
            next = next(); // the task has not started (or never will): this block is decoded here
            blocksDecodedHere++;
          }
        }
      }
      if (next == null) {
        try {
          next = ready.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading the document");
        }
      }
      if (next.failure() != null) {
        ended = true;
        throw next.failure();
      }
      if (next == END) {
        ended = true;
        return -1;
      }
      current = next;
      currentAt = 0;
    }
    int n = Math.min(len, current.length() - currentAt);
    System.arraycopy(current.chars(), currentAt, cbuf, off, n);
    currentAt += n;
    return n;
  }

  /**
   * @return how many blocks this reader's thread decoded, before the task started or because it was
   *     refused
   */
  int blocksDecodedHere() {
    return blocksDecodedHere;
  }

  /**
   * @return whether the task has taken the decoding over
   */
  boolean taskStarted() {
    synchronized (handOver) {
      return taskStarted;
    }
  }

  /**
   * Decodes from {@link #at} into {@code out}, as much as fits (a surrogate pair is never split).
   *
   * @param len at least 2
   * @return the characters written, at least one while bytes remain
   */
  private int decode(char[] out, int off, int len) throws MalformedInputException {
    final byte[] d = data;
    int p = at;
    int o = off;
    // room for a surrogate pair at every step
    final int last = off + len - 1;
    while (o < last && p < end) {
      int b = d[p];
      if (b >= 0) {
        out[o++] = (char) b;
        p++;
      } else if ((b & 0xE0) == 0xC0) {
        if (p + 1 >= end || (b & 0x1E) == 0 || (d[p + 1] & 0xC0) != 0x80) {
          throw refused(p);
        }
        out[o++] = (char) (((b & 0x1F) << 6) | (d[p + 1] & 0x3F));
        p += 2;
      } else if ((b & 0xF0) == 0xE0) {
        if (p + 2 >= end || (d[p + 1] & 0xC0) != 0x80 || (d[p + 2] & 0xC0) != 0x80) {
          throw refused(p);
        }
        int c = ((b & 0x0F) << 12) | ((d[p + 1] & 0x3F) << 6) | (d[p + 2] & 0x3F);
        if (c < 0x800 || Character.isSurrogate((char) c)) {
          throw refused(p);
        }
        out[o++] = (char) c;
        p += 3;
      } else if ((b & 0xF8) == 0xF0) {
        if (p + 3 >= end
            || (d[p + 1] & 0xC0) != 0x80
            || (d[p + 2] & 0xC0) != 0x80
            || (d[p + 3] & 0xC0) != 0x80) {
          throw refused(p);
        }
        int c =
            ((b & 0x07) << 18)
                | ((d[p + 1] & 0x3F) << 12)
                | ((d[p + 2] & 0x3F) << 6)
                | (d[p + 3] & 0x3F);
        if (c < 0x10000 || c > 0x10FFFF) {
          throw refused(p);
        }
        out[o++] = Character.highSurrogate(c);
        out[o++] = Character.lowSurrogate(c);
        p += 4;
      } else {
        throw refused(p);
      }
    }
    at = p;
    return o - off;
  }

  private MalformedInputException refused(int p) {
    at = end;
    return new MalformedInputException(p);
  }

  @Override
  public void close() {
    closed = true;
    ready.clear();
  }
}
