package vn.kyso.cades.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cms.SignerInformation;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.shared.BaselineLevel;
import vn.kyso.api.shared.BouncyCastle;
import vn.kyso.api.shared.CmsEncoding;
import vn.kyso.api.shared.CmsSignatures;
import vn.kyso.api.shared.LongTermFindings;
import vn.kyso.api.shared.Verdicts;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;

/**
 * The steps of one CAdES signer (ETSI EN 319 102-1 over EN 319 122-1): the SignerInfo's structure
 * and DER signed attributes, content-type and message-digest against the content, the signature
 * value, the signing-certificate binding, the archive-time-stamps-v3 (newest first, each giving
 * proof of existence to what it covers), the signature time-stamps, the signer's path and
 * revocation at the best proven time with the material the signature carries, the level, and its
 * counter-signatures.
 */
public final class CadesCheck {
  // Passed to getInstance calls only; never registered with java.security.Security.
  private static final Provider BC = BouncyCastle.provider();

  private CadesCheck() {}

  /**
   * What the checks share for one signature file.
   *
   * @param raw the file's bytes as written
   * @param signedData the SignedData
   * @param signers its SignerInfos in order
   * @param bcSigners the same signers as Bouncy Castle reads them, with the content's digests
   * @param contentDigest the content's digest per algorithm, or null when the content is missing
   * @param material the certificates and revocation data carried
   * @param certificates the certificate verifier
   * @param scope how the covered content is described: key and arguments
   */
  public record Context(
      byte[] raw,
      SignedData signedData,
      List<SignerInfo> signers,
      List<SignerInformation> bcSigners,
      Function<DigestAlgorithm, byte[]> contentDigest,
      Material material,
      CertificateVerifier certificates,
      Object[] scope) {}

  /** A problem that ends the checks: the sub-indication and the finding's text. */
  private record Stop(SubIndication sub, String problem) {}

  /**
   * Verifies one signer and its counter-signatures.
   *
   * @param ctx the file
   * @param index the signer's position
   * @return the signer's result first, then one per counter-signature
   */
  public static List<SignatureResult> check(Context ctx, int index) {
    List<SignatureResult> out = new ArrayList<>();
    String id = "Signature" + (index + 1);
    SignatureResult.Builder r = SignatureResult.builder(id, SignatureFormat.CADES);
    CadesFindings.scope(
        r, (String) ctx.scope()[0], Arrays.copyOfRange(ctx.scope(), 1, ctx.scope().length));
    SignerInfo si = ctx.signers().get(index);
    Checked c;
    try {
      c = structure(ctx, index, si, r);
    } catch (RuntimeException | StackOverflowError e) {
      c =
          new Checked(
              null,
              null,
              new Stop(
                  SubIndication.FORMAT_FAILURE,
                  "the SignerInfo cannot be processed: " + e.getClass().getSimpleName()));
    }
    if (c.stop() != null) {
      if (c.signer() != null) {
        r.signingCertificate(c.signer());
      }
      r.notPassed(c.stop().sub())
          .finding(
              c.stop().sub() == SubIndication.SIGNED_DATA_NOT_FOUND
                  ? CadesFindings.of("CADES_CONTENT_MISSING", Severity.ERROR)
                  : CadesFindings.of("CADES_CMS_INVALID", Severity.ERROR, c.stop().problem()));
      out.add(r.build());
      return out;
    }
    SubIndication failure = c.failure();
    r.signingCertificate(c.signer());
    // Archive time-stamps, newest first: each gives proof of existence to what it covers.
    Instant archivePoe = null;
    boolean archived = false;
    List<Ats> archives = archives(ctx, si, r);
    archives.sort(
        Comparator.comparing(Ats::time, Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed());
    Instant newerPassed = null;
    List<TimestampResult> archiveResults = new ArrayList<>();
    for (Ats a : archives) {
      archived = true;
      SubIndication f = a.failure();
      if (f == null) {
        CertificateResult tsa = tsa(ctx, a.token(), newerPassed);
        r.findings(LongTermFindings.material(true, tsa));
        if (!tsa.isPassed()) {
          r.finding(
              CadesFindings.of("CADES_ARCHIVE_TIMESTAMP_INVALID", Severity.ERROR, untrusted(tsa)));
          f = tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE);
        }
      }
      archiveResults.add(
          TimestampResult.of(TimestampResult.Kind.ARCHIVE, "archive-time-stamp-v3", a.token(), f));
      if (f == null) {
        newerPassed =
            newerPassed == null || a.time().isBefore(newerPassed) ? a.time() : newerPassed;
        archivePoe = newerPassed;
      }
    }
    // Signature time-stamps.
    Instant best = null;
    boolean hasTimestamp = false;
    boolean timestampHeld = false;
    for (byte[] t : values(si, PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)) {
      hasTimestamp = true;
      TimestampToken token;
      try {
        token = TimestampToken.parse(t);
      } catch (DocumentException | RuntimeException e) {
        r.finding(CadesFindings.of("CADES_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
        failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
        continue;
      }
      byte[] value = si.getEncryptedDigest().getOctets();
      if (!token.covers(token.imprint().algorithm().digest(value))) {
        r.finding(CadesFindings.of("CADES_TIMESTAMP_IMPRINT", Severity.ERROR));
        r.timestamp(
            TimestampResult.of(
                TimestampResult.Kind.SIGNATURE, "", token, SubIndication.HASH_FAILURE));
        failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
        continue;
      }
      CertificateResult tsa = tsa(ctx, token, archivePoe);
      if (tsa.isPassed()) {
        r.findings(LongTermFindings.material(true, tsa));
        r.timestamp(TimestampResult.of(TimestampResult.Kind.SIGNATURE, "", token, null));
        timestampHeld = true;
        if (best == null || token.genTime().isBefore(best)) {
          best = token.genTime();
        }
      } else {
        r.finding(CadesFindings.of("CADES_TIMESTAMP_UNTRUSTED", Severity.ERROR, untrusted(tsa)));
        r.timestamp(
            TimestampResult.of(
                TimestampResult.Kind.SIGNATURE,
                "",
                token,
                tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE)));
        failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
      }
    }
    // The report lists the signature's own time-stamps, then the archive time-stamps, oldest first.
    archiveResults.sort(Comparator.comparing(TimestampResult::time));
    archiveResults.forEach(r::timestamp);
    boolean byArchive = false;
    if (archivePoe != null && (best == null || archivePoe.isBefore(best))) {
      best = archivePoe;
      byArchive = true;
    }
    if (best != null) {
      r.bestSignatureTime(best);
      r.finding(LongTermFindings.proofOfExistence(best, byArchive));
    }
    // The signer's certificate at the best proven time, with the carried material first.
    ValidationContext.Builder vc = ctx.material().context(List.of());
    if (best != null) {
      vc.at(best, true);
    }
    CertificateResult cert = ctx.certificates().verify(c.signer(), vc.build());
    r.certificateResult(cert).findings(cert.findings());
    r.findings(LongTermFindings.material(false, cert));
    if (!cert.isPassed()) {
      failure =
          Verdicts.worse(
              failure,
              cert.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE));
    }
    BaselineLevel level =
        BaselineLevel.of(
            true,
            hasTimestamp,
            timestampHeld,
            ctx.material().hasRevocationData(),
            cert,
            archived,
            archivePoe != null);
    r.level(level.level()).validationDataUsable(level.usable());
    out.add(failure == null ? r.passed().build() : r.notPassed(failure).build());
    counterSignatures(ctx, index, id, si, archivePoe, out);
    return out;
  }

  /** The outcome of the structural and cryptographic steps. */
  private record Checked(X509Certificate signer, SubIndication failure, Stop stop) {}

  private static Checked structure(
      Context ctx, int index, SignerInfo si, SignatureResult.Builder r) {
    SignedData sd = ctx.signedData();
    int sdVersion = CadesCms.version(sd.getVersion());
    if (sdVersion != 1 && sdVersion != 3 && sdVersion != 4 && sdVersion != 5) {
      return stop(
          SubIndication.FORMAT_FAILURE,
          "SignedData version " + sdVersion + " is not one RFC 5652 allows");
    }
    int version = CadesCms.version(si.getVersion());
    if (version != 1 && version != 3) {
      return stop(
          SubIndication.FORMAT_FAILURE,
          "SignerInfo version " + version + " is not one RFC 5652 allows");
    }
    String parameters =
        CmsSignatures.algorithmParametersProblem(
            si.getDigestAlgorithm(), si.getDigestEncryptionAlgorithm());
    if (parameters != null) {
      return stop(SubIndication.FORMAT_FAILURE, parameters);
    }
    String digestOid = si.getDigestAlgorithm().getAlgorithm().getId();
    DigestAlgorithm digest = DigestAlgorithm.fromOid(digestOid).orElse(null);
    if (digest == null) {
      return stop(SubIndication.FORMAT_FAILURE, "unknown digest algorithm " + digestOid);
    }
    boolean listed = false;
    for (ASN1Encodable a : sd.getDigestAlgorithms()) {
      org.bouncycastle.asn1.x509.AlgorithmIdentifier id =
          org.bouncycastle.asn1.x509.AlgorithmIdentifier.getInstance(a);
      if (!CmsSignatures.absentOrNull(id)) {
        return stop(
            SubIndication.FORMAT_FAILURE,
            "a digest algorithm identifier has parameters RFC 5754 does not allow");
      }
      listed |= id.getAlgorithm().getId().equals(digestOid);
    }
    if (!listed) {
      return stop(
          SubIndication.FORMAT_FAILURE,
          "the signer's digest algorithm is not among the SignedData's digestAlgorithms");
    }
    List<X509Certificate> matches = new ArrayList<>();
    for (X509Certificate c : ctx.material().certificates()) {
      if (identifies(si.getSID(), c) && matches.stream().noneMatch(m -> m.equals(c))) {
        matches.add(c);
      }
    }
    if (matches.size() != 1) {
      return stop(
          SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
          "the signer certificate is not in the signature");
    }
    X509Certificate signer = matches.get(0);
    if (si.getAuthenticatedAttributes() == null) {
      return new Checked(
          signer, null, new Stop(SubIndication.FORMAT_FAILURE, "no signed attributes"));
    }
    if (!CmsEncoding.signerInfoAttributesAreDer(CmsEncoding.rawSignerInfo(ctx.raw(), index))) {
      return new Checked(
          signer,
          null,
          new Stop(SubIndication.FORMAT_FAILURE, "the signed attributes are not DER-encoded"));
    }
    AttributeTable signed = new AttributeTable(si.getAuthenticatedAttributes());
    ASN1EncodableVector types = signed.getAll(PKCSObjectIdentifiers.pkcs_9_at_contentType);
    if (types.size() != 1
        || Attribute.getInstance(types.get(0)).getAttrValues().size() != 1
        || !sd.getEncapContentInfo()
            .getContentType()
            .equals(Attribute.getInstance(types.get(0)).getAttrValues().getObjectAt(0))) {
      return new Checked(
          signer,
          null,
          new Stop(
              SubIndication.FORMAT_FAILURE,
              "the content-type attribute is missing or does not match the content"));
    }
    byte[] claimed = CadesCms.octets(signed, PKCSObjectIdentifiers.pkcs_9_at_messageDigest);
    if (claimed == null) {
      return new Checked(
          signer,
          null,
          new Stop(
              SubIndication.FORMAT_FAILURE, "the message-digest attribute is missing or repeated"));
    }
    if (ctx.contentDigest() == null) {
      return new Checked(
          signer,
          null,
          new Stop(SubIndication.SIGNED_DATA_NOT_FOUND, "the signed content was not supplied"));
    }
    if (!MessageDigest.isEqual(claimed, ctx.contentDigest().apply(digest))) {
      return new Checked(
          signer,
          null,
          new Stop(SubIndication.HASH_FAILURE, "the message digest does not match the content"));
    }
    if (!verifies(ctx.bcSigners().get(index), signer)) {
      return new Checked(
          signer,
          null,
          new Stop(
              SubIndication.SIG_CRYPTO_FAILURE,
              "the signature value does not verify with the signer certificate"));
    }
    CmsSignatures.Binding binding = CmsSignatures.binding(signed, signer);
    if (!binding.bound()) {
      return new Checked(signer, null, new Stop(SubIndication.FORMAT_FAILURE, binding.note()));
    }
    if (binding.note() != null) {
      r.finding(
          CadesFindings.of(
              "CADES_SIGNING_CERTIFICATE_ATTRIBUTE", Severity.WARNING, binding.note()));
    }
    Instant claimedTime = CadesCms.signingTime(signed);
    if (claimedTime != null) {
      r.claimedSigningTime(claimedTime);
    } else {
      r.finding(CadesFindings.of("CADES_NO_SIGNING_TIME", Severity.WARNING));
    }
    SubIndication failure = null;
    if (!digest.isAllowedForNewSignatures()) {
      r.finding(CadesFindings.of("CADES_WEAK_DIGEST", Severity.ERROR, digest.jcaName()));
      failure = SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE;
    }
    return new Checked(signer, failure, null);
  }

  private static Checked stop(SubIndication sub, String problem) {
    return new Checked(null, null, new Stop(sub, problem));
  }

  private static boolean verifies(SignerInformation si, X509Certificate signer) {
    try {
      return si.verify(CmsSignatures.verifier(signer, BC));
    } catch (Exception e) {
      return false;
    }
  }

  /** An archive time-stamp as read: its token and time, or why it failed before its authority. */
  private record Ats(TimestampToken token, Instant time, SubIndication failure) {}

  private static List<Ats> archives(Context ctx, SignerInfo si, SignatureResult.Builder r) {
    List<Ats> out = new ArrayList<>();
    for (byte[] raw : values(si, CadesCms.ARCHIVE_TIMESTAMP_V3)) {
      TimestampToken token;
      try {
        token = TimestampToken.parse(raw);
      } catch (DocumentException | RuntimeException e) {
        r.finding(
            CadesFindings.of("CADES_ARCHIVE_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
        continue;
      }
      String problem;
      try {
        ASN1Sequence index = hashIndex(raw);
        if (index == null) {
          problem = "the time-stamp has no ats-hash-index-v3";
        } else {
          problem = ArchiveTimestamps.indexProblem(index, ctx.signedData(), si);
          DigestAlgorithm d = token.imprint().algorithm();
          if (problem == null && ctx.contentDigest() == null) {
            problem = "the signed content was not supplied";
          } else if (problem == null
              && !token.covers(
                  new Digest(
                      d,
                      ArchiveTimestamps.imprint(
                          ctx.signedData(), si, ctx.contentDigest().apply(d), index, d)))) {
            problem = "its message imprint does not match the signature and its validation data";
          }
        }
      } catch (RuntimeException e) {
        problem = "its ats-hash-index-v3 cannot be read";
      }
      if (problem != null) {
        r.finding(CadesFindings.of("CADES_ARCHIVE_TIMESTAMP_INVALID", Severity.ERROR, problem));
        out.add(new Ats(token, token.genTime(), SubIndication.HASH_FAILURE));
      } else {
        out.add(new Ats(token, token.genTime(), null));
      }
    }
    return out;
  }

  /** The ats-hash-index-v3 in a time-stamp token's unsigned attributes, or null. */
  private static ASN1Sequence hashIndex(byte[] token) {
    try {
      SignedData sd =
          SignedData.getInstance(
              ContentInfo.getInstance(ASN1Primitive.fromByteArray(token)).getContent());
      SignerInfo tsa = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
      if (tsa.getUnauthenticatedAttributes() == null) {
        return null;
      }
      Attribute a =
          new AttributeTable(tsa.getUnauthenticatedAttributes()).get(CadesCms.ATS_HASH_INDEX_V3);
      return a == null || a.getAttrValues().size() != 1
          ? null
          : ASN1Sequence.getInstance(a.getAttrValues().getObjectAt(0));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static CertificateResult tsa(Context ctx, TimestampToken token, Instant poe) {
    ValidationContext.Builder b =
        ctx.material().context(token.certificates()).purpose(CertificatePurpose.TIMESTAMPING);
    if (poe != null) {
      b.at(poe, true);
    }
    return ctx.certificates()
        .verify(token.tsaCertificate(), b.revocationFreshAt(token.genTime()).build());
  }

  private static String untrusted(CertificateResult r) {
    return r.findings().isEmpty() ? r.indication().name() : r.findings().get(0).messageEn();
  }

  private static void counterSignatures(
      Context ctx,
      int index,
      String parentId,
      SignerInfo parent,
      Instant poe,
      List<SignatureResult> out) {
    List<SignerInformation> counters;
    List<byte[]> raws;
    try {
      counters = new ArrayList<>(ctx.bcSigners().get(index).getCounterSignatures().getSigners());
      raws =
          CmsEncoding.unsignedAttributeValues(
              CmsEncoding.rawSignerInfo(ctx.raw(), index),
              PKCSObjectIdentifiers.pkcs_9_at_counterSignature.getId());
    } catch (RuntimeException e) {
      return;
    }
    for (int j = 0; j < counters.size(); j++) {
      SignerInformation c = counters.get(j);
      SignatureResult.Builder r =
          SignatureResult.builder(parentId + "-counter" + (j + 1), SignatureFormat.CADES);
      CadesFindings.scope(r, "COUNTER", parentId);
      String problem = null;
      SubIndication sub = SubIndication.FORMAT_FAILURE;
      X509Certificate signer = null;
      for (X509Certificate cert : ctx.material().certificates()) {
        if (identifies(c.toASN1Structure().getSID(), cert)) {
          signer = cert;
        }
      }
      AttributeTable signed = c.getSignedAttributes();
      if (signer == null) {
        problem = "the counter-signer's certificate is not in the signature";
        sub = SubIndication.NO_SIGNING_CERTIFICATE_FOUND;
      } else if (signed == null) {
        problem = "no signed attributes";
      } else if (j >= raws.size() || !CmsEncoding.signerInfoAttributesAreDer(raws.get(j))) {
        problem = "the signed attributes are not DER-encoded";
      } else if (CmsSignatures.algorithmParametersProblem(
              c.toASN1Structure().getDigestAlgorithm(),
              c.toASN1Structure().getDigestEncryptionAlgorithm())
          != null) {
        problem =
            CmsSignatures.algorithmParametersProblem(
                c.toASN1Structure().getDigestAlgorithm(),
                c.toASN1Structure().getDigestEncryptionAlgorithm());
      } else if (CadesCms.version(c.toASN1Structure().getVersion()) != 1
          && CadesCms.version(c.toASN1Structure().getVersion()) != 3) {
        problem = "SignerInfo version not one RFC 5652 allows";
      } else if (signed.get(PKCSObjectIdentifiers.pkcs_9_at_contentType) != null) {
        problem = "a counter-signature has a content-type attribute (RFC 5652, 11.1)";
      } else if (!verifies(c, signer)) {
        problem = "the counter-signature does not verify over the signature value it counter-signs";
        sub = SubIndication.SIG_CRYPTO_FAILURE;
      } else if (!CmsSignatures.binding(signed, signer).bound()) {
        problem = CmsSignatures.binding(signed, signer).note();
      }
      if (signer != null) {
        r.signingCertificate(signer);
      }
      if (problem != null) {
        out.add(
            r.notPassed(sub)
                .finding(CadesFindings.of("CADES_CMS_INVALID", Severity.ERROR, problem))
                .build());
        continue;
      }
      Instant claimed = CadesCms.signingTime(signed);
      if (claimed != null) {
        r.claimedSigningTime(claimed);
      }
      ValidationContext.Builder vc = ctx.material().context(List.of());
      if (poe != null) {
        vc.at(poe, true);
        r.bestSignatureTime(poe);
      }
      CertificateResult cert = ctx.certificates().verify(signer, vc.build());
      r.certificateResult(cert)
          .findings(cert.findings())
          .level(vn.kyso.api.validation.SignatureLevel.B_B);
      out.add(
          cert.isPassed()
              ? r.passed().build()
              : r.notPassed(
                      cert.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE))
                  .build());
    }
  }

  /**
   * Every value of an unsigned attribute type, as DER.
   *
   * @param si the signer
   * @param type the type
   * @return the values
   */
  public static List<byte[]> values(SignerInfo si, ASN1ObjectIdentifier type) {
    List<byte[]> out = new ArrayList<>();
    if (si.getUnauthenticatedAttributes() == null) {
      return out;
    }
    for (ASN1Encodable a :
        CadesCms.elements(new AttributeTable(si.getUnauthenticatedAttributes()).getAll(type))) {
      for (ASN1Encodable v : Attribute.getInstance(a).getAttrValues()) {
        out.add(CadesCms.der(v));
      }
    }
    return out;
  }

  /**
   * Whether a signer identifier names a certificate (issuer and serial number, or subject key
   * identifier).
   *
   * @param sid the identifier
   * @param c the certificate
   * @return whether it does
   */
  public static boolean identifies(SignerIdentifier sid, X509Certificate c) {
    try {
      ASN1Encodable id = sid.getId();
      if (id instanceof ASN1OctetString ski) {
        byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return ext != null
            && Arrays.equals(
                SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                    .getKeyIdentifier(),
                ski.getOctets());
      }
      IssuerAndSerialNumber is = IssuerAndSerialNumber.getInstance(id);
      BigInteger serial = is.getSerialNumber().getValue();
      return serial.equals(c.getSerialNumber())
          && X500Name.getInstance(c.getIssuerX500Principal().getEncoded()).equals(is.getName());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
