package vn.kyso.api.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one certificate validation: the time it is judged at, whether that time is proven,
 * and material the document or host supplies. Immutable.
 *
 * @since 0.1
 */
public final class ValidationContext {
  private final Instant time;
  private final boolean timeProven;
  private final CertificatePurpose purpose;
  private final List<X509Certificate> certificates;
  private final List<byte[]> ocspResponses;
  private final List<byte[]> crls;

  private ValidationContext(Builder b) {
    this.time = b.time;
    this.timeProven = b.timeProven;
    this.purpose = b.purpose;
    this.certificates = List.copyOf(b.certificates);
    this.ocspResponses = copy(b.ocspResponses);
    this.crls = copy(b.crls);
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
     * Builds the context.
     *
     * @return the context
     */
    public ValidationContext build() {
      return new ValidationContext(this);
    }
  }
}
