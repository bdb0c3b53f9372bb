package vn.kyso.api;

/**
 * A signing token failed or refused: wrong or locked PIN, removed token, unusable key.
 *
 * @since 0.1
 */
public class TokenException extends KysoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param cause the underlying cause, or {@code null}
   * @param arguments the values substituted into the localised message
   */
  public TokenException(ErrorCode code, Throwable cause, Object... arguments) {
    super(code, cause, arguments);
  }
}
