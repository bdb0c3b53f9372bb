package vn.kyso.remote;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.remote.RemoteResult;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.api.shared.Json;

/**
 * What a callback meant, and what to answer the service. Immutable.
 *
 * @since 0.1
 */
public final class CallbackOutcome {

  /** What the callback meant. */
  public enum Kind {
    /** The transaction is finished: {@link #result()} says how; complete it when approved. */
    RESULT,
    /** A trigger for a transaction the service still reports pending: nothing to do yet. */
    PENDING,
    /** A protocol step that needs no action (an access token issued to the service). */
    ANSWERED,
    /** Not authenticated, malformed, unknown or replayed: {@link #refusal()} says why. */
    REFUSED
  }

  private final Kind kind;
  private final RemoteTransaction transaction;
  private final RemoteResult result;
  private final RemoteSigningException refusal;
  private final int httpStatus;
  private final byte[] responseBody;

  private CallbackOutcome(
      Kind kind,
      RemoteTransaction transaction,
      RemoteResult result,
      RemoteSigningException refusal,
      int httpStatus,
      byte[] responseBody) {
    this.kind = kind;
    this.transaction = transaction;
    this.result = result;
    this.refusal = refusal;
    this.httpStatus = httpStatus;
    this.responseBody = responseBody.clone();
  }

  static CallbackOutcome result(RemoteTransaction tx, RemoteResult result, byte[] answer) {
    return new CallbackOutcome(
        Kind.RESULT, Objects.requireNonNull(tx), Objects.requireNonNull(result), null, 200, answer);
  }

  static CallbackOutcome pending(RemoteTransaction tx, byte[] answer) {
    return new CallbackOutcome(Kind.PENDING, tx, null, null, 200, answer);
  }

  static CallbackOutcome answered(byte[] answer) {
    return new CallbackOutcome(Kind.ANSWERED, null, null, null, 200, answer);
  }

  static CallbackOutcome refused(String service, int httpStatus, String why) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status_code", String.valueOf(httpStatus));
    body.put("message", "refused");
    return new CallbackOutcome(
        Kind.REFUSED,
        null,
        null,
        new RemoteSigningException(ErrorCode.CALLBACK_REFUSED, null, null, service, why),
        httpStatus,
        Json.write(body));
  }

  /**
   * @return what the callback meant
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the transaction it was about, for {@link Kind#RESULT} and {@link Kind#PENDING}
   */
  public Optional<RemoteTransaction> transaction() {
    return Optional.ofNullable(transaction);
  }

  /**
   * @return the finished result, for {@link Kind#RESULT}
   */
  public Optional<RemoteResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * @return why it was refused ({@code CALLBACK_REFUSED}), for {@link Kind#REFUSED}
   */
  public Optional<RemoteSigningException> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * @return the HTTP status to answer the service with
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * @return the content type of {@link #responseBody()}
   */
  public String contentType() {
    return "application/json";
  }

  /**
   * @return the body to answer the service with (JSON)
   */
  public byte[] responseBody() {
    return responseBody.clone();
  }

  @Override
  public String toString() {
    return "CallbackOutcome["
        + kind
        + (transaction == null ? "" : ", " + transaction.id())
        + (result == null ? "" : ", " + result.status())
        + (refusal == null ? "" : ", " + refusal.getMessage())
        + ", HTTP "
        + httpStatus
        + ", "
        + new String(responseBody, StandardCharsets.UTF_8).length()
        + " chars]";
  }
}
