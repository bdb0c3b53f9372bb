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
   * document signing, smart-card logon), so a certificate whose extended key usage names only TLS
   * server purposes is not a document signer; the end entity must not be a CA. These are the
   * profiles the government special-use person, organisation and device certificates carry (key
   * usage digitalSignature and nonRepudiation, with e-mail protection or client authentication when
   * an extended key usage is present).
   */
  SIGNING,
  /** An RFC 3161 time-stamping unit: extended key usage id-kp-timeStamping, critical. */
  TIMESTAMPING,
  /**
   * RFC 5280 path validation alone, with no end-entity profile: for conformance suites such as NIST
   * PKITS and for checking a CA or a CRL issuer. Never use it to accept a document signer.
   */
  ANY
}
