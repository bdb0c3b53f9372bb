package vn.kyso.remote;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteResult;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.api.shared.Http;
import vn.kyso.api.shared.Json;

/**
 * Remote signing through Viettel MySign ({@code vtss}): a login per user ({@code
 * vtss/service/ras/v1/login}, a bearer token of about an hour, no refresh), {@code
 * vtss/service/certificates/info} for the chain, {@code vtss/service/signHash} synchronous ({@code
 * async 0}) or polled ({@code async 1}, then {@code vtss/service/requests/status}: 4000 waiting,
 * 6000 signing, 1 done; 4001 timeout, 4002 refused, 4004 failed, 4005 quota, 13004 certificate
 * expired or revoked). SHA-256 and RSA only, as the service requires. The description and document
 * names the user sees must be ASCII ({@code [A-Za-z0-9_- ]}, base64 under 100 characters):
 * Vietnamese text is transliterated ("Công văn số 12" becomes "Cong van so 12") and cut to fit, and
 * {@link #displayText} tells what will be shown.
 *
 * <p>With {@link Builder#callbacks} the requests are sent with {@code async 3} and Viettel answers
 * in two steps at the integrator's URLs, both handed to {@link #receive}: it first asks for an
 * access token with the client id and secret the integrator issued to it ({@code grant_type
 * client_credentials}; the token is an HMAC made with that secret, valid ten minutes, so any
 * instance of the back end accepts it), then posts the result with that bearer token. A result
 * without a valid token is refused, and a transaction finishes once.
 *
 * @since 0.1
 */
public final class MySignSigner implements RemoteSigner, CallbackReceiver {
  private static final String SERVICE = "mysign";
  private static final int MAX_ASCII = 72;

  private final URI base;
  private final String clientId;
  private final char[] clientSecret;
  private final String profileId;
  private final String userId;
  private final boolean asynchronous;
  private final String callbackClientId;
  private final byte[] callbackKey;
  private final CompletionLedger ledger;
  private final Duration timeout;
  private final Clock clock;
  private final Http http;
  private final Map<String, List<SignatureValue>> results = new ConcurrentHashMap<>();
  private volatile String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  private MySignSigner(Builder b) {
    this.base = b.base;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret.clone();
    this.profileId = b.profileId;
    this.userId = b.userId;
    this.asynchronous = b.asynchronous;
    this.callbackClientId = b.callbackClientId;
    this.callbackKey =
        b.callbackSecret == null
            ? null
            : new String(b.callbackSecret).getBytes(StandardCharsets.UTF_8);
    this.ledger = b.ledger;
    this.timeout = b.timeout;
    this.clock = b.clock;
    this.http = new Http(b.timeout, b.timeout, 4L * 1024 * 1024);
  }

  /**
   * Returns a builder.
   *
   * @param serviceUrl the service base, e.g. {@code https://remotesigning.viettel.vn/}
   * @return the builder
   */
  public static Builder builder(URI serviceUrl) {
    return new Builder(serviceUrl);
  }

  /**
   * Returns the ASCII text the service will show for a description: Vietnamese letters without
   * their marks, only {@code [A-Za-z0-9_- ]}, at most 72 characters (its base64 stays under 100).
   *
   * @param text the text
   * @return the text as shown
   */
  public static String displayText(String text) {
    String plain =
        Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replaceAll("[^A-Za-z0-9_\\- ]", " ")
            .replaceAll(" +", " ")
            .strip();
    return plain.length() > MAX_ASCII ? plain.substring(0, MAX_ASCII).strip() : plain;
  }

  private static String b64(String ascii) {
    return Base64.getEncoder().encodeToString(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  private Map<String, Object> clientBody() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client_id", clientId);
    m.put("client_secret", new String(clientSecret));
    return m;
  }

  @Override
  public List<RemoteCredential> credentials() throws ServiceException {
    Map<String, Object> body = clientBody();
    body.put("profile_id", profileId);
    body.put("user_id", userId);
    body.put("certificates", "chain");
    body.put("certInfo", true);
    body.put("authInfo", true);
    Http.Response r = post("vtss/service/certificates/info", body, true);
    List<RemoteCredential> out = new ArrayList<>();
    for (Object o : array(r)) {
      if (!(o instanceof Map<?, ?> raw)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) raw;
      String id = Json.text(c, "credential_id").orElseThrow(() -> bad("no credential_id"));
      List<X509Certificate> chain =
          Services.certificates(Json.list(Json.object(c, "cert"), "certificates"), SERVICE);
      if (chain.isEmpty()) {
        throw bad("credential " + id + " without its certificate");
      }
      int multisign = Json.text(c, "multisign").map(MySignSigner::number).orElse(1);
      out.add(new RemoteCredential(id, chain, Math.max(1, multisign)));
    }
    return out;
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  @Override
  public RemoteTransaction submit(
      RemoteCredential credential,
      List<Digest> digests,
      SignatureAlgorithm algorithm,
      String description)
      throws ServiceException {
    Objects.requireNonNull(credential, "credential");
    if (algorithm != SignatureAlgorithm.RSA_SHA256) {
      throw new IllegalArgumentException("MySign signs RSA with SHA-256 only, not " + algorithm);
    }
    if (digests.isEmpty() || digests.size() > credential.multisign()) {
      throw new IllegalArgumentException(digests.size() + " digests for one request");
    }
    List<String> hashes = new ArrayList<>();
    List<Object> documents = new ArrayList<>();
    String shown = displayText(description);
    for (int i = 0; i < digests.size(); i++) {
      if (digests.get(i).algorithm() != DigestAlgorithm.SHA256) {
        throw new IllegalArgumentException("MySign takes SHA-256 digests only");
      }
      hashes.add(Base64.getEncoder().encodeToString(digests.get(i).value()));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("document_id", "doc-" + (i + 1));
      d.put("document_name", b64(displayText(shown + " " + (i + 1))));
      documents.add(d);
    }
    Map<String, Object> body = clientBody();
    body.put("credentialID", credential.id());
    body.put("numSignatures", digests.size());
    body.put("description", b64(shown));
    body.put("documents", documents);
    body.put("hash", hashes);
    body.put("hashAlgo", DigestAlgorithm.SHA256.oid());
    body.put("signAlgo", "1.2.840.113549.1.1.1");
    body.put("async", callbackKey != null ? 3 : asynchronous ? 1 : 0);
    Map<String, Object> answer = object(post("vtss/service/signHash", body, true), "signHash");
    Instant now = clock.instant();
    Optional<String> tx = Json.text(answer, "transactionId");
    if ((asynchronous || callbackKey != null) && tx.isPresent()) {
      return new RemoteTransaction(
          SERVICE, tx.get(), credential.id(), digests.size(), algorithm, now);
    }
    List<SignatureValue> values = values(answer, algorithm, digests.size());
    String id = "sync-" + UUID.randomUUID();
    results.put(id, values);
    return new RemoteTransaction(SERVICE, id, credential.id(), digests.size(), algorithm, now);
  }

  private static List<SignatureValue> values(
      Map<String, Object> answer, SignatureAlgorithm algorithm, int expected)
      throws ServiceException {
    List<Object> sigs = Json.list(answer, "signatures");
    if (sigs.size() != expected) {
      throw bad(sigs.size() + " signatures for " + expected + " digests");
    }
    List<SignatureValue> out = new ArrayList<>();
    for (Object s : sigs) {
      try {
        // The service's base64 may carry line breaks.
        out.add(new SignatureValue(algorithm, Base64.getMimeDecoder().decode(String.valueOf(s))));
      } catch (IllegalArgumentException e) {
        throw bad("a signature that is not base64");
      }
    }
    return out;
  }

  @Override
  public RemoteResult poll(RemoteTransaction transaction) throws ServiceException {
    List<SignatureValue> ready = results.remove(transaction.id());
    if (ready != null) {
      return RemoteResult.approved(ready);
    }
    if (transaction.id().startsWith("sync-")) {
      throw bad("transaction " + transaction.id() + " is unknown here");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transactionId", transaction.id());
    Map<String, Object> answer =
        object(post("vtss/service/requests/status", body, true), "requests/status");
    String status = Json.text(answer, "status").orElse("");
    Optional<String> code = Optional.of(status);
    Optional<String> message = Json.text(answer, "message");
    return switch (status) {
      case "1" ->
          RemoteResult.approved(values(answer, transaction.algorithm(), transaction.count()));
      case "4000", "6000" -> RemoteResult.pending();
      case "4001" -> new RemoteResult(RemoteStatus.EXPIRED, List.of(), code, message);
      case "4002" -> new RemoteResult(RemoteStatus.REJECTED, List.of(), code, message);
      case "4005" ->
          throw new RemoteSigningException(
              ErrorCode.QUOTA_EXCEEDED, status, null, SERVICE, message.orElse("quota used up"));
      case "13004" ->
          throw new RemoteSigningException(
              ErrorCode.CREDENTIAL_INVALID,
              status,
              null,
              SERVICE,
              message.orElse("the certificate is expired or revoked"));
      default -> new RemoteResult(RemoteStatus.FAILED, List.of(), code, message);
    };
  }

  /**
   * MySign documents no cancel call: the transaction is finished here, so that a late result is
   * refused and a synchronous result is dropped.
   */
  @Override
  public void cancel(RemoteTransaction transaction) {
    results.remove(transaction.id());
    ledger.claim(SERVICE, transaction.id());
  }

  // ---------------------------------------------------------------- callbacks (async 3)

  private static final Duration CALLBACK_TOKEN_LIFE = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Handles both steps of MySign's callback: a token request (a body with {@code grant_type}, JSON
   * or form-encoded) and a result (a bearer token and {@code meta_data}, {@code data}).
   *
   * @throws IllegalStateException when the signer was built without {@link Builder#callbacks}
   */
  @Override
  public CallbackOutcome receive(CallbackRequest request, TransactionLookup transactions) {
    if (callbackKey == null) {
      throw new IllegalStateException("built without callbacks(...)");
    }
    Map<String, String> form = form(request);
    if (form.containsKey("grant_type")) {
      return tokenRequest(form);
    }
    String auth = request.header("Authorization").orElse("");
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || !tokenValid(auth.substring(7).strip())) {
      return CallbackOutcome.refused(SERVICE, 401, "the result carries no valid access token");
    }
    Optional<Map<String, Object>> body = Callbacks.json(request);
    if (body.isEmpty()) {
      return CallbackOutcome.refused(SERVICE, 400, "the result is not a JSON object");
    }
    Map<String, Object> meta = Json.object(body.get(), "meta_data");
    Optional<String> id = Callbacks.transactionId(Json.text(meta, "transaction_id"));
    if (id.isEmpty()) {
      return CallbackOutcome.refused(SERVICE, 400, "the result names no usable transaction_id");
    }
    Optional<RemoteTransaction> tx = transactions.find(id.get());
    if (tx.isEmpty() || !tx.get().service().equals(SERVICE)) {
      return CallbackOutcome.refused(SERVICE, 404, "unknown transaction " + id.get());
    }
    String status = Json.text(meta, "status").orElse("");
    Optional<String> code = Optional.of(status);
    RemoteResult result;
    switch (status) {
      case "1", "00" -> {
        try {
          result = RemoteResult.approved(callbackValues(Json.object(body.get(), "data"), tx.get()));
        } catch (RemoteSigningException e) {
          return CallbackOutcome.refused(SERVICE, 400, e.getMessage());
        }
      }
      case "4001" ->
          result = new RemoteResult(RemoteStatus.EXPIRED, List.of(), code, Optional.of("timeout"));
      case "4002" ->
          result =
              new RemoteResult(RemoteStatus.REJECTED, List.of(), code, Optional.of("rejected"));
      default ->
          result = new RemoteResult(RemoteStatus.FAILED, List.of(), code, Optional.of(status));
    }
    return Callbacks.finish(SERVICE, tx.get(), result, ledger, Callbacks.ok("00"));
  }

  private CallbackOutcome tokenRequest(Map<String, String> form) {
    boolean ok =
        "client_credentials".equals(form.get("grant_type"))
            && Callbacks.sameSecret(callbackClientId, form.getOrDefault("client_id", ""))
            && MessageDigest.isEqual(
                callbackKey,
                form.getOrDefault("client_secret", "").getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      return CallbackOutcome.refused(SERVICE, 401, "a token request with wrong client credentials");
    }
    Instant now = clock.instant();
    byte[] claims = new byte[24];
    ByteBuffer.wrap(claims).putLong(now.plus(CALLBACK_TOKEN_LIFE).getEpochSecond());
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, claims, 8, 16);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = b64.encodeToString(claims) + "." + b64.encodeToString(mac(claims));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("access_token", token);
    data.put("expires_in", CALLBACK_TOKEN_LIFE.toSeconds());
    data.put("consented_on", now.toString());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status_code", "00");
    answer.put("message", "success");
    answer.put("data", data);
    return CallbackOutcome.answered(Json.write(answer));
  }

  private boolean tokenValid(String token) {
    int dot = token.indexOf('.');
    if (dot < 0 || token.length() > 200) {
      return false;
    }
    try {
      byte[] claims = Base64.getUrlDecoder().decode(token.substring(0, dot));
      byte[] tag = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      if (claims.length != 24 || !MessageDigest.isEqual(tag, mac(claims))) {
        return false;
      }
      long expires = ByteBuffer.wrap(claims).getLong();
      return clock.instant().getEpochSecond() < expires;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(callbackKey, "HmacSHA256"));
      mac.update("kyso-mysign-callback-token".getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing", e);
    }
  }

  /** The fields of a JSON object or a form-encoded body. */
  private static Map<String, String> form(CallbackRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Map<String, Object>> json = Callbacks.json(request);
    if (json.isPresent()) {
      for (Map.Entry<String, Object> e : json.get().entrySet()) {
        if (e.getValue() instanceof String v) {
          out.put(e.getKey(), v);
        }
      }
      return out;
    }
    String text = request.text().strip();
    if (text.startsWith("{")) {
      return out;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          out.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return Map.of();
        }
      }
    }
    return out;
  }

  private static List<SignatureValue> callbackValues(Map<String, Object> data, RemoteTransaction tx)
      throws RemoteSigningException {
    SignatureValue[] out = new SignatureValue[tx.count()];
    for (Object o : Json.list(data, "results")) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw bad("a result that is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) raw;
      String doc = Json.text(r, "document_id").orElse("");
      int i = doc.startsWith("doc-") ? parseIndex(doc.substring(4)) - 1 : -1;
      if (i < 0 || i >= out.length || out[i] != null) {
        throw bad("a result for an unknown or repeated document_id");
      }
      try {
        out[i] =
            new SignatureValue(
                tx.algorithm(),
                Base64.getMimeDecoder()
                    .decode(Json.text(r, "signature").orElseThrow(() -> bad("no signature"))));
      } catch (IllegalArgumentException e) {
        throw bad("a signature that is not base64");
      }
    }
    for (SignatureValue v : out) {
      if (v == null) {
        throw bad("fewer results than documents");
      }
    }
    return List.of(out);
  }

  private static int parseIndex(String s) {
    try {
      return s.length() > 6 ? -1 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- HTTP

  private Http.Response post(String path, Map<String, Object> body, boolean retry)
      throws ServiceException {
    Http.Response r =
        http.exchange(
            base.resolve(path),
            "application/json",
            Json.write(body),
            Map.of("Authorization", "Bearer " + token()),
            timeout);
    if (retry && r.status() == 401) {
      tokenExpires = Instant.EPOCH;
      return post(path, body, false);
    }
    return r;
  }

  private String token() throws ServiceException {
    String t = token;
    if (t != null && clock.instant().isBefore(tokenExpires)) {
      return t;
    }
    synchronized (this) {
      Map<String, Object> body = clientBody();
      body.put("profile_id", profileId);
      body.put("user_id", userId);
      Http.Response r =
          http.exchange(
              base.resolve("vtss/service/ras/v1/login"),
              "application/json",
              Json.write(body),
              Map.of(),
              timeout);
      Map<String, Object> answer = object(r, "login");
      token = Json.text(answer, "access_token").orElseThrow(() -> bad("login gave no token"));
      long life = Json.text(answer, "expires_in").map(MySignSigner::number).orElse(3600);
      tokenExpires = clock.instant().plusSeconds(Math.max(1, life - 30));
      return token;
    }
  }

  private static List<Object> array(Http.Response r) throws ServiceException {
    failIfError(r, "certificates/info");
    String text = new String(r.body(), StandardCharsets.UTF_8).strip();
    try {
      Map<String, Object> wrapped =
          Json.object(("{\"a\":" + text + "}").getBytes(StandardCharsets.UTF_8));
      if (!(wrapped.get("a") instanceof List<?> l)) {
        throw bad("certificates/info did not answer an array");
      }
      return new ArrayList<>(l);
    } catch (IOException e) {
      throw bad("certificates/info: the answer is not JSON");
    }
  }

  private static Map<String, Object> object(Http.Response r, String what) throws ServiceException {
    failIfError(r, what);
    try {
      return Json.object(r.body());
    } catch (IOException e) {
      throw bad(what + ": the answer is not JSON (HTTP " + r.status() + ")");
    }
  }

  private static void failIfError(Http.Response r, String what) throws ServiceException {
    if (r.status() < 300) {
      return;
    }
    Map<String, Object> answer = Services.jsonOrEmpty(r);
    String code =
        Json.text(answer, "code")
            .or(() -> Json.text(answer, "error"))
            .orElse(String.valueOf(r.status()));
    String message = Json.text(answer, "message").orElse(code);
    ErrorCode e =
        switch (code) {
          case "58007", "58008", "59033", "86024", "86002" -> ErrorCode.CREDENTIAL_INVALID;
          case "4005" -> ErrorCode.QUOTA_EXCEEDED;
          default ->
              r.status() == 401 || r.status() == 403
                  ? ErrorCode.CREDENTIAL_INVALID
                  : ErrorCode.SERVICE_ERROR;
        };
    throw new RemoteSigningException(e, code, null, SERVICE, what + ": " + message);
  }

  private static RemoteSigningException bad(String what) {
    return Services.bad(SERVICE, what);
  }

  @Override
  public String toString() {
    return "MySignSigner[" + base + ", client " + clientId + ", user " + userId + "]";
  }

  /** Builds a {@link MySignSigner}. Not thread-safe. */
  public static final class Builder {
    private final URI base;
    private String clientId;
    private char[] clientSecret;
    private String profileId = "adss:ras:profile:001";
    private String userId;
    private boolean asynchronous = true;
    private String callbackClientId;
    private char[] callbackSecret;
    private CompletionLedger ledger = CompletionLedger.inMemory();
    private Duration timeout = Duration.ofSeconds(130);
    private Clock clock = Clock.systemUTC();

    private Builder(URI serviceUrl) {
      this.base = Services.base(serviceUrl, "MySign");
    }

    /**
     * @param id the integrator's client id
     * @param secret its secret (copied; wipe yours)
     * @return this builder
     */
    public Builder client(String id, char[] secret) {
      this.clientId = Objects.requireNonNull(id, "id");
      this.clientSecret = Objects.requireNonNull(secret, "secret").clone();
      return this;
    }

    /**
     * @param value the profile id (default {@code adss:ras:profile:001})
     * @return this builder
     */
    public Builder profileId(String value) {
      this.profileId = Objects.requireNonNull(value, "profileId");
      return this;
    }

    /**
     * @param value the user, e.g. {@code CMT_001080000001} or {@code MST_0101234567}
     * @return this builder
     */
    public Builder userId(String value) {
      this.userId = Objects.requireNonNull(value, "userId");
      return this;
    }

    /**
     * @param value true (default) to poll ({@code async 1}); false blocks in {@code signHash}
     * @return this builder
     */
    public Builder asynchronous(boolean value) {
      this.asynchronous = value;
      return this;
    }

    /**
     * Asks for the result by callback ({@code async 3}), with the client id and secret this
     * integrator issued to Viettel for its calls to the integrator's token URL. The transaction can
     * still be polled.
     *
     * @param clientId the id Viettel presents
     * @param clientSecret the secret Viettel presents (copied; wipe yours); it also keys the access
     *     tokens, so all instances of the back end must share it
     * @return this builder
     */
    public Builder callbacks(String clientId, char[] clientSecret) {
      this.callbackClientId = Objects.requireNonNull(clientId, "clientId");
      this.callbackSecret = Objects.requireNonNull(clientSecret, "clientSecret").clone();
      if (clientSecret.length < 16) {
        throw new IllegalArgumentException("a callback secret of at least 16 characters");
      }
      return this;
    }

    /**
     * @param value where finished and cancelled transactions are remembered, so that a result
     *     finishes a transaction once (default: this JVM's memory)
     * @return this builder
     */
    public Builder completionLedger(CompletionLedger value) {
      this.ledger = Objects.requireNonNull(value, "ledger");
      return this;
    }

    /**
     * @param value the time allowed for each call (default 130 s: a blocking signHash waits up to
     *     about 120 s for the user)
     * @return this builder
     */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /**
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @return the signer
     * @throws IllegalStateException without client or user
     */
    public MySignSigner build() {
      if (clientId == null || userId == null) {
        throw new IllegalStateException("set client(...) and userId(...)");
      }
      return new MySignSigner(this);
    }
  }
}
