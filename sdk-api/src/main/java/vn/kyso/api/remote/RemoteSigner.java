package vn.kyso.api.remote;

import java.time.Duration;
import java.util.List;
import vn.kyso.api.Digest;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;

/**
 * A signing service that holds the user's key: look up the credentials (and their chains) before
 * preparing, submit the digests {@code prepare} computed, and collect the raw signature values when
 * the user approves. Implementations are thread-safe, log no secret, and bound every call in time;
 * {@code sdk-remote} has the adapters.
 *
 * <pre>{@code
 * RemoteCredential c = remote.credentials().get(0);              // chain before prepare
 * PreparedSignature p = pdfSigner.prepare(input, options, c.chain());
 * RemoteTransaction tx = remote.submit(c, List.of(p.dataToSign()), algorithm, "Công văn 12");
 * byte[] state = tx.toBytes();                                    // may finish in another JVM
 * RemoteResult r = remote.poll(RemoteTransaction.fromBytes(state));
 * pdfSigner.complete(p, input, output, r.signatures().get(0));    // re-checks the value
 * }</pre>
 *
 * @since 0.1
 */
public interface RemoteSigner {

  /**
   * Lists the user's credentials with their certificate chains.
   *
   * @return the credentials, possibly empty
   * @throws ServiceException when the service fails ({@code CREDENTIAL_INVALID} for refused
   *     credentials of the integrator or user)
   */
  List<RemoteCredential> credentials() throws ServiceException;

  /**
   * Submits digests for signature under one approval.
   *
   * @param credential the credential that signs
   * @param digests the digests, at most the credential's {@code multisign}
   * @param algorithm the signature algorithm
   * @param description what the user sees when asked to approve
   * @return the transaction; {@link #poll} tells when it is done (it may already be)
   * @throws ServiceException when the service refuses or fails
   */
  RemoteTransaction submit(
      RemoteCredential credential,
      List<Digest> digests,
      SignatureAlgorithm algorithm,
      String description)
      throws ServiceException;

  /**
   * Asks where a transaction stands.
   *
   * @param transaction the transaction
   * @return the result
   * @throws ServiceException when the service fails
   */
  RemoteResult poll(RemoteTransaction transaction) throws ServiceException;

  /**
   * Cancels a transaction where the service allows it; otherwise forgets it.
   *
   * @param transaction the transaction
   * @throws ServiceException when the service fails
   */
  default void cancel(RemoteTransaction transaction) throws ServiceException {}

  /**
   * Submits and waits for the approval, polling within a time budget.
   *
   * @param credential the credential
   * @param digests the digests
   * @param algorithm the algorithm
   * @param description what the user sees
   * @param budget the longest wait
   * @param interval the time between polls
   * @return the signature values in the order of the digests
   * @throws ServiceException {@code USER_REJECTED}, {@code APPROVAL_TIMEOUT} (also when the budget
   *     runs out), {@code QUOTA_EXCEEDED}, {@code CREDENTIAL_INVALID}, {@code SERVICE_ERROR}
   * @throws InterruptedException when the waiting thread is interrupted (the transaction is
   *     cancelled)
   */
  default List<SignatureValue> signAndWait(
      RemoteCredential credential,
      List<Digest> digests,
      SignatureAlgorithm algorithm,
      String description,
      Duration budget,
      Duration interval)
      throws ServiceException, InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    RemoteTransaction tx = submit(credential, digests, algorithm, description);
    while (true) {
      RemoteResult r = poll(tx);
      switch (r.status()) {
        case APPROVED -> {
          if (r.signatures().size() != digests.size()) {
            throw new RemoteSigningException(
                ErrorCode.SERVICE_ERROR,
                null,
                null,
                tx.service(),
                r.signatures().size() + " signatures for " + digests.size() + " digests");
          }
          return r.signatures();
        }
        case REJECTED ->
            throw new RemoteSigningException(
                ErrorCode.USER_REJECTED,
                r.serviceCode().orElse(null),
                null,
                tx.service(),
                r.message().orElse("rejected"));
        case EXPIRED ->
            throw new RemoteSigningException(
                ErrorCode.APPROVAL_TIMEOUT,
                r.serviceCode().orElse(null),
                null,
                tx.service(),
                r.message().orElse("expired"));
        case FAILED ->
            throw new RemoteSigningException(
                ErrorCode.SERVICE_ERROR,
                r.serviceCode().orElse(null),
                null,
                tx.service(),
                r.message().orElse("failed"));
        default -> {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            cancel(tx);
            throw new RemoteSigningException(
                ErrorCode.APPROVAL_TIMEOUT, null, null, tx.service(), "no approval in " + budget);
          }
          try {
            Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
          } catch (InterruptedException e) {
            cancel(tx);
            throw e;
          }
        }
      }
    }
  }
}
