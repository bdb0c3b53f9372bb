package vn.kyso.policy.internal;

import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.policy.PolicyRule;

/**
 * A received document's signatures: valid (VT30-12, CD68-13), time-stamped, and present before it
 * counts as issued.
 */
final class VerificationChecks implements Check {

  @Override
  public Object parameters(PolicyRule rule) {
    return rule;
  }

  @Override
  public void document(CompiledRule rule, Out out, DocumentFacts f) {
    switch (rule.rule().check()) {
      case SIGNATURE_VALID -> {
        for (SignatureResult r : f.signatures) {
          if (!r.isPassed()) {
            out.add(
                "SIGNATURE_NOT_VALID",
                r.id(),
                r.subIndication().map(Enum::name).orElse(r.indication().name()));
            out.outcome(PolicyOutcome.RETURN_TO_SENDER);
          }
        }
        if (f.signatures.isEmpty()) {
          out.notApplicable();
        }
      }
      case TIMESTAMP_PRESENT -> {
        for (SignatureResult r : f.signatures) {
          if (r.level().compareTo(SignatureLevel.B_T) < 0) {
            out.add("NO_TIMESTAMP", Severity.WARNING, r.id());
          }
        }
        if (f.signatures.isEmpty()) {
          out.notApplicable();
        }
      }
      default -> {
        if (f.signatures.stream().noneMatch(SignatureResult::isPassed)) {
          out.add("NOT_SIGNED");
        }
      }
    }
  }
}
