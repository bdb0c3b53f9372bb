package vn.kyso.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;

/**
 * Fluent assertions on verification results, for a host's own tests of what it signs and accepts.
 *
 * <pre>{@code
 * assertThatReport(verifier.verify(signed)).isTotalPassed().hasSignatureCount(2);
 * assertThatReport(report).signature(0)
 *     .isSignedBy("Nguyễn Văn An").hasFinding("PDF_ALLOWED_CHANGES");
 * assertThatSignature(result).isTotalFailed().hasSubIndication(SubIndication.HASH_FAILURE);
 * }</pre>
 *
 * <p>A failure message shows the whole report (or signature) with its findings, in English. Not
 * thread-safe; make one chain per assertion.
 *
 * @since 0.1
 */
public final class ValidationReportAssertions {
  private ValidationReportAssertions() {}

  /**
   * Starts assertions on a report.
   *
   * @param report the report of a verification
   * @return the assertions
   */
  public static ReportAssert assertThatReport(ValidationReport report) {
    return new ReportAssert(Objects.requireNonNull(report, "report"));
  }

  /**
   * Starts assertions on one signature's result.
   *
   * @param signature the result
   * @return the assertions
   */
  public static SignatureAssert assertThatSignature(SignatureResult signature) {
    return new SignatureAssert(Objects.requireNonNull(signature, "signature"), null);
  }

  /** Assertions on a whole report. */
  public static final class ReportAssert {
    private final ValidationReport report;

    private ReportAssert(ValidationReport report) {
      this.report = report;
    }

    /**
     * Expects the report's overall indication.
     *
     * @param expected the indication
     * @return this
     */
    public ReportAssert hasOverall(Indication expected) {
      if (report.overall() != expected) {
        throw failure("overall " + expected, expected, report.overall());
      }
      return this;
    }

    /**
     * Expects at least one signature and every one TOTAL_PASSED.
     *
     * @return this
     */
    public ReportAssert isTotalPassed() {
      if (report.signatures().isEmpty()) {
        throw failure("at least one signature", 1, 0);
      }
      return hasOverall(Indication.TOTAL_PASSED);
    }

    /**
     * Expects a number of signatures.
     *
     * @param expected how many
     * @return this
     */
    public ReportAssert hasSignatureCount(int expected) {
      if (report.signatures().size() != expected) {
        throw failure(expected + " signature(s)", expected, report.signatures().size());
      }
      return this;
    }

    /**
     * Expects a number of PDF document time-stamps (listed apart from the signatures).
     *
     * @param expected how many
     * @return this
     */
    public ReportAssert hasDocumentTimestampCount(int expected) {
      if (report.documentTimestamps().size() != expected) {
        throw failure(
            expected + " document time-stamp(s)", expected, report.documentTimestamps().size());
      }
      return this;
    }

    /**
     * Expects a finding about the document as a whole.
     *
     * @param code the finding's code, e.g. {@code PDF_UNSIGNED_CHANGES}
     * @return this
     */
    public ReportAssert hasDocumentFinding(String code) {
      if (!contains(report.documentFindings(), code)) {
        throw failure("a document finding " + code, code, codes(report.documentFindings()));
      }
      return this;
    }

    /**
     * Continues with one signature, in document order.
     *
     * @param index the signature's index, from 0
     * @return the signature's assertions
     */
    public SignatureAssert signature(int index) {
      if (index < 0 || index >= report.signatures().size()) {
        throw failure("a signature at index " + index, index, report.signatures().size());
      }
      return new SignatureAssert(report.signatures().get(index), report);
    }

    private AssertionFailedError failure(String what, Object expected, Object actual) {
      return new AssertionFailedError(
          "Expected " + what + " in the report:\n" + report.toText(Locale.ENGLISH),
          expected,
          actual);
    }
  }

  /** Assertions on one signature. */
  public static final class SignatureAssert {
    private final SignatureResult signature;
    private final ValidationReport report;

    private SignatureAssert(SignatureResult signature, ValidationReport report) {
      this.signature = signature;
      this.report = report;
    }

    /**
     * Expects an indication.
     *
     * @param expected the indication
     * @return this
     */
    public SignatureAssert hasIndication(Indication expected) {
      if (signature.indication() != expected) {
        throw failure("indication " + expected, expected, signature.indication());
      }
      return this;
    }

    /**
     * Expects TOTAL_PASSED.
     *
     * @return this
     */
    public SignatureAssert isTotalPassed() {
      return hasIndication(Indication.TOTAL_PASSED);
    }

    /**
     * Expects TOTAL_FAILED.
     *
     * @return this
     */
    public SignatureAssert isTotalFailed() {
      return hasIndication(Indication.TOTAL_FAILED);
    }

    /**
     * Expects INDETERMINATE.
     *
     * @return this
     */
    public SignatureAssert isIndeterminate() {
      return hasIndication(Indication.INDETERMINATE);
    }

    /**
     * Expects a sub-indication (ETSI EN 319 102-1).
     *
     * @param expected the sub-indication
     * @return this
     */
    public SignatureAssert hasSubIndication(SubIndication expected) {
      Optional<SubIndication> actual = signature.subIndication();
      if (actual.isEmpty() || actual.get() != expected) {
        throw failure("sub-indication " + expected, expected, actual.orElse(null));
      }
      return this;
    }

    /**
     * Expects a finding.
     *
     * @param code the finding's code, e.g. {@code PDF_ALLOWED_CHANGES}
     * @return this
     */
    public SignatureAssert hasFinding(String code) {
      if (!contains(signature.findings(), code)) {
        throw failure("a finding " + code, code, codes(signature.findings()));
      }
      return this;
    }

    /**
     * Expects no finding with a code.
     *
     * @param code the finding's code
     * @return this
     */
    public SignatureAssert hasNoFinding(String code) {
      if (contains(signature.findings(), code)) {
        throw failure("no finding " + code, "not " + code, codes(signature.findings()));
      }
      return this;
    }

    /**
     * Expects the level the signature reached.
     *
     * @param expected the level, e.g. {@code SignatureLevel.B_LTA}
     * @return this
     */
    public SignatureAssert hasLevel(SignatureLevel expected) {
      if (signature.level() != expected) {
        throw failure("level " + expected, expected, signature.level());
      }
      return this;
    }

    /**
     * Expects the signer's name to contain a text.
     *
     * @param name part of the signer's name as the certificate gives it
     * @return this
     */
    public SignatureAssert isSignedBy(String name) {
      String actual = signature.signer().map(s -> s.name()).orElse(null);
      if (actual == null || !actual.contains(name)) {
        throw failure("a signer named " + name, name, actual);
      }
      return this;
    }

    /**
     * Expects the signer to be a test credential's subject.
     *
     * @param credential the credential
     * @return this
     */
    public SignatureAssert isSignedBy(TestCredential credential) {
      return isSignedBy(SignerIdentity.from(credential.certificate()).name());
    }

    private AssertionFailedError failure(String what, Object expected, Object actual) {
      String shown = report != null ? report.toText(Locale.ENGLISH) : describe(signature);
      return new AssertionFailedError(
          "Expected " + what + " for signature " + signature.id() + ":\n" + shown,
          expected,
          actual);
    }
  }

  private static boolean contains(List<Finding> findings, String code) {
    return findings.stream().anyMatch(f -> f.code().equals(code));
  }

  private static List<String> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  private static String describe(SignatureResult s) {
    StringBuilder out =
        new StringBuilder(s.id())
            .append(": ")
            .append(s.indication())
            .append(s.subIndication().map(x -> "/" + x).orElse(""));
    for (Finding f : s.findings()) {
      out.append("\n  ")
          .append(f.code())
          .append(" (")
          .append(f.severity())
          .append("): ")
          .append(f.message(Locale.ENGLISH));
    }
    return out.toString();
  }
}
