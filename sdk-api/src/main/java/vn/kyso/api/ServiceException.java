package vn.kyso.api;

/**
 * A network service needed while signing (TSA, OCSP, CRL, AIA) is unreachable, too slow or answered
 * badly.
 *
 * @since 0.1
 */
public class ServiceException extends KysoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param cause the underlying cause, or {@code null}
   * @param arguments the values substituted into the localised message
   */
  public ServiceException(ErrorCode code, Throwable cause, Object... arguments) {
    super(code, cause, arguments);
  }
}
