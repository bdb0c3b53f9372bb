package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.testkit.Api769Server;
import vn.kyso.testkit.CallbackEndpoint;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.LoopbackServer.Delivery;
import vn.kyso.testkit.MySignServer;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.UserAnswer;

/**
 * Callbacks: each service's result arrives at the integrator's endpoint and completes the signature
 * once; a replayed, forged, unauthenticated, unknown or late (cancelled) callback is refused with
 * {@code CALLBACK_REFUSED} and completes nothing.
 */
class CallbacksTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(13).build();

  private static final String SECRET = "callback-secret-0123456789";

  @TempDir Path dir;

  /** The integrator's persisted transactions, by the service's id. */
  private final Map<String, RemoteTransaction> store = new ConcurrentHashMap<>();

  /** What the integrator's endpoint made of each callback. */
  private final BlockingQueue<CallbackOutcome> outcomes = new LinkedBlockingQueue<>();

  private CallbackEndpoint endpoint;

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private void listen(CallbackReceiver receiver) {
    endpoint =
        new CallbackEndpoint(
            (path, headers, body) -> {
              CallbackOutcome o =
                  receiver.receive(
                      CallbackRequest.of(headers, body), id -> Optional.ofNullable(store.get(id)));
              outcomes.add(o);
              return new CallbackEndpoint.Reply(o.httpStatus(), o.responseBody());
            });
  }

  private CallbackOutcome next() throws InterruptedException {
    CallbackOutcome o = outcomes.poll(10, TimeUnit.SECONDS);
    assertThat(o).as("a callback within 10 s").isNotNull();
    return o;
  }

  private Path pdf() throws Exception {
    Path pdf = dir.resolve("in.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(pdf.toFile());
    }
    return pdf;
  }

  /** Prepares, submits, waits for the callback, completes and verifies. */
  private RemoteTransaction signThroughCallback(RemoteSigner remote) throws Exception {
    Path in = pdf();
    Path out = dir.resolve("out.pdf");
    RemoteCredential c = remote.credentials().get(0);
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature p =
        signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain());
    RemoteTransaction tx =
        remote.submit(c, List.of(p.dataToSign()), SignatureAlgorithm.RSA_SHA256, "Cong van 12");
    store.put(tx.id(), RemoteTransaction.fromBytes(tx.toBytes()));
    CallbackOutcome o = next();
    while (o.kind() == CallbackOutcome.Kind.ANSWERED) {
      o = next(); // MySign's token request comes first
    }
    assertThat(o.kind()).as(o.toString()).isEqualTo(CallbackOutcome.Kind.RESULT);
    assertThat(o.httpStatus()).isEqualTo(200);
    assertThat(o.transaction()).map(RemoteTransaction::id).contains(tx.id());
    assertThat(o.result().orElseThrow().status()).isEqualTo(RemoteStatus.APPROVED);
    signer.complete(p, in, out, o.result().orElseThrow().signatures().get(0));
    assertThat(
            PdfVerifier.builder(PKI.verifier())
                .build()
                .verify(out)
                .signatures()
                .get(0)
                .indication())
        .isEqualTo(Indication.TOTAL_PASSED);
    return tx;
  }

  /** Prepares a PDF and submits its digest; the transaction is stored as the back end would. */
  private RemoteTransaction submitOne(RemoteSigner remote) throws Exception {
    RemoteCredential c = remote.credentials().get(0);
    RemoteTransaction tx =
        remote.submit(
            c,
            List.of(
                PdfSigner.builder()
                    .build()
                    .prepare(pdf(), PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain())
                    .dataToSign()),
            SignatureAlgorithm.RSA_SHA256,
            "x");
    store.put(tx.id(), tx);
    return tx;
  }

  private static void assertRefused(CallbackOutcome o, int status) {
    assertThat(o.kind()).as(o.toString()).isEqualTo(CallbackOutcome.Kind.REFUSED);
    assertThat(o.httpStatus()).isEqualTo(status);
    assertThat(o.refusal().orElseThrow().code()).isEqualTo(ErrorCode.CALLBACK_REFUSED);
    assertThat(o.result()).isEmpty();
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ 769 webhook

  @Test
  void api769_webhookCompletesOnce_replayAndForgeriesRefused() throws Exception {
    try (Api769Server server = new Api769Server("sp", "pw".toCharArray())) {
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      Api769Signer remote =
          Api769Signer.builder(server.base())
              .serviceProvider("sp", "pw".toCharArray())
              .userId("u")
              .build();
      listen(remote);
      URI hook = endpoint.uri("769");
      server.webhook(hook);
      RemoteTransaction tx = signThroughCallback(remote);

      // The same webhook again: the transaction is finished.
      Delivery first = server.awaitDeliveries(1, Duration.ofSeconds(10)).get(0);
      Delivery replay = server.send(first.target(), first.headers(), first.body());
      assertThat(replay.status()).isEqualTo(409);
      assertRefused(next(), 409);

      // Unknown transaction, another sp_id, not JSON.
      server.send(hook, Map.of(), json("{\"sp_id\":\"sp\",\"transaction_id\":\"nope\"}"));
      assertRefused(next(), 404);
      server.send(hook, Map.of(), json("{\"sp_id\":\"x\",\"transaction_id\":\"" + tx.id() + "\"}"));
      assertRefused(next(), 401);
      server.send(hook, Map.of(), json("<xml/>"));
      assertRefused(next(), 400);
    }
  }

  @Test
  void api769_forgedSuccessForAPendingTransaction_isOnlyATrigger() throws Exception {
    try (Api769Server server = new Api769Server("sp", "pw".toCharArray())) {
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      Api769Signer remote =
          Api769Signer.builder(server.base())
              .serviceProvider("sp", "pw".toCharArray())
              .userId("u")
              .build();
      listen(remote);
      server.webhook(endpoint.uri("769"));
      server.callbackDelay(Duration.ofMinutes(5)); // the user has not answered yet
      RemoteTransaction tx = submitOne(remote);
      // A forger claims success with values of its own: the service says pending.
      server.send(
          endpoint.uri("769"),
          Map.of(),
          json(
              "{\"sp_id\":\"sp\",\"status_code\":200,\"message\":\"SUCCESS\",\"transaction_id\":\""
                  + tx.id()
                  + "\",\"signed_files\":[{\"doc_id\":\"doc-1\",\"signature_value\":\"AAAA\"}]}"));
      CallbackOutcome o = next();
      assertThat(o.kind()).isEqualTo(CallbackOutcome.Kind.PENDING);
      assertThat(o.result()).isEmpty();
    }
  }

  @Test
  void api769_cancelledTransaction_lateWebhookRefused() throws Exception {
    try (Api769Server server = new Api769Server("sp", "pw".toCharArray())) {
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      Api769Signer remote =
          Api769Signer.builder(server.base())
              .serviceProvider("sp", "pw".toCharArray())
              .userId("u")
              .build();
      listen(remote);
      server.webhook(endpoint.uri("769"));
      server.callbackDelay(Duration.ofMillis(300));
      RemoteTransaction tx = submitOne(remote);
      remote.cancel(tx);
      assertRefused(next(), 409);
    }
  }

  // ------------------------------------------------------------------ CSC response_uri

  @Test
  void csc_responseUriNotice_completesOnce_andForgeriesRefused() throws Exception {
    try (CscServer server = new CscServer("c", "s".toCharArray())) {
      server.pki(PKI.pki());
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      CscSigner[] holder = new CscSigner[1];
      listen((request, lookup) -> holder[0].receive(request, lookup));
      holder[0] =
          CscSigner.builder(server.v2())
              .clientCredentials("c", "s".toCharArray())
              .userId("u")
              .responseUri(endpoint.uri("csc"))
              .build();
      signThroughCallback(holder[0]);

      Delivery first = server.awaitDeliveries(1, Duration.ofSeconds(10)).get(0);
      assertThat(first.bodyText()).contains("responseID");
      server.send(first.target(), first.headers(), first.body());
      assertRefused(next(), 409);
      server.send(first.target(), Map.of(), json("{\"responseID\":\"resp-999\"}"));
      assertRefused(next(), 404);
      server.send(first.target(), Map.of(), json("{}"));
      assertRefused(next(), 400);
    }
  }

  @Test
  void csc_rejectionByCallback_isAResultThatCarriesNoSignature() throws Exception {
    try (CscServer server = new CscServer("c", "s".toCharArray())) {
      server.pki(PKI.pki());
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      server.outcome(UserAnswer.REJECT);
      CscSigner[] holder = new CscSigner[1];
      listen((request, lookup) -> holder[0].receive(request, lookup));
      holder[0] =
          CscSigner.builder(server.v2())
              .clientCredentials("c", "s".toCharArray())
              .userId("u")
              .responseUri(endpoint.uri("csc"))
              .build();
      submitOne(holder[0]);
      CallbackOutcome o = next();
      assertThat(o.kind()).isEqualTo(CallbackOutcome.Kind.RESULT);
      assertThat(o.result().orElseThrow().status()).isEqualTo(RemoteStatus.REJECTED);
      assertThat(o.result().orElseThrow().signatures()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ MySign async 3

  private MySignSigner mySign(MySignServer server, Clock clock) {
    return MySignSigner.builder(server.base())
        .client("c", "s".toCharArray())
        .userId("u")
        .callbacks("viettel", SECRET.toCharArray())
        .clock(clock)
        .build();
  }

  @Test
  void mySign_twoStepCallback_completesOnce_andUnauthenticatedResultsRefused() throws Exception {
    try (MySignServer server = new MySignServer("c", "s".toCharArray())) {
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      MySignSigner remote = mySign(server, Clock.systemUTC());
      listen(remote);
      server.callbacks(
          endpoint.uri("mysign/token"),
          endpoint.uri("mysign/result"),
          "viettel",
          SECRET.toCharArray());
      RemoteTransaction tx = signThroughCallback(remote);
      List<Delivery> sent = server.awaitDeliveries(2, Duration.ofSeconds(10));
      assertThat(sent).hasSize(2);
      assertThat(sent.get(0).status()).isEqualTo(200);
      Delivery result = sent.get(1);
      assertThat(result.headers().get("Authorization")).startsWith("Bearer ");

      // Replayed with its (still valid) token: the transaction is finished.
      server.send(result.target(), result.headers(), result.body());
      assertRefused(next(), 409);
      // Without a token, with a made-up one, with a token signed by another secret.
      server.send(result.target(), Map.of(), result.body());
      assertRefused(next(), 401);
      server.send(result.target(), Map.of("Authorization", "Bearer abc.def"), result.body());
      assertRefused(next(), 401);
      String token = result.headers().get("Authorization").substring(7);
      String tampered =
          token.substring(0, token.indexOf('.'))
              + ".AAAA"
              + token.substring(token.indexOf('.') + 5);
      server.send(result.target(), Map.of("Authorization", "Bearer " + tampered), result.body());
      assertRefused(next(), 401);
      // A token request with the wrong secret.
      server.send(
          sent.get(0).target(),
          Map.of(),
          json(
              "{\"grant_type\":\"client_credentials\",\"client_id\":\"viettel\","
                  + "\"client_secret\":\"guess\"}"));
      assertRefused(next(), 401);
      assertThat(tx.id()).startsWith("VT");
    }
  }

  @Test
  void mySign_tokenExpiresAfterTenMinutes_andFormEncodedTokenRequestsWork() throws Exception {
    try (MySignServer server = new MySignServer("c", "s".toCharArray())) {
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      Instant t0 = Instant.parse("2026-12-06T03:00:00Z");
      MySignSigner at0 = mySign(server, Clock.fixed(t0, ZoneOffset.UTC));
      MySignSigner later = mySign(server, Clock.fixed(t0.plusSeconds(601), ZoneOffset.UTC));
      CallbackOutcome token =
          at0.receive(
              CallbackRequest.of(
                  Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                  json("grant_type=client_credentials&client_id=viettel&client_secret=" + SECRET)),
              id -> Optional.empty());
      assertThat(token.kind()).isEqualTo(CallbackOutcome.Kind.ANSWERED);
      String body = new String(token.responseBody(), StandardCharsets.UTF_8);
      String bearer = body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
      byte[] result =
          json("{\"meta_data\":{\"transaction_id\":\"VT1\",\"status\":\"1\"},\"data\":{}}");
      Map<String, List<String>> auth = Map.of("authorization", List.of("Bearer " + bearer));
      // Valid at t0 (the transaction is unknown here), refused ten minutes later.
      assertRefused(at0.receive(CallbackRequest.of(auth, result), id -> Optional.empty()), 404);
      assertRefused(later.receive(CallbackRequest.of(auth, result), id -> Optional.empty()), 401);
    }
  }

  @Test
  void mySign_withoutCallbacks_receiveIsAProgrammingError() {
    MySignSigner plain =
        MySignSigner.builder(URI.create("http://127.0.0.1:1/"))
            .client("c", "s".toCharArray())
            .userId("u")
            .build();
    assertThatThrownBy(
            () -> plain.receive(CallbackRequest.of(Map.of(), new byte[0]), id -> Optional.empty()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void callbackRequest_boundsTheBody_andLedgerForgetsTheOldest() {
    assertThatThrownBy(() -> CallbackRequest.of(Map.of(), new byte[CallbackRequest.MAX_BODY + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    CompletionLedger ledger = CompletionLedger.inMemory(2);
    assertThat(ledger.claim("csc", "a")).isTrue();
    assertThat(ledger.claim("csc", "a")).isFalse();
    assertThat(ledger.claim("769", "a")).isTrue();
    assertThat(ledger.claim("csc", "b")).isTrue();
    assertThat(ledger.claim("csc", "a")).isTrue(); // forgotten: capacity 2
    assertThat(CallbackRequest.of(Map.of("X-Token", List.of("t")), new byte[3]).header("x-token"))
        .contains("t");
  }

  @Test
  void signatureFromTheWrongKeyInACallback_isCaughtWhenCompleting() throws Exception {
    try (MySignServer server = new MySignServer("c", "s".toCharArray())) {
      server.user("u", PKI.pki().credential(TestIdentity.CHAIRMAN));
      server.answer(UserAnswer.WRONG_KEY);
      MySignSigner remote = mySign(server, Clock.systemUTC());
      listen(remote);
      server.callbacks(
          endpoint.uri("mysign/token"),
          endpoint.uri("mysign/result"),
          "viettel",
          SECRET.toCharArray());
      Path in = pdf();
      Path out = dir.resolve("wrong.pdf");
      RemoteCredential c = remote.credentials().get(0);
      PdfSigner signer = PdfSigner.builder().build();
      PreparedSignature p =
          signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain());
      RemoteTransaction tx =
          remote.submit(c, List.of(p.dataToSign()), SignatureAlgorithm.RSA_SHA256, "x");
      store.put(tx.id(), tx);
      next(); // token
      CallbackOutcome o = next();
      assertThat(o.kind()).isEqualTo(CallbackOutcome.Kind.RESULT);
      assertThatThrownBy(
              () -> signer.complete(p, in, out, o.result().orElseThrow().signatures().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID));
      assertThat(Files.exists(out)).isFalse();
    }
  }
}
