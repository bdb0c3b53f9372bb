package vn.kyso.api.validation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.internal.ReportWriter;
import vn.kyso.api.policy.PolicyDecision;

/**
 * The result of verifying one document: one {@link SignatureResult} per signature, one per PDF
 * document time-stamp (listed apart: a time-stamp is evidence, not a signature), findings about the
 * document as a whole, and the time of validation. Immutable and thread-safe.
 *
 * <pre>{@code
 * ValidationReport report = verifier.verify(input);
 * report.signatures().forEach(s -> System.out.println(s.indication()));
 * String json = report.toJson();
 * String text = report.toText(Locale.forLanguageTag("vi"));
 * }</pre>
 *
 * @since 0.1
 */
public final class ValidationReport {
  private final String documentName;
  private final Instant validationTime;
  private final List<SignatureResult> signatures;
  private final List<SignatureResult> documentTimestamps;
  private final List<Finding> documentFindings;
  private final PolicyDecision policyDecision;

  private ValidationReport(
      ValidationReport base, List<SignatureResult> signatures, PolicyDecision decision) {
    this.documentName = base.documentName;
    this.validationTime = base.validationTime;
    this.signatures = List.copyOf(signatures);
    this.documentTimestamps = base.documentTimestamps;
    this.documentFindings = base.documentFindings;
    this.policyDecision = decision;
  }

  private ValidationReport(Builder b) {
    this.policyDecision = null;
    this.documentName = b.documentName;
    this.validationTime = b.validationTime;
    this.signatures = List.copyOf(b.signatures);
    this.documentTimestamps = List.copyOf(b.documentTimestamps);
    this.documentFindings = List.copyOf(b.documentFindings);
  }

  /**
   * Returns a builder.
   *
   * @param documentName a name for the document (file name or host identifier)
   * @param validationTime when the validation ran
   * @return the builder
   */
  public static Builder builder(String documentName, Instant validationTime) {
    return new Builder(documentName, validationTime);
  }

  /**
   * @return the document's name
   */
  public String documentName() {
    return documentName;
  }

  /**
   * @return when the validation ran
   */
  public Instant validationTime() {
    return validationTime;
  }

  /**
   * Returns the signatures in document order; a CMS signature that two fields reference is listed
   * once. Document time-stamps are not signatures: see {@link #documentTimestamps()}.
   *
   * @return the signatures
   */
  public List<SignatureResult> signatures() {
    return signatures;
  }

  /**
   * Returns the PDF document time-stamps (ETSI.RFC3161) in document order, each with its
   * indication, its authority as the signing certificate, and what it covers. Each signature also
   * lists the ones that cover it among its {@link SignatureResult#timestamps()}.
   *
   * @return the document time-stamps, possibly empty
   */
  public List<SignatureResult> documentTimestamps() {
    return documentTimestamps;
  }

  /**
   * @return findings about the document as a whole
   */
  public List<Finding> documentFindings() {
    return documentFindings;
  }

  /**
   * @return the policy decision on the document as a whole, when a policy reviewed the report
   */
  public Optional<PolicyDecision> policyDecision() {
    return Optional.ofNullable(policyDecision);
  }

  /**
   * Returns a copy with policy decisions attached: one per signature, in document order, and one
   * for the document. Decisions never change the indications.
   *
   * @param perSignature one decision per signature
   * @param document the document's decision
   * @return the copy
   * @throws IllegalArgumentException when the list does not have one decision per signature
   */
  public ValidationReport withPolicyDecisions(
      List<PolicyDecision> perSignature, PolicyDecision document) {
    if (perSignature.size() != signatures.size()) {
      throw new IllegalArgumentException("one decision per signature");
    }
    List<SignatureResult> reviewed = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      reviewed.add(signatures.get(i).withPolicyDecision(perSignature.get(i)));
    }
    return new ValidationReport(this, reviewed, Objects.requireNonNull(document, "document"));
  }

  /**
   * Returns the overall indication: the worst of the signatures and document time-stamps,
   * INDETERMINATE when there is no signature, and TOTAL_FAILED when a document finding is an error.
   *
   * @return the overall indication
   */
  public Indication overall() {
    if (signatures.isEmpty()) {
      return Indication.INDETERMINATE;
    }
    Indication worst = Indication.TOTAL_PASSED;
    for (SignatureResult s : signatures) {
      worst = worst.worst(s.indication());
    }
    for (SignatureResult t : documentTimestamps) {
      worst = worst.worst(t.indication());
    }
    if (documentFindings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
      worst = Indication.TOTAL_FAILED;
    }
    return worst;
  }

  /**
   * Writes the report as JSON (UTF-8 text, stable field names, both languages' messages).
   *
   * @param out the writer; not closed
   * @throws IOException if writing fails
   */
  public void writeJson(Writer out) throws IOException {
    ReportWriter.json(this, Objects.requireNonNull(out, "out"));
  }

  /**
   * Returns the report as JSON.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringWriter w = new StringWriter();
    try {
      writeJson(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Returns the report as text for people, in Vietnamese ({@code vi}) or English.
   *
   * @param locale the language
   * @return the text
   */
  public String toText(Locale locale) {
    return ReportWriter.text(this, locale);
  }

  /** Builds a {@link ValidationReport}. */
  public static final class Builder {
    private final String documentName;
    private final Instant validationTime;
    private final List<SignatureResult> signatures = new ArrayList<>();
    private final List<SignatureResult> documentTimestamps = new ArrayList<>();
    private final List<Finding> documentFindings = new ArrayList<>();

    private Builder(String documentName, Instant validationTime) {
      this.documentName = Objects.requireNonNull(documentName, "documentName");
      this.validationTime = Objects.requireNonNull(validationTime, "validationTime");
    }

    /**
     * Adds a signature result.
     *
     * @param value the result
     * @return this builder
     */
    public Builder signature(SignatureResult value) {
      signatures.add(Objects.requireNonNull(value, "signature"));
      return this;
    }

    /**
     * Adds a document time-stamp's result.
     *
     * @param value the result
     * @return this builder
     */
    public Builder documentTimestamp(SignatureResult value) {
      documentTimestamps.add(Objects.requireNonNull(value, "documentTimestamp"));
      return this;
    }

    /**
     * Adds a document-level finding.
     *
     * @param value the finding
     * @return this builder
     */
    public Builder documentFinding(Finding value) {
      documentFindings.add(Objects.requireNonNull(value, "finding"));
      return this;
    }

    /**
     * Builds the report.
     *
     * @return the report
     */
    public ValidationReport build() {
      return new ValidationReport(this);
    }
  }
}
