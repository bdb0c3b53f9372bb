package vn.kyso.api;

/**
 * An input document, certificate, CRL, OCSP response or time-stamp is malformed, too large or
 * unreadable.
 *
 * @since 0.1
 */
public class DocumentException extends KysoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param cause the underlying cause, or {@code null}
   * @param arguments the values substituted into the localised message
   */
  public DocumentException(ErrorCode code, Throwable cause, Object... arguments) {
    super(code, cause, arguments);
  }
}
