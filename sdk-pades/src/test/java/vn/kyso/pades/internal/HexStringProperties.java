package vn.kyso.pades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;

/**
 * Kyso's hex-string reader ({@link HexStringParser}) gives PDFBox's result on every input: the same
 * bytes and the same position after the string, or the same refusal. Generated strings mix digits
 * of both cases, the white space PDFBox skips, NUL and other bytes it stops at, an odd digit count,
 * a missing {@code >}, and lengths across the reader's 8 KiB blocks; read from memory and through
 * {@link FileRead}, the window the verifier uses.
 */
class HexStringProperties {
  private static final byte[] ALPHABET =
      "0123456789abcdefABCDEF0123456789abcdef \n\t\r\b\f>"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  @Property(tries = 400)
  void kysoReadsHexStringsAsPdfboxDoes(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 0, max = 20_000) int size)
      throws IOException {
    byte[] input = input(new Random(seed), size);

    Result stock = pdfbox(new RandomAccessReadBuffer(input));
    Result kyso = kyso(new RandomAccessReadBuffer(input));

    assertThat(kyso).isEqualTo(stock);
  }

  @Property(tries = 40)
  void throughTheVerifiersFileWindow_theSame(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
      @ForAll @IntRange(min = 0, max = 200_000) int size)
      throws IOException {
    byte[] input = input(new Random(seed), size);
    Path file = Files.createTempFile("kyso-hex", ".pdf");
    try {
      Files.write(file, input);
      Result stock = pdfbox(new RandomAccessReadBuffer(input));
      try (FileRead window = new FileRead(file)) {
        assertThat(kyso(window)).isEqualTo(stock);
      }
    } finally {
      Files.delete(file);
    }
  }

  /** {@code <}, a body, usually a {@code >}, and what follows. */
  private static byte[] input(Random random, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('<');
    int odd = random.nextInt(4); // 0: any byte now and then, else only the alphabet
    // Often a signature's /Contents: mostly '0' (the padding after the CMS, read eight at a time)
    // with the alphabet between, so runs of zeros start at every offset and end anywhere.
    boolean padded = random.nextInt(3) == 0;
    for (int i = 0; i < size; i++) {
      if (padded && random.nextInt(16) != 0) {
        out.write('0');
      } else if (odd == 0 && random.nextInt(Math.max(1, size / 3)) == 0) {
        // NUL (which PDFBox does not skip, unlike the other white space) or any byte
        out.write(random.nextBoolean() ? 0 : random.nextInt(256));
      } else {
        int c = ALPHABET[random.nextInt(ALPHABET.length - 1)]; // '>' is last: not drawn here
        out.write(c);
      }
    }
    if (random.nextInt(10) != 0) {
      out.write('>');
    }
    byte[] tail = new byte[random.nextInt(40)];
    random.nextBytes(tail);
    out.write(tail, 0, tail.length);
    return out.toByteArray();
  }

  /** The string's bytes and the position after it, or the refusal's message. */
  private record Result(String hex, long position, String refusal) {}

  /** PDFBox's own reader (the stock parser's {@code parseCOSString}). */
  private static Result pdfbox(RandomAccessRead source) throws IOException {
    return read(new PdfboxOwn(source)::hex, source);
  }

  /** Kyso's reader, through the same method (protected, and this test is in its package). */
  private static Result kyso(RandomAccessRead source) throws IOException {
    return read(
        new HexStringParser(source, "", IOUtils.createMemoryOnlyStreamCache())::parseCOSString,
        source);
  }

  @FunctionalInterface
  private interface Parse {
    COSString run() throws IOException;
  }

  private static Result read(Parse parse, RandomAccessRead source) throws IOException {
    try {
      COSString s = parse.run();
      return new Result(s.toHexString(), source.getPosition(), null);
    } catch (IOException e) {
      return new Result(null, -1, e.getMessage());
    }
  }

  /** PDFBox's parser with its protected string reader made reachable. */
  private static final class PdfboxOwn extends PDFParser {
    PdfboxOwn(RandomAccessRead source) throws IOException {
      super(source, "", null, null, IOUtils.createMemoryOnlyStreamCache());
    }

    COSString hex() throws IOException {
      return parseCOSString();
    }
  }
}
