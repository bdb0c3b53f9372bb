package vn.kyso.xades.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import vn.kyso.api.DocumentException;
import vn.kyso.xades.GeneratedXml;

/**
 * Decoding a large document ahead of the parser ({@link Utf8Pipe}) changes nothing but the thread:
 * the decoder accepts exactly the bytes the JDK's strict UTF-8 decoder accepts, with the same
 * characters, on its own thread or on the reader's; and the pass over characters decoded ahead
 * learns what the pass over the bytes learns, refusing the same documents.
 */
class Utf8PipeProperties {
  private static final SecureXml.Parsers PARSERS =
      new SecureXml.Parsers(SecureXml.MAX_SIZE, SecureXml.DEFAULT_DEPTH);

  private static final Executor REFUSING =
      task -> {
        throw new RejectedExecutionException("no thread");
      };

  /** Runs the task on a thread of its own. */
  private static final Executor THREAD = task -> new Thread(task, "utf8-pipe-test").start();

  @Property(tries = 300)
  void decoder_acceptsWhatTheJdkAccepts_withTheSameCharacters(
      @ForAll long seed, @ForAll boolean ownThread) throws Exception {
    Random r = new Random(seed);
    byte[] data = bytes(r, 1 + r.nextInt(r.nextBoolean() ? 64 : 200_000));
    String jdk;
    try {
      CharBuffer c =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data));
      jdk = c.toString();
    } catch (CharacterCodingException e) {
      jdk = null;
    }
    String ours;
    try (Utf8Pipe pipe = new Utf8Pipe(data, 0, ownThread ? THREAD : REFUSING)) {
      ours = readAll(pipe, r);
    } catch (MalformedInputException e) {
      ours = null;
    }
    assertThat(ours).isEqualTo(jdk);
  }

  @Property(tries = 200)
  void pipedPass_learnsWhatTheBytePassLearns(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (r.nextInt(4) == 0) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    out.write(GeneratedXml.document(r, true).getBytes(StandardCharsets.UTF_8));
    byte[] data = out.toByteArray();
    if (r.nextInt(4) == 0) {
      data[r.nextInt(data.length)] ^= (byte) (1 << r.nextInt(8));
    }
    StreamedXml piped = null;
    StreamedXml bytes = null;
    try {
      piped = PARSERS.stream(data, 0);
    } catch (DocumentException refused) {
      // compared below
    }
    try {
      bytes = PARSERS.streamBytes(data, 0);
    } catch (DocumentException refused) {
      // compared below
    }
    assertThat(piped == null).as("refused one way only").isEqualTo(bytes == null);
    if (piped != null) {
      assertThat(piped.digest()).isEqualTo(bytes.digest());
      assertThat(piped.duplicateIds()).isEqualTo(bytes.duplicateIds());
      assertThat(piped.utf8()).isEqualTo(bytes.utf8());
      assertThat(piped.signatures()).isEqualTo(bytes.signatures());
      assertThat(piped.skeleton().isEqualNode(bytes.skeleton())).isTrue();
    }
  }

  @Property(tries = 20)
  void aLargeDocument_withSupplementaryCharactersAcrossBlocks(
      @ForAll @IntRange(min = 0, max = 7) int shift) throws Exception {
    // Each record is 8 characters of content before its 4-byte character, so that over the
    // blocks some pair falls at every position near a block's end.
    StringBuilder b = new StringBuilder("<r xmlns=\"urn:x\">");
    b.append("x".repeat(shift));
    while (b.length() < 3 * Utf8Pipe.BLOCK + 1000) {
      b.append("<e>ễ😀ab</e>");
    }
    b.append("</r>");
    byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);

    StreamedXml piped = PARSERS.stream(data, 0);

    assertThat(piped.digest()).isEqualTo(PARSERS.streamBytes(data, 0).digest());
    try (Utf8Pipe pipe = new Utf8Pipe(data, 0, THREAD)) {
      assertThat(readAll(pipe, new Random(shift))).isEqualTo(b.toString());
    }
  }

  @Example
  void malformedBytesInALargeDocument_areLeftToTheParser() throws Exception {
    String record = "<e>Đang xử lý</e>";
    byte[] good =
        ("<r>" + record.repeat(200_000 / record.length()) + "</r>")
            .getBytes(StandardCharsets.UTF_8);
    byte[] bad = good.clone();
    bad[bad.length / 2] = (byte) 0xC0; // an overlong lead byte

    assertThatThrownBy(() -> PARSERS.stream(bad, 0)).isInstanceOf(DocumentException.class);
    assertThat(PARSERS.stream(good, 0).digest()).isEqualTo(PARSERS.streamBytes(good, 0).digest());
  }

  @Example
  void closedEarly_theTaskEnds() throws Exception {
    byte[] data = "<r>abc</r>".repeat(200_000).getBytes(StandardCharsets.UTF_8);
    CountDownLatch ended = new CountDownLatch(1);
    Executor watched =
        task ->
            new Thread(
                    () -> {
                      task.run();
                      ended.countDown();
                    })
                .start();
    Utf8Pipe pipe = new Utf8Pipe(data, 0, watched);
    char[] c = new char[100];
    assertThat(pipe.read(c, 0, c.length)).isPositive();

    pipe.close();

    assertThat(ended.await(5, TimeUnit.SECONDS)).as("the decoding task ended").isTrue();
    assertThatThrownBy(() -> pipe.read(c, 0, c.length)).isInstanceOf(IOException.class);
  }

  /**
   * The parser asks for its first characters within microseconds of the pipe's making, often before
   * a pool thread has been scheduled: it decodes the blocks it needs until the task starts, and the
   * task then takes over from the next block (before, a task late by 2 ms left the whole document
   * to the parsing thread).
   */
  @Example
  void aLateTask_takesOverFromTheNextBlock() throws Exception {
    byte[] data = "<r>Ưu tiên 😀</r>".repeat(50_000).getBytes(StandardCharsets.UTF_8);
    String expected = new String(data, StandardCharsets.UTF_8);
    CountDownLatch go = new CountDownLatch(1);
    Executor held =
        task ->
            new Thread(
                    () -> {
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      task.run();
                    },
                    "utf8-pipe-held")
                .start();

    try (Utf8Pipe pipe = new Utf8Pipe(data, 0, held)) {
      StringBuilder read = new StringBuilder();
      char[] c = new char[100];
      int n = pipe.read(c, 0, c.length);
      read.append(c, 0, n);
      assertThat(pipe.blocksDecodedHere()).as("the first block, decoded here").isEqualTo(1);

      go.countDown();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!pipe.taskStarted() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      assertThat(pipe.taskStarted()).isTrue();
      read.append(readAll(pipe, new Random(7)));

      assertThat(read.toString()).isEqualTo(expected);
      assertThat(pipe.blocksDecodedHere()).as("the task decoded every later block").isEqualTo(1);
    }
  }

  /** Whenever the task starts, or if it never does, the characters are the same. */
  @Example
  void theHandOver_atAnyPoint_keepsTheCharacters() throws Exception {
    byte[] data = "<r>Ưu tiên 😀 ễ</r>".repeat(40_000).getBytes(StandardCharsets.UTF_8);
    String expected = new String(data, StandardCharsets.UTF_8);
    int blocks = (expected.length() + Utf8Pipe.BLOCK - 2) / (Utf8Pipe.BLOCK - 1);
    Random r = new Random(11);
    int byTheTask = 0;
    for (int i = 0; i < 20; i++) {
      try (Utf8Pipe pipe = new Utf8Pipe(data, 0, startingAfter(r.nextInt(1_000_000)))) {
        assertThat(readAll(pipe, new Random(i))).isEqualTo(expected);
        byTheTask += pipe.blocksDecodedHere() < blocks ? 1 : 0;
      }
    }
    // a loaded machine may not run a thread within the read: one of twenty is enough
    assertThat(byTheTask).as("pipes whose task took over").isPositive();

    try (Utf8Pipe pipe = new Utf8Pipe(data, 0, startingAfter(200_000_000L))) {
      assertThat(readAll(pipe, new Random(2))).isEqualTo(expected);
      assertThat(pipe.blocksDecodedHere())
          .as("all decoded here, the task came too late")
          .isGreaterThanOrEqualTo(blocks);
    }
    try (Utf8Pipe pipe =
        new Utf8Pipe(
            data,
            0,
            task -> {
              throw new RejectedExecutionException("busy");
            })) {
      assertThat(readAll(pipe, new Random(3))).isEqualTo(expected);
    }
  }

  /** Runs the task on a thread of its own that starts it after a pause. */
  private static Executor startingAfter(long nanos) {
    return task ->
        new Thread(
                () -> {
                  long until = System.nanoTime() + nanos;
                  while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                  }
                  task.run();
                },
                "utf8-pipe-late")
            .start();
  }

  /** Reads to the end in reads of random sizes. */
  private static String readAll(Reader reader, Random r) throws IOException {
    StringBuilder s = new StringBuilder();
    char[] buf = new char[9000];
    for (int n; (n = reader.read(buf, 0, 1 + r.nextInt(buf.length))) >= 0; ) {
      s.append(buf, 0, n);
    }
    return s.toString();
  }

  /** Mostly well-formed UTF-8 (ASCII, Vietnamese, emoji), sometimes with a byte changed. */
  private static byte[] bytes(Random r, int chars) {
    String[] pieces = {"a", "<", "Ư", "ễ", "😀", "\u0000", "\uFFFF", " ", "\u07FF", "\u0800"};
    StringBuilder s = new StringBuilder();
    while (s.length() < chars) {
      s.append(pieces[r.nextInt(pieces.length)]);
    }
    byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
    int flips = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
    for (int i = 0; i < flips; i++) {
      b[r.nextInt(b.length)] = (byte) r.nextInt(256);
    }
    return b;
  }
}
