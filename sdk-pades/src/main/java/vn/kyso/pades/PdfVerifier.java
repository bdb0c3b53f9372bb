package vn.kyso.pades;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.shared.Verdicts;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.internal.ByteRange;
import vn.kyso.pades.internal.ByteRangeCheck;
import vn.kyso.pades.internal.DecodeCeiling;
import vn.kyso.pades.internal.DocumentContext;
import vn.kyso.pades.internal.PdfFindings;
import vn.kyso.pades.internal.PdfLoad;
import vn.kyso.pades.internal.RevisionChanges;
import vn.kyso.pades.internal.SignedBytes;
import vn.kyso.pades.internal.SignerCheck;
import vn.kyso.pades.internal.TimestampCheck;
import vn.kyso.pades.internal.WarmUp;

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
 * <p>The steps, each done once per document or per signature (in {@code vn.kyso.pades.internal}):
 * the byte range (starts at 0, leaves out exactly the {@code /Contents} hex string, ends at the
 * {@code %%EOF} of a revision, holds the signature dictionary); the digest and the CMS signature
 * with its signing-certificate binding; the time-stamps (the signature's own, over its value, and
 * the document time-stamps, newest first, each giving proof of existence to what it covers); the
 * signer's path and revocation at the best proven time; the changes made after the signed revision,
 * compared object by object once per revision; and the visible appearance.
 *
 * <p>The report lists signatures and document time-stamps apart ({@link
 * ValidationReport#documentTimestamps()}); each signature carries its signature and archive
 * time-stamps, its structural level (B-B to B-LTA) and whether that level's validation data was
 * usable. A signature dictionary that two fields reference is one signature, with the finding
 * {@code PDF_SIGNATURE_SHARED}.
 *
 * <p><b>Security notes.</b> Structural defects fail the signature; they never make it "skipped".
 * {@code HASH_FAILURE} means the signed bytes do not match, nothing else. A later revision that
 * changes what the signed revision showed or did (page content, content resources, fonts, the page
 * tree, page boxes, actions and scripts, optional content, destinations, structure over signed
 * content, annotations over content, read-only or locked fields) fails the signature with {@code
 * DISALLOWED_CHANGE} and the finding {@code PDF_DISALLOWED_CHANGE} naming the revision and the
 * objects, on the signature and on the document, whatever signatures come after. Later changes
 * honest tools make on every signing are allowed and named in an INFO finding ({@code
 * PDF_ALLOWED_CHANGES}): new signature fields, widgets and appearances, regenerated appearances of
 * signature widgets, page resources added for them, DSS material and document time-stamps, the
 * document information and XMP metadata, structure added for new annotations, added destinations,
 * embedded files (without certification or with P=3), filling form fields that are neither
 * read-only nor locked (unless DocMDP P=1), and annotations that cover nothing the signed page
 * painted (without DocMDP, or with P=3). The legacy {@code adbe.pkcs7.sha1} format is checked and
 * reported as weak (INDETERMINATE, CRYPTO_CONSTRAINTS_FAILURE_NO_POE).
 *
 * @since 0.1
 */
public final class PdfVerifier {
  private final CertificateVerifier certificates;
  private final Clock clock;
  private final ResourceLimits limits;
  private final Executor digestExecutor;

  private PdfVerifier(Builder b) {
    this.certificates = b.certificates;
    this.clock = b.clock;
    this.limits = b.limits;
    this.digestExecutor = b.digestExecutor;
  }

  /**
   * Does now, on the calling thread, the one-time work that the first verification in a JVM
   * otherwise does in the middle of its document: Bouncy Castle's algorithm tables, the JDK's
   * security services, and PDFBox's glyph list and two-byte CMap strings (about 160 ms together in
   * a fresh JVM with the quick compiler, by hand; under 1 ms once done). It reads no document and
   * changes no setting; calling it again, or from several threads, is harmless. A server can call
   * it at start-up so that its first request is not the slow one; the {@code kyso} command line
   * runs it on a second thread while it reads its arguments. A step that fails is skipped: the
   * verification then reports the problem.
   */
  public static void warmUp() {
    WarmUp.run();
  }

  /**
   * The steps of {@link #warmUp}, to share among threads: each builds one library's tables, and any
   * of them may run at the same time as the others. Running each once, on any threads, is the same
   * as {@link #warmUp}; a step never throws. The {@code kyso} command line starts them on a second
   * thread, and its command thread, once it has read its arguments, takes those not yet started.
   *
   * @return the steps, longest first
   */
  public static List<Runnable> warmUpSteps() {
    return WarmUp.steps();
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
   * @return one result per signature and per document time-stamp, and document findings
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
   * @return one result per signature and per document time-stamp, and document findings
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
      List<Long> ends = bytes.checkedRevisionEnds(limits, digestExecutor);
      try (PDDocument latest = PdfLoad.open(pdf, secret)) {
        int objects = latest.getDocument().getXrefTable().size();
        if (objects > limits.maxPdfObjects()) {
          throw new DocumentException(
              ErrorCode.LIMIT_EXCEEDED,
              null,
              "number of PDF objects (" + objects + ")",
              limits.maxPdfObjects());
        }
        DocumentContext ctx =
            new DocumentContext(pdf, secret, bytes, latest, ends, limits, certificates);
        verifyAll(ctx, report);
      }
      // A stream past the limit that PDFBox caught and parsed around still fails the document.
      PdfLoad.requireWithinCeiling();
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, pdf);
    }
    return report.build();
  }

  /** One signature dictionary with the fields that reference it, in document order. */
  private record Entry(int index, COSDictionary signature, List<String> fields) {
    String id() {
      return fields.isEmpty() || fields.get(0) == null ? "Signature" + index : fields.get(0);
    }

    boolean isDocumentTimestamp() {
      return COSName.DOC_TIME_STAMP.equals(signature.getCOSName(COSName.TYPE))
          || "ETSI.RFC3161".equals(signature.getNameAsString(COSName.SUB_FILTER));
    }
  }

  /** A document time-stamp's verdict and what the signatures it covers need from it. */
  private record Archive(
      ByteRange range, SignatureResult result, Instant time, X509Certificate tsa) {
    boolean covers(long revisionEnd) {
      return range != null && range.end() > revisionEnd;
    }

    SignerCheck.Archive view() {
      return new SignerCheck.Archive(
          range, result.id(), time, tsa, result.subIndication().orElse(null));
    }
  }

  private void verifyAll(DocumentContext ctx, ValidationReport.Builder report) throws IOException {
    List<Entry> entries = entries(ctx.latest());
    // Document time-stamps first, newest first: each gives proof of existence to what it covers,
    // the older time-stamps among it (EN 319 102-1, 5.6.2.4 and the LTA process).
    Map<Entry, Archive> archives = new IdentityHashMap<>();
    List<Archive> passed = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.isDocumentTimestamp()) {
        Archive a = safely(e, () -> documentTimestamp(ctx, e, proofOfExistence(passed, e)));
        archives.put(e, a);
        if (a.result().isPassed() && a.time() != null && a.range() != null) {
          passed.add(a);
        }
      }
    }
    List<Archive> inOrder = new ArrayList<>();
    for (Entry e : entries) {
      if (archives.containsKey(e)) {
        inOrder.add(archives.get(e));
      }
    }
    for (Entry e : entries) {
      if (e.isDocumentTimestamp()) {
        report.documentTimestamp(archives.get(e).result());
      } else {
        report.signature(
            safely(e, () -> new Archive(null, signature(ctx, e, inOrder), null, null)).result());
      }
    }
    documentFindings(ctx, entries, report);
  }

  private void documentFindings(
      DocumentContext ctx, List<Entry> entries, ValidationReport.Builder report)
      throws IOException {
    // The earliest revision with a change no rule allows: its comparison holds every later one.
    ctx.comparedRevisions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> !e.getValue().acceptable())
        .findFirst()
        .ifPresent(
            e ->
                e.getValue().findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR)
                    .forEach(report::documentFinding));
    SignedBytes bytes = ctx.bytes();
    List<Long> ends = ctx.ends();
    if (!ends.isEmpty() && ends.get(ends.size() - 1) < bytes.size()) {
      long last = ends.get(ends.size() - 1);
      byte[] tail = bytes.read(last, (int) Math.min(4096, bytes.size() - last));
      if (!new String(tail, StandardCharsets.ISO_8859_1).isBlank()) {
        report.documentFinding(
            PdfFindings.of("PDF_TRAILING_BYTES", Severity.WARNING, bytes.size() - last));
      }
    }
    if (entries.stream().noneMatch(e -> !e.isDocumentTimestamp())) {
      report.documentFinding(PdfFindings.of("PDF_NO_SIGNATURE", Severity.INFO));
    }
  }

  /**
   * The signature dictionaries of the form, in field order; a dictionary that several fields
   * reference (the same object, or a copy with the same byte range and contents) is one entry.
   */
  private static List<Entry> entries(PDDocument doc) {
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return List.of();
    }
    Map<String, COSDictionary> byContent = new HashMap<>();
    Map<COSDictionary, List<String>> fields = new IdentityHashMap<>();
    List<COSDictionary> order = new ArrayList<>();
    for (PDField f : form.getFieldTree()) {
      if (f instanceof PDSignatureField s && s.getSignature() != null) {
        COSDictionary d = s.getSignature().getCOSObject();
        String sameAs = contentKey(d);
        COSDictionary first = sameAs == null ? d : byContent.computeIfAbsent(sameAs, k -> d);
        fields
            .computeIfAbsent(
                first,
                k -> {
                  order.add(k);
                  return new ArrayList<>();
                })
            .add(f.getFullyQualifiedName());
      }
    }
    List<Entry> out = new ArrayList<>();
    for (COSDictionary d : order) {
      out.add(new Entry(out.size() + 1, d, fields.get(d)));
    }
    return out;
  }

  private static String contentKey(COSDictionary sig) {
    ByteRange range = ByteRange.of(sig);
    if (range == null || !(sig.getDictionaryObject(COSName.CONTENTS) instanceof COSString c)) {
      return null;
    }
    return range + HexFormat.of().formatHex(DigestAlgorithm.SHA256.digest(c.getBytes()).value());
  }

  private interface Step {
    Archive run() throws IOException;
  }

  /** A structure PDFBox cannot follow fails the signature; it never escapes as an exception. */
  private static Archive safely(Entry e, Step step) throws IOException {
    try {
      return step.run();
    } catch (RuntimeException | StackOverflowError x) {
      SignatureResult failed =
          SignatureResult.builder(
                  e.id(),
                  e.isDocumentTimestamp()
                      ? SignatureFormat.PDF_DOCUMENT_TIMESTAMP
                      : SignatureFormat.PDF_PKCS7_DETACHED)
              .notPassed(SubIndication.FORMAT_FAILURE)
              .finding(
                  PdfFindings.of(
                      "PDF_CMS_INVALID",
                      Severity.ERROR,
                      "damaged structure: " + x.getClass().getSimpleName()))
              .build();
      return new Archive(null, failed, null, null);
    }
  }

  /** The builder after the steps every signature and document time-stamp share. */
  private record Started(SignatureResult.Builder builder, boolean failed) {}

  /**
   * The steps every signature and document time-stamp share: the claimed time, the fields that
   * reference it, the format and the byte range, and what the range covers.
   */
  private static Started start(
      DocumentContext ctx, Entry e, SignatureFormat format, ByteRange range) throws IOException {
    String subFilter = e.signature().getNameAsString(COSName.SUB_FILTER);
    SignatureResult.Builder r =
        SignatureResult.builder(
            e.id(), format == null ? SignatureFormat.PDF_PKCS7_DETACHED : format);
    PDSignature sig = new PDSignature(e.signature());
    if (sig.getSignDate() != null) {
      r.claimedSigningTime(sig.getSignDate().toInstant());
    }
    if (e.fields().size() > 1) {
      r.finding(
          PdfFindings.of(
              "PDF_SIGNATURE_SHARED",
              Severity.WARNING,
              e.fields().size(),
              String.join(", ", e.fields())));
    }
    if (format == null) {
      r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(
              PdfFindings.of(
                  "PDF_SUBFILTER_UNSUPPORTED", Severity.ERROR, String.valueOf(subFilter)));
      return new Started(r, true);
    }
    String problem = ByteRangeCheck.problem(range, e.signature(), ctx);
    if (problem != null) {
      r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(PdfFindings.of("PDF_BYTE_RANGE_INVALID", Severity.ERROR, problem));
      return new Started(r, true);
    }
    long size = ctx.bytes().size();
    PdfFindings.scope(
        r,
        range.end() == size ? "REVISION_WHOLE" : "REVISION",
        String.valueOf(ctx.revisionOf(range.end())),
        String.valueOf(ctx.ends().size()),
        String.valueOf(range.end()),
        String.valueOf(size));
    return new Started(r, false);
  }

  private Archive documentTimestamp(DocumentContext ctx, Entry e, Instant proofOfExistence)
      throws IOException {
    ByteRange range = ByteRange.of(e.signature());
    Started s = start(ctx, e, SignatureFormat.PDF_DOCUMENT_TIMESTAMP, range);
    if (s.failed()) {
      return new Archive(null, s.builder().build(), null, null);
    }
    SignatureResult.Builder r = s.builder();
    TimestampCheck.DocumentTimestamp t =
        TimestampCheck.documentTimestamp(ctx, e.signature(), range, proofOfExistence);
    if (t.tsa() != null) {
      r.signingCertificate(t.tsa());
    }
    if (t.time() != null && t.failure() != SubIndication.HASH_FAILURE) {
      r.bestSignatureTime(t.time());
    }
    if (t.tsaResult() != null) {
      r.certificateResult(t.tsaResult());
    }
    r.findings(t.findings());
    SubIndication failure = t.failure();
    if (failure != SubIndication.FORMAT_FAILURE
        && failure != SubIndication.HASH_FAILURE
        && range.end() < ctx.bytes().size()) {
      failure = afterChanges(ctx, range, r, failure);
    }
    SignatureResult result = failure == null ? r.passed().build() : r.notPassed(failure).build();
    return new Archive(range, result, t.time(), t.tsa());
  }

  /** The changes after the signed revision: named, and failing it when one is not allowed. */
  private static SubIndication afterChanges(
      DocumentContext ctx, ByteRange range, SignatureResult.Builder r, SubIndication failure) {
    RevisionChanges changes = ctx.changesAfter(range.end());
    r.findings(changes.findings());
    if (changes.changes() == null) {
      return Verdicts.worse(failure, SubIndication.FORMAT_FAILURE);
    }
    return changes.acceptable()
        ? failure
        : Verdicts.worse(failure, SubIndication.DISALLOWED_CHANGE);
  }

  private SignatureResult signature(DocumentContext ctx, Entry e, List<Archive> archives)
      throws IOException {
    SignatureFormat format = formatOf(e.signature().getNameAsString(COSName.SUB_FILTER));
    ByteRange range = ByteRange.of(e.signature());
    Started s = start(ctx, e, format, range);
    if (s.failed()) {
      return s.builder().build();
    }
    SignatureResult.Builder r = s.builder();
    // The digest, the CMS, the time-stamps, the signer's certificate and the level.
    SignerCheck.Outcome o =
        SignerCheck.check(
            ctx, e.signature(), range, format, archives.stream().map(Archive::view).toList(), r);
    if (o.finished()) {
      return r.build();
    }
    SubIndication failure = o.failure();
    // What changed after the signed revision.
    if (range.end() < ctx.bytes().size()) {
      failure = afterChanges(ctx, range, r, failure);
    }
    // The visible appearance against the national format: findings only, never the indication.
    PDSignature sig = new PDSignature(e.signature());
    Instant shown =
        o.best() != null
            ? o.best()
            : sig.getSignDate() == null ? null : sig.getSignDate().toInstant();
    r.findings(
        AppearanceCheck.check(
            ctx.latest(),
            sig,
            o.signer() == null ? null : SignerIdentity.from(o.signer()),
            shown,
            o.best() != null,
            limits));
    return failure == null ? r.passed().build() : r.notPassed(failure).build();
  }

  /**
   * The earliest passed document time-stamp newer than a document time-stamp: the proof of
   * existence of what it holds; null when none covers it.
   */
  private static Instant proofOfExistence(List<Archive> passed, Entry e) {
    ByteRange range = ByteRange.of(e.signature());
    if (range == null) {
      return null;
    }
    Instant best = null;
    for (Archive a : passed) {
      if (a.covers(range.end()) && (best == null || a.time().isBefore(best))) {
        best = a.time();
      }
    }
    return best;
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

  /** Builds a {@link PdfVerifier}. */
  public static final class Builder {
    private final CertificateVerifier certificates;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();
    private Executor digestExecutor = ForkJoinPool.commonPool();

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
     * Sets where the SHA-256 of a large PDF (4 MiB or more) is computed: there, block by block as
     * the verifying thread reads the file to check it against the limits (the file is read once),
     * while that thread searches the blocks, parses the file and checks the CMS and the
     * certificates; it waits for the digest when it first needs the signed bytes' digest, and
     * hashes itself the blocks the executor has not reached (busy, refused, never started). The
     * same bytes are hashed and the same checks run; only the waiting is shorter (a 10 MB file:
     * about 9 instead of 16 ms here). A smaller file is hashed during the scan, on the verifying
     * thread.
     *
     * @param value the executor; {@link ForkJoinPool#commonPool()} unless set, {@code
     *     Runnable::run} to keep all the work on the verifying thread
     * @return this builder
     */
    public Builder digestExecutor(Executor value) {
      this.digestExecutor = Objects.requireNonNull(value, "digestExecutor");
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
