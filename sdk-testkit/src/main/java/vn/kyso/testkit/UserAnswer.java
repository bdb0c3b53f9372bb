package vn.kyso.testkit;

/**
 * How the user of a loopback remote signing service ({@link CscServer}, {@link Api769Server})
 * answers the next requests.
 *
 * @since 0.1
 */
public enum UserAnswer {
  /** The user approves. */
  APPROVE,
  /** The user refuses. */
  REJECT,
  /** The approval never comes and the request expires. */
  EXPIRE,
  /** The service signs with a key that is not the credential's. */
  WRONG_KEY
}
