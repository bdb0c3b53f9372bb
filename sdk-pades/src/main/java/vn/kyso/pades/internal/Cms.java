package vn.kyso.pades.internal;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.shared.CmsSignatures;

/**
 * Builds the CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, 5.3; ETSI EN 319
 * 122-1): detached, signed attributes content-type, message-digest and signing-certificate-v2, no
 * signing-time attribute (the claimed time is the dictionary's /M), the chain in {@code
 * certificates}. Built from ASN.1 directly so that the signed attributes are byte-for-byte
 * reproducible between the two phases of external signing.
 */
public final class Cms {
  /** id-aa-signatureTimeStampToken. */
  public static final ASN1ObjectIdentifier SIGNATURE_TIME_STAMP =
      PKCSObjectIdentifiers.id_aa_signatureTimeStampToken;

  private Cms() {}

  /**
   * Returns the DER SET of signed attributes: what the key signs.
   *
   * @param signer the signer certificate
   * @param digest the digest algorithm
   * @param contentDigest the digest of the PDF byte ranges
   * @return the DER encoding (tag SET)
   */
  public static byte[] signedAttributes(
      X509Certificate signer, DigestAlgorithm digest, byte[] contentDigest) {
    try {
      return attributeSet(signer, digest, contentDigest).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ASN1Set attributeSet(
      X509Certificate signer, DigestAlgorithm digest, byte[] contentDigest) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(
        new Attribute(
            PKCSObjectIdentifiers.pkcs_9_at_contentType, new DERSet(CMSObjectIdentifiers.data)));
    v.add(
        new Attribute(
            PKCSObjectIdentifiers.pkcs_9_at_messageDigest,
            new DERSet(new DEROctetString(contentDigest))));
    v.add(CmsSignatures.signingCertificateV2(signer, digest));
    return new DERSet(v);
  }

  /**
   * Builds the DER ContentInfo holding the SignedData.
   *
   * @param chain the signer certificate first, then its chain
   * @param algorithm the signature algorithm
   * @param contentDigest the digest of the PDF byte ranges
   * @param signatureValue the value over {@link #signedAttributes}
   * @param timestampToken an RFC 3161 token over the signature value, or null
   * @return the DER encoding
   */
  public static byte[] signedData(
      List<X509Certificate> chain,
      SignatureAlgorithm algorithm,
      byte[] contentDigest,
      byte[] signatureValue,
      byte[] timestampToken) {
    try {
      X509Certificate signer = chain.get(0);
      AlgorithmIdentifier digestId =
          new AlgorithmIdentifier(
              new ASN1ObjectIdentifier(algorithm.digestAlgorithm().oid()), DERNull.INSTANCE);
      ASN1Set unsigned = null;
      if (timestampToken != null) {
        unsigned =
            new DERSet(
                new Attribute(
                    SIGNATURE_TIME_STAMP,
                    new DERSet(
                        ContentInfo.getInstance(ASN1Primitive.fromByteArray(timestampToken)))));
      }
      SignerInfo si =
          new SignerInfo(
              new SignerIdentifier(
                  new IssuerAndSerialNumber(Certificate.getInstance(signer.getEncoded()))),
              digestId,
              attributeSet(signer, algorithm.digestAlgorithm(), contentDigest),
              signatureAlgorithmId(algorithm),
              new DEROctetString(signatureValue),
              unsigned);
      ASN1EncodableVector certs = new ASN1EncodableVector();
      for (X509Certificate c : chain) {
        certs.add(Certificate.getInstance(c.getEncoded()));
      }
      SignedData sd =
          new SignedData(
              new DERSet(digestId),
              new ContentInfo(CMSObjectIdentifiers.data, null),
              new DERSet(certs),
              null,
              new DERSet(si));
      return new ContentInfo(CMSObjectIdentifiers.signedData, sd).getEncoded(ASN1Encoding.DER);
    } catch (IOException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the CMS signature", e);
    }
  }

  /**
   * Returns the SignerInfo signature algorithm identifier.
   *
   * @param algorithm the algorithm
   * @return rsaEncryption, id-RSASSA-PSS with parameters, or ecdsa-with-SHAxxx
   */
  public static AlgorithmIdentifier signatureAlgorithmId(SignatureAlgorithm algorithm) {
    return CmsSignatures.signatureAlgorithmId(algorithm);
  }

  /**
   * Verifies a signature value over the signed attributes with the certificate's key.
   *
   * @param certificate the signer certificate
   * @param algorithm the algorithm
   * @param signedAttributes the DER signed attributes
   * @param value the signature value
   * @return whether it verifies
   */
  public static boolean verify(
      X509Certificate certificate,
      SignatureAlgorithm algorithm,
      byte[] signedAttributes,
      byte[] value) {
    return CmsSignatures.verify(certificate, algorithm, signedAttributes, value);
  }
}
