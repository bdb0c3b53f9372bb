/**
 * The policy engine: who may sign what, which documents must never be signed electronically, and
 * which certificates are valid for it, under Vietnamese national law and the provincial
 * regulations, each decision cited to its rule and article.
 *
 * <p>Rules live in {@linkplain vn.kyso.policy.PolicyPack packs}: YAML files bundled with the SDK
 * (national, Thái Bình, Lào Cai, Hòa Bình, Kon Tum, Kiên Giang draft) or written by the host. A
 * rule names one of a fixed set of {@linkplain vn.kyso.policy.CheckType check types} with
 * parameters; a pack can never run code. A {@link vn.kyso.policy.Policy} evaluates packs together,
 * always as of a date, with roles from the host's {@link vn.kyso.policy.SignerRegistry} (Nghị định
 * 68/2024 certificates no longer carry titles).
 *
 * <pre>{@code
 * Policy policy = Policy.preset("lao-cai-51-2015").registry(myRegistry).build();
 * PolicyDecision d =
 *     policy.evaluate(SigningRequest.builder(cert, document, Instant.now()).build());
 * }</pre>
 *
 * @since 0.1
 */
package vn.kyso.policy;
