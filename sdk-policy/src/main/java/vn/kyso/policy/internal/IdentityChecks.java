package vn.kyso.policy.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.CheckType;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.SignerRecord;

/**
 * What the certificate says about its holder: an official mailbox (LC-02, an issuance condition; a
 * host's own requirement) and the registry's current address (CD68-08).
 */
final class IdentityChecks implements Check {

  record Domains(List<String> domains, boolean issuanceCondition) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return rule.check() == CheckType.EMAIL_DOMAIN
        ? new Domains(rule.list("domains"), rule.flag("issuance-condition"))
        : rule;
  }

  /** LC-02 as what it is, an issuance condition: asked when a certificate is requested. */
  @Override
  public void lifecycle(CompiledRule rule, Out out, LifecycleFacts f) {
    if (rule.rule().check() != CheckType.EMAIL_DOMAIN || f.identity().isEmpty()) {
      out.notApplicable();
      return;
    }
    domain(rule.params(Domains.class), out, f.identity().get().email());
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    Optional<String> email = f.identity.email();
    if (rule.rule().check() == CheckType.EMAIL_MATCHES_REGISTRY) {
      Optional<String> official = f.signer().flatMap(SignerRecord::officialEmail);
      if (email.isEmpty() || official.isEmpty()) {
        out.notApplicable();
      } else if (!email.get().equalsIgnoreCase(official.get())) {
        out.add("EMAIL_CHANGED", email.get(), official.get());
      }
      return;
    }
    domain(rule.params(Domains.class), out, email);
  }

  private static void domain(Domains p, Out out, Optional<String> email) {
    if (email.isEmpty()) {
      if (p.issuanceCondition()) {
        // A condition for issuing, checked on the certificate: without an e-mail there is
        // nothing to compare, so the rule could not be checked (RULES-ERRATA 1.1, LC-02).
        out.add("NO_EMAIL_NOT_CHECKED", Severity.INFO);
      } else {
        out.add("NO_EMAIL");
      }
    } else if (p.domains().stream()
        .noneMatch(
            d -> email.get().toLowerCase(Locale.ROOT).endsWith("@" + d.toLowerCase(Locale.ROOT)))) {
      out.add("EMAIL_NOT_OFFICIAL", email.get(), String.join(", ", p.domains()));
    } else {
      out.met("MET_OFFICIAL_EMAIL", email.get());
    }
  }
}
