package vn.kyso.pades.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.shared.LongTermFindings;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;

/**
 * Checks the time-stamps of a PDF: a signature's own time-stamp (over its signature value) and a
 * document time-stamp (over a revision). A time-stamp's authority is judged as EN 319 102-1,
 * 5.6.2.4 says: at the proof of existence a later document time-stamp gives it, or now when none
 * does; in both cases its revocation material must speak for the time the time-stamp was made.
 */
public final class TimestampCheck {
  private TimestampCheck() {}

  /**
   * A signature time-stamp's outcome.
   *
   * @param result what the report shows, or null when the token could not be read
   * @param proven the time it proves, when it held
   * @param findings the findings for the signature
   * @param failure what it does to the signature, or null
   */
  public record SignatureTimestamp(
      TimestampResult result, Instant proven, List<Finding> findings, SubIndication failure) {}

  /**
   * A document time-stamp's outcome.
   *
   * @param indication the time-stamp's indication
   * @param failure why it did not pass, or null
   * @param time the attested time, when the token could be read
   * @param tsa the authority's certificate, when the token holds it
   * @param tsaResult the authority's validation, when it was done
   * @param findings what was found
   */
  public record DocumentTimestamp(
      Indication indication,
      SubIndication failure,
      Instant time,
      X509Certificate tsa,
      CertificateResult tsaResult,
      List<Finding> findings) {}

  /**
   * Checks a signature time-stamp token.
   *
   * @param ctx the document
   * @param token the token (the unsigned attribute's value)
   * @param signatureValue the signature value it must cover
   * @param certificates certificates the CMS carries
   * @param archivePoe the proof of existence a document time-stamp gives, or null
   * @return the outcome
   */
  public static SignatureTimestamp signatureTimestamp(
      DocumentContext ctx,
      byte[] token,
      byte[] signatureValue,
      List<X509Certificate> certificates,
      Instant archivePoe) {
    List<Finding> findings = new ArrayList<>();
    TimestampToken tst;
    try {
      tst = TimestampToken.parse(token);
    } catch (DocumentException e) {
      findings.add(PdfFindings.of("PDF_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
      return new SignatureTimestamp(null, null, findings, SubIndication.SIG_CONSTRAINTS_FAILURE);
    }
    if (!tst.covers(tst.imprint().algorithm().digest(signatureValue))) {
      findings.add(PdfFindings.of("PDF_TIMESTAMP_IMPRINT", Severity.ERROR));
      return new SignatureTimestamp(
          TimestampResult.of(TimestampResult.Kind.SIGNATURE, "", tst, SubIndication.HASH_FAILURE),
          null,
          findings,
          SubIndication.SIG_CONSTRAINTS_FAILURE);
    }
    CertificateResult tsa =
        ctx.certificates()
            .verify(
                tst.tsaCertificate(),
                underProofOfExistence(
                        ctx.dss()
                            .context()
                            .purpose(CertificatePurpose.TIMESTAMPING)
                            .certificates(certificates),
                        tst.genTime(),
                        archivePoe)
                    .build());
    if (tsa.isPassed()) {
      findings.addAll(LongTermFindings.material(true, tsa));
      return new SignatureTimestamp(
          TimestampResult.of(TimestampResult.Kind.SIGNATURE, "", tst, null),
          tst.genTime(),
          findings,
          null);
    }
    findings.add(
        PdfFindings.of(
            "PDF_TIMESTAMP_UNTRUSTED",
            Severity.ERROR,
            tsa.findings().isEmpty() ? tsa.indication() : tsa.findings().get(0).messageEn()));
    return new SignatureTimestamp(
        TimestampResult.of(
            TimestampResult.Kind.SIGNATURE,
            "",
            tst,
            tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE)),
        null,
        findings,
        SubIndication.SIG_CONSTRAINTS_FAILURE);
  }

  /**
   * Checks a document time-stamp (ETSI.RFC3161) over its byte range.
   *
   * @param ctx the document
   * @param signature the time-stamp's dictionary
   * @param range its byte range, already checked
   * @param proofOfExistence the proof of existence a later document time-stamp gives, or null
   * @return the outcome
   */
  public static DocumentTimestamp documentTimestamp(
      DocumentContext ctx, COSDictionary signature, ByteRange range, Instant proofOfExistence) {
    List<Finding> findings = new ArrayList<>();
    byte[] contents = ((COSString) signature.getDictionaryObject(COSName.CONTENTS)).getBytes();
    TimestampToken token;
    try {
      // As written (BER allowed outside the signed attributes, which must be DER), without the
      // padding.
      byte[] raw = CmsCheck.unpadded(contents);
      if (raw == null) {
        throw new IllegalArgumentException(
            "bytes other than zero padding follow the token in /Contents");
      }
      token = TimestampToken.parse(raw);
    } catch (DocumentException | RuntimeException e) {
      findings.add(PdfFindings.of("PDF_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
      return new DocumentTimestamp(
          Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE, null, null, null, findings);
    }
    DigestAlgorithm alg = token.imprint().algorithm();
    if (!token.covers(new Digest(alg, range.digest(ctx.bytes(), alg)))) {
      findings.add(PdfFindings.of("PDF_TIMESTAMP_IMPRINT", Severity.ERROR));
      return new DocumentTimestamp(
          Indication.TOTAL_FAILED,
          SubIndication.HASH_FAILURE,
          token.genTime(),
          token.tsaCertificate(),
          null,
          findings);
    }
    CertificateResult tsa =
        ctx.certificates()
            .verify(
                token.tsaCertificate(),
                underProofOfExistence(
                        ctx.dss()
                            .context()
                            .purpose(CertificatePurpose.TIMESTAMPING)
                            // A TSA of another hierarchy than the signer's brings its chain in
                            // the token; it helps build the path, and trust still needs an anchor.
                            .certificates(token.certificates()),
                        token.genTime(),
                        proofOfExistence)
                    .build());
    findings.addAll(tsa.findings());
    findings.addAll(LongTermFindings.material(true, tsa));
    if (proofOfExistence != null) {
      findings.add(LongTermFindings.proofOfExistence(proofOfExistence, true));
    }
    SubIndication failure =
        tsa.isPassed()
            ? null
            : tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE);
    return new DocumentTimestamp(
        failure == null ? Indication.TOTAL_PASSED : failure.indication(),
        failure,
        token.genTime(),
        token.tsaCertificate(),
        tsa,
        findings);
  }

  /**
   * How a time-stamp's TSA certificate is judged (EN 319 102-1, 5.6.2.4): at the proof of existence
   * a later document time-stamp gives it, or now when none does (the newest time-stamp); in both
   * cases the revocation material must speak for the time-stamp's own time, when it was made.
   */
  private static ValidationContext.Builder underProofOfExistence(
      ValidationContext.Builder context, Instant genTime, Instant proofOfExistence) {
    if (proofOfExistence != null) {
      context.at(proofOfExistence, true);
    }
    return context.revocationFreshAt(genTime);
  }
}
