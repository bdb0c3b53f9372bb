package vn.kyso.pades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ResourceLimits;

/**
 * The readers the signer and verifier use on large files agree with plain reads of the same bytes:
 * FileRead (PDFBox's view of the input) at any position and read size, and SignedBytes.revisionEnds
 * with a naive search for {@code %%EOF}, markers straddling its 1 MiB blocks included.
 */
class FileReadProperties {

  @Property(tries = 40)
  void fileReadGivesTheFileBytes(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 0, max = 300_000) int size)
      throws Exception {
    Random random = new Random(seed);
    byte[] data = new byte[size];
    random.nextBytes(data);
    withFile(
        data,
        file -> {
          try (FileRead in = new FileRead(file)) {
            assertThat(in.length()).isEqualTo(size);
            for (int step = 0; step < 50; step++) {
              long at = size == 0 ? 0 : random.nextInt(size + 1);
              in.seek(at);
              int want = random.nextInt(3) == 0 ? random.nextInt(200_000) : random.nextInt(9_000);
              if (random.nextBoolean()) {
                int b = in.read();
                assertThat(b).isEqualTo(at < size ? data[(int) at] & 0xff : -1);
                continue;
              }
              byte[] buf = new byte[want + 3];
              int n = in.read(buf, 3, want);
              int expected = (int) Math.min(want, size - at);
              if (want == 0) {
                assertThat(n).isZero();
              } else if (expected == 0) {
                assertThat(n).isEqualTo(-1);
              } else {
                assertThat(n).isEqualTo(expected);
                assertThat(Arrays.copyOfRange(buf, 3, 3 + n))
                    .isEqualTo(Arrays.copyOfRange(data, (int) at, (int) at + n));
                assertThat(in.getPosition()).isEqualTo(at + n);
              }
            }
          }
        });
  }

  /**
   * PDFBox's external-signing writer copies its source from the start, a block at a time, to a sink
   * that discards it: announced, that copy reads nothing (the caller's array is left as it was) yet
   * moves through the file to its end; one byte, or a read anywhere else, ends it and reads the
   * file; after the end, every read reads the file.
   */
  @Property(tries = 30)
  void anUnreadCopyReadsNothing_andAnythingElseReadsTheFile(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 1, max = 300_000) int size)
      throws Exception {
    Random random = new Random(seed);
    byte[] data = new byte[size];
    random.nextBytes(data);
    withFile(
        data,
        file -> {
          try (FileRead in = new FileRead(file)) {
            in.beginUnreadCopy();
            long pos = 0;
            while (true) {
              byte[] buf = new byte[1 + random.nextInt(70_000)];
              Arrays.fill(buf, (byte) 0x5A);
              in.seek(pos);
              int n = in.read(buf, 0, buf.length);
              if (pos == size) {
                assertThat(n).isEqualTo(-1);
                break;
              }
              assertThat(n).isEqualTo((int) Math.min(buf.length, size - pos));
              assertThat(buf).containsOnly((byte) 0x5A);
              pos += n;
              assertThat(in.getPosition()).isEqualTo(pos);
            }
            in.endUnreadCopy();
            int at = random.nextInt(size);
            in.seek(at);
            byte[] after = new byte[size - at];
            assertThat(in.read(after, 0, after.length)).isEqualTo(after.length);
            assertThat(after).isEqualTo(Arrays.copyOfRange(data, at, size));

            // one byte in the middle of an announced copy ends it
            in.beginUnreadCopy();
            int first = random.nextInt(size);
            byte[] skipped = new byte[first];
            in.seek(0);
            assertThat(in.read(skipped, 0, first)).isEqualTo(first == 0 ? 0 : first);
            assertThat(in.read()).isEqualTo(data[first] & 0xff);
            in.seek(first); // back where the copy had got to: it has ended all the same
            byte[] rest = new byte[size - first];
            assertThat(in.read(rest, 0, rest.length)).isEqualTo(rest.length);
            assertThat(rest).isEqualTo(Arrays.copyOfRange(data, first, size));
            in.endUnreadCopy();

            // a read that does not continue the copy ends it
            if (size > 1) {
              in.beginUnreadCopy();
              int elsewhere = 1 + random.nextInt(size - 1);
              in.seek(elsewhere);
              byte[] real = new byte[size - elsewhere];
              assertThat(in.read(real, 0, real.length)).isEqualTo(real.length);
              assertThat(real).isEqualTo(Arrays.copyOfRange(data, elsewhere, size));
              in.seek(0);
              byte[] again = new byte[elsewhere];
              assertThat(in.read(again, 0, again.length)).isEqualTo(again.length);
              assertThat(again).isEqualTo(Arrays.copyOf(data, elsewhere));
            }
            in.endUnreadCopy();
          }
        });
  }

  @Property(tries = 15)
  void revisionEndsFindsEveryMarker(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 0, max = 12) int markers)
      throws Exception {
    Random random = new Random(seed);
    int size = (1 << 20) * 2 + random.nextInt(1 << 19);
    byte[] data = new byte[size];
    random.nextBytes(data);
    byte[] eof = "%%EOF".getBytes(StandardCharsets.ISO_8859_1);
    for (int k = 0; k < markers; k++) {
      // around the block boundaries as often as anywhere else
      int at =
          random.nextBoolean()
              ? (1 << 20) * (1 + random.nextInt(2)) - random.nextInt(6)
              : random.nextInt(size - 7);
      System.arraycopy(eof, 0, data, at, eof.length);
      data[at + eof.length] = (byte) (random.nextBoolean() ? '\n' : '\r');
    }
    withFile(
        data,
        file -> {
          List<Long> expected = new ArrayList<>();
          String text = new String(data, StandardCharsets.ISO_8859_1);
          for (int i = text.indexOf("%%EOF"); i >= 0; i = text.indexOf("%%EOF", i + 1)) {
            long end = i + 5;
            if (end < size && data[(int) end] == '\r') {
              end += end + 1 < size && data[(int) end + 1] == '\n' ? 2 : 1;
            } else if (end < size && data[(int) end] == '\n') {
              end += 1;
            }
            expected.add(end);
          }
          try (SignedBytes bytes = new SignedBytes(file)) {
            assertThat(bytes.revisionEnds()).isEqualTo(expected);
          }
        });
  }

  /** Where the verifier's SHA-256 pass may end up running. */
  enum DigestExecutor {
    /** On the calling thread, at once. */
    CALLER,
    /** On a thread of its own. */
    THREAD,
    /** Refused: the verifying thread runs it when it needs the digest. */
    REFUSING,
    /** Accepted and never started (a saturated pool): the same. */
    NEVER_STARTING;

    Executor executor() {
      return switch (this) {
        case CALLER -> Runnable::run;
        case THREAD -> r -> new Thread(r).start();
        case REFUSING ->
            r -> {
              throw new RejectedExecutionException("busy");
            };
        case NEVER_STARTING -> r -> {};
      };
    }
  }

  @Property(tries = 30)
  void aByteRangeDigestFromTheFirstPassIsTheDigestOfTheBytes(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 1, max = 5_500_000) int size,
      @ForAll DigestExecutor where,
      @ForAll boolean apart)
      throws Exception {
    Random random = new Random(seed);
    byte[] content = new byte[size];
    random.nextBytes(content);
    withFile(
        content,
        file -> {
          long gapStart = random.nextInt(size);
          long gapEnd = gapStart + random.nextInt((int) (size - gapStart) + 1);
          long end = gapEnd + random.nextInt((int) (size - gapEnd) + 1);
          ByteRange range = new ByteRange(0, gapStart, gapEnd, end - gapEnd);
          byte[] expected = sha256(content, range);
          // apart: the states taken in a pass of their own (as from 4 MiB), else during the scan
          try (SignedBytes bytes = new SignedBytes(file, apart ? 0 : Long.MAX_VALUE)) {
            byte[] before = range.digest(bytes, DigestAlgorithm.SHA256);
            bytes.checkedRevisionEnds(ResourceLimits.defaults(), where.executor());
            byte[] after = range.digest(bytes, DigestAlgorithm.SHA256);
            byte[] again = range.digest(bytes, DigestAlgorithm.SHA256);
            assertThat(before).isEqualTo(expected);
            assertThat(after).isEqualTo(expected);
            assertThat(again).isEqualTo(expected);
          }
        });
  }

  @Property(tries = 10)
  void closingWhileTheDigestPassRunsEndsIt(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 1_000_000, max = 3_000_000) int size)
      throws Exception {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    List<Thread> started = new ArrayList<>();
    withFile(
        content,
        file -> {
          try (SignedBytes bytes = new SignedBytes(file, 0)) {
            bytes.checkedRevisionEnds(
                ResourceLimits.defaults(),
                r -> {
                  Thread t = new Thread(r);
                  started.add(t);
                  t.start();
                });
          }
          for (Thread t : started) {
            t.join(10_000);
            assertThat(t.isAlive()).as("the digest pass outlived the file").isFalse();
          }
        });
  }

  /**
   * Several verifications at once on one shared single-thread executor (as the common pool is on a
   * two-core machine): each task starts only when the one before it ends, late or after its own
   * scan, and every digest is still the digest of its file's bytes, with nothing left waiting.
   */
  @Property(tries = 6)
  void verificationsSharingOneExecutorThread_eachGetsItsOwnDigest(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 2, max = 4) int verifications)
      throws Exception {
    Random random = new Random(seed);
    ExecutorService shared = Executors.newSingleThreadExecutor();
    ExecutorService callers = Executors.newFixedThreadPool(verifications);
    List<Path> files = new ArrayList<>();
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int v = 0; v < verifications; v++) {
        byte[] content = new byte[3_000_000 + random.nextInt(3_000_000)];
        random.nextBytes(content);
        Path file = Files.createTempFile("kyso-shared", ".bin");
        files.add(file);
        Files.write(file, content);
        int gapStart = random.nextInt(content.length);
        int gapEnd = gapStart + random.nextInt(content.length - gapStart + 1);
        ByteRange range = new ByteRange(0, gapStart, gapEnd, content.length - gapEnd);
        byte[] expected = sha256(content, range);
        results.add(
            callers.submit(
                () -> {
                  try (SignedBytes bytes = new SignedBytes(file, 0)) {
                    bytes.checkedRevisionEnds(ResourceLimits.defaults(), shared);
                    return Arrays.equals(range.digest(bytes, DigestAlgorithm.SHA256), expected);
                  }
                }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
      }
      shared.shutdown();
      assertThat(shared.awaitTermination(10, TimeUnit.SECONDS))
          .as("every hashing task ended")
          .isTrue();
    } finally {
      shared.shutdownNow();
      callers.shutdownNow();
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** The SHA-256 of a range's two parts of {@code content}, computed plainly. */
  private static byte[] sha256(byte[] content, ByteRange range) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(content, (int) range.start1(), (int) range.length1());
    md.update(content, (int) range.start2(), (int) range.length2());
    return md.digest();
  }

  /** What a property does with a temporary file holding its bytes. */
  @FunctionalInterface
  private interface FileBody {
    void accept(Path file) throws Exception;
  }

  /**
   * Writes {@code data} to a new temporary file, runs {@code body} on it, then removes the file.
   */
  private static void withFile(byte[] data, FileBody body) throws Exception {
    Path file = Files.createTempFile("kyso-fileread", ".bin");
    try {
      Files.write(file, data);
      body.accept(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
