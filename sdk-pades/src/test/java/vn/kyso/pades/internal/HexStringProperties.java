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

    Result stock = read(new PdfboxOwn(new RandomAccessReadBuffer(input)));
    Result kyso = read(new Kyso(new RandomAccessReadBuffer(input)));

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
      Result stock = read(new PdfboxOwn(new RandomAccessReadBuffer(input)));
      try (FileRead window = new FileRead(file)) {
        assertThat(read(new Kyso(window))).isEqualTo(stock);
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
    for (int i = 0; i < size; i++) {
      if (odd == 0 && random.nextInt(Math.max(1, size / 3)) == 0) {
        out.write(random.nextInt(256));
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

  private interface Reader {
    COSString hex() throws IOException;

    RandomAccessRead source();
  }

  private static Result read(Reader reader) throws IOException {
    try {
      COSString s = reader.hex();
      return new Result(s.toHexString(), reader.source().getPosition(), null);
    } catch (IOException e) {
      return new Result(null, -1, e.getMessage());
    }
  }

  /** PDFBox's own reader, reached through its protected method. */
  private static final class PdfboxOwn extends PDFParser implements Reader {
    PdfboxOwn(RandomAccessRead source) throws IOException {
      super(source, "", null, null, IOUtils.createMemoryOnlyStreamCache());
    }

    @Override
    public COSString hex() throws IOException {
      return parseCOSString();
    }

    @Override
    public RandomAccessRead source() {
      return source;
    }
  }

  private static final class Kyso extends HexStringParser implements Reader {
    Kyso(RandomAccessRead source) throws IOException {
      super(source, "", IOUtils.createMemoryOnlyStreamCache());
    }

    @Override
    public COSString hex() throws IOException {
      return parseCOSString();
    }

    @Override
    public RandomAccessRead source() {
      return source;
    }
  }
}
