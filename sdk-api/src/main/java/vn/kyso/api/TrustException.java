package vn.kyso.api;

/**
 * Trust configuration is wrong, for example a non-CA certificate offered as a trust anchor.
 *
 * @since 0.1
 */
public class TrustException extends KysoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param cause the underlying cause, or {@code null}
   * @param arguments the values substituted into the localised message
   */
  public TrustException(ErrorCode code, Throwable cause, Object... arguments) {
    super(code, cause, arguments);
  }
}
