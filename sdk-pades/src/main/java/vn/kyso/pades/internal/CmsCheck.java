package vn.kyso.pades.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.shared.BouncyCastle;
import vn.kyso.api.shared.CmsEncoding;
import vn.kyso.api.shared.CmsSignatures;

/** Parses and checks the CMS container of a PDF signature against the byte-range digest. */
public final class CmsCheck {
  // Passed to getInstance calls only; never registered with java.security.Security.
  private static final Provider BC = BouncyCastle.provider();
  private static final byte[] ZEROS = new byte[4096];

  private CmsCheck() {}

  /** What the CMS says and whether it holds. */
  public record Outcome(
      String problem,
      String problemCode,
      X509Certificate signer,
      List<X509Certificate> certificates,
      DigestAlgorithm digest,
      byte[] signatureValue,
      boolean signingCertificateBound,
      String signingCertificateNote,
      Optional<byte[]> timestampToken,
      boolean weakAlgorithm) {}

  /**
   * Checks a CMS detached signature over a precomputed content digest.
   *
   * @param padded the /Contents bytes (DER followed only by zero padding)
   * @param contentDigests the digest of the byte ranges for every algorithm
   * @param requireSigningCertificateV2 whether a missing signing-certificate attribute fails
   * @return the outcome; {@code problem} is null when the CMS holds
   */
  public static Outcome check(
      byte[] padded,
      Function<DigestAlgorithm, byte[]> contentDigests,
      boolean requireSigningCertificateV2) {
    byte[] der;
    try (ASN1InputStream in =
        new ASN1InputStream(new ByteArrayInputStream(padded), padded.length)) {
      ASN1Primitive p = in.readObject();
      if (p == null) {
        return fail("FORMAT", "/Contents is empty");
      }
      der = p.getEncoded(ASN1Encoding.DER);
      if (unpadded(padded) == null) {
        return fail("FORMAT", "bytes other than zero padding follow the CMS in /Contents");
      }
    } catch (IOException | RuntimeException e) {
      return fail("FORMAT", "/Contents is not a CMS structure");
    }
    try {
      CMSSignedData cms = new CMSSignedData(der);
      // Bouncy Castle reads the structure without checking these; a strict verifier does.
      // The ContentInfo Bouncy Castle read from der (parsed once, used again below).
      ContentInfo read = cms.toASN1Structure();
      if (!CMSObjectIdentifiers.signedData.equals(read.getContentType())) {
        return fail("FORMAT", "/Contents is not a CMS SignedData (wrong content type)");
      }
      if (cms.getVersion() != 1
          && cms.getVersion() != 3
          && cms.getVersion() != 4
          && cms.getVersion() != 5) {
        return fail(
            "FORMAT", "SignedData version " + cms.getVersion() + " is not one RFC 5652 allows");
      }
      if (!CMSObjectIdentifiers.data.getId().equals(cms.getSignedContentTypeOID())
          || cms.getSignedContent() != null) {
        return fail("FORMAT", "not a detached signature over id-data");
      }
      Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        return fail("FORMAT", "the CMS holds " + signers.size() + " signers, expected exactly one");
      }
      SignerInformation si = signers.iterator().next();
      // RFC 5652 5.3: 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier. Either value is
      // accepted with either identifier (tools mix them up harmlessly); any other is malformed.
      if (si.getVersion() != 1 && si.getVersion() != 3) {
        return fail(
            "FORMAT", "SignerInfo version " + si.getVersion() + " is not one RFC 5652 allows");
      }
      String parameters =
          CmsSignatures.algorithmParametersProblem(
              si.toASN1Structure().getDigestAlgorithm(),
              si.toASN1Structure().getDigestEncryptionAlgorithm());
      if (parameters == null
          && !cms.getDigestAlgorithmIDs().stream().allMatch(CmsSignatures::absentOrNull)) {
        parameters = "a digest algorithm identifier has parameters RFC 5754 does not allow";
      }
      if (parameters != null) {
        return fail("FORMAT", parameters);
      }
      if (cms.getDigestAlgorithmIDs().stream()
          .noneMatch(a -> a.getAlgorithm().getId().equals(si.getDigestAlgOID()))) {
        return fail(
            "FORMAT",
            "the signer's digest algorithm is not among the SignedData's digestAlgorithms");
      }
      List<X509Certificate> certs = new ArrayList<>();
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
        certs.add(conv.getCertificate(h));
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(si.getSID());
      if (matches.size() != 1) {
        return fail("NO_SIGNER", "the signer certificate is not in the signature");
      }
      X509Certificate signer = conv.getCertificate(matches.iterator().next());
      DigestAlgorithm digest = DigestAlgorithm.fromOid(si.getDigestAlgOID()).orElse(null);
      if (digest == null) {
        return fail("FORMAT", "unknown digest algorithm " + si.getDigestAlgOID());
      }
      boolean weak = !digest.isAllowedForNewSignatures();
      AttributeTable signed = si.getSignedAttributes();
      if (signed == null) {
        return fail("FORMAT", "no signed attributes");
      }
      if (!CmsEncoding.signedAttributesAreDer(padded)) {
        return fail("FORMAT", "the signed attributes are not DER-encoded");
      }
      Attribute ct = signed.get(PKCSObjectIdentifiers.pkcs_9_at_contentType);
      Attribute md = signed.get(PKCSObjectIdentifiers.pkcs_9_at_messageDigest);
      if (ct == null || md == null || md.getAttrValues().size() != 1) {
        return fail("FORMAT", "content-type or message-digest signed attribute missing");
      }
      byte[] claimed = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets();
      if (!MessageDigest.isEqual(claimed, contentDigests.apply(digest))) {
        return fail("HASH", "the message digest does not match the signed byte ranges");
      }
      // Re-read with the byte-range digest so that Bouncy Castle checks the signature against it.
      SignerInformation withDigest =
          new CMSSignedData(Map.of(si.getDigestAlgOID(), contentDigests.apply(digest)), read)
              .getSignerInfos()
              .getSigners()
              .iterator()
              .next();
      if (!withDigest.verify(CmsSignatures.verifier(signer, BC))) {
        return fail("CRYPTO", "the signature value does not verify with the signer certificate");
      }
      CmsSignatures.Binding binding = CmsSignatures.binding(signed, signer);
      boolean bound = binding.bound();
      String note = binding.note();
      if (!bound && (requireSigningCertificateV2 || binding.present())) {
        return new Outcome(
            note,
            "SIGNING_CERTIFICATE",
            signer,
            certs,
            digest,
            si.getSignature(),
            false,
            note,
            Optional.empty(),
            weak);
      }
      Optional<byte[]> tst = Optional.empty();
      AttributeTable unsigned = si.getUnsignedAttributes();
      if (unsigned != null
          && unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null) {
        // The token as written, so that its own signed attributes are checked for DER.
        tst =
            Optional.ofNullable(
                CmsEncoding.unsignedAttributeValue(
                    padded, PKCSObjectIdentifiers.id_aa_signatureTimeStampToken.getId()));
      }
      return new Outcome(
          null, null, signer, certs, digest, si.getSignature(), bound, note, tst, weak);
    } catch (Exception e) {
      return fail(
          "FORMAT", "the CMS signature cannot be processed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Returns a /Contents value without its zero padding, measured by the container's length as
   * written (BER allowed), not by its DER re-encoding.
   *
   * @param padded the /Contents bytes
   * @return the container's bytes, or null when anything but zero bytes follows it
   * @throws IllegalArgumentException when the container is cut short or malformed
   */
  public static byte[] unpadded(byte[] padded) {
    int length = CmsEncoding.encodedLength(padded);
    // Compared with zeros a block at a time (vectorised): placeholders are mostly padding.
    for (int i = length; i < padded.length; i += ZEROS.length) {
      int n = Math.min(ZEROS.length, padded.length - i);
      if (Arrays.mismatch(padded, i, i + n, ZEROS, 0, n) >= 0) {
        return null;
      }
    }
    return Arrays.copyOf(padded, length);
  }

  /**
   * Checks the legacy {@code adbe.pkcs7.sha1} form: the CMS encapsulates the SHA-1 digest of the
   * byte ranges and signs that content.
   *
   * @param padded the /Contents bytes
   * @param sha1OfRanges the SHA-1 digest of the byte ranges
   * @return the outcome; {@code problem} is null when the signature holds (it is weak all the same)
   */
  public static Outcome checkSha1Form(byte[] padded, byte[] sha1OfRanges) {
    try (ASN1InputStream in =
        new ASN1InputStream(new ByteArrayInputStream(padded), padded.length)) {
      ASN1Primitive p = in.readObject();
      if (p == null) {
        return fail("FORMAT", "/Contents is empty");
      }
      CMSSignedData cms = new CMSSignedData(p.getEncoded(ASN1Encoding.DER));
      if (cms.getSignedContent() == null
          || !MessageDigest.isEqual((byte[]) cms.getSignedContent().getContent(), sha1OfRanges)) {
        return fail("HASH", "the encapsulated SHA-1 digest does not match the signed byte ranges");
      }
      Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        return fail("FORMAT", "the CMS holds " + signers.size() + " signers, expected exactly one");
      }
      SignerInformation si = signers.iterator().next();
      if (si.getVersion() != 1 && si.getVersion() != 3) {
        return fail(
            "FORMAT", "SignerInfo version " + si.getVersion() + " is not one RFC 5652 allows");
      }
      String parameters =
          CmsSignatures.algorithmParametersProblem(
              si.toASN1Structure().getDigestAlgorithm(),
              si.toASN1Structure().getDigestEncryptionAlgorithm());
      if (parameters == null
          && !cms.getDigestAlgorithmIDs().stream().allMatch(CmsSignatures::absentOrNull)) {
        parameters = "a digest algorithm identifier has parameters RFC 5754 does not allow";
      }
      if (parameters != null) {
        return fail("FORMAT", parameters);
      }
      if (!CmsEncoding.signedAttributesAreDer(padded)) {
        return fail("FORMAT", "the signed attributes are not DER-encoded");
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(si.getSID());
      if (matches.size() != 1) {
        return fail("NO_SIGNER", "the signer certificate is not in the signature");
      }
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      X509Certificate signer = conv.getCertificate(matches.iterator().next());
      List<X509Certificate> certs = new ArrayList<>();
      for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
        certs.add(conv.getCertificate(h));
      }
      if (!si.verify(CmsSignatures.verifier(signer, BC))) {
        return fail("CRYPTO", "the signature value does not verify with the signer certificate");
      }
      return new Outcome(
          null,
          null,
          signer,
          certs,
          DigestAlgorithm.SHA1,
          si.getSignature(),
          false,
          "adbe.pkcs7.sha1 has no signing-certificate binding",
          Optional.empty(),
          true);
    } catch (Exception e) {
      return fail(
          "FORMAT", "the CMS signature cannot be processed: " + e.getClass().getSimpleName());
    }
  }

  private static Outcome fail(String code, String problem) {
    return new Outcome(
        problem, code, null, List.of(), null, null, false, null, Optional.empty(), false);
  }
}
