package vn.kyso.api.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SubIndication;

/**
 * The outcome of validating one certificate: its path to an anchor, revocation evidence for every
 * certificate of the path, and findings. Immutable.
 *
 * @param indication the ETSI indication
 * @param subIndication why it did not pass, if it did not
 * @param chain the path, the validated certificate first and the anchor last; empty when no path
 *     was found
 * @param validationTime the time the certificate was judged at
 * @param revocation the revocation evidence used, one per checked certificate
 * @param findings what was observed, errors first
 * @param validPolicies the certificate policies the path is valid for, among those the caller
 *     accepts (RFC 5280 6.1.6, user-constrained-policy-set); {@code 2.5.29.32.0} when any policy
 *     was accepted and the path allows any; empty when no policy remains or no path was found
 * @since 0.1
 */
public record CertificateResult(
    Indication indication,
    Optional<SubIndication> subIndication,
    List<X509Certificate> chain,
    Instant validationTime,
    List<RevocationEvidence> revocation,
    List<Finding> findings,
    Set<String> validPolicies) {

  /**
   * Validates and copies.
   *
   * @param indication the indication
   * @param subIndication the sub-indication
   * @param chain the chain
   * @param validationTime the time
   * @param revocation the evidence
   * @param findings the findings
   * @param validPolicies the valid policy set
   */
  public CertificateResult {
    Objects.requireNonNull(indication, "indication");
    Objects.requireNonNull(subIndication, "subIndication");
    Objects.requireNonNull(validationTime, "validationTime");
    chain = List.copyOf(chain);
    revocation = List.copyOf(revocation);
    findings = List.copyOf(findings);
    validPolicies = Set.copyOf(validPolicies);
    if (indication == Indication.TOTAL_PASSED && subIndication.isPresent()) {
      throw new IllegalArgumentException("a passed result has no sub-indication");
    }
  }

  /**
   * Creates a result without a policy set (no policy processing was asked for).
   *
   * @param indication the indication
   * @param subIndication the sub-indication
   * @param chain the chain
   * @param validationTime the time
   * @param revocation the evidence
   * @param findings the findings
   */
  public CertificateResult(
      Indication indication,
      Optional<SubIndication> subIndication,
      List<X509Certificate> chain,
      Instant validationTime,
      List<RevocationEvidence> revocation,
      List<Finding> findings) {
    this(indication, subIndication, chain, validationTime, revocation, findings, Set.of());
  }

  /**
   * Says whether the certificate passed.
   *
   * @return whether the indication is TOTAL_PASSED
   */
  public boolean isPassed() {
    return indication == Indication.TOTAL_PASSED;
  }

  /**
   * Returns the anchor the path ends at.
   *
   * @return the anchor, if a path was found
   */
  public Optional<X509Certificate> anchor() {
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
  }

  /**
   * Says whether a finding with a code is present.
   *
   * @param code the finding code
   * @return whether any finding has that code
   */
  public boolean hasFinding(String code) {
    return findings.stream().anyMatch(f -> f.code().equals(code));
  }
}
