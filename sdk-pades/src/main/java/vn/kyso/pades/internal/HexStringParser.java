package vn.kyso.pades.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdfparser.PDFParser;

/**
 * PDFBox's document parser with hexadecimal strings read a block at a time. PDFBox 3.0 reads a hex
 * string one character at a time into a {@code StringBuilder} and then decodes that two characters
 * at a time; a signature's {@code /Contents} is such a string of tens of thousands of digits, and a
 * letter with four signatures spent about a seventh of its validation there. The result is PDFBox's
 * own, byte for byte, for every input (the property test {@code HexStringProperties} compares
 * them):
 *
 * <ul>
 *   <li>hex digits in either case are taken, the six PDF white-space characters (NUL excepted) are
 *       skipped, {@code >} ends the string;
 *   <li>an odd last digit is the high half of a last byte whose low half is 0;
 *   <li>any other character ends the string there, an odd digit before it dropped, and everything
 *       up to the next {@code >} is skipped;
 *   <li>the end of the file before that {@code >} is an {@link IOException}.
 * </ul>
 *
 * Literal strings and everything else are PDFBox's.
 */
final class HexStringParser extends PDFParser {
  private static final String UNCLOSED = "Missing closing bracket for hex string. Reached EOS.";

  /** Eight bytes at a time, for runs of {@code '0'}. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Eight {@code '0'} characters read as one long (in any byte order). */
  private static final long EIGHT_ZEROS = 0x3030303030303030L;

  /** The value of each byte as a hex digit, or -1. */
  private static final byte[] DIGITS = new byte[256];

  static {
    Arrays.fill(DIGITS, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      DIGITS[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      DIGITS[c] = (byte) (c - 'a' + 10);
      DIGITS[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  /**
   * The value of a byte as a hexadecimal digit.
   *
   * @param b the byte
   * @return 0 to 15, or -1 when it is not one of {@code 0-9a-fA-F}
   */
  static int digit(byte b) {
    return DIGITS[b & 0xff];
  }

  /** The bytes PDFBox's hex-string reader skips: space, LF, TAB, CR, backspace, form feed. */
  private static boolean skipped(int c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f';
  }

  HexStringParser(RandomAccessRead source, String password, StreamCacheCreateFunction cache)
      throws IOException {
    super(source, password, null, null, cache);
  }

  @Override
  protected COSString parseCOSString() throws IOException {
    if (source.peek() != '<') {
      return super.parseCOSString();
    }
    source.read();
    return hexString(source);
  }

  /**
   * Reads a hex string's body, just after its {@code <}, leaving {@code source} just after what
   * ends it.
   *
   * @param source the document
   * @return the string
   * @throws IOException when the document ends before the string does
   */
  static COSString hexString(RandomAccessRead source) throws IOException {
    // Most hex strings are short (IDs, glyph codes): the block starts small and grows to 8 KiB.
    byte[] block = new byte[64];
    // Never written past length: the zero runs below count on the rest being zero.
    byte[] out = new byte[32];
    int length = 0;
    int high = -1; // the first digit of a byte not yet complete
    while (true) {
      long at = source.getPosition();
      int got = source.read(block, 0, block.length);
      if (got <= 0) {
        throw new IOException(UNCLOSED);
      }
      if (out.length - length < got / 2 + 1) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, length + got / 2 + 1));
      }
      int i = 0;
      while (i < got) {
        if (high < 0) {
          // The common case, a byte's two digits together: a signature's /Contents is tens of
          // thousands of them, most of them the zero padding after the CMS.
          while (i + 8 <= got && (long) LONGS.get(block, i) == EIGHT_ZEROS) {
            length += 4;
            i += 8;
          }
          while (i + 1 < got) {
            int h = DIGITS[block[i] & 0xff];
            int l = DIGITS[block[i + 1] & 0xff];
            if ((h | l) < 0) {
              break;
            }
            out[length++] = (byte) (h << 4 | l);
            i += 2;
          }
          if (i == got) {
            break;
          }
        }
        int c = block[i] & 0xff;
        int digit = DIGITS[c];
        if (digit >= 0) {
          if (high < 0) {
            high = digit;
          } else {
            out[length++] = (byte) (high << 4 | digit);
            high = -1;
          }
        } else if (c == '>') {
          source.seek(at + i + 1);
          if (high >= 0) {
            out[length++] = (byte) (high << 4);
          }
          return new COSString(Arrays.copyOf(out, length));
        } else if (!skipped(c)) {
          source.seek(at + i + 1);
          for (int s = source.read(); s != '>'; s = source.read()) {
            if (s < 0) {
              throw new IOException(UNCLOSED);
            }
          }
          return new COSString(Arrays.copyOf(out, length));
        }
        i++;
      }
      if (block.length < 8 * 1024) {
        block = new byte[block.length * 4]; // a long string: read more at a time
      }
    }
  }
}
