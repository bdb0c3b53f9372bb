package vn.kyso.policy.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.TokenState;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.CheckType;
import vn.kyso.policy.PolicyRule;

/** The token's PIN: locked or nearly (LC-11, TB-13, KG-09), and changed often enough (LC-14). */
final class TokenChecks implements Check {

  record Recovery(String form, Optional<Long> workingDays) {}

  record MaxAge(long months) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return rule.check() == CheckType.PIN_STATE
        ? new Recovery(
            rule.text("recovery-form"),
            rule.parameters().containsKey("recovery-working-days")
                ? Optional.of(rule.number("recovery-working-days", 1))
                : Optional.empty())
        : new MaxAge(rule.number("max-months", 6));
  }

  /** Recovery (RECOVER): the procedure, form and answer time of each rule that governs it. */
  @Override
  public void lifecycle(CompiledRule rule, Out out, LifecycleFacts f) {
    if (rule.rule().check() != CheckType.PIN_STATE) {
      out.notApplicable();
      return;
    }
    Recovery p = rule.params(Recovery.class);
    if (p.workingDays().isPresent()) {
      out.add("RECOVERY_PROCEDURE", Severity.INFO, p.form(), p.workingDays().get());
    } else {
      out.add("RECOVERY_PROCEDURE_NO_DEADLINE", Severity.INFO, p.form());
    }
    Bodies.address(rule, out, f.day);
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    if (f.verification || f.req.tokenState().isEmpty()) {
      out.notApplicable();
      return;
    }
    TokenState t = f.req.tokenState().get();
    if (rule.rule().check() == CheckType.PIN_STATE) {
      state(rule.params(Recovery.class), out, t);
      if (t.pinLocked()) {
        Bodies.address(rule, out, f.day);
      }
    } else {
      age(rule.params(MaxAge.class), out, t.pinLastChanged(), f.day, f.context);
    }
  }

  private static void state(Recovery p, Out out, TokenState t) {
    if (t.pinLocked()) {
      if (p.workingDays().isPresent()) {
        out.add("PIN_LOCKED", p.form(), p.workingDays().get());
      } else {
        out.add("PIN_LOCKED_NO_DEADLINE", p.form());
      }
      out.outcome(PolicyOutcome.START_DEVICE_RECOVERY);
      return;
    }
    if (t.pinFinalTry()) {
      out.add("PIN_FINAL_TRY", Severity.WARNING);
      out.outcome(PolicyOutcome.CONFIRM_FINAL_PIN_TRY);
    } else if (t.pinCountLow()) {
      out.add("PIN_COUNT_LOW", Severity.WARNING);
    }
    if (t.pinToBeChanged()) {
      out.add("PIN_TO_BE_CHANGED", Severity.WARNING);
    }
  }

  /** The PIN-age question on its own (advice). */
  static void age(
      CompiledRule rule, Out out, Optional<Instant> lastChanged, LocalDate day, Context context) {
    age(rule.params(MaxAge.class), out, lastChanged, day, context);
  }

  private static void age(
      MaxAge p, Out out, Optional<Instant> lastChanged, LocalDate day, Context context) {
    if (lastChanged.isEmpty()) {
      out.add("PIN_AGE_UNKNOWN", Severity.INFO);
      return;
    }
    LocalDate changed = context.day(lastChanged.get());
    if (day.isAfter(changed.plusMonths(p.months()))) {
      out.add("PIN_TOO_OLD", Severity.WARNING, changed, p.months());
    }
  }
}
