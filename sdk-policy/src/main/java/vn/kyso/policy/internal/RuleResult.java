package vn.kyso.policy.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.EventAdvice;

/**
 * What one rule found on one question: immutable, built by {@link Out} and merged by the {@link
 * Evaluator} under the pack's state (draft, repealed, status unknown, superseded).
 *
 * @param hits what the rule found against the request, each capped at a severity
 * @param outcomes the legal outcomes it establishes
 * @param applied false when the rule's conditions did not apply (it decided nothing)
 * @param fact the fact that met the rule, when the check names one
 * @param advice what a lifecycle rule advises
 */
record RuleResult(
    List<Hit> hits,
    Set<PolicyOutcome> outcomes,
    boolean applied,
    Optional<Hit> fact,
    Advice advice) {

  RuleResult {
    hits = List.copyOf(hits);
    outcomes = Set.copyOf(outcomes);
  }

  /**
   * One finding before the pack's state is applied.
   *
   * @param code the message code
   * @param cap the highest severity it may have (the rule's own severity may be lower)
   * @param args the message arguments
   */
  record Hit(String code, Severity cap, List<Object> args) {
    Hit {
      args = List.copyOf(args);
    }
  }

  /**
   * What a lifecycle rule advises; every part may be absent.
   *
   * @param action the action on an event
   * @param notifyBy the date by which the holder's organisation must notify
   * @param returnBy the date by which the device goes back
   * @param windowClosed true when the rule closes the renewal window
   * @param renewalsLeft how many renewals the rule still allows
   */
  record Advice(
      Optional<EventAdvice.Action> action,
      Optional<LocalDate> notifyBy,
      Optional<LocalDate> returnBy,
      boolean windowClosed,
      Optional<Long> renewalsLeft) {
    static final Advice NONE =
        new Advice(Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
  }
}
