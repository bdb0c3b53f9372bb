package vn.kyso.cades.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/**
 * A CMS signature file read into memory within the size limit: its bytes as written, its
 * SignedData, and the encapsulated content of an enveloping signature.
 *
 * @param raw the file's bytes
 * @param signedData the SignedData
 * @param content the encapsulated content, or null for a detached signature
 */
public record CmsFile(byte[] raw, SignedData signedData, byte[] content) {

  /**
   * Reads and parses a signature file.
   *
   * @param file the file
   * @param maxBytes the largest file read
   * @return the parsed file
   * @throws DocumentException {@code INPUT_TOO_LARGE} past the limit, {@code MALFORMED_INPUT} when
   *     it is not a CMS SignedData, {@code IO_ERROR} when it cannot be read
   */
  public static CmsFile read(Path file, long maxBytes) throws DocumentException {
    byte[] raw;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new DocumentException(
            ErrorCode.INPUT_TOO_LARGE, null, "CMS signature file", maxBytes);
      }
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file);
    }
    return parse(raw);
  }

  /**
   * Parses signature bytes.
   *
   * @param raw the bytes
   * @return the parsed file
   * @throws DocumentException {@code MALFORMED_INPUT} when they are not a CMS SignedData
   */
  public static CmsFile parse(byte[] raw) throws DocumentException {
    if (raw.length > 0 && (raw[0] == '-' || raw[0] == 'M')) {
      // PEM or bare base64, as some tools write .p7s files.
      raw = fromText(raw);
    }
    try (ASN1InputStream in = new ASN1InputStream(raw, true)) {
      ASN1Primitive p = in.readObject();
      if (p == null) {
        throw malformed("the file is empty");
      }
      if (in.readObject() != null) {
        throw malformed("bytes follow the CMS structure");
      }
      ContentInfo ci = ContentInfo.getInstance(p);
      if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType())) {
        throw malformed("not a CMS SignedData (content type " + ci.getContentType() + ")");
      }
      SignedData sd = SignedData.getInstance(ci.getContent());
      byte[] content =
          sd.getEncapContentInfo().getContent() == null
              ? null
              : ASN1OctetString.getInstance(sd.getEncapContentInfo().getContent()).getOctets();
      return new CmsFile(raw, sd, content);
    } catch (DocumentException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw malformed("not a CMS structure: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] fromText(byte[] raw) throws DocumentException {
    String text = new String(raw, java.nio.charset.StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "").replaceAll("\\s", "");
    try {
      return java.util.Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw malformed("neither DER nor base64");
    }
  }

  private static DocumentException malformed(String why) {
    return new DocumentException(ErrorCode.MALFORMED_INPUT, null, why);
  }
}
