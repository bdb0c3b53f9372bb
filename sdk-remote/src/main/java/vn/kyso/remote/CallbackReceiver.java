package vn.kyso.remote;

import java.util.Optional;
import vn.kyso.api.ServiceException;
import vn.kyso.api.remote.RemoteTransaction;

/**
 * Receives the callbacks of a remote signing service at the integrator's web endpoint. The
 * integrator's framework passes the request in and writes {@link CallbackOutcome#httpStatus()} and
 * {@link CallbackOutcome#responseBody()} back; when the outcome is a {@link
 * CallbackOutcome.Kind#RESULT}, the transaction is finished and, when approved, its prepared
 * signature is completed with the values (which {@code complete} checks against the certificate).
 *
 * <p>Callbacks are authenticated as each service documents it; where a service documents none (the
 * "769" webhook, CSC {@code response_uri}), the callback is only a trigger and the result is asked
 * of the service itself, so a forged callback can neither finish nor fake a transaction. Every
 * result passes through the {@link CompletionLedger}: a replayed callback is refused.
 *
 * @since 0.1
 */
public interface CallbackReceiver {

  /**
   * Handles one callback.
   *
   * @param request the request as received
   * @param transactions finds a transaction this back end submitted by the service's id (from the
   *     state it persisted at submission)
   * @return what to answer and what happened; refusals carry a {@code CALLBACK_REFUSED} error
   * @throws ServiceException when the service cannot be asked to confirm a trigger (answer 503 so
   *     that it calls again, or poll later)
   */
  CallbackOutcome receive(CallbackRequest request, TransactionLookup transactions)
      throws ServiceException;

  /** Finds a submitted transaction by the service's transaction id. */
  @FunctionalInterface
  interface TransactionLookup {
    /**
     * @param transactionId the service's id, as the callback names it (untrusted input)
     * @return the transaction, when this back end submitted it and has not forgotten it
     */
    Optional<RemoteTransaction> find(String transactionId);
  }
}
