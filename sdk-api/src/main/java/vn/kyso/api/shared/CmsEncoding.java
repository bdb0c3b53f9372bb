package vn.kyso.api.shared;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * Checks the encoding of a CMS {@code ContentInfo} as it stands in a file: the signed attributes of
 * its signer must be DER (RFC 5652, 5.4; ETSI EN 319 122-1), the rest may be BER.
 *
 * <p>Bouncy Castle re-encodes the signed attributes to DER before it checks the signature (RFC
 * 5652, 5.4), so a file whose attributes are written in another encoding (a SET out of order, an
 * indefinite or non-minimal length) verifies with it while other verifiers, which hash the bytes as
 * they are, disagree. The bytes must therefore be found in the container itself: this walks the raw
 * TLVs (definite and indefinite lengths) to the first SignerInfo's {@code [0]} element.
 */
public final class CmsEncoding {
  private static final int MAX_DEPTH = 64;

  private CmsEncoding() {}

  /**
   * Tells whether the first signer's signed attributes are DER-encoded.
   *
   * @param raw the container bytes as found (trailing padding allowed)
   * @return true when the attributes are absent or DER; false when they are not, or when the
   *     container's structure cannot be followed
   */
  public static boolean signedAttributesAreDer(byte[] raw) {
    try {
      byte[] attrs = rawSignedAttributes(raw);
      if (attrs == null) {
        return true;
      }
      ASN1Primitive parsed;
      try (ASN1InputStream in = new ASN1InputStream(attrs)) {
        parsed = in.readObject();
      }
      byte[] der =
          ASN1Set.getInstance((ASN1TaggedObject) parsed, false).getEncoded(ASN1Encoding.DER);
      // [0] IMPLICIT SET OF: the same bytes as the DER SET after the tag.
      return (attrs[0] & 0xff) == 0xa0
          && der.length == attrs.length
          && Arrays.equals(der, 1, der.length, attrs, 1, attrs.length);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The length of the first TLV as written (BER allowed), which may differ from its DER length.
   *
   * @param raw the bytes
   * @return the length of the element starting at 0
   * @throws IllegalArgumentException when it is cut short or malformed
   */
  public static int encodedLength(byte[] raw) {
    try {
      return end(raw, 0, 0);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("cut short", e);
    }
  }

  /**
   * Returns the first value of an unsigned attribute of the first signer as written, e.g. the
   * signature time-stamp token ({@code 1.2.840.113549.1.9.16.2.14}), so that its own encoding can
   * be checked rather than a re-encoded copy.
   *
   * @param raw the container bytes as found (trailing padding allowed)
   * @param oid the attribute type
   * @return the value's bytes, or null when the signer has no such attribute
   * @throws IllegalArgumentException when the container's structure cannot be followed
   */
  public static byte[] unsignedAttributeValue(byte[] raw, String oid) {
    try {
      byte[] type = new ASN1ObjectIdentifier(oid).getEncoded(ASN1Encoding.DER);
      int p = firstSignerAfterDigestAlgorithm(raw);
      if ((raw[p] & 0xff) == 0xa0) {
        p = end(raw, p, 0); // signedAttrs
      }
      p = end(raw, p, 0); // signatureAlgorithm
      p = end(raw, p, 0); // signature
      if (p >= raw.length || (raw[p] & 0xff) != 0xa1) {
        return null;
      }
      int attrsEnd = end(raw, p, 0);
      for (int a = contentStart(raw, p);
          a < attrsEnd && !(raw[a] == 0 && raw[a + 1] == 0);
          a = end(raw, a, 0)) {
        int t = contentStart(raw, a);
        int typeEnd = end(raw, t, 0);
        if (Arrays.equals(raw, t, typeEnd, type, 0, type.length)) {
          int value = contentStart(raw, typeEnd); // first element of the attribute's value SET
          return Arrays.copyOfRange(raw, value, end(raw, value, 0));
        }
      }
      return null;
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("the container's structure cannot be followed", e);
    }
  }

  private static int firstSignerAfterDigestAlgorithm(byte[] raw) {
    // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT SignedData }
    int p = contentStart(raw, 0);
    p = end(raw, p, 0); // contentType
    p = contentStart(raw, p); // [0] EXPLICIT
    p = contentStart(raw, p); // SignedData SEQUENCE
    p = end(raw, p, 0); // version
    p = end(raw, p, 0); // digestAlgorithms
    p = end(raw, p, 0); // encapContentInfo
    if ((raw[p] & 0xff) == 0xa0) {
      p = end(raw, p, 0); // certificates
    }
    if ((raw[p] & 0xff) == 0xa1) {
      p = end(raw, p, 0); // crls
    }
    p = contentStart(raw, p); // signerInfos SET
    p = contentStart(raw, p); // first SignerInfo SEQUENCE
    p = end(raw, p, 0); // version
    p = end(raw, p, 0); // sid
    return end(raw, p, 0); // digestAlgorithm
  }

  /**
   * The raw {@code [0]} signed-attributes TLV of the first SignerInfo, or null when it has none.
   */
  private static byte[] rawSignedAttributes(byte[] raw) {
    int p = firstSignerAfterDigestAlgorithm(raw);
    if ((raw[p] & 0xff) != 0xa0) {
      return null;
    }
    return Arrays.copyOfRange(raw, p, end(raw, p, 0));
  }

  /** Position of the first content byte of the TLV at {@code p}. */
  private static int contentStart(byte[] b, int p) {
    return p + headerLength(b, p);
  }

  /**
   * Position just after the TLV at {@code p}, following indefinite lengths to their
   * end-of-contents.
   */
  private static int end(byte[] b, int p, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested too deeply");
    }
    int header = headerLength(b, p);
    long length = length(b, p);
    if (length >= 0) {
      long e = p + header + length;
      if (e > b.length) {
        throw new IllegalArgumentException("length past the end");
      }
      return (int) e;
    }
    int q = p + header;
    while (!(b[q] == 0 && b[q + 1] == 0)) {
      q = end(b, q, depth + 1);
    }
    return q + 2;
  }

  private static int tagLength(byte[] b, int p) {
    if ((b[p] & 0x1f) != 0x1f) {
      return 1;
    }
    int q = p + 1;
    while ((b[q] & 0x80) != 0) {
      q++;
      if (q - p > 6) {
        throw new IllegalArgumentException("tag too long");
      }
    }
    return q - p + 1;
  }

  private static int headerLength(byte[] b, int p) {
    int t = tagLength(b, p);
    int first = b[p + t] & 0xff;
    return t + 1 + (first > 0x80 ? first & 0x7f : 0);
  }

  /** The content length, or -1 for an indefinite length. */
  private static long length(byte[] b, int p) {
    int q = p + tagLength(b, p);
    int first = b[q] & 0xff;
    if (first < 0x80) {
      return first;
    }
    if (first == 0x80) {
      return -1;
    }
    int n = first & 0x7f;
    if (n > 4) {
      throw new IllegalArgumentException("length too long");
    }
    long v = 0;
    for (int i = 1; i <= n; i++) {
      v = (v << 8) | (b[q + i] & 0xff);
    }
    return v;
  }
}
