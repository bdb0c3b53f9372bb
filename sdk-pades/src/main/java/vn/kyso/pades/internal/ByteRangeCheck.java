package vn.kyso.pades.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSString;

/**
 * Judges a byte range against the file, the structure that signature wrapping and universal
 * signature forgery attack (SECURITY.md): it starts at 0, leaves out exactly the {@code /Contents}
 * hex string of this signature dictionary, ends at the {@code %%EOF} of a revision, and the
 * dictionary lies in the signed bytes with each of its critical keys once.
 */
public final class ByteRangeCheck {
  private static final String[] ONCE = {"/ByteRange", "/Contents", "/SubFilter"};

  private ByteRangeCheck() {}

  /**
   * Checks a range.
   *
   * @param range the range, or null when it could not be read
   * @param signature the signature dictionary
   * @param ctx the document
   * @return what is wrong, or null when nothing is
   * @throws IOException when the file cannot be read
   */
  public static String problem(ByteRange range, COSDictionary signature, DocumentContext ctx)
      throws IOException {
    SignedBytes bytes = ctx.bytes();
    if (range == null) {
      return "/ByteRange is missing or not four integers";
    }
    if (range.start1() != 0
        || range.length1() <= 0
        || range.start2() <= range.length1()
        || range.length2() < 0
        || range.end() > bytes.size()) {
      return "/ByteRange " + range + " is out of bounds for " + bytes.size() + " bytes";
    }
    COSBase contents = signature.getDictionaryObject(COSName.CONTENTS);
    if (!(contents instanceof COSString cs) || cs.getBytes().length == 0) {
      return "/Contents is missing or empty";
    }
    long gap = range.gap();
    if (gap != cs.getBytes().length * 2L + 2 || gap > 16L * 1024 * 1024) {
      return "the gap between the ranges is not exactly the /Contents hex string";
    }
    byte[] g = bytes.read(range.length1(), (int) gap);
    if (g.length != gap || g[0] != '<' || g[g.length - 1] != '>') {
      return "the gap between the ranges is not exactly the /Contents hex string";
    }
    byte[] raw = cs.getBytes();
    if (!spelled(g, raw, UPPER) && !spelled(g, raw, LOWER)) {
      // Not in one case: a digit at a time, which also says what differs.
      for (int i = 1; i < g.length - 1; i++) {
        int v = HexStringParser.digit(g[i]);
        if (v < 0) {
          return "the gap holds something other than hexadecimal digits";
        }
        int expected = (i & 1) == 1 ? (raw[(i - 1) >> 1] >> 4) & 0xF : raw[(i - 1) >> 1] & 0xF;
        if (v != expected) {
          return "the gap is not the /Contents of this signature dictionary";
        }
      }
    }
    if (!ctx.ends().contains(range.end())) {
      return "the signed bytes do not end at the end of a revision (%%EOF)";
    }
    COSObjectKey key = signature.getKey();
    Long offset = key == null ? null : ctx.latest().getDocument().getXrefTable().get(key);
    if (offset != null && offset >= 0 && offset >= range.length1() && offset < range.start2()) {
      return "the signature dictionary lies in the unsigned gap";
    }
    if (offset != null && offset >= range.end()) {
      return "the signature dictionary lies after the signed revision";
    }
    if (offset != null && offset >= 0) {
      // A parser keeps one of two equal keys; which one differs between readers (wrapping attack).
      String object =
          new String(
              bytes.read(offset, (int) Math.min(gap + 8192, 1 << 20)), StandardCharsets.ISO_8859_1);
      int end = object.indexOf("endobj");
      object = end < 0 ? object : object.substring(0, end);
      // Keys that never occur in nested dictionaries (a certification /Reference has its own
      // /Type).
      for (String name : ONCE) {
        if (occurrences(object, name) > 1) {
          return "the signature dictionary has the key " + name + " more than once";
        }
      }
    }
    return null;
  }

  private static final HexFormat UPPER = HexFormat.of().withUpperCase();
  private static final HexFormat LOWER = HexFormat.of();

  /** Bytes of {@code /Contents} spelled out per comparison. */
  private static final int BLOCK = 2048;

  /**
   * Whether {@code gap} is {@code <}, {@code raw} in hex digits of {@code hex}'s case, and {@code
   * >} (the caller has checked the length and the brackets), compared a block at a time.
   */
  private static boolean spelled(byte[] gap, byte[] raw, HexFormat hex) {
    for (int from = 0; from < raw.length; from += BLOCK) {
      byte[] digits =
          hex.formatHex(raw, from, Math.min(raw.length, from + BLOCK))
              .getBytes(StandardCharsets.ISO_8859_1);
      int at = 1 + 2 * from;
      if (Arrays.mismatch(gap, at, at + digits.length, digits, 0, digits.length) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * How often {@code key} occurs as a whole name: not followed by a letter or digit (so {@code
   * /Contents} is not counted in {@code /ContentsX}). The JDK's vectorised indexOf, not a regular
   * expression: the object text holds the hex container, tens of kilobytes.
   */
  static int occurrences(String text, String key) {
    int n = 0;
    for (int i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + key.length())) {
      int next = i + key.length();
      char c = next < text.length() ? text.charAt(next) : ' ';
      boolean partOfLongerName =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!partOfLongerName) {
        n++;
      }
    }
    return n;
  }
}
