package vn.kyso.api.policy;

/**
 * What a policy is asked about. A {@link SigningRequest} asks about an operation on a document
 * ({@link #SIGN}, {@link #ENCRYPT}, {@link #DECRYPT}); the certificate operations ({@link
 * #REQUEST_CERTIFICATE}, {@link #RENEW}, {@link #REVOKE}, {@link #RECOVER}) are asked about a
 * certificate (in {@code sdk-policy}, {@code Policy.lifecycle}).
 *
 * <p>Each rule says which operations it governs: the classified exclusions (X-01, TB-10, LC-04a,
 * KT-02, KG-01) govern signing only, and encrypting a classified document is answered by the rule
 * that permits it (TB-11), not by the exclusion's wording.
 *
 * @since 0.1
 */
public enum Operation {
  /** Sign a document (the default). */
  SIGN,
  /** Encrypt a document for a recipient's certificate. */
  ENCRYPT,
  /** Decrypt a document with one's own key. */
  DECRYPT,
  /** Request a new certificate. */
  REQUEST_CERTIFICATE,
  /** Renew (extend) a certificate. */
  RENEW,
  /** Revoke a certificate. */
  REVOKE,
  /** Recover a locked key device (unlock or reset the PIN). */
  RECOVER;

  /**
   * @return true for the operations on a document ({@link #SIGN}, {@link #ENCRYPT}, {@link
   *     #DECRYPT})
   */
  public boolean onDocument() {
    return this == SIGN || this == ENCRYPT || this == DECRYPT;
  }
}
