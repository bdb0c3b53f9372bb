/**
 * The policy contract shared by the signers, the verifiers and the policy engine: what the host
 * knows about a document ({@link vn.kyso.api.policy.DocumentInfo}), what is about to be signed
 * ({@link vn.kyso.api.policy.SigningRequest}), and the cited answer ({@link
 * vn.kyso.api.policy.PolicyDecision}).
 *
 * <p>The rules themselves (Nghị định 30/2020, Nghị định 68/2024, the provincial regulations) live
 * in the {@code sdk-policy} module, which implements {@link vn.kyso.api.policy.SigningPolicy}.
 *
 * @since 0.1
 */
package vn.kyso.api.policy;
