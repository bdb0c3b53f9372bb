package vn.kyso.api.policy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.validation.SignatureResult;

/**
 * A signature already on the document, as the policy needs it: its kind, certificate, time and
 * whether it verified. Immutable.
 *
 * @param kind personal or organisation
 * @param certificate the signer's certificate
 * @param time the proven (time-stamp) or else claimed signing time
 * @param valid whether the signature verified (TOTAL_PASSED)
 * @since 0.1
 */
public record PriorSignature(
    SignatureKind kind, X509Certificate certificate, Instant time, boolean valid) {

  /**
   * Validates the parts.
   *
   * @param kind kind
   * @param certificate certificate
   * @param time time
   * @param valid validity
   */
  public PriorSignature {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(time, "time");
  }

  /**
   * @return the signer identity parsed from the certificate
   */
  public SignerIdentity signer() {
    return SignerIdentity.from(certificate);
  }

  /**
   * Returns the signature from a validation result.
   *
   * @param result a signature's result
   * @return the prior signature, empty when the result has no certificate or time
   */
  public static Optional<PriorSignature> from(SignatureResult result) {
    Optional<X509Certificate> cert = result.signingCertificate();
    Optional<Instant> time = result.bestSignatureTime().or(result::claimedSigningTime);
    if (cert.isEmpty() || time.isEmpty()) {
      return Optional.empty();
    }
    SignatureKind kind = SignatureKind.from(SignerIdentity.from(cert.get()).subjectType());
    return Optional.of(new PriorSignature(kind, cert.get(), time.get(), result.isPassed()));
  }
}
