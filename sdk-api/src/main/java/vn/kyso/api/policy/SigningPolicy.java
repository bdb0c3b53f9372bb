package vn.kyso.api.policy;

import vn.kyso.api.validation.ValidationReport;

/**
 * Decides, with cited reasons, whether a signature may be made, and judges the signatures of a
 * verified document. The {@code sdk-policy} module's {@code Policy} implements it; the PDF and XML
 * signers call {@link #evaluate} before any token is touched. Implementations are immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public interface SigningPolicy {

  /**
   * Decides whether a signature may be made, taking the law as of the request's signing time.
   *
   * @param request what is about to be signed
   * @return the decision; never throws for facts it dislikes, it denies
   */
  PolicyDecision evaluate(SigningRequest request);

  /**
   * Judges a verified document: each signature gets a decision as of its own signing time, and the
   * document gets one as of the report's validation time (original value, ordering of the personal
   * and organisation signatures).
   *
   * @param report the verification report
   * @param document what the host knows about the document
   * @return a copy of the report with the decisions attached
   */
  ValidationReport review(ValidationReport report, DocumentInfo document);
}
