package vn.kyso.api.remote;

import java.util.Optional;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;

/**
 * A remote signing service refused, timed out or failed: {@link ErrorCode#USER_REJECTED}, {@link
 * ErrorCode#APPROVAL_TIMEOUT}, {@link ErrorCode#QUOTA_EXCEEDED}, {@link
 * ErrorCode#CREDENTIAL_INVALID} or {@link ErrorCode#SERVICE_ERROR}, with the service's own code
 * when it gave one. The prepared signature is untouched and may be submitted again where the
 * protocol allows.
 *
 * @since 0.1
 */
public class RemoteSigningException extends ServiceException {
  private static final long serialVersionUID = 1L;
  private final String serviceCode;

  /**
   * Creates the exception.
   *
   * @param code the error code
   * @param serviceCode the service's own code, or null
   * @param cause the cause, or null
   * @param arguments the message arguments: the service and what it said
   */
  public RemoteSigningException(
      ErrorCode code, String serviceCode, Throwable cause, Object... arguments) {
    super(code, cause, arguments);
    this.serviceCode = serviceCode;
  }

  /**
   * @return the service's own status or error code, when it gave one
   */
  public Optional<String> serviceCode() {
    return Optional.ofNullable(serviceCode);
  }
}
