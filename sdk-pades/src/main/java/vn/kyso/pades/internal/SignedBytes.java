package vn.kyso.pades.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;

/**
 * Random and streaming access to the bytes of a PDF file without loading it into memory. Not
 * thread-safe; one per verification.
 */
public final class SignedBytes implements Closeable {
  private static final String EOF_TEXT = "%%EOF";
  private static final String EOF_LEAD = "%%";
  private static final byte[] EOF_MARKER = EOF_TEXT.getBytes(StandardCharsets.ISO_8859_1);

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final long parallelDigestFrom;

  /**
   * From this size on, the verifier's SHA-256 states are taken on the executor it passes, while the
   * calling thread scans the file and goes on to parse it: a 10 MB file's digest (about 6 ms here)
   * then no longer adds to the rest of the verification (about as much again).
   */
  static final long PARALLEL_DIGEST_FROM = 4L * 1024 * 1024;

  /**
   * SHA-256 states over the file's first {@code k * snapshotEvery} bytes, taken by {@link
   * #checkedRevisionEnds} so that a byte range starting at 0 is digested from the nearest state
   * instead of from the start: a verifier hashes the file once however many signatures it holds,
   * and a signer's new revision continues from the state at the copy's end. Null when not taken.
   */
  private PrefixDigests sha256Prefixes;

  private long snapshotEvery;

  /** The buffers of the structure-stream check, kept from one stream to the next. */
  private byte[] inflateIn;

  private byte[] inflateOut;

  /**
   * Opens a file read-only.
   *
   * @param file the file
   * @throws IOException if it cannot be opened
   */
  public SignedBytes(Path file) throws IOException {
    this(file, PARALLEL_DIGEST_FROM);
  }

  /** Opens a file read-only, with the size from which the SHA-256 states are taken apart. */
  SignedBytes(Path file, long parallelDigestFrom) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
    this.parallelDigestFrom = parallelDigestFrom;
  }

  /**
   * @return the file size
   */
  public long size() {
    return size;
  }

  /**
   * Reads a range.
   *
   * @param offset the start
   * @param length at most 16 MiB
   * @return the bytes (shorter at the end of the file)
   * @throws IOException if reading fails
   */
  public byte[] read(long offset, int length) throws IOException {
    if (offset < 0 || offset >= size || length <= 0) {
      return new byte[0];
    }
    byte[] out = new byte[(int) Math.min(length, size - offset)];
    int got = readInto(out, offset);
    return got == out.length ? out : Arrays.copyOf(out, got);
  }

  /**
   * Feeds a range to a digest in 64 KiB blocks.
   *
   * @param md the digest
   * @param offset the start
   * @param length the length
   * @throws IOException if reading fails
   */
  public void digest(MessageDigest md, long offset, long length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      b.clear();
      b.limit((int) Math.min(b.capacity(), end - pos));
      int n = channel.read(b, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      b.flip();
      md.update(b);
      pos += n;
    }
  }

  /**
   * Says whether the bytes just before {@code end} finish with {@code %%EOF} (and an optional
   * end-of-line).
   *
   * @param end an offset
   * @return whether a revision ends there
   * @throws IOException if reading fails
   */
  public boolean endsRevision(long end) throws IOException {
    byte[] tail = read(Math.max(0, end - 8), (int) Math.min(8, end));
    String t = new String(tail, StandardCharsets.ISO_8859_1);
    return t.endsWith("%%EOF")
        || t.endsWith("%%EOF\n")
        || t.endsWith("%%EOF\r\n")
        || t.endsWith("%%EOF\r");
  }

  /**
   * Finds the offsets just after every {@code %%EOF} marker (each the end of a revision).
   *
   * @return the offsets, ascending
   * @throws IOException if reading fails
   */
  public List<Long> revisionEnds() throws IOException {
    return scan(-1, null).revisionEnds();
  }

  /**
   * A SHA-256 digest that has already taken the file's bytes {@code [0, end)}, from the nearest
   * state the first pass kept (then reading at most {@code snapshotEvery} bytes; waiting for, or
   * finishing, the hashing of the blocks the pass read), or null when there is none (another
   * algorithm, no first pass, a pass that did not finish or a state that could not be copied).
   *
   * @param algorithm the digest algorithm the caller needs
   * @param end the end of the prefix
   * @return the digest, to be continued by the caller, or null
   * @throws IOException if reading fails
   */
  MessageDigest prefixDigest(DigestAlgorithm algorithm, long end) throws IOException {
    if (algorithm != DigestAlgorithm.SHA256 || sha256Prefixes == null || end < 0 || end > size) {
      return null;
    }
    List<MessageDigest> states = sha256Prefixes.states();
    if (states.isEmpty()) {
      return null;
    }
    int k = (int) Math.min(end / snapshotEvery, states.size() - 1);
    MessageDigest md;
    try {
      md = (MessageDigest) states.get(k).clone();
    } catch (CloneNotSupportedException e) {
      return null;
    }
    long from = k * snapshotEvery;
    digest(md, from, end - from);
    return md;
  }

  /**
   * Checks the file against the limits before PDFBox parses it, and finds the revision ends in the
   * same pass over the file. Every {@code stream} keyword whose object's dictionary names {@code
   * /ObjStm} or {@code /XRef} (with {@code #xx} escapes undone) and {@code /FlateDecode} is
   * inflated here, counting and discarding the output, wherever it stands in the file (referenced
   * or not), so such a bomb is refused before PDFBox starts. Data that does not inflate (encrypted,
   * another filter, damaged) is left to the parser, whose decoding {@link DecodeCeiling} bounds.
   *
   * <p>With an executor, the SHA-256 states a verifier's byte ranges continue from ({@link
   * #prefixDigest}) are also taken from the blocks this pass reads: on this thread for a small
   * file, and from {@value #PARALLEL_DIGEST_FROM} bytes on by a task on the executor, which hashes
   * each block while this thread searches it and then parses the file ({@link PrefixDigests}: this
   * thread hashes what the task has not reached when it needs a buffer or the states). A signer
   * passes its executor for the copy it signs; a prepared signature, which hashes what PDFBox
   * passes it, passes none.
   *
   * @param limits the largest file, and the most one structure stream may inflate to
   * @param prefixDigests where a large file's SHA-256 states are taken, or null to take none
   * @return the offsets just after every {@code %%EOF}, ascending
   * @throws DocumentException {@code INPUT_TOO_LARGE} or {@code LIMIT_EXCEEDED}
   * @throws IOException if reading fails
   */
  public List<Long> checkedRevisionEnds(ResourceLimits limits, Executor prefixDigests)
      throws DocumentException, IOException {
    if (size > limits.maxPdfBytes()) {
      throw new DocumentException(ErrorCode.INPUT_TOO_LARGE, null, file, limits.maxPdfBytes());
    }
    if (prefixDigests != null) {
      // At most about 1,024 states (a few hundred bytes each), at least 64 KiB apart.
      snapshotEvery = Math.max(64 * 1024, ((size / 1024) + 65535) / 65536 * 65536);
      boolean inline = size < parallelDigestFrom;
      sha256Prefixes = new PrefixDigests(snapshotEvery, inline);
      if (!inline) {
        try {
          prefixDigests.execute(sha256Prefixes);
        } catch (RejectedExecutionException e) {
          // this thread hashes the blocks (PrefixDigests)
        }
      }
    }
    Scan scan;
    try {
      scan = scan(limits.maxDecodedStreamBytes(), sha256Prefixes);
    } catch (IOException | RuntimeException e) {
      if (sha256Prefixes != null) {
        sha256Prefixes.cancel();
      }
      throw e;
    }
    if (scan.oversizedStructureStream() >= 0) {
      throw new DocumentException(
          ErrorCode.LIMIT_EXCEEDED,
          null,
          "decompressed size of an object or cross-reference stream",
          limits.maxDecodedStreamBytes());
    }
    return scan.revisionEnds();
  }

  /**
   * What one pass found: the revision ends, and the first over-large structure stream's offset or
   * -1.
   */
  private record Scan(List<Long> revisionEnds, long oversizedStructureStream) {}

  /**
   * One pass: the revision ends, and with a non-negative limit the first structure stream past it;
   * each block also goes to {@code digests} when there are some.
   */
  private Scan scan(long limit, PrefixDigests digests) throws IOException {
    List<Long> ends = new ArrayList<>();
    long[] oversized = {-1};
    eachBlock(
        digests,
        (pos, bytes, length, block) -> {
          String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
          // "%%" first, then "EOF" after it: the same markers as indexOf("%%EOF"), which the JDK's
          // intrinsic searched about three times slower than the two-character "%%" (2.5-4.5 ms
          // against 1.1-1.4 ms over a 10 MB file here).
          for (int i = text.indexOf(EOF_LEAD);
              i >= 0 && i < block;
              i = text.indexOf(EOF_LEAD, i + 1)) {
            if (!text.startsWith(EOF_TEXT, i)) {
              continue;
            }
            long end = pos + i + EOF_MARKER.length;
            byte[] eol = read(end, 2);
            if (eol.length > 0 && eol[0] == '\r') {
              end += eol.length > 1 && eol[1] == '\n' ? 2 : 1;
            } else if (eol.length > 0 && eol[0] == '\n') {
              end += 1;
            }
            ends.add(end);
          }
          if (limit >= 0 && oversized[0] < 0) {
            oversized[0] = oversizedIn(pos, text, block, limit);
          }
        });
    return new Scan(ends, oversized[0]);
  }

  /**
   * What a pass does with one block: its offset, its bytes (with a few bytes of overlap: {@code
   * length} of them are valid), the block's own length.
   */
  @FunctionalInterface
  private interface BlockVisitor {
    void visit(long pos, byte[] bytes, int length, int block) throws IOException;
  }

  /**
   * Reads the file in 1 MiB blocks, each with a few bytes of the next so that a keyword straddling
   * two blocks is seen; as Latin-1 text a block is searched by the JDK's vectorised String.indexOf.
   * With {@code digests}, each block is handed to them (its own bytes, without the overlap) before
   * it is visited, in a buffer they lend, so that they hash it while it is searched.
   */
  private void eachBlock(PrefixDigests digests, BlockVisitor visitor) throws IOException {
    int block = 1 << 20;
    // A small file gets a small buffer: 1 MiB is a "humongous" object for a 1 GiB G1 heap, which
    // every verifying thread would otherwise allocate under the heap's lock.
    int capacity = (int) Math.min(block, size) + 8;
    byte[] own = digests == null ? new byte[capacity] : null;
    for (long pos = 0; pos < size; pos += block) {
      byte[] b = digests == null ? own : digests.buffer(capacity);
      int length = readInto(b, pos);
      if (digests != null) {
        digests.add(pos, b, Math.min(block, length));
      }
      visitor.visit(pos, b, length, block);
    }
    if (digests != null) {
      digests.producerDone();
    }
  }

  /**
   * Says whether the bytes between two revision ends form a clean incremental update: they hold a
   * cross-reference section (table or stream) and a {@code startxref}. Anything else is only seen
   * by "repairing" parsers, which an attacker can target.
   *
   * @param start the end of the previous revision
   * @param end the end of this revision
   * @return whether the update is clean
   * @throws IOException if reading fails
   */
  public boolean isCleanRevision(long start, long end) throws IOException {
    if (end - start > 64L * 1024 * 1024) {
      // Read the last 64 MiB only: a cross-reference and startxref sit at the end of an update.
      start = end - 64L * 1024 * 1024;
    }
    // The last startxref: in the last 4 KiB of a well-formed update, else in the last 64 KiB (the
    // last occurrence is the same in both windows when the small one holds one).
    String t = null;
    int sx = -1;
    for (int window : new int[] {4 * 1024, 64 * 1024}) {
      byte[] tail = read(Math.max(start, end - window), (int) Math.min(window, end - start));
      t = new String(tail, StandardCharsets.ISO_8859_1);
      sx = t.lastIndexOf("startxref");
      if (sx >= 0 || window >= end - start) {
        break;
      }
    }
    if (sx < 0) {
      return false;
    }
    String rest = t.substring(sx + "startxref".length()).trim();
    String number = rest.split("\\s+")[0];
    long offset;
    try {
      offset = Long.parseLong(number);
    } catch (NumberFormatException e) {
      return false;
    }
    if (offset < start || offset >= end) {
      return false;
    }
    String at = new String(read(offset, 64), StandardCharsets.ISO_8859_1);
    return at.startsWith("xref") || at.matches("(?s)\\d+\\s+\\d+\\s+obj.*");
  }

  /**
   * The first structure stream whose keyword starts in this block and inflates past the limit, or
   * -1.
   */
  private long oversizedIn(long pos, String text, int block, long limit) throws IOException {
    for (int i = text.indexOf("stream"); i >= 0 && i < block; i = text.indexOf("stream", i + 1)) {
      if (i >= 3 && text.startsWith("end", i - 3)) {
        continue; // endstream
      }
      long keyword = pos + i;
      if (isStructureStream(keyword) && inflatesPast(keyword + "stream".length(), limit)) {
        return keyword;
      }
    }
    return -1;
  }

  private static final Pattern ESCAPE = Pattern.compile("#([0-9A-Fa-f]{2})");

  /**
   * Whether the dictionary of the object around {@code keyword} is an object or xref stream's,
   * deflated.
   */
  private boolean isStructureStream(long keyword) throws IOException {
    // The dictionary from the last "obj" within 8 KiB before the keyword; the last 1 KiB is read
    // first, which holds that "obj" for all but large dictionaries (the last occurrence is the
    // same).
    String before = null;
    int obj = -1;
    for (int window : new int[] {1024, 8192}) {
      long from = Math.max(0, keyword - window);
      before = new String(read(from, (int) (keyword - from)), StandardCharsets.ISO_8859_1);
      obj = before.lastIndexOf("obj");
      if (obj >= 0 || from == 0) {
        break;
      }
    }
    String dict = obj >= 0 ? before.substring(obj) : before;
    Matcher m = ESCAPE.matcher(dict);
    StringBuilder plain = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          plain, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
    m.appendTail(plain);
    String d = plain.toString().replaceAll("\\s+", "");
    return (d.contains("/Type/ObjStm") || d.contains("/Type/XRef")) && d.contains("/FlateDecode");
  }

  /**
   * Inflates from just after the {@code stream} keyword, counting; true once past {@code limit}.
   */
  private boolean inflatesPast(long afterKeyword, long limit) throws IOException {
    long start = afterKeyword;
    byte[] eol = read(start, 2);
    if (eol.length > 0 && eol[0] == '\r') {
      start += eol.length > 1 && eol[1] == '\n' ? 2 : 1;
    } else if (eol.length > 0 && eol[0] == '\n') {
      start += 1;
    }
    Inflater inflater = new Inflater();
    try {
      // 16 KiB at a time, into buffers kept for the file's next structure stream: they are mostly
      // a few kilobytes.
      if (inflateIn == null) {
        inflateIn = new byte[16 * 1024];
        inflateOut = new byte[16 * 1024];
      }
      long produced = 0;
      long at = start;
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          int got = readInto(inflateIn, at);
          if (got == 0) {
            return false;
          }
          at += got;
          inflater.setInput(inflateIn, 0, got);
        }
        int n = inflater.inflate(inflateOut);
        produced += n;
        if (produced > limit) {
          return true;
        }
        if (n == 0
            && (inflater.needsDictionary() || (!inflater.needsInput() && !inflater.finished()))) {
          return false;
        }
      }
      return false;
    } catch (DataFormatException e) {
      return false; // not plain deflate (encrypted, damaged): the parser will say
    } finally {
      inflater.end();
    }
  }

  /** Fills {@code dst} from {@code offset} (less at the end of the file); the bytes read. */
  private int readInto(byte[] dst, long offset) throws IOException {
    if (offset < 0 || offset >= size) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.wrap(dst, 0, (int) Math.min(dst.length, size - offset));
    while (b.hasRemaining()) {
      if (channel.read(b, offset + b.position()) < 0) {
        break;
      }
    }
    return b.position();
  }

  @Override
  public void close() throws IOException {
    if (sha256Prefixes != null) {
      // The task reads no file: it ends at its next block.
      sha256Prefixes.cancel();
    }
    channel.close();
  }
}
