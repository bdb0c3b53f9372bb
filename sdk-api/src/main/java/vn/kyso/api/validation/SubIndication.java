package vn.kyso.api.validation;

/**
 * Why a validation did not pass, with the names of ETSI EN 319 102-1, clause 5.1.3, unchanged, and
 * one of Kyso's own for PDF, {@link #DISALLOWED_CHANGE}, which EN 319 102-1 does not name.
 *
 * @since 0.1
 */
public enum SubIndication {
  /** TOTAL_FAILED: the signature or a structure in it is not well formed. */
  FORMAT_FAILURE(Indication.TOTAL_FAILED),
  /**
   * TOTAL_FAILED: a digest over signed data does not match: the signed bytes are not the bytes that
   * were signed. Nothing else.
   */
  HASH_FAILURE(Indication.TOTAL_FAILED),
  /**
   * TOTAL_FAILED (Kyso's own, not in EN 319 102-1): the signed bytes are intact, but a later
   * revision of the PDF changed what the signed revision showed or did in a way no rule allows
   * (page content, the page tree, page boxes, scripts, locked fields, ...), or cannot be read
   * strictly. What the reader sees is not what was signed. The finding {@code
   * PDF_DISALLOWED_CHANGE} names the revision and the objects.
   */
  DISALLOWED_CHANGE(Indication.TOTAL_FAILED),
  /** TOTAL_FAILED: the signature value does not verify with the signer's key. */
  SIG_CRYPTO_FAILURE(Indication.TOTAL_FAILED),
  /** TOTAL_FAILED: the certificate was revoked before the proven signing time. */
  REVOKED(Indication.TOTAL_FAILED),
  /** TOTAL_FAILED: the signature was proven to be made after the certificate expired. */
  EXPIRED(Indication.TOTAL_FAILED),
  /** TOTAL_FAILED: the signature was made before the certificate became valid. */
  NOT_YET_VALID(Indication.TOTAL_FAILED),
  /** INDETERMINATE: a constraint on the signature (attributes, policy) is not met. */
  SIG_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
  /** INDETERMINATE: a constraint on the chain (key usage, basic constraints, ...) is not met. */
  CHAIN_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
  /** INDETERMINATE: the chain could not be processed for another reason. */
  CERTIFICATE_CHAIN_GENERAL_FAILURE(Indication.INDETERMINATE),
  /** INDETERMINATE: an algorithm or key is too weak at the validation time. */
  CRYPTO_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
  /** INDETERMINATE: an algorithm became too weak and no proof of existence predates that. */
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE(Indication.INDETERMINATE),
  /** INDETERMINATE: the signing certificate could not be identified. */
  NO_SIGNING_CERTIFICATE_FOUND(Indication.INDETERMINATE),
  /** INDETERMINATE: no chain to a trust anchor could be built. */
  NO_CERTIFICATE_CHAIN_FOUND(Indication.INDETERMINATE),
  /** INDETERMINATE: revoked, and no proof that the signature existed before revocation. */
  REVOKED_NO_POE(Indication.INDETERMINATE),
  /** INDETERMINATE: a CA certificate in the chain is revoked, with no proof of existence before. */
  REVOKED_CA_NO_POE(Indication.INDETERMINATE),
  /** INDETERMINATE: the certificate is outside its validity and no proof of existence helps. */
  OUT_OF_BOUNDS_NO_POE(Indication.INDETERMINATE),
  /** INDETERMINATE: outside validity, known not to be revoked, but no proof of existence. */
  OUT_OF_BOUNDS_NOT_REVOKED(Indication.INDETERMINATE),
  /** INDETERMINATE: the revocation information is outside its validity. */
  REVOCATION_OUT_OF_BOUNDS_NO_POE(Indication.INDETERMINATE),
  /** INDETERMINATE: a proof of existence is missing. */
  NO_POE(Indication.INDETERMINATE),
  /** INDETERMINATE: revocation status not available now; try later. */
  TRY_LATER(Indication.INDETERMINATE),
  /** INDETERMINATE: the signed data could not be found. */
  SIGNED_DATA_NOT_FOUND(Indication.INDETERMINATE),
  /** INDETERMINATE: the time-stamps are in an impossible order. */
  TIMESTAMP_ORDER_FAILURE(Indication.INDETERMINATE);

  private final Indication indication;

  SubIndication(Indication indication) {
    this.indication = indication;
  }

  /**
   * Returns the main indication this sub-indication belongs to.
   *
   * @return TOTAL_FAILED or INDETERMINATE
   */
  public Indication indication() {
    return indication;
  }
}
