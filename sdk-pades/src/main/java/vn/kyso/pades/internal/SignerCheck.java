package vn.kyso.pades.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.shared.BaselineLevel;
import vn.kyso.api.shared.LongTermFindings;
import vn.kyso.api.shared.Verdicts;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;

/**
 * The signer's steps of one PDF signature, after its byte range passed: the digest and the CMS
 * signature with its signing-certificate binding, the signature time-stamp, the archive (document)
 * time-stamps over it, the signer's path and revocation at the best proven time (the document's DSS
 * material first), and the level: the structure's (B-B to B-LTA), and apart whether its validation
 * data held.
 */
public final class SignerCheck {
  private SignerCheck() {}

  /**
   * A document time-stamp as the signatures it covers see it.
   *
   * @param range its byte range
   * @param id its field name
   * @param time the time it attests, or null when its token could not be read
   * @param tsa its authority's certificate, or null
   * @param failure why it did not pass, or null when it passed
   */
  public record Archive(
      ByteRange range, String id, Instant time, X509Certificate tsa, SubIndication failure) {
    /**
     * @param revisionEnd a signed revision's end
     * @return whether this time-stamp covers that revision
     */
    public boolean covers(long revisionEnd) {
      return range != null && range.end() > revisionEnd;
    }

    /**
     * @return whether it passed and proves a time
     */
    public boolean proves() {
      return failure == null && time != null && range != null;
    }
  }

  /**
   * What the steps found.
   *
   * @param finished true when the CMS failed and nothing more can be checked
   * @param failure the worst reason so far, or null
   * @param best the best proven signing time, or null
   * @param signer the signing certificate, when found
   */
  public record Outcome(
      boolean finished, SubIndication failure, Instant best, X509Certificate signer) {}

  /**
   * Runs the steps, writing findings, time-stamps, certificate result and level into {@code r}.
   *
   * @param ctx the document
   * @param signature the signature dictionary
   * @param range its byte range, already checked
   * @param format the format its sub-filter names (not a document time-stamp)
   * @param archives the document's time-stamps, each once verified
   * @param r the result being built
   * @return what was found
   */
  public static Outcome check(
      DocumentContext ctx,
      COSDictionary signature,
      ByteRange range,
      SignatureFormat format,
      List<Archive> archives,
      SignatureResult.Builder r) {
    String subFilter = signature.getNameAsString(COSName.SUB_FILTER);
    long revisionEnd = range.end();
    // The earliest passed document time-stamp covering this revision: its proof of existence.
    Instant archivePoe = null;
    for (Archive a : archives) {
      if (a.proves()
          && a.covers(revisionEnd)
          && (archivePoe == null || a.time().isBefore(archivePoe))) {
        archivePoe = a.time();
      }
    }
    // 2. Digest and CMS.
    Map<DigestAlgorithm, byte[]> digests = new EnumMap<>(DigestAlgorithm.class);
    byte[] contents = ((COSString) signature.getDictionaryObject(COSName.CONTENTS)).getBytes();
    CmsCheck.Outcome cms =
        format == SignatureFormat.PDF_PKCS7_SHA1
            ? CmsCheck.checkSha1Form(contents, range.digest(ctx.bytes(), DigestAlgorithm.SHA1))
            : CmsCheck.check(
                contents,
                alg -> digests.computeIfAbsent(alg, a -> range.digest(ctx.bytes(), a)),
                format == SignatureFormat.PADES_BASELINE);
    if (format != SignatureFormat.PADES_BASELINE) {
      r.finding(PdfFindings.of("PDF_LEGACY_FORMAT", Severity.WARNING, subFilter));
    }
    if (cms.problem() != null) {
      SubIndication sub =
          switch (cms.problemCode()) {
            case "HASH" -> SubIndication.HASH_FAILURE;
            case "CRYPTO" -> SubIndication.SIG_CRYPTO_FAILURE;
            case "NO_SIGNER" -> SubIndication.NO_SIGNING_CERTIFICATE_FOUND;
            default -> SubIndication.FORMAT_FAILURE;
          };
      if (cms.signer() != null) {
        r.signingCertificate(cms.signer());
      }
      r.notPassed(sub).finding(PdfFindings.of("PDF_CMS_INVALID", Severity.ERROR, cms.problem()));
      return new Outcome(true, sub, null, cms.signer());
    }
    r.signingCertificate(cms.signer());
    if (cms.signingCertificateNote() != null) {
      r.finding(
          PdfFindings.of(
              "PDF_SIGNING_CERTIFICATE_ATTRIBUTE", Severity.WARNING, cms.signingCertificateNote()));
    }
    SubIndication failure = null;
    if (cms.weakAlgorithm()) {
      r.finding(
          format == SignatureFormat.PDF_PKCS7_SHA1
              ? PdfFindings.of("PDF_FORMAT_SHA1_WEAK", Severity.ERROR)
              : PdfFindings.of("PDF_WEAK_DIGEST", Severity.ERROR, cms.digest().jcaName()));
      failure = SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE;
    }
    // 3. Time-stamps: the signature's own, then the document time-stamps over it.
    Instant best = null;
    boolean timestampHeld = false;
    if (cms.timestampToken().isPresent()) {
      TimestampCheck.SignatureTimestamp tst =
          TimestampCheck.signatureTimestamp(
              ctx,
              cms.timestampToken().get(),
              cms.signatureValue(),
              cms.certificates(),
              archivePoe);
      r.findings(tst.findings());
      if (tst.result() != null) {
        r.timestamp(tst.result());
      }
      if (tst.failure() != null) {
        failure = Verdicts.worse(failure, tst.failure());
      }
      if (tst.proven() != null) {
        best = tst.proven();
        timestampHeld = true;
        r.bestSignatureTime(best);
      }
    }
    boolean archived = false;
    for (Archive a : archives) {
      if (a.covers(revisionEnd) && a.time() != null) {
        archived = true;
        r.timestamp(
            new TimestampResult(
                TimestampResult.Kind.ARCHIVE,
                a.id(),
                a.time(),
                a.tsa(),
                a.failure() == null ? Indication.TOTAL_PASSED : a.failure().indication(),
                a.failure()));
      }
    }
    boolean byDocumentTimestamp = false;
    if (archivePoe != null && (best == null || archivePoe.isBefore(best))) {
      best = archivePoe;
      byDocumentTimestamp = true;
      r.bestSignatureTime(best);
    }
    if (best != null) {
      r.finding(LongTermFindings.proofOfExistence(best, byDocumentTimestamp));
    }
    // 4. The signer's certificate at the best proven time, with the document's DSS material first.
    ValidationContext.Builder vc = ctx.dss().context().certificates(cms.certificates());
    if (best != null) {
      vc.at(best, true);
    }
    CertificateResult cert = ctx.certificates().verify(cms.signer(), vc.build());
    r.certificateResult(cert).findings(cert.findings());
    r.findings(LongTermFindings.material(false, cert));
    if (!cert.isPassed()) {
      failure =
          Verdicts.worse(
              failure,
              cert.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE));
    }
    // The level is the structure's; whether its validation data held is said apart.
    BaselineLevel baseline =
        BaselineLevel.of(
            format == SignatureFormat.PADES_BASELINE,
            cms.timestampToken().isPresent(),
            timestampHeld,
            ctx.dss().hasRevocationData(),
            cert,
            archived,
            archivePoe != null);
    r.level(baseline.level()).validationDataUsable(baseline.usable());
    return new Outcome(false, failure, best, cms.signer());
  }
}
