package vn.kyso.policy.internal;

import vn.kyso.policy.PolicyRule;

/**
 * One family of checks ({@link vn.kyso.policy.CheckType}s that share their facts and wording).
 * {@link Checks} registers one instance per check type. A check reads the facts of a question and
 * writes what it finds to an {@link Out}; it never sees the pack's state, which the {@link
 * Evaluator} applies. Each method is called only for the questions its check type answers; the
 * defaults say "not applicable". Implementations are stateless and thread-safe.
 */
interface Check {

  /**
   * Turns a rule's parameters into the typed value the check reads, once, when the evaluator is
   * built.
   *
   * @param rule the rule
   * @return the typed parameters
   */
  Object parameters(PolicyRule rule);

  /** Judges one signature, made now or found in a document. */
  default void signing(CompiledRule rule, Out out, SigningFacts f) {
    out.notApplicable();
  }

  /** Judges a verified document as a whole. */
  default void document(CompiledRule rule, Out out, DocumentFacts f) {
    out.notApplicable();
  }

  /**
   * Answers a certificate lifecycle question: requesting, renewing, revoking or recovering, and
   * what an HR or organisation event calls for.
   */
  default void lifecycle(CompiledRule rule, Out out, LifecycleFacts f) {
    out.notApplicable();
  }
}
