package vn.kyso.api.trust;

/**
 * What the end-entity certificate is being validated for; decides the key-usage checks.
 *
 * @since 0.1
 */
public enum CertificatePurpose {
  /**
   * Signing documents: key usage digitalSignature or nonRepudiation must be present; an extended
   * key usage, when present, must allow signing (any, e-mail protection, client authentication,
   * document signing, smart-card logon).
   */
  SIGNING,
  /** An RFC 3161 time-stamping unit: extended key usage id-kp-timeStamping, critical. */
  TIMESTAMPING
}
