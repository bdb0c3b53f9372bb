package vn.kyso.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.policy.PolicyFinding;

/**
 * Lifecycle advice for a certificate as of a date: days to expiry, whether the renewal window is
 * open, how many renewals remain, and the cited findings (renewal window, validity-length lint).
 * Immutable.
 *
 * @param asOf the day of the advice
 * @param expires the last day of validity
 * @param daysToExpiry days from {@code asOf} to expiry, negative when expired
 * @param renewalWindowOpen whether a renewal request may still be made under every applicable rule
 * @param renewalsLeft how many renewals remain, when a rule limits them
 * @param findings the cited reasons
 * @since 0.1
 */
public record CertificateAdvice(
    LocalDate asOf,
    LocalDate expires,
    long daysToExpiry,
    boolean renewalWindowOpen,
    Optional<Long> renewalsLeft,
    List<PolicyFinding> findings) {

  /**
   * Validates the parts.
   *
   * @param asOf day
   * @param expires expiry
   * @param daysToExpiry days
   * @param renewalWindowOpen window
   * @param renewalsLeft renewals left
   * @param findings reasons
   */
  public CertificateAdvice {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(renewalsLeft, "renewalsLeft");
    findings = List.copyOf(findings);
  }
}
