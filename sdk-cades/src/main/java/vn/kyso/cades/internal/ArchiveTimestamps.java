package vn.kyso.cades.internal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import vn.kyso.api.DigestAlgorithm;

/**
 * The archive-time-stamp-v3 of ETSI EN 319 122-1 (5.5.2, 5.5.3): the ats-hash-index-v3 that lists
 * the hash of every certificate, revocation value and unsigned attribute value present when the
 * time-stamp is made, and the message imprint over the content type, the hash of the signed
 * content, the SignerInfo's signed fields and that index.
 */
public final class ArchiveTimestamps {
  private ArchiveTimestamps() {}

  /**
   * Builds the ats-hash-index-v3 of a signer as it stands.
   *
   * @param sd the SignedData
   * @param si the signer
   * @param digest the hash algorithm (the time-stamp's imprint algorithm)
   * @return the ATSHashIndexV3 value
   */
  public static ASN1Sequence hashIndex(SignedData sd, SignerInfo si, DigestAlgorithm digest) {
    ASN1EncodableVector certs = new ASN1EncodableVector();
    if (sd.getCertificates() != null) {
      for (ASN1Encodable c : sd.getCertificates()) {
        certs.add(new DEROctetString(hash(digest, CadesCms.der(c))));
      }
    }
    ASN1EncodableVector crls = new ASN1EncodableVector();
    if (sd.getCRLs() != null) {
      for (ASN1Encodable c : sd.getCRLs()) {
        crls.add(new DEROctetString(hash(digest, CadesCms.der(c))));
      }
    }
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    for (byte[] h : unsignedValueHashes(si, digest)) {
      attrs.add(new DEROctetString(h));
    }
    ASN1EncodableVector v = new ASN1EncodableVector();
    if (digest != DigestAlgorithm.SHA256) {
      v.add(CadesCms.digestId(digest));
    }
    v.add(new DERSequence(certs));
    v.add(new DERSequence(crls));
    v.add(new DERSequence(attrs));
    return new DERSequence(v);
  }

  /**
   * The hash of each unsigned attribute value: over the DER attribute type followed by the DER
   * value, one per value.
   *
   * @param si the signer
   * @param digest the hash algorithm
   * @return the hashes in order
   */
  public static List<byte[]> unsignedValueHashes(SignerInfo si, DigestAlgorithm digest) {
    List<byte[]> out = new ArrayList<>();
    if (si.getUnauthenticatedAttributes() == null) {
      return out;
    }
    for (ASN1Encodable a : si.getUnauthenticatedAttributes()) {
      Attribute attr = Attribute.getInstance(a);
      byte[] type = CadesCms.der(attr.getAttrType());
      for (ASN1Encodable value : attr.getAttrValues()) {
        MessageDigest md = digest.newMessageDigest();
        md.update(type);
        md.update(CadesCms.der(value));
        out.add(md.digest());
      }
    }
    return out;
  }

  /**
   * Checks that every hash an index lists names something the signature holds now (items added
   * later are allowed; a listed item that is gone or changed is not).
   *
   * @param index the ATSHashIndexV3 from the time-stamp
   * @param sd the SignedData now
   * @param si the signer now
   * @return null when it holds, else what is missing
   */
  public static String indexProblem(ASN1Sequence index, SignedData sd, SignerInfo si) {
    DigestAlgorithm digest = indexAlgorithm(index);
    if (digest == null) {
      return "the ats-hash-index-v3 names an unknown hash algorithm";
    }
    int first = index.size() == 4 ? 1 : 0;
    if (index.size() - first != 3) {
      return "the ats-hash-index-v3 is malformed";
    }
    List<byte[]> certs = new ArrayList<>();
    if (sd.getCertificates() != null) {
      for (ASN1Encodable c : sd.getCertificates()) {
        certs.add(hash(digest, CadesCms.der(c)));
      }
    }
    List<byte[]> crls = new ArrayList<>();
    if (sd.getCRLs() != null) {
      for (ASN1Encodable c : sd.getCRLs()) {
        crls.add(hash(digest, CadesCms.der(c)));
      }
    }
    List<byte[]> attrs = unsignedValueHashes(si, digest);
    String[] names = {"certificate", "revocation value", "unsigned attribute value"};
    List<List<byte[]>> present = List.of(certs, crls, attrs);
    for (int i = 0; i < 3; i++) {
      for (ASN1Encodable h : ASN1Sequence.getInstance(index.getObjectAt(first + i))) {
        byte[] listed = ASN1OctetString.getInstance(h).getOctets();
        if (present.get(i).stream().noneMatch(p -> MessageDigest.isEqual(p, listed))) {
          return "a " + names[i] + " the archive time-stamp covered is missing or changed";
        }
      }
    }
    return null;
  }

  /**
   * The hash algorithm of an index (SHA-256 when left out).
   *
   * @param index the index
   * @return the algorithm, or null when unknown
   */
  public static DigestAlgorithm indexAlgorithm(ASN1Sequence index) {
    if (index.size() == 4) {
      return DigestAlgorithm.fromOid(
              AlgorithmIdentifier.getInstance(index.getObjectAt(0)).getAlgorithm().getId())
          .orElse(null);
    }
    return DigestAlgorithm.SHA256;
  }

  /**
   * The message imprint of an archive-time-stamp-v3.
   *
   * @param sd the SignedData
   * @param si the signer
   * @param contentHash the hash of the signed content with {@code digest}
   * @param index the ats-hash-index-v3 value
   * @param digest the imprint's hash algorithm
   * @return the imprint
   */
  public static byte[] imprint(
      SignedData sd,
      SignerInfo si,
      byte[] contentHash,
      ASN1Sequence index,
      DigestAlgorithm digest) {
    MessageDigest md = digest.newMessageDigest();
    md.update(CadesCms.der(sd.getEncapContentInfo().getContentType()));
    md.update(contentHash);
    md.update(CadesCms.der(si.getVersion()));
    md.update(CadesCms.der(si.getSID()));
    md.update(CadesCms.der(si.getDigestAlgorithm()));
    md.update(CadesCms.der(new DERTaggedObject(false, 0, si.getAuthenticatedAttributes())));
    md.update(CadesCms.der(si.getDigestEncryptionAlgorithm()));
    md.update(CadesCms.der(si.getEncryptedDigest()));
    md.update(CadesCms.der(index));
    return md.digest();
  }

  private static byte[] hash(DigestAlgorithm digest, byte[] data) {
    return digest.newMessageDigest().digest(data);
  }
}
