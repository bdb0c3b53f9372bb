package vn.kyso.api.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An explicit decision by a person to sign although the policy denied, recorded in the decision.
 * Only the named rules are overridden; a denial by any other rule still stands. Immutable.
 *
 * @param ruleIds the rule ids being overridden
 * @param by who decided (a person or role the host can audit)
 * @param reason why
 * @param at when
 * @since 0.1
 */
public record PolicyOverride(Set<String> ruleIds, String by, String reason, Instant at) {

  /**
   * Validates the parts.
   *
   * @param ruleIds rules
   * @param by who
   * @param reason why
   * @param at when
   */
  public PolicyOverride {
    ruleIds = Set.copyOf(Objects.requireNonNull(ruleIds, "ruleIds"));
    if (ruleIds.isEmpty()) {
      throw new IllegalArgumentException("an override names the rules it overrides");
    }
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    if (by.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("an override needs who and why");
    }
  }
}
