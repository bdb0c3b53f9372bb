package vn.kyso.api.shared;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
      return signerInfoAttributesAreDer(rawSignerInfo(raw, 0));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Tells whether the signed attributes of one SignerInfo, as written, are DER-encoded.
   *
   * @param signerInfo the SignerInfo's bytes as found (from {@link #rawSignerInfo} or a
   *     counter-signature attribute)
   * @return true when the attributes are absent or DER; false when they are not, or when the
   *     structure cannot be followed
   */
  public static boolean signerInfoAttributesAreDer(byte[] signerInfo) {
    try {
      byte[] attrs = rawSignedAttributes(signerInfo);
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
    List<byte[]> values = unsignedAttributeValues(rawSignerInfo(raw, 0), oid);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Returns every value of every unsigned attribute of a type in one SignerInfo, as written, in
   * order (a signer may carry several time-stamps or counter-signatures).
   *
   * @param signerInfo the SignerInfo's bytes as found
   * @param oid the attribute type
   * @return the values' bytes, empty when there are none
   * @throws IllegalArgumentException when the structure cannot be followed
   */
  public static List<byte[]> unsignedAttributeValues(byte[] signerInfo, String oid) {
    try {
      byte[] type = new ASN1ObjectIdentifier(oid).getEncoded(ASN1Encoding.DER);
      int p = afterDigestAlgorithm(signerInfo);
      if ((signerInfo[p] & 0xff) == 0xa0) {
        p = end(signerInfo, p, 0); // signedAttrs
      }
      p = end(signerInfo, p, 0); // signatureAlgorithm
      p = end(signerInfo, p, 0); // signature
      List<byte[]> out = new ArrayList<>();
      if (p >= signerInfo.length || (signerInfo[p] & 0xff) != 0xa1) {
        return out;
      }
      int attrsEnd = end(signerInfo, p, 0);
      for (int a = contentStart(signerInfo, p);
          a < attrsEnd && !(signerInfo[a] == 0 && signerInfo[a + 1] == 0);
          a = end(signerInfo, a, 0)) {
        int t = contentStart(signerInfo, a);
        int typeEnd = end(signerInfo, t, 0);
        if (Arrays.equals(signerInfo, t, typeEnd, type, 0, type.length)) {
          int setEnd = end(signerInfo, typeEnd, 0);
          for (int v = contentStart(signerInfo, typeEnd);
              v < setEnd && !(signerInfo[v] == 0 && signerInfo[v + 1] == 0);
              v = end(signerInfo, v, 0)) {
            out.add(Arrays.copyOfRange(signerInfo, v, end(signerInfo, v, 0)));
          }
        }
      }
      return out;
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("the container's structure cannot be followed", e);
    }
  }

  /**
   * Returns one SignerInfo of a ContentInfo holding a SignedData, as written.
   *
   * @param raw the container bytes as found (trailing padding allowed)
   * @param index the SignerInfo's position in signerInfos, from 0
   * @return its bytes
   * @throws IllegalArgumentException when there is no such signer or the structure cannot be
   *     followed
   */
  public static byte[] rawSignerInfo(byte[] raw, int index) {
    try {
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
      int setEnd = end(raw, p, 0);
      p = contentStart(raw, p); // signerInfos SET
      for (int i = 0; i < index; i++) {
        p = end(raw, p, 0);
      }
      if (p >= setEnd || (raw[p] == 0 && raw[p + 1] == 0)) {
        throw new IllegalArgumentException("no SignerInfo " + index);
      }
      return Arrays.copyOfRange(raw, p, end(raw, p, 0));
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("the container's structure cannot be followed", e);
    }
  }

  /** Position after a SignerInfo's digestAlgorithm: its signedAttrs, when present. */
  private static int afterDigestAlgorithm(byte[] signerInfo) {
    int p = contentStart(signerInfo, 0); // SignerInfo SEQUENCE
    p = end(signerInfo, p, 0); // version
    p = end(signerInfo, p, 0); // sid
    return end(signerInfo, p, 0); // digestAlgorithm
  }

  /** The raw {@code [0]} signed-attributes TLV of a SignerInfo, or null when it has none. */
  private static byte[] rawSignedAttributes(byte[] signerInfo) {
    int p = afterDigestAlgorithm(signerInfo);
    if ((signerInfo[p] & 0xff) != 0xa0) {
      return null;
    }
    return Arrays.copyOfRange(signerInfo, p, end(signerInfo, p, 0));
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
