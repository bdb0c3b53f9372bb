package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatReport;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatSignature;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;

class ValidationReportAssertionsTest {
  private static final Finding CHANGES =
      new Finding("PDF_ALLOWED_CHANGES", Severity.INFO, "allowed changes", "thay đổi được phép");

  private static SignatureResult passed() {
    return SignatureResult.builder("sig-1", SignatureFormat.PADES_BASELINE)
        .level(SignatureLevel.B_T)
        .finding(CHANGES)
        .passed()
        .build();
  }

  private static SignatureResult tampered() {
    return SignatureResult.builder("sig-2", SignatureFormat.PADES_BASELINE)
        .notPassed(SubIndication.HASH_FAILURE)
        .build();
  }

  private static ValidationReport report(SignatureResult... signatures) {
    ValidationReport.Builder b = ValidationReport.builder("cong-van.pdf", Instant.EPOCH);
    for (SignatureResult s : signatures) {
      b.signature(s);
    }
    return b.build();
  }

  @Test
  void passedReport_passesEveryExpectationThatHolds() {
    assertThatReport(report(passed()))
        .isTotalPassed()
        .hasSignatureCount(1)
        .signature(0)
        .isTotalPassed()
        .hasLevel(SignatureLevel.B_T)
        .hasFinding("PDF_ALLOWED_CHANGES")
        .hasNoFinding("PDF_DISALLOWED_CHANGE");
    assertThatSignature(tampered()).isTotalFailed().hasSubIndication(SubIndication.HASH_FAILURE);
  }

  @Test
  void eachExpectationThatDoesNotHold_failsWithTheReport() {
    ValidationReport mixed = report(passed(), tampered());
    assertThatThrownBy(() -> assertThatReport(mixed).isTotalPassed())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("overall TOTAL_PASSED")
        .hasMessageContaining("cong-van.pdf");
    assertThatThrownBy(() -> assertThatReport(mixed).hasSignatureCount(1))
        .isInstanceOf(AssertionFailedError.class);
    assertThatThrownBy(() -> assertThatReport(mixed).signature(2))
        .isInstanceOf(AssertionFailedError.class);
    assertThatThrownBy(() -> assertThatReport(report()).isTotalPassed())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("at least one signature");
    assertThatThrownBy(() -> assertThatReport(mixed).signature(1).isTotalPassed())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("sig-2");
    assertThatThrownBy(() -> assertThatSignature(passed()).hasNoFinding("PDF_ALLOWED_CHANGES"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("allowed changes");
    assertThatThrownBy(() -> assertThatSignature(tampered()).hasFinding("PDF_ALLOWED_CHANGES"))
        .isInstanceOf(AssertionFailedError.class);
    assertThatThrownBy(
            () -> assertThatSignature(tampered()).hasSubIndication(SubIndication.REVOKED))
        .isInstanceOf(AssertionFailedError.class);
    assertThatThrownBy(() -> assertThatSignature(tampered()).isSignedBy("Nguyễn"))
        .isInstanceOf(AssertionFailedError.class);
    assertThatThrownBy(() -> assertThatReport(mixed).hasOverall(Indication.INDETERMINATE))
        .isInstanceOf(AssertionFailedError.class);
  }
}
