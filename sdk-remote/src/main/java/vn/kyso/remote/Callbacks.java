package vn.kyso.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.kyso.api.ServiceException;
import vn.kyso.api.remote.RemoteResult;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.api.shared.Json;

/** What the callback receivers share: parsing, the trigger-then-ask flow and the ledger. */
final class Callbacks {
  private Callbacks() {}

  /** The body as a JSON object, or empty when it is not one. */
  static Optional<Map<String, Object>> json(CallbackRequest request) {
    try {
      return Optional.of(Json.object(request.body()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A transaction id fit to be looked up and named in a message. */
  static Optional<String> transactionId(Optional<String> raw) {
    return raw.filter(
        s -> !s.isEmpty() && s.length() <= 200 && s.chars().allMatch(c -> c > 32 && c < 127));
  }

  static boolean sameSecret(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The callback names a transaction; the service is asked where it stands, and a finished
   * transaction is claimed in the ledger.
   */
  static CallbackOutcome askService(
      String service,
      RemoteSigner signer,
      String transactionId,
      CallbackReceiver.TransactionLookup lookup,
      CompletionLedger ledger,
      byte[] answer)
      throws ServiceException {
    Optional<RemoteTransaction> tx = lookup.find(transactionId);
    if (tx.isEmpty() || !tx.get().service().equals(service)) {
      return CallbackOutcome.refused(service, 404, "unknown transaction " + transactionId);
    }
    RemoteResult r = signer.poll(tx.get());
    if (r.status() == RemoteStatus.PENDING) {
      return CallbackOutcome.pending(tx.get(), answer);
    }
    return finish(service, tx.get(), r, ledger, answer);
  }

  /** A finished result, once per transaction. */
  static CallbackOutcome finish(
      String service,
      RemoteTransaction tx,
      RemoteResult result,
      CompletionLedger ledger,
      byte[] answer) {
    if (!ledger.claim(service, tx.id())) {
      return CallbackOutcome.refused(
          service, 409, "transaction " + tx.id() + " is already finished or cancelled (a replay)");
    }
    return CallbackOutcome.result(tx, result, answer);
  }

  /** A JSON acknowledgement. */
  static byte[] ok(Object statusCode) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status_code", statusCode);
    m.put("message", "success");
    return Json.write(m);
  }
}
