package vn.kyso.policy.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.EventAdvice;

/** Collects what one check finds on one rule; {@link #build()} makes the immutable result. */
final class Out {
  private final List<RuleResult.Hit> hits = new ArrayList<>();
  private final EnumSet<PolicyOutcome> outcomes = EnumSet.noneOf(PolicyOutcome.class);
  private boolean applied = true;
  private RuleResult.Hit fact;
  private EventAdvice.Action action;
  private LocalDate notifyBy;
  private LocalDate returnBy;
  private boolean windowClosed;
  private Long renewalsLeft;

  /** Records a finding at the rule's severity. */
  void add(String code, Object... args) {
    add(code, Severity.ERROR, args);
  }

  /** Records a finding at the rule's severity or {@code cap}, whichever is lower. */
  void add(String code, Severity cap, Object... args) {
    hits.add(new RuleResult.Hit(code, cap, Arrays.asList(args)));
  }

  /** Records a legal outcome. */
  void outcome(PolicyOutcome o) {
    outcomes.add(o);
  }

  /** Says that the rule's conditions do not hold here: it decides nothing and is not cited. */
  void notApplicable() {
    applied = false;
  }

  /** Names the fact that met the rule (message code {@code met.<CODE>}). */
  void met(String code, Object... args) {
    fact = new RuleResult.Hit(code, Severity.INFO, Arrays.asList(args));
  }

  void action(EventAdvice.Action value) {
    action = value;
  }

  void notifyBy(LocalDate value) {
    notifyBy = value;
  }

  void returnBy(LocalDate value) {
    returnBy = value;
  }

  void closeWindow() {
    windowClosed = true;
  }

  void renewalsLeft(long value) {
    renewalsLeft = value;
  }

  RuleResult build() {
    return new RuleResult(
        hits,
        outcomes,
        applied,
        Optional.ofNullable(fact),
        action == null
                && notifyBy == null
                && returnBy == null
                && !windowClosed
                && renewalsLeft == null
            ? RuleResult.Advice.NONE
            : new RuleResult.Advice(
                Optional.ofNullable(action),
                Optional.ofNullable(notifyBy),
                Optional.ofNullable(returnBy),
                windowClosed,
                Optional.ofNullable(renewalsLeft)));
  }
}
