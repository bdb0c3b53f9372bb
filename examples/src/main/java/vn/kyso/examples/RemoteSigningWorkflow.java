package vn.kyso.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import vn.kyso.api.KysoException;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteResult;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.remote.CallbackOutcome;
import vn.kyso.remote.CallbackReceiver;
import vn.kyso.remote.CallbackRequest;

/**
 * Example: remote signing in a web back end, where the official's key sits in the CA's HSM and the
 * approval comes on the phone minutes later. The first request looks up the credential, prepares
 * the signature and submits the digest; the server keeps two small state blobs (in the session or a
 * database), not the document; later requests poll, or the service calls back; the last one
 * completes.
 *
 * <pre>{@code
 * // POST /documents/42/sign            → {pending}
 * Started s = RemoteSigningWorkflow.start(remote, signer, pdf);
 * db.save(42, s.prepared(), s.transaction());
 * // GET /documents/42/sign/status      (every few seconds, from any server of the cluster)
 * Outcome o = RemoteSigningWorkflow.finish(remote, signer, state.prepared(), state.transaction(),
 *     pdf, signedPdf);                  // PENDING until the user approves, then APPROVED (written)
 * // or POST /remote/callback           (the service calls back; answer what onCallback returns)
 * CallbackOutcome c = RemoteSigningWorkflow.onCallback(csc, signer,
 *     CallbackRequest.of(headers, body), db::findByTransaction, pdf, signedPdf);
 * response.status(c.httpStatus()).body(c.responseBody());
 * }</pre>
 */
public final class RemoteSigningWorkflow {
  private RemoteSigningWorkflow() {}

  /**
   * What the first request keeps.
   *
   * @param prepared the prepared signature's state
   * @param transaction the remote transaction's state
   */
  public record Started(byte[] prepared, byte[] transaction) {}

  /**
   * First request: the chain before prepare, then one digest submitted for approval.
   *
   * @param remote the remote signing service (built once per application)
   * @param signer the shared PDF signer
   * @param pdf the document; it must not change until the last request
   * @return the states to keep
   * @throws KysoException when the service or the document fails, or the policy refuses
   */
  public static Started start(RemoteSigner remote, PdfSigner signer, Path pdf)
      throws KysoException {
    RemoteCredential credential = remote.credentials().get(0);
    PreparedSignature p =
        signer.prepare(
            pdf, PdfSignatureOptions.builder(PadesLevel.B_B).build(), credential.chain());
    RemoteTransaction tx =
        remote.submit(credential, List.of(p.dataToSign()), p.algorithm(), "Ký số văn bản");
    return new Started(p.toBytes(), tx.toBytes());
  }

  /**
   * A later request: asks the service and, once approved, checks the value and writes the signed
   * PDF (atomically; nothing is written otherwise).
   *
   * @param remote the remote signing service
   * @param signer the shared PDF signer
   * @param prepared the prepared state from {@link #start}
   * @param transaction the transaction state from {@link #start}
   * @param pdf the same document
   * @param signedPdf where the signed document goes
   * @return where the transaction stands
   * @throws KysoException when the value does not verify or the service fails
   */
  public static RemoteStatus finish(
      RemoteSigner remote,
      PdfSigner signer,
      byte[] prepared,
      byte[] transaction,
      Path pdf,
      Path signedPdf)
      throws KysoException {
    RemoteResult r = remote.poll(RemoteTransaction.fromBytes(transaction));
    if (r.status() == RemoteStatus.APPROVED) {
      signer.complete(PreparedSignature.fromBytes(prepared), pdf, signedPdf, r.signatures().get(0));
    }
    return r.status();
  }

  /**
   * The callback route: the receiver authenticates the callback (or asks the service, where the
   * protocol has no authentication) and refuses replays; an approved result completes the
   * signature. A refused callback writes nothing.
   *
   * @param receiver the adapter that submitted (CSC with a response URI, "769", MySign with
   *     callbacks)
   * @param signer the shared PDF signer
   * @param request the callback as the web framework received it
   * @param store the states {@link #start} returned, by the service's transaction id
   * @param pdf the document of that transaction
   * @param signedPdf where its signed copy goes
   * @return what to answer the service
   * @throws KysoException when the value does not verify or the service cannot confirm a trigger
   */
  public static CallbackOutcome onCallback(
      CallbackReceiver receiver,
      PdfSigner signer,
      CallbackRequest request,
      Function<String, Optional<Started>> store,
      Path pdf,
      Path signedPdf)
      throws KysoException {
    CallbackOutcome o =
        receiver.receive(
            request,
            id -> {
              Optional<Started> s = store.apply(id);
              if (s.isEmpty()) {
                return Optional.empty();
              }
              try {
                return Optional.of(RemoteTransaction.fromBytes(s.get().transaction()));
              } catch (KysoException e) {
                return Optional.empty();
              }
            });
    Optional<RemoteResult> r = o.result();
    if (r.isPresent() && r.get().status() == RemoteStatus.APPROVED) {
      Started s = store.apply(o.transaction().orElseThrow().id()).orElseThrow();
      signer.complete(
          PreparedSignature.fromBytes(s.prepared()), pdf, signedPdf, r.get().signatures().get(0));
    }
    return o;
  }
}
