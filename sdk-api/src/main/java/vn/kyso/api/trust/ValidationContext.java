package vn.kyso.api.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of one certificate validation: the time it is judged at, whether that time is proven,
 * and material the document or host supplies. Immutable.
 *
 * @since 0.1
 */
public final class ValidationContext {
  /** The OID of anyPolicy (RFC 5280 4.2.1.4). */
  public static final String ANY_POLICY = "2.5.29.32.0";

  private final Instant time;
  private final boolean timeProven;
  private final CertificatePurpose purpose;
  private final List<X509Certificate> certificates;
  private final List<byte[]> ocspResponses;
  private final List<byte[]> crls;
  private final Set<String> initialPolicies;
  private final boolean explicitPolicyRequired;
  private final boolean policyMappingInhibited;
  private final boolean anyPolicyInhibited;
  private final Instant revocationFreshAt;
  private final List<RevocationChecks.Supplied> suppliedOcsp;
  private final RevocationChecks checks;

  private ValidationContext(Builder b) {
    this.time = b.time;
    this.timeProven = b.timeProven;
    this.purpose = b.purpose;
    this.certificates = List.copyOf(b.certificates);
    // The builder cloned each array as it was added and never hands them out: no second copy.
    this.ocspResponses = List.copyOf(b.ocspResponses);
    this.crls = List.copyOf(b.crls);
    this.initialPolicies = Set.copyOf(b.initialPolicies);
    this.explicitPolicyRequired = b.explicitPolicyRequired;
    this.policyMappingInhibited = b.policyMappingInhibited;
    this.anyPolicyInhibited = b.anyPolicyInhibited;
    this.revocationFreshAt = b.revocationFreshAt;
    // A builder from toBuilder() starts with its base's responses: their hashes are known.
    List<RevocationChecks.Supplied> known = b.base != null ? b.base.suppliedOcsp : List.of();
    List<RevocationChecks.Supplied> supplied = new ArrayList<>(ocspResponses.size());
    for (int i = 0; i < ocspResponses.size(); i++) {
      supplied.add(
          i < known.size() ? known.get(i) : new RevocationChecks.Supplied(ocspResponses.get(i)));
    }
    this.suppliedOcsp = List.copyOf(supplied);
    this.checks = b.sharedChecks != null ? b.sharedChecks : new RevocationChecks();
  }

  /**
   * Returns a builder; without {@link Builder#at} the verifier's clock gives the time.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts from this context: its time, purpose, policy settings,
   * certificates, OCSP responses and CRLs, and {@linkplain Builder#sharingChecksWith sharing its
   * checks}. The material is not copied again (a context never changes it and never hands it out),
   * so a verifier that judges one document's signatures under many contexts builds each from a base
   * context of the document's material at little cost.
   *
   * @return the builder
   * @since 0.2
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.time = time;
    b.timeProven = timeProven;
    b.purpose = purpose;
    b.certificates.addAll(certificates);
    b.ocspResponses.addAll(ocspResponses);
    b.crls.addAll(crls);
    b.initialPolicies = initialPolicies;
    b.explicitPolicyRequired = explicitPolicyRequired;
    b.policyMappingInhibited = policyMappingInhibited;
    b.anyPolicyInhibited = anyPolicyInhibited;
    b.revocationFreshAt = revocationFreshAt;
    b.sharedChecks = checks;
    b.base = this;
    return b;
  }

  /**
   * Returns the context "now, for signing, no extra material".
   *
   * @return the default context
   */
  public static ValidationContext now() {
    return builder().build();
  }

  /**
   * Returns the time the certificate is judged at; empty means the verifier's "now".
   *
   * @return the validation time
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /**
   * Says whether the validation time is proven (a time-stamp or "now"), rather than a time the
   * signer merely claims.
   *
   * @return whether the time is proven
   */
  public boolean isTimeProven() {
    return timeProven;
  }

  /**
   * Returns what the certificate is validated for.
   *
   * @return the purpose
   */
  public CertificatePurpose purpose() {
    return purpose;
  }

  /**
   * Returns extra certificates for path building (e.g. from the document).
   *
   * @return the certificates
   */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /**
   * Returns DER OCSP responses supplied with the document.
   *
   * @return copies of the responses
   */
  public List<byte[]> ocspResponses() {
    return copy(ocspResponses);
  }

  /**
   * Returns DER CRLs supplied with the document.
   *
   * @return copies of the CRLs
   */
  public List<byte[]> crls() {
    return copy(crls);
  }

  /**
   * Returns the certificate policies the caller accepts (RFC 5280 6.1.1 (c),
   * user-initial-policy-set); {@code 2.5.29.32.0} (anyPolicy), the default, accepts any.
   *
   * @return the policy OIDs
   */
  public Set<String> initialPolicies() {
    return initialPolicies;
  }

  /**
   * Says whether the path must be valid for at least one of the initial policies (RFC 5280 6.1.1
   * (f), initial-explicit-policy).
   *
   * @return whether an explicit policy is required
   */
  public boolean isExplicitPolicyRequired() {
    return explicitPolicyRequired;
  }

  /**
   * Says whether policy mapping is inhibited (RFC 5280 6.1.1 (e)).
   *
   * @return whether policy mapping is inhibited
   */
  public boolean isPolicyMappingInhibited() {
    return policyMappingInhibited;
  }

  /**
   * Says whether anyPolicy is inhibited (RFC 5280 6.1.1 (g)).
   *
   * @return whether anyPolicy is inhibited
   */
  public boolean isAnyPolicyInhibited() {
    return anyPolicyInhibited;
  }

  /**
   * Returns the time the revocation material must speak for, when it differs from the validation
   * time: the proof of existence the material sits under (ETSI EN 319 102-1, 5.6.2.4).
   *
   * @return the time revocation data must cover; empty means the validation time
   */
  public Optional<Instant> revocationFreshAt() {
    return Optional.ofNullable(revocationFreshAt);
  }

  /** The supplied OCSP responses, not copied: for the verifier, which never modifies them. */
  List<RevocationChecks.Supplied> suppliedOcsp() {
    return suppliedOcsp;
  }

  /** The supplied CRLs, not copied: for the verifier, which never modifies them. */
  List<byte[]> suppliedCrls() {
    return crls;
  }

  /** The checks of supplied responses already made under this context or those sharing them. */
  RevocationChecks checks() {
    return checks;
  }

  private static List<byte[]> copy(List<byte[]> in) {
    List<byte[]> out = new ArrayList<>(in.size());
    in.forEach(b -> out.add(b.clone()));
    return List.copyOf(out);
  }

  /** Builds a {@link ValidationContext}. */
  public static final class Builder {
    private Instant time;
    private boolean timeProven = true;
    private CertificatePurpose purpose = CertificatePurpose.SIGNING;
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<byte[]> ocspResponses = new ArrayList<>();
    private final List<byte[]> crls = new ArrayList<>();
    private Set<String> initialPolicies = Set.of(ANY_POLICY);
    private boolean explicitPolicyRequired;
    private boolean policyMappingInhibited;
    private boolean anyPolicyInhibited;
    private Instant revocationFreshAt;
    private RevocationChecks sharedChecks;
    private ValidationContext base;

    private Builder() {}

    /**
     * Judges the certificate at a given time.
     *
     * @param time the validation time
     * @param proven whether a time-stamp or other evidence proves it; {@code false} for a time the
     *     signer only claims
     * @return this builder
     */
    public Builder at(Instant time, boolean proven) {
      this.time = Objects.requireNonNull(time, "time");
      this.timeProven = proven;
      return this;
    }

    /**
     * Sets the purpose.
     *
     * @param purpose signing or time-stamping
     * @return this builder
     */
    public Builder purpose(CertificatePurpose purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    /**
     * Adds certificates for path building.
     *
     * @param extra the certificates
     * @return this builder
     */
    public Builder certificates(List<X509Certificate> extra) {
      extra.forEach(c -> certificates.add(Objects.requireNonNull(c, "certificate")));
      return this;
    }

    /**
     * Adds a DER OCSP response (an {@code OCSPResponse} or a {@code BasicOCSPResponse}).
     *
     * @param der the response
     * @return this builder
     */
    public Builder ocspResponse(byte[] der) {
      ocspResponses.add(Objects.requireNonNull(der, "der").clone());
      return this;
    }

    /**
     * Adds a DER CRL.
     *
     * @param der the CRL
     * @return this builder
     */
    public Builder crl(byte[] der) {
      crls.add(Objects.requireNonNull(der, "der").clone());
      return this;
    }

    /**
     * Sets the certificate policies the caller accepts, e.g. the government CA's policy OIDs; the
     * result then reports which of them the path is valid for ({@link
     * CertificateResult#validPolicies()}).
     *
     * @param oids policy OIDs; {@code 2.5.29.32.0} (anyPolicy) accepts any
     * @return this builder
     * @throws IllegalArgumentException when empty
     */
    public Builder initialPolicies(Set<String> oids) {
      if (oids.isEmpty()) {
        throw new IllegalArgumentException("initial policies must not be empty");
      }
      this.initialPolicies = Set.copyOf(oids);
      return this;
    }

    /**
     * Requires the path to be valid for at least one initial policy (initial-explicit-policy).
     *
     * @param value whether required
     * @return this builder
     */
    public Builder explicitPolicyRequired(boolean value) {
      this.explicitPolicyRequired = value;
      return this;
    }

    /**
     * Inhibits policy mapping (initial-policy-mapping-inhibit).
     *
     * @param value whether inhibited
     * @return this builder
     */
    public Builder policyMappingInhibited(boolean value) {
      this.policyMappingInhibited = value;
      return this;
    }

    /**
     * Inhibits anyPolicy (initial-any-policy-inhibit).
     *
     * @param value whether inhibited
     * @return this builder
     */
    public Builder anyPolicyInhibited(boolean value) {
      this.anyPolicyInhibited = value;
      return this;
    }

    /**
     * Judges revocation material fresh when it speaks for this time rather than the validation
     * time. A time-stamp's TSA certificate, checked now, needs material only as fresh as the
     * time-stamp: what the document carries from when the time-stamp was made. Revocation known to
     * have happened before the validation time still counts.
     *
     * @param time the proof of existence the material sits under
     * @return this builder
     */
    public Builder revocationFreshAt(Instant time) {
      this.revocationFreshAt = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Shares the checks of supplied revocation data with another context of the same document. A
     * verifier checks each certificate of each path, for each signature and time-stamp and at each
     * time it is judged at, against every OCSP response the document carries: parsing the response,
     * matching it to the certificate, verifying the responder's signature and authorisation. Those
     * checks depend only on the response's bytes and the two certificates, never on the time or the
     * other facts of a context, so contexts that share them get the same results, each computed
     * once. What depends on the time (freshness, the revocation time) is judged under each context.
     * The verifiers of this SDK share the checks between the contexts of one document; contexts of
     * different documents need not.
     *
     * @param other a context of the same document
     * @return this builder
     * @since 0.2
     */
    public Builder sharingChecksWith(ValidationContext other) {
      this.sharedChecks = Objects.requireNonNull(other, "other").checks;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public ValidationContext build() {
      return new ValidationContext(this);
    }
  }
}
