package vn.kyso.cades.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.shared.CmsSignatures;

/**
 * Builds the CMS of a CAdES baseline signature (ETSI EN 319 122-1): signed attributes content-type,
 * signing-time, message-digest and signing-certificate-v2, the SignerInfo, and the SignedData in
 * its detached form; an enveloping signature is written with its content streamed into the
 * encapsulated content, never held in memory.
 */
public final class CadesCms {
  /** id-aa-ets-archiveTimestampV3 (ETSI EN 319 122-1, 5.5.3). */
  public static final ASN1ObjectIdentifier ARCHIVE_TIMESTAMP_V3 =
      new ASN1ObjectIdentifier("0.4.0.1733.2.4");

  /** id-aa-ATSHashIndex-v3 (ETSI EN 319 122-1, 5.5.2). */
  public static final ASN1ObjectIdentifier ATS_HASH_INDEX_V3 =
      new ASN1ObjectIdentifier("0.4.0.19122.1.5");

  /** id-ri-ocsp-response (RFC 5940): an OCSP response among SignedData.crls. */
  public static final ASN1ObjectIdentifier OCSP_RESPONSE = CMSObjectIdentifiers.id_ri_ocsp_response;

  private CadesCms() {}

  /**
   * Returns the signed attributes of a signature or a counter-signature.
   *
   * @param signer the signer certificate
   * @param digest the digest algorithm (of the content and of the certificate reference)
   * @param contentDigest the digest of the content, or of the counter-signed signature value
   * @param signingTime the claimed signing time
   * @param counterSignature whether it is a counter-signature (no content-type, RFC 5652 11.1)
   * @return the DER SET
   */
  public static ASN1Set signedAttributes(
      X509Certificate signer,
      DigestAlgorithm digest,
      byte[] contentDigest,
      Instant signingTime,
      boolean counterSignature) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    if (!counterSignature) {
      v.add(
          new Attribute(
              PKCSObjectIdentifiers.pkcs_9_at_contentType, new DERSet(CMSObjectIdentifiers.data)));
    }
    v.add(
        new Attribute(
            PKCSObjectIdentifiers.pkcs_9_at_signingTime,
            new DERSet(new Time(Date.from(signingTime)))));
    v.add(
        new Attribute(
            PKCSObjectIdentifiers.pkcs_9_at_messageDigest,
            new DERSet(new DEROctetString(contentDigest))));
    v.add(CmsSignatures.signingCertificateV2(signer, digest));
    return new DERSet(v);
  }

  /**
   * Builds a SignerInfo (version 1, issuerAndSerialNumber).
   *
   * @param signer the signer certificate
   * @param algorithm the signature algorithm
   * @param signedAttributes the signed attributes
   * @param value the signature value over them
   * @return the SignerInfo without unsigned attributes
   */
  public static SignerInfo signerInfo(
      X509Certificate signer,
      SignatureAlgorithm algorithm,
      ASN1Set signedAttributes,
      byte[] value) {
    try {
      return new SignerInfo(
          new SignerIdentifier(
              new IssuerAndSerialNumber(Certificate.getInstance(signer.getEncoded()))),
          digestId(algorithm.digestAlgorithm()),
          signedAttributes,
          CmsSignatures.signatureAlgorithmId(algorithm),
          new DEROctetString(value),
          (ASN1Set) null);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns a digest algorithm identifier with NULL parameters, as the CMS of most tools has it.
   *
   * @param digest the algorithm
   * @return the identifier
   */
  public static AlgorithmIdentifier digestId(DigestAlgorithm digest) {
    return new AlgorithmIdentifier(new ASN1ObjectIdentifier(digest.oid()), DERNull.INSTANCE);
  }

  /**
   * Returns a SignerInfo with one more unsigned attribute value (a new attribute of that type).
   *
   * @param si the SignerInfo
   * @param type the attribute type
   * @param value its value
   * @return the new SignerInfo
   */
  public static SignerInfo withUnsigned(
      SignerInfo si, ASN1ObjectIdentifier type, ASN1Encodable value) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    if (si.getUnauthenticatedAttributes() != null) {
      for (ASN1Encodable a : si.getUnauthenticatedAttributes()) {
        v.add(a);
      }
    }
    v.add(new Attribute(type, new DERSet(value)));
    return new SignerInfo(
        si.getSID(),
        si.getDigestAlgorithm(),
        si.getAuthenticatedAttributes(),
        si.getDigestEncryptionAlgorithm(),
        si.getEncryptedDigest(),
        new DLSet(v));
  }

  /**
   * A SignedData in its parts, so that signers, certificates and revocation data can be added and
   * the content kept outside.
   *
   * @param digestAlgorithms the digest algorithm identifiers, by OID
   * @param contentType the encapsulated content type
   * @param certificates the certificates, by their DER (no duplicates)
   * @param revocation the revocation choices, by their DER (no duplicates)
   * @param signers the SignerInfos, in order
   */
  public record Parts(
      Map<String, AlgorithmIdentifier> digestAlgorithms,
      ASN1ObjectIdentifier contentType,
      Map<String, ASN1Encodable> certificates,
      Map<String, ASN1Encodable> revocation,
      List<SignerInfo> signers) {

    /**
     * @return empty parts over id-data
     */
    public static Parts empty() {
      return new Parts(
          new LinkedHashMap<>(),
          CMSObjectIdentifiers.data,
          new LinkedHashMap<>(),
          new LinkedHashMap<>(),
          new ArrayList<>());
    }

    /**
     * Reads the parts of a SignedData (its content, if any, is not kept).
     *
     * @param sd the SignedData
     * @return its parts
     */
    public static Parts of(SignedData sd) {
      Parts p = empty();
      Parts q =
          new Parts(
              p.digestAlgorithms,
              sd.getEncapContentInfo().getContentType(),
              p.certificates,
              p.revocation,
              p.signers);
      for (ASN1Encodable a : sd.getDigestAlgorithms()) {
        AlgorithmIdentifier id = AlgorithmIdentifier.getInstance(a);
        q.digestAlgorithms.putIfAbsent(id.getAlgorithm().getId(), id);
      }
      if (sd.getCertificates() != null) {
        for (ASN1Encodable c : sd.getCertificates()) {
          q.certificates.putIfAbsent(key(c), c);
        }
      }
      if (sd.getCRLs() != null) {
        for (ASN1Encodable c : sd.getCRLs()) {
          q.revocation.putIfAbsent(key(c), c);
        }
      }
      for (ASN1Encodable s : sd.getSignerInfos()) {
        q.signers.add(SignerInfo.getInstance(s));
      }
      return q;
    }

    /**
     * Adds a certificate.
     *
     * @param c the certificate
     */
    public void certificate(X509Certificate c) {
      try {
        Certificate cert = Certificate.getInstance(c.getEncoded());
        certificates.putIfAbsent(key(cert), cert);
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Adds a CRL.
     *
     * @param der the CRL
     */
    public void crl(byte[] der) {
      ASN1Primitive crl = primitive(der);
      revocation.putIfAbsent(key(crl), crl);
    }

    /**
     * Adds an OCSP response as an other revocation info (RFC 5940).
     *
     * @param der the OCSPResponse
     */
    public void ocsp(byte[] der) {
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(OCSP_RESPONSE);
      v.add(primitive(der));
      DERTaggedObject other =
          new DERTaggedObject(false, 1, new org.bouncycastle.asn1.DERSequence(v));
      revocation.putIfAbsent(key(other), other);
    }

    /**
     * Adds a digest algorithm.
     *
     * @param digest the algorithm
     */
    public void digest(DigestAlgorithm digest) {
      digestAlgorithms.putIfAbsent(digest.oid(), digestId(digest));
    }

    /**
     * @return the SignedData in its detached form (no eContent)
     */
    public SignedData detached() {
      return new SignedData(
          new DERSet(digestAlgorithms.values().toArray(new ASN1Encodable[0])),
          new ContentInfo(contentType, null),
          certificates.isEmpty()
              ? null
              : new DLSet(certificates.values().toArray(new ASN1Encodable[0])),
          revocation.isEmpty()
              ? null
              : new DLSet(revocation.values().toArray(new ASN1Encodable[0])),
          new DLSet(signers.toArray(new ASN1Encodable[0])));
    }
  }

  /**
   * Returns the DER of an element, as the key that keeps sets free of duplicates.
   *
   * @param e the element
   * @return its DER as ISO-8859-1 text
   */
  static String key(ASN1Encodable e) {
    return new String(der(e), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns the DER encoding of an element.
   *
   * @param e the element
   * @return its DER
   */
  public static byte[] der(ASN1Encodable e) {
    try {
      return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException x) {
      throw new IllegalStateException(x);
    }
  }

  /**
   * Parses DER bytes Kyso made or already checked.
   *
   * @param der the bytes
   * @return the primitive
   * @throws IllegalArgumentException when they are not DER
   */
  public static ASN1Primitive primitive(byte[] der) {
    try {
      return ASN1Primitive.fromByteArray(der);
    } catch (IOException e) {
      throw new IllegalArgumentException("not DER", e);
    }
  }

  /**
   * Writes a detached signature: the DER ContentInfo.
   *
   * @param sd the SignedData in its detached form
   * @param out where it goes
   * @throws IOException when writing fails
   */
  public static void writeDetached(SignedData sd, OutputStream out) throws IOException {
    // DL, not DER: the sets keep their order (signers, certificates, revocation data), so a signer
    // keeps its position when others are added; the signed attributes are DER in any case.
    out.write(new ContentInfo(CMSObjectIdentifiers.signedData, sd).getEncoded(ASN1Encoding.DL));
  }

  /**
   * Writes an enveloping signature in DER with the content streamed into its encapsulated content,
   * so that the content is never held in memory.
   *
   * @param sd the SignedData in its detached form
   * @param content the content
   * @param size its size in bytes
   * @param out where it goes
   * @throws IOException when reading or writing fails
   */
  public static void writeEnveloping(
      SignedData sd, InputStream content, long size, OutputStream out) throws IOException {
    byte[] version = sd.getVersion().getEncoded(ASN1Encoding.DL);
    byte[] digestAlgorithms = sd.getDigestAlgorithms().getEncoded(ASN1Encoding.DL);
    byte[] contentType = sd.getEncapContentInfo().getContentType().getEncoded(ASN1Encoding.DL);
    byte[] certificates =
        sd.getCertificates() == null
            ? new byte[0]
            : new DLTaggedObject(false, 0, sd.getCertificates()).getEncoded(ASN1Encoding.DL);
    byte[] crls =
        sd.getCRLs() == null
            ? new byte[0]
            : new DLTaggedObject(false, 1, sd.getCRLs()).getEncoded(ASN1Encoding.DL);
    byte[] signers = sd.getSignerInfos().getEncoded(ASN1Encoding.DL);
    byte[] octetHeader = header(0x04, size);
    long explicitLength = octetHeader.length + size;
    byte[] explicitHeader = header(0xa0, explicitLength);
    long encapLength = contentType.length + explicitHeader.length + explicitLength;
    byte[] encapHeader = header(0x30, encapLength);
    long signedDataLength =
        version.length
            + digestAlgorithms.length
            + encapHeader.length
            + encapLength
            + certificates.length
            + crls.length
            + signers.length;
    byte[] signedDataHeader = header(0x30, signedDataLength);
    byte[] outerType = CMSObjectIdentifiers.signedData.getEncoded(ASN1Encoding.DER);
    long wrapped = signedDataHeader.length + signedDataLength;
    byte[] wrapHeader = header(0xa0, wrapped);
    long total = outerType.length + wrapHeader.length + wrapped;
    out.write(header(0x30, total));
    out.write(outerType);
    out.write(wrapHeader);
    out.write(signedDataHeader);
    out.write(version);
    out.write(digestAlgorithms);
    out.write(encapHeader);
    out.write(contentType);
    out.write(explicitHeader);
    out.write(octetHeader);
    long copied = content.transferTo(out);
    if (copied != size) {
      throw new IOException("the content changed while it was written");
    }
    out.write(certificates);
    out.write(crls);
    out.write(signers);
  }

  /** A DER tag and definite length. */
  private static byte[] header(int tag, long length) {
    if (length < 0x80) {
      return new byte[] {(byte) tag, (byte) length};
    }
    int bytes = (64 - Long.numberOfLeadingZeros(length) + 7) / 8;
    byte[] h = new byte[2 + bytes];
    h[0] = (byte) tag;
    h[1] = (byte) (0x80 | bytes);
    for (int i = 0; i < bytes; i++) {
      h[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
    }
    return h;
  }

  /**
   * Digests a file in one streaming pass with several algorithms.
   *
   * @param file the file
   * @param algorithms the algorithms
   * @return the digests by algorithm
   * @throws IOException when it cannot be read
   */
  public static Map<DigestAlgorithm, byte[]> digest(Path file, List<DigestAlgorithm> algorithms)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return digest(in, algorithms);
    }
  }

  /**
   * Digests a stream in one pass with several algorithms.
   *
   * @param in the stream
   * @param algorithms the algorithms
   * @return the digests by algorithm
   * @throws IOException when it cannot be read
   */
  public static Map<DigestAlgorithm, byte[]> digest(
      InputStream in, List<DigestAlgorithm> algorithms) throws IOException {
    return vn.kyso.api.shared.Files2.digest(in, algorithms);
  }

  /**
   * Returns the claimed signing time of signed attributes, when present and readable.
   *
   * @param signed the signed attributes
   * @return the time, or null
   */
  public static Instant signingTime(AttributeTable signed) {
    Attribute a = signed.get(PKCSObjectIdentifiers.pkcs_9_at_signingTime);
    if (a == null || a.getAttrValues().size() != 1) {
      return null;
    }
    try {
      return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns the one value of a single-valued attribute as an OCTET STRING, or null.
   *
   * @param table the attributes
   * @param type the type
   * @return the octets, or null when absent, repeated or of another type
   */
  public static byte[] octets(AttributeTable table, ASN1ObjectIdentifier type) {
    if (table == null) {
      return null;
    }
    ASN1EncodableVector all = table.getAll(type);
    if (all.size() != 1) {
      return null;
    }
    Attribute a = (Attribute) all.get(0);
    if (a.getAttrValues().size() != 1) {
      return null;
    }
    try {
      return ASN1OctetString.getInstance(a.getAttrValues().getObjectAt(0)).getOctets();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The elements of a vector.
   *
   * @param v the vector
   * @return its elements in order
   */
  public static List<ASN1Encodable> elements(ASN1EncodableVector v) {
    List<ASN1Encodable> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(v.get(i));
    }
    return out;
  }

  /**
   * Returns the version an integer field holds, or -1 when it does not fit.
   *
   * @param i the integer
   * @return its value
   */
  public static int version(ASN1Integer i) {
    return i.getValue().bitLength() > 8 ? -1 : i.getValue().intValue();
  }
}
