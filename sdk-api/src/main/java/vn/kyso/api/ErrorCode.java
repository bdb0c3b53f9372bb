package vn.kyso.api;

/**
 * Stable error codes carried by every {@link KysoException}.
 *
 * <p>Codes never change meaning once released; hosts may switch on them. The texts shown to people
 * live in the {@code vn/kyso/api/messages} resource bundles (Vietnamese and English).
 *
 * @since 0.1
 */
public enum ErrorCode {
  /** The input could not be parsed: it is not what it claims to be, or it is damaged. */
  MALFORMED_INPUT,
  /** The input is larger than the configured limit. */
  INPUT_TOO_LARGE,
  /**
   * The input exceeds a configured {@link ResourceLimits} other than its size (objects, nesting).
   */
  LIMIT_EXCEEDED,
  /** A certificate could not be parsed. */
  MALFORMED_CERTIFICATE,
  /** A CRL could not be parsed. */
  MALFORMED_CRL,
  /** An OCSP response could not be parsed. */
  MALFORMED_OCSP_RESPONSE,
  /** An RFC 3161 time-stamp token or response could not be parsed. */
  MALFORMED_TIMESTAMP,
  /** A certificate offered as a trust anchor is not a CA certificate. */
  NOT_A_CA_CERTIFICATE,
  /** A file or resource could not be read. */
  IO_ERROR,
  /** A key store could not be read: the file is damaged or not a PKCS#12 key store. */
  KEYSTORE_UNREADABLE,
  /** A key store is intact but its password is wrong. */
  KEYSTORE_PASSWORD_INCORRECT,
  /** The key store holds no private key with a certificate. */
  NO_SIGNING_KEY,
  /** The key cannot produce the requested signature algorithm. */
  ALGORITHM_NOT_SUPPORTED,
  /** The algorithm is too weak to be used for a new signature. */
  ALGORITHM_TOO_WEAK,
  /** The token failed to produce a signature. */
  SIGNING_FAILED,
  /** The token was closed before use. */
  TOKEN_CLOSED,
  /** The PIN was wrong. */
  PIN_INCORRECT,
  /** The PIN is locked after too many wrong attempts. */
  PIN_LOCKED,
  /** The token was removed. */
  TOKEN_REMOVED,
  /** The PIN entry was cancelled by the person or the host. */
  PIN_CANCELLED,
  /** The next wrong PIN locks the token, and the host did not confirm the attempt. */
  PIN_FINAL_TRY_NOT_CONFIRMED,
  /** The token requires the PIN to be changed before use. */
  PIN_TO_BE_CHANGED,
  /** The new PIN does not meet the token's length limits, or was not confirmed. */
  PIN_INVALID,
  /** No token matches the selection (label, serial or slot). */
  TOKEN_NOT_FOUND,
  /** The PKCS#11 library could not be loaded or initialised. */
  MODULE_LOAD_FAILED,
  /** The folder for the native helper library does not allow executing code (noexec). */
  NATIVE_FOLDER_NOT_EXECUTABLE,
  /** The token reported an error. */
  TOKEN_ERROR,
  /** A batch stopped at a failing item; the items before it were signed. */
  BATCH_INTERRUPTED,
  /** The document is encrypted and no owner password was given. */
  DOCUMENT_ENCRYPTED,
  /**
   * The PDF is damaged in a way a reader only gets past by repairing it (a missing or truncated
   * end, a broken cross-reference, a page tree that is not a dictionary): a signature added to it
   * could not be verified by other readers, so signing refuses it. Open and save it again first.
   */
  DOCUMENT_NEEDS_REPAIR,
  /** The named signature field does not exist in the document. */
  SIGNATURE_FIELD_NOT_FOUND,
  /** The named signature field is already signed. */
  SIGNATURE_FIELD_SIGNED,
  /** The document's certification (DocMDP P=1) forbids any further signature. */
  DOCUMENT_CERTIFIED_NO_CHANGES,
  /** The space reserved for the signature is too small for the signature container. */
  SIGNATURE_TOO_LARGE,
  /** The signature value does not verify against the certificate and the data prepared. */
  SIGNATURE_VALUE_INVALID,
  /** A prepared-signature state is damaged or does not belong to this document. */
  PREPARED_STATE_INVALID,
  /** The output could not be written. */
  OUTPUT_FAILED,
  /** A network service (TSA, OCSP, CRL, AIA) could not be reached in time. */
  SERVICE_UNAVAILABLE,
  /** A network service answered with an error status or a response that does not check out. */
  SERVICE_BAD_RESPONSE,
  /** The user refused the remote signing request (on the phone or in the app). */
  USER_REJECTED,
  /** The user did not approve the remote signing request in time. */
  APPROVAL_TIMEOUT,
  /** The remote signing service's quota (signatures, requests) is used up. */
  QUOTA_EXCEEDED,
  /** The remote signing service refused the integrator's or the user's credentials. */
  CREDENTIAL_INVALID,
  /** The remote signing service failed; the service's own code comes with the error. */
  SERVICE_ERROR,
  /** The signing policy denied the signature; the exception carries the cited decision. */
  SIGNING_REFUSED,
  /** A policy pack is not valid: the message gives the file, line and column. */
  POLICY_INVALID,
  /** The visible signature cannot be made: a bad image or font, or no place for it on the page. */
  APPEARANCE_INVALID,
  /**
   * A remote signing service's callback was refused: not authenticated, malformed, for an unknown
   * transaction, or a replay of one already completed.
   */
  CALLBACK_REFUSED,
  /**
   * A package (an edXML message) cannot be sent as it is: a document in it is not signed as the
   * sending rules ask (the leader's and the organisation's signatures), or a signature in it does
   * not hold.
   *
   * @since 0.2
   */
  PACKAGE_NOT_READY
}
