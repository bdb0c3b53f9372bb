package vn.kyso.policy.internal;

import java.util.Objects;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.PolicyRule;

/**
 * A rule with its check and its parameters read once.
 *
 * @param pack the pack the rule belongs to
 * @param rule the rule
 * @param check the check that runs it
 * @param parameters the typed parameters {@link Check#parameters} made
 */
record CompiledRule(PolicyPack pack, PolicyRule rule, Check check, Object parameters) {
  CompiledRule {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** Returns the typed parameters. */
  <P> P params(Class<P> type) {
    return type.cast(parameters);
  }

  String id() {
    return rule.id();
  }
}
