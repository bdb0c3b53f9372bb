package vn.kyso.pades;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.shared.LongTermFindings;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.internal.BoundedDecode;
import vn.kyso.pades.internal.CmsCheck;
import vn.kyso.pades.internal.DecodeCeiling;
import vn.kyso.pades.internal.PdfLoad;
import vn.kyso.pades.internal.PdfUpdate;
import vn.kyso.pades.internal.RevisionDiff;
import vn.kyso.pades.internal.SignedBytes;

/**
 * Verifies every signature of a PDF. Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * PdfVerifier verifier = PdfVerifier.builder(
 *         CertificateVerifier.builder(TrustAnchors.governmentSpecialUse()).build())
 *     .build();
 * ValidationReport report = verifier.verify(Path.of("cong-van-den.pdf"));
 * }</pre>
 *
 * <p>Per signature: the byte range (starts at 0, leaves out exactly the {@code /Contents} hex
 * string, ends at the {@code %%EOF} of a revision, holds the signature dictionary), the digest, the
 * CMS signature, the signing-certificate binding, the signature time-stamp (imprint and TSA
 * certificate), the signer's path and revocation at the best proven time, and every change made
 * after the signed revision, compared object by object (see the security notes).
 *
 * <p><b>Security notes.</b> Structural defects fail the signature; they never make it "skipped". A
 * later revision that changes what the signed revision showed (page content, resources, fonts, the
 * page tree, catalog entries, annotations over content, read-only or locked fields) fails the
 * signature with the changed objects named, whatever signatures come after. Allowed later changes
 * are new signature fields and signatures, DSS material and document time-stamps, filling form
 * fields that are neither read-only nor locked (unless DocMDP P=1), and annotations that cover
 * nothing the signed page painted (without DocMDP, or with P=3). The legacy {@code adbe.pkcs7.sha1}
 * format is checked and reported as weak (INDETERMINATE, CRYPTO_CONSTRAINTS_FAILURE_NO_POE).
 *
 * @since 0.1
 */
public final class PdfVerifier {
  private static final String BUNDLE = "vn.kyso.pades.messages";

  private final CertificateVerifier certificates;
  private final Clock clock;
  private final ResourceLimits limits;

  private PdfVerifier(Builder b) {
    this.certificates = b.certificates;
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * Returns a builder; a verifier cannot exist without a certificate verifier (and its anchors).
   *
   * @param certificateVerifier validates signer and TSA certificates
   * @return the builder
   */
  public static Builder builder(CertificateVerifier certificateVerifier) {
    return new Builder(certificateVerifier);
  }

  /**
   * Verifies a PDF file.
   *
   * @param pdf the file; only read
   * @return one result per signature, and document findings
   * @throws DocumentException {@code MALFORMED_INPUT} when the file is not a readable PDF, {@code
   *     IO_ERROR} when it cannot be read
   */
  public ValidationReport verify(Path pdf) throws DocumentException {
    return verify(pdf, null);
  }

  /**
   * Verifies an encrypted PDF that needs a password to be opened (a PDF encrypted with an empty
   * user password, the usual case, needs none). The signatures cover the encrypted bytes, so the
   * password only lets the verifier read the document's structure; it is not kept.
   *
   * @param pdf the file; only read
   * @param password the user or owner password (copied; wipe yours), or null for none
   * @return one result per signature, and document findings
   * @throws DocumentException {@code DOCUMENT_ENCRYPTED} when the password is missing or wrong,
   *     {@code MALFORMED_INPUT} when the file is not a readable PDF, {@code IO_ERROR} when it
   *     cannot be read
   */
  public ValidationReport verify(Path pdf, char[] password) throws DocumentException {
    Objects.requireNonNull(pdf, "pdf");
    String secret = password == null ? "" : new String(password);
    ValidationReport.Builder report =
        ValidationReport.builder(String.valueOf(pdf.getFileName()), clock.instant());
    // PDFBox decodes streams whole while it parses: every decode on this thread stops at the limit.
    try (DecodeCeiling ceiling = DecodeCeiling.enter(limits.maxDecodedStreamBytes());
        SignedBytes bytes = new SignedBytes(pdf)) {
      // One pass over the file: the size and structure-stream limits, and the revisions' ends.
      List<Long> ends = bytes.checkedRevisionEnds(limits);
      try (PDDocument latest = PdfLoad.open(pdf, secret)) {
        int objects = latest.getDocument().getXrefTable().size();
        if (objects > limits.maxPdfObjects()) {
          throw new DocumentException(
              ErrorCode.LIMIT_EXCEEDED,
              null,
              "number of PDF objects (" + objects + ")",
              limits.maxPdfObjects());
        }
        Integer docMdp = PdfUpdate.docMdpOf(latest);
        List<PDSignature> sigs = signatures(latest);
        Dss dss = Dss.read(latest, limits.maxDecodedStreamBytes());
        // Document time-stamps first, newest first: each gives proof of existence to what it
        // covers, the older time-stamps among it (EN 319 102-1, 5.6.2.4 and the LTA process).
        List<SignatureResult> results = new ArrayList<>();
        List<long[]> timestamps = new ArrayList<>();
        for (int n = sigs.size(); n >= 1; n--) {
          PDSignature sig = sigs.get(n - 1);
          if (COSName.DOC_TIME_STAMP.equals(sig.getCOSObject().getCOSName(COSName.TYPE))
              || "ETSI.RFC3161".equals(sig.getCOSObject().getNameAsString(COSName.SUB_FILTER))) {
            SignatureResult t =
                verifySafely(
                    pdf, secret, bytes, latest, sig, n, ends, docMdp, dss, List.copyOf(timestamps));
            long[] br = byteRange(sig);
            if (t.isPassed() && br != null && t.bestSignatureTime().isPresent()) {
              timestamps.add(
                  new long[] {br[2] + br[3], t.bestSignatureTime().get().toEpochMilli()});
            }
          }
        }
        int n = 0;
        for (PDSignature sig : sigs) {
          n++;
          results.add(
              verifySafely(pdf, secret, bytes, latest, sig, n, ends, docMdp, dss, timestamps));
        }
        results.forEach(report::signature);
        if (!ends.isEmpty() && ends.get(ends.size() - 1) < bytes.size()) {
          byte[] tail =
              bytes.read(
                  ends.get(ends.size() - 1),
                  (int) Math.min(4096, bytes.size() - ends.get(ends.size() - 1)));
          if (!new String(tail, StandardCharsets.ISO_8859_1).isBlank()) {
            report.documentFinding(
                finding(
                    "PDF_TRAILING_BYTES",
                    Severity.WARNING,
                    bytes.size() - ends.get(ends.size() - 1)));
          }
        }
        if (sigs.isEmpty()) {
          report.documentFinding(finding("PDF_NO_SIGNATURE", Severity.INFO));
        }
      }
      // A stream past the limit that PDFBox caught and parsed around still fails the document.
      PdfLoad.requireWithinCeiling();
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, pdf);
    }
    return report.build();
  }

  private static List<PDSignature> signatures(PDDocument doc) {
    List<PDSignature> out = new ArrayList<>();
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return out;
    }
    for (PDField f : form.getFieldTree()) {
      if (f instanceof PDSignatureField s && s.getSignature() != null) {
        out.add(s.getSignature());
      }
    }
    return out;
  }

  /** A structure PDFBox cannot follow fails the signature; it never escapes as an exception. */
  private SignatureResult verifySafely(
      Path pdf,
      String secret,
      SignedBytes bytes,
      PDDocument latest,
      PDSignature sig,
      int index,
      List<Long> ends,
      Integer docMdp,
      Dss dss,
      List<long[]> documentTimestamps)
      throws IOException {
    try {
      return verifyOne(
          pdf, secret, bytes, latest, sig, index, ends, docMdp, dss, documentTimestamps);
    } catch (RuntimeException | StackOverflowError e) {
      return SignatureResult.builder("Signature" + index, SignatureFormat.PDF_PKCS7_DETACHED)
          .notPassed(SubIndication.FORMAT_FAILURE)
          .finding(
              finding(
                  "PDF_CMS_INVALID",
                  Severity.ERROR,
                  "damaged structure: " + e.getClass().getSimpleName()))
          .build();
    }
  }

  private SignatureResult verifyOne(
      Path pdf,
      String secret,
      SignedBytes bytes,
      PDDocument latest,
      PDSignature sig,
      int index,
      List<Long> ends,
      Integer docMdp,
      Dss dss,
      List<long[]> documentTimestamps)
      throws IOException {
    String id = fieldName(latest, sig).orElse("Signature" + index);
    String subFilter = sig.getCOSObject().getNameAsString(COSName.SUB_FILTER);
    SignatureFormat format = formatOf(subFilter);
    SignatureResult.Builder r =
        SignatureResult.builder(id, format == null ? SignatureFormat.PDF_PKCS7_DETACHED : format);
    if (sig.getSignDate() != null) {
      r.claimedSigningTime(sig.getSignDate().toInstant());
    }
    if (format == null) {
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("PDF_SUBFILTER_UNSUPPORTED", Severity.ERROR, String.valueOf(subFilter)))
          .build();
    }
    // 1. Byte range: the structure that signature wrapping and universal forgery attack.
    long[] br = byteRange(sig);
    String brProblem = checkByteRange(br, bytes, sig, latest, ends);
    if (brProblem != null) {
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("PDF_BYTE_RANGE_INVALID", Severity.ERROR, brProblem))
          .build();
    }
    long revisionEnd = br[2] + br[3];
    int revision = ends.indexOf(revisionEnd) + 1;
    r.scopeFromBundle(
        BUNDLE,
        PdfVerifier.class,
        revisionEnd == bytes.size() ? "REVISION_WHOLE" : "REVISION",
        String.valueOf(revision),
        String.valueOf(ends.size()),
        String.valueOf(revisionEnd),
        String.valueOf(bytes.size()));
    // The earliest passed document time-stamp covering this revision: its proof of existence.
    Instant archivePoe = proofOfExistence(documentTimestamps, revisionEnd);
    if (format == SignatureFormat.PDF_DOCUMENT_TIMESTAMP) {
      return verifyDocumentTimestamp(
          pdf, secret, bytes, latest, sig, br, r, docMdp, dss, archivePoe);
    }
    // 2. Digest and CMS.
    Map<DigestAlgorithm, byte[]> digests = new EnumMap<>(DigestAlgorithm.class);
    byte[] contents =
        ((COSString) sig.getCOSObject().getDictionaryObject(COSName.CONTENTS)).getBytes();
    CmsCheck.Outcome cms =
        format == SignatureFormat.PDF_PKCS7_SHA1
            ? CmsCheck.checkSha1Form(contents, digest(bytes, DigestAlgorithm.SHA1, br))
            : CmsCheck.check(
                contents,
                alg -> digests.computeIfAbsent(alg, a -> digest(bytes, a, br)),
                format == SignatureFormat.PADES_BASELINE);
    if (format != SignatureFormat.PADES_BASELINE) {
      r.finding(finding("PDF_LEGACY_FORMAT", Severity.WARNING, subFilter));
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
      return r.notPassed(sub)
          .finding(finding("PDF_CMS_INVALID", Severity.ERROR, cms.problem()))
          .build();
    }
    r.signingCertificate(cms.signer());
    if (cms.signingCertificateNote() != null) {
      r.finding(
          finding(
              "PDF_SIGNING_CERTIFICATE_ATTRIBUTE", Severity.WARNING, cms.signingCertificateNote()));
    }
    SubIndication failure = null;
    if (cms.weakAlgorithm()) {
      r.finding(
          format == SignatureFormat.PDF_PKCS7_SHA1
              ? finding("PDF_FORMAT_SHA1_WEAK", Severity.ERROR)
              : finding("PDF_WEAK_DIGEST", Severity.ERROR, cms.digest().jcaName()));
      failure = SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE;
    }
    // 3. Signature time-stamp: proof of existence.
    Instant best = null;
    SignatureLevel level =
        format == SignatureFormat.PADES_BASELINE ? SignatureLevel.B_B : SignatureLevel.NONE;
    if (cms.timestampToken().isPresent()) {
      try {
        TimestampToken tst = TimestampToken.parse(cms.timestampToken().get());
        if (!tst.covers(tst.imprint().algorithm().digest(cms.signatureValue()))) {
          r.finding(finding("PDF_TIMESTAMP_IMPRINT", Severity.ERROR));
          failure = worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
        } else {
          CertificateResult tsa =
              certificates.verify(
                  tst.tsaCertificate(),
                  underProofOfExistence(
                          dss.context()
                              .purpose(CertificatePurpose.TIMESTAMPING)
                              .certificates(cms.certificates()),
                          tst.genTime(),
                          archivePoe)
                      .build());
          if (tsa.isPassed()) {
            r.findings(LongTermFindings.material(true, tsa));
            best = tst.genTime();
            if (level == SignatureLevel.B_B) {
              level = SignatureLevel.B_T;
            }
            r.bestSignatureTime(best);
          } else {
            r.finding(
                finding(
                    "PDF_TIMESTAMP_UNTRUSTED",
                    Severity.ERROR,
                    tsa.findings().isEmpty()
                        ? tsa.indication()
                        : tsa.findings().get(0).messageEn()));
            failure = worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
          }
        }
      } catch (DocumentException e) {
        r.finding(finding("PDF_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
        failure = worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
      }
    }
    boolean archived = archivePoe != null;
    boolean byDocumentTimestamp = false;
    if (archived && (best == null || archivePoe.toEpochMilli() < best.toEpochMilli())) {
      best = archivePoe;
      byDocumentTimestamp = true;
      r.bestSignatureTime(best);
    }
    if (best != null) {
      r.finding(LongTermFindings.proofOfExistence(best, byDocumentTimestamp));
    }
    // 4. The signer's certificate at the best proven time, with the document's DSS material first.
    ValidationContext.Builder ctx = dss.context().certificates(cms.certificates());
    if (best != null) {
      ctx.at(best, true);
    }
    CertificateResult cert = certificates.verify(cms.signer(), ctx.build());
    r.certificateResult(cert).findings(cert.findings());
    r.findings(LongTermFindings.material(false, cert));
    if (!cert.isPassed()) {
      failure =
          worse(
              failure,
              cert.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE));
    } else if (level == SignatureLevel.B_T
        && !cert.revocation().isEmpty()
        && cert.revocation().stream()
            .allMatch(e -> e.origin() == RevocationEvidence.Origin.EMBEDDED)) {
      level = archived ? SignatureLevel.B_LTA : SignatureLevel.B_LT;
    }
    r.level(level);
    // 5. What changed after the signed revision: every later update must be a clean revision
    //    (a cross-reference section that a strict parser follows), and nothing may follow the last.
    long previous = revisionEnd;
    for (long end : ends) {
      if (end > revisionEnd) {
        if (!bytes.isCleanRevision(previous, end)) {
          r.finding(finding("PDF_UNCLEAN_REVISION", Severity.ERROR, previous, end));
          failure = worse(failure, SubIndication.HASH_FAILURE);
        }
        previous = end;
      }
    }
    if (previous < bytes.size()
        && !new String(
                bytes.read(previous, (int) Math.min(4096, bytes.size() - previous)),
                StandardCharsets.ISO_8859_1)
            .isBlank()) {
      r.finding(finding("PDF_UNCLEAN_REVISION", Severity.ERROR, previous, bytes.size()));
      failure = worse(failure, SubIndication.HASH_FAILURE);
    }
    if (revisionEnd < bytes.size()) {
      RevisionDiff.Result diff = compareRevisions(pdf, secret, revisionEnd, latest, docMdp);
      if (diff == null) {
        r.finding(finding("PDF_REVISION_UNREADABLE", Severity.ERROR, revision));
        failure = worse(failure, SubIndication.FORMAT_FAILURE);
      } else {
        List<RevisionDiff.Change> bad = diff.disallowed();
        if (!bad.isEmpty()) {
          StringBuilder names = new StringBuilder();
          for (int i = 0; i < bad.size() && i < 10; i++) {
            names
                .append(i == 0 ? "" : "; ")
                .append(bad.get(i).object())
                .append(" (")
                .append(bad.get(i).what())
                .append(')');
          }
          r.finding(finding("PDF_DISALLOWED_CHANGE", Severity.ERROR, bad.size(), names));
          failure = worse(failure, SubIndication.HASH_FAILURE);
        } else {
          r.finding(finding("PDF_ALLOWED_CHANGES", Severity.INFO, diff.changes().size()));
        }
      }
    }
    // 6. The visible appearance against the national format: findings only, never the indication.
    Instant shown =
        best != null ? best : sig.getSignDate() == null ? null : sig.getSignDate().toInstant();
    r.findings(
        AppearanceCheck.check(
            latest,
            sig,
            cms.signer() == null ? null : SignerIdentity.from(cms.signer()),
            shown,
            best != null,
            limits));
    return failure == null ? r.passed().build() : r.notPassed(failure).build();
  }

  private SignatureResult verifyDocumentTimestamp(
      Path pdf,
      String secret,
      SignedBytes bytes,
      PDDocument latest,
      PDSignature sig,
      long[] br,
      SignatureResult.Builder r,
      Integer docMdp,
      Dss dss,
      Instant proofOfExistence)
      throws IOException {
    byte[] contents =
        ((COSString) sig.getCOSObject().getDictionaryObject(COSName.CONTENTS)).getBytes();
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
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("PDF_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()))
          .build();
    }
    r.signingCertificate(token.tsaCertificate());
    DigestAlgorithm alg = token.imprint().algorithm();
    if (!token.covers(new Digest(alg, digest(bytes, alg, br)))) {
      return r.notPassed(SubIndication.HASH_FAILURE)
          .finding(finding("PDF_TIMESTAMP_IMPRINT", Severity.ERROR))
          .build();
    }
    r.bestSignatureTime(token.genTime());
    CertificateResult tsa =
        certificates.verify(
            token.tsaCertificate(),
            underProofOfExistence(
                    dss.context().purpose(CertificatePurpose.TIMESTAMPING),
                    token.genTime(),
                    proofOfExistence)
                .build());
    r.certificateResult(tsa).findings(tsa.findings());
    r.findings(LongTermFindings.material(true, tsa));
    if (proofOfExistence != null) {
      r.finding(LongTermFindings.proofOfExistence(proofOfExistence, true));
    }
    SubIndication failure =
        tsa.isPassed()
            ? null
            : tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE);
    long end = br[2] + br[3];
    if (end < bytes.size()) {
      RevisionDiff.Result diff = compareRevisions(pdf, secret, end, latest, docMdp);
      if (diff == null || !diff.disallowed().isEmpty()) {
        r.finding(
            finding(
                "PDF_DISALLOWED_CHANGE",
                Severity.ERROR,
                diff == null ? 1 : diff.disallowed().size(),
                diff == null
                    ? "unreadable revision"
                    : diff.disallowed().get(0).object()
                        + " ("
                        + diff.disallowed().get(0).what()
                        + ")"));
        failure = worse(failure, SubIndication.HASH_FAILURE);
      }
    }
    return failure == null ? r.passed().build() : r.notPassed(failure).build();
  }

  /** The validation material of the document's DSS dictionary. */
  private record Dss(List<X509Certificate> certificates, List<byte[]> ocsps, List<byte[]> crls) {
    static Dss read(PDDocument doc, long limit) {
      List<X509Certificate> certs = new ArrayList<>();
      List<byte[]> ocsps = new ArrayList<>();
      List<byte[]> crls = new ArrayList<>();
      COSDictionary dss =
          doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
      if (dss != null) {
        for (byte[] b : streams(dss.getCOSArray(COSName.getPDFName("Certs")), limit)) {
          try {
            certs.add(Certificates.parseOne(b));
          } catch (DocumentException e) {
            // a damaged certificate in the DSS is not used
          }
        }
        ocsps.addAll(streams(dss.getCOSArray(COSName.getPDFName("OCSPs")), limit));
        crls.addAll(streams(dss.getCOSArray(COSName.getPDFName("CRLs")), limit));
      }
      return new Dss(certs, ocsps, crls);
    }

    private static List<byte[]> streams(COSArray a, long limit) {
      List<byte[]> out = new ArrayList<>();
      if (a != null) {
        for (int i = 0; i < a.size() && i < 1000; i++) {
          COSBase b = a.getObject(i);
          if (b instanceof COSStream s) {
            try {
              out.add(BoundedDecode.decode(s, limit));
            } catch (IOException | RuntimeException e) {
              // an unreadable or over-large stream is not used
            }
          }
        }
      }
      return out;
    }

    ValidationContext.Builder context() {
      ValidationContext.Builder b = ValidationContext.builder().certificates(certificates);
      ocsps.forEach(b::ocspResponse);
      crls.forEach(b::crl);
      return b;
    }
  }

  /**
   * The earliest passed document time-stamp that covers a revision: the proof of existence of what
   * the revision holds; null when none covers it.
   */
  private static Instant proofOfExistence(List<long[]> documentTimestamps, long revisionEnd) {
    Instant best = null;
    for (long[] ts : documentTimestamps) {
      if (ts[0] > revisionEnd && (best == null || ts[1] < best.toEpochMilli())) {
        best = Instant.ofEpochMilli(ts[1]);
      }
    }
    return best;
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

  private static SubIndication worse(SubIndication current, SubIndication candidate) {
    if (current == null) {
      return candidate;
    }
    // The first reason stands unless a later one is a failure and the first only indeterminate.
    return candidate.indication() == Indication.TOTAL_FAILED
            && current.indication() != Indication.TOTAL_FAILED
        ? candidate
        : current;
  }

  private static RevisionDiff.Result compareRevisions(
      Path pdf, String secret, long revisionEnd, PDDocument latest, Integer docMdp) {
    Path temp = null;
    try {
      temp = Files.createTempFile("kyso-revision", ".pdf");
      try (FileChannel in = FileChannel.open(pdf, StandardOpenOption.READ);
          FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        long done = 0;
        while (done < revisionEnd) {
          done += in.transferTo(done, revisionEnd - done, out);
        }
      }
      try (PDDocument signed = PdfLoad.open(temp, secret)) {
        return RevisionDiff.compare(signed, latest, docMdp);
      }
    } catch (DocumentException | IOException | RuntimeException e) {
      return null;
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // temporary copy of a revision; removed on a best-effort basis
        }
      }
    }
  }

  private static byte[] digest(SignedBytes bytes, DigestAlgorithm alg, long[] br) {
    try {
      MessageDigest md = alg.newMessageDigest();
      bytes.digest(md, br[0], br[1]);
      bytes.digest(md, br[2], br[3]);
      return md.digest();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static long[] byteRange(PDSignature sig) {
    COSBase b = sig.getCOSObject().getDictionaryObject(COSName.BYTERANGE);
    if (!(b instanceof COSArray a) || a.size() != 4) {
      return null;
    }
    long[] out = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!(a.getObject(i) instanceof COSInteger n)) {
        return null;
      }
      out[i] = n.longValue();
    }
    return out;
  }

  private static String checkByteRange(
      long[] br, SignedBytes bytes, PDSignature sig, PDDocument doc, List<Long> ends)
      throws IOException {
    if (br == null) {
      return "/ByteRange is missing or not four integers";
    }
    if (br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0 || br[2] + br[3] > bytes.size()) {
      return "/ByteRange "
          + Arrays.toString(br)
          + " is out of bounds for "
          + bytes.size()
          + " bytes";
    }
    COSBase contents = sig.getCOSObject().getDictionaryObject(COSName.CONTENTS);
    if (!(contents instanceof COSString cs) || cs.getBytes().length == 0) {
      return "/Contents is missing or empty";
    }
    long gap = br[2] - br[1];
    if (gap != cs.getBytes().length * 2L + 2 || gap > 16L * 1024 * 1024) {
      return "the gap between the ranges is not exactly the /Contents hex string";
    }
    byte[] g = bytes.read(br[1], (int) gap);
    if (g.length != gap || g[0] != '<' || g[g.length - 1] != '>') {
      return "the gap between the ranges is not exactly the /Contents hex string";
    }
    byte[] raw = cs.getBytes();
    for (int i = 1; i < g.length - 1; i++) {
      int v = Character.digit(g[i], 16);
      if (v < 0) {
        return "the gap holds something other than hexadecimal digits";
      }
      int expected = i % 2 == 1 ? (raw[(i - 1) / 2] >> 4) & 0xF : raw[(i - 1) / 2] & 0xF;
      if (v != expected) {
        return "the gap is not the /Contents of this signature dictionary";
      }
    }
    if (!ends.contains(br[2] + br[3])) {
      return "the signed bytes do not end at the end of a revision (%%EOF)";
    }
    COSObjectKey key = sig.getCOSObject().getKey();
    Long offset = key == null ? null : doc.getDocument().getXrefTable().get(key);
    if (offset != null && offset >= 0 && offset >= br[1] && offset < br[2]) {
      return "the signature dictionary lies in the unsigned gap";
    }
    if (offset != null && offset >= br[2] + br[3]) {
      return "the signature dictionary lies after the signed revision";
    }
    if (offset != null && offset >= 0) {
      // A parser keeps one of two equal keys; which one differs between readers (wrapping attack).
      String object =
          new String(
              bytes.read(offset, (int) Math.min(gap + 8192, 1 << 20)), StandardCharsets.ISO_8859_1);
      int end = object.indexOf("endobj");
      object = end < 0 ? object : object.substring(0, end);
      // Keys that never occur in nested dictionaries (a certification /Reference has its own
      // /Type).
      for (String name : new String[] {"/ByteRange", "/Contents", "/SubFilter"}) {
        if (Pattern.compile(Pattern.quote(name) + "(?![A-Za-z0-9])")
                .matcher(object)
                .results()
                .count()
            > 1) {
          return "the signature dictionary has the key " + name + " more than once";
        }
      }
    }
    return null;
  }

  private static Optional<String> fieldName(PDDocument doc, PDSignature sig) {
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form != null) {
      for (PDField f : form.getFieldTree()) {
        if (f instanceof PDSignatureField s
            && s.getSignature() != null
            && s.getSignature().getCOSObject() == sig.getCOSObject()) {
          return Optional.ofNullable(f.getFullyQualifiedName());
        }
      }
    }
    return Optional.empty();
  }

  private static SignatureFormat formatOf(String subFilter) {
    if (subFilter == null) {
      return null;
    }
    return switch (subFilter) {
      case "ETSI.CAdES.detached" -> SignatureFormat.PADES_BASELINE;
      case "adbe.pkcs7.detached" -> SignatureFormat.PDF_PKCS7_DETACHED;
      case "adbe.pkcs7.sha1" -> SignatureFormat.PDF_PKCS7_SHA1;
      case "ETSI.RFC3161" -> SignatureFormat.PDF_DOCUMENT_TIMESTAMP;
      default -> null;
    };
  }

  private static Finding finding(String code, Severity severity, Object... args) {
    return Finding.fromBundle(BUNDLE, PdfVerifier.class, code, severity, args);
  }

  /** Builds a {@link PdfVerifier}. */
  public static final class Builder {
    private final CertificateVerifier certificates;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder(CertificateVerifier certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificateVerifier");
    }

    /**
     * Sets the clock of the report's validation time.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets how much of an untrusted PDF the verifier reads and decompresses (file size, number of
     * objects, nesting of forms in an appearance, bytes out of one decompressed stream). Past a
     * limit, verification ends with {@code INPUT_TOO_LARGE} or {@code LIMIT_EXCEEDED}, or the
     * over-large stream is not used.
     *
     * @param value the limits; {@link ResourceLimits#defaults()} unless set
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the verifier
     */
    public PdfVerifier build() {
      return new PdfVerifier(this);
    }
  }
}
