package vn.kyso.api;

import java.util.Locale;
import java.util.Objects;
import vn.kyso.api.internal.Messages;

/**
 * The root of the SDK's checked exceptions: something the caller can act on.
 *
 * <p>Every instance carries a stable {@link ErrorCode}. {@link #getMessage()} is English; {@link
 * #message(Locale)} gives the same text in Vietnamese ({@code vi}) or English. Messages never
 * contain secrets such as PINs or key material.
 *
 * @since 0.1
 */
public abstract class KysoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String[] arguments;

  /**
   * Creates an exception with a code and the arguments of its message.
   *
   * @param code the stable error code
   * @param cause the underlying cause, or {@code null}
   * @param arguments the values substituted into the localised message
   */
  protected KysoException(ErrorCode code, Throwable cause, Object... arguments) {
    super(
        Messages.API.format(
            Locale.ENGLISH, "error." + Objects.requireNonNull(code, "code").name(), arguments),
        cause);
    this.code = code;
    this.arguments = Messages.stringify(arguments);
  }

  /**
   * Returns the stable code of this error.
   *
   * @return the code
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * Returns the message in the given language (Vietnamese for {@code vi}, English otherwise).
   *
   * @param locale the language wanted
   * @return the localised message
   */
  public String message(Locale locale) {
    return Messages.API.format(locale, "error." + code.name(), (Object[]) arguments);
  }

  @Override
  public String getLocalizedMessage() {
    return message(Locale.getDefault());
  }
}
