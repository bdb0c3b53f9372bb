package vn.kyso.pades.internal;

import java.io.IOException;
import java.security.MessageDigest;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import vn.kyso.api.DigestAlgorithm;

/**
 * A signature's {@code /ByteRange}: the two signed spans of the file around the {@code /Contents}
 * hex string. Only its shape is known here; {@link ByteRangeCheck} judges it against the file.
 *
 * @param start1 where the first span starts (must be 0)
 * @param length1 the first span's length (up to the gap)
 * @param start2 where the second span starts (just after the gap)
 * @param length2 the second span's length (to the revision's end)
 */
public record ByteRange(long start1, long length1, long start2, long length2) {

  /**
   * Reads a signature dictionary's byte range.
   *
   * @param signature the signature (or document time-stamp) dictionary
   * @return the range, or null when it is missing or not four integers
   */
  public static ByteRange of(COSDictionary signature) {
    COSBase b = signature.getDictionaryObject(COSName.BYTERANGE);
    if (!(b instanceof COSArray a) || a.size() != 4) {
      return null;
    }
    long[] v = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!(a.getObject(i) instanceof COSInteger n)) {
        return null;
      }
      v[i] = n.longValue();
    }
    return new ByteRange(v[0], v[1], v[2], v[3]);
  }

  /**
   * @return the offset just past the signed bytes: the end of the signed revision
   */
  public long end() {
    return start2 + length2;
  }

  /**
   * @return the gap's length: the {@code /Contents} hex string with its brackets
   */
  public long gap() {
    return start2 - length1;
  }

  /**
   * Digests the signed bytes.
   *
   * @param bytes the file
   * @param algorithm the digest algorithm
   * @return the digest, or an empty array when the file cannot be read
   */
  public byte[] digest(SignedBytes bytes, DigestAlgorithm algorithm) {
    try {
      // The first span starts at 0: the verifier's first pass over the file may already hold the
      // digest of most of it (SignedBytes.prefixDigest); the same bytes, the same digest.
      MessageDigest md = start1 == 0 ? bytes.prefixDigest(algorithm, length1) : null;
      if (md == null) {
        md = algorithm.newMessageDigest();
        bytes.digest(md, start1, length1);
      }
      bytes.digest(md, start2, length2);
      return md.digest();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  @Override
  public String toString() {
    return "[" + start1 + " " + length1 + " " + start2 + " " + length2 + "]";
  }
}
