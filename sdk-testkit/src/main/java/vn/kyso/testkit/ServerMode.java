package vn.kyso.testkit;

/**
 * How a loopback server answers. Every server supports {@link #NORMAL}, {@link #SLOW}, {@link
 * #MALFORMED} and {@link #ERROR_STATUS}; the others say which server they apply to.
 *
 * @since 0.1
 */
public enum ServerMode {
  /**
   * The truth: good, revoked or unknown according to the {@link TestPki}; a valid CRL; a valid
   * token.
   */
  NORMAL,
  /** OCSP: "good" for every certificate, even a revoked one. */
  GOOD,
  /** OCSP: "revoked" (key compromise, one hour before now) for every certificate. */
  REVOKED,
  /** OCSP: "unknown" for every certificate. */
  UNKNOWN,
  /** Waits {@code delay} (default 10 s) before answering, for time-out tests. */
  SLOW,
  /** Answers HTTP 200 with bytes that are not the expected structure. */
  MALFORMED,
  /**
   * Answers with the protocol's error status (OCSP tryLater, TSA rejection) or HTTP 500 for CRLs.
   */
  ERROR_STATUS,
  /** OCSP: signs with a key the issuer never authorised (a certificate of another root). */
  UNAUTHORISED_SIGNER,
  /** OCSP: echoes a nonce other than the request's. */
  WRONG_NONCE,
  /** OCSP and CRL: data whose nextUpdate is already past. */
  STALE,
  /** TSA: a token over a digest other than the one requested. */
  WRONG_IMPRINT,
  /** TSA: a valid token, but for another request (another nonce). */
  OTHER_REQUEST,
  /**
   * HTTP 429 Too Many Requests with {@code Retry-After} (see {@link LoopbackServer#retryAfter}).
   */
  TOO_MANY_REQUESTS,
  /** HTTP 503 Service Unavailable. */
  SERVER_ERROR,
  /** Reads the request and closes the connection without an answer. */
  DROP
}
