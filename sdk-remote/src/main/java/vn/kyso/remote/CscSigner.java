package vn.kyso.remote;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import vn.kyso.api.Digest;
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
 * Remote signing through the Cloud Signature Consortium API (ETSI TS 119 432), version 2 or 1:
 * {@code oauth2/token} (client credentials) or {@code auth/login} (HTTP Basic), {@code
 * credentials/list} and {@code credentials/info} for the chain, {@code credentials/authorize} for
 * the SAD, {@code signatures/signHash}, and {@code signatures/signPolling} in asynchronous mode (v2
 * {@code operationMode "A"}). Built once, immutable, thread-safe; secrets are never logged or put
 * in an exception.
 *
 * <pre>{@code
 * CscSigner csc = CscSigner.builder(URI.create("https://rssp.example.vn/csc/v2/"))
 *     .clientCredentials("e-office", secret).userId("CCCD:001080000001").build();
 * RemoteCredential c = csc.credentials().get(0);
 * }</pre>
 *
 * <p>A synchronous service answers {@code signHash} with the values at once: they are kept in this
 * object until {@link #poll} collects them, so such a transaction completes in the JVM that
 * submitted it. An asynchronous one ({@link Builder#asynchronous}) can be polled from anywhere.
 * With {@link Builder#responseUri} the service notifies that URI when a transaction is done; the
 * notice carries no documented authentication, so {@link #receive} takes it as a trigger: it reads
 * the {@code responseID}, asks {@code signPolling}, and finishes the transaction once.
 *
 * @since 0.1
 */
public final class CscSigner implements RemoteSigner, CallbackReceiver {
  private static final String SERVICE = "csc";
  private static final int MAX_PENDING_RESULTS = 10_000;

  /** RSASSA-PSS-params DER (hash, MGF1 with the same hash, salt = hash length) per digest OID. */
  private static final Map<String, byte[]> PSS_PARAMS =
      Map.of(
          "2.16.840.1.101.3.4.2.1", pss("01", "20"),
          "2.16.840.1.101.3.4.2.2", pss("02", "30"),
          "2.16.840.1.101.3.4.2.3", pss("03", "40"));

  /** The API version. */
  public enum Version {
    /** CSC API 1.0.4 (Viettel's remote-signing endpoint speaks it). */
    V1,
    /** CSC API 2.x. */
    V2
  }

  private final URI base;
  private final Version version;
  private final String clientId;
  private final char[] secret;
  private final boolean basic;
  private final String userId;
  private final boolean asynchronous;
  private final URI responseUri;
  private final CompletionLedger ledger;
  private final Duration timeout;
  private final Clock clock;
  private final Http http;
  private final Map<String, List<SignatureValue>> results = new ConcurrentHashMap<>();
  private volatile String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  private CscSigner(Builder b) {
    this.base = b.base;
    this.version = b.version;
    this.clientId = b.clientId;
    this.secret = b.secret.clone();
    this.basic = b.basic;
    this.userId = b.userId;
    this.asynchronous = b.asynchronous;
    this.responseUri = b.responseUri;
    this.ledger = b.ledger;
    this.timeout = b.timeout;
    this.clock = b.clock;
    this.http = new Http(b.timeout, b.timeout, b.maxResponseBytes);
  }

  /**
   * Returns a builder.
   *
   * @param serviceUrl the API base, ending with {@code /csc/v2/} or {@code /csc/v1/}
   * @return the builder
   */
  public static Builder builder(URI serviceUrl) {
    return new Builder(serviceUrl);
  }

  @Override
  public List<RemoteCredential> credentials() throws ServiceException {
    Map<String, Object> list = new LinkedHashMap<>();
    if (userId != null) {
      list.put("userID", userId);
    }
    if (version == Version.V2) {
      list.put("credentialInfo", true);
      list.put("certificates", "chain");
      list.put("certInfo", true);
    } else {
      list.put("maxResults", 20);
    }
    Map<String, Object> answer = call("credentials/list", list);
    List<RemoteCredential> out = new ArrayList<>();
    List<Object> infos = Json.list(answer, "credentialInfos");
    if (!infos.isEmpty()) {
      for (Object o : infos) {
        if (o instanceof Map<?, ?> m) {
          out.add(credential(asMap(m)));
        }
      }
      return out;
    }
    for (Object id : Json.list(answer, "credentialIDs")) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("credentialID", String.valueOf(id));
      info.put("certificates", "chain");
      info.put("certInfo", true);
      Map<String, Object> i = call("credentials/info", info);
      i.putIfAbsent("credentialID", String.valueOf(id));
      out.add(credential(i));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private RemoteCredential credential(Map<String, Object> info) throws ServiceException {
    String id =
        Json.text(info, "credentialID").orElseThrow(() -> bad("a credential without credentialID"));
    List<X509Certificate> chain =
        Services.certificates(Json.list(Json.object(info, "cert"), "certificates"), SERVICE);
    if (chain.isEmpty()) {
      throw bad("credential " + id + " comes without its certificate");
    }
    int multisign = 1;
    Optional<String> m = Json.text(info, "multisign");
    if (m.isPresent()) {
      try {
        multisign = Math.max(1, Integer.parseInt(m.get()));
      } catch (NumberFormatException e) {
        multisign = 1;
      }
    }
    return new RemoteCredential(id, chain, multisign);
  }

  @Override
  public RemoteTransaction submit(
      RemoteCredential credential,
      List<Digest> digests,
      SignatureAlgorithm algorithm,
      String description)
      throws ServiceException {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(algorithm, "algorithm");
    if (digests.isEmpty() || digests.size() > credential.multisign()) {
      throw new IllegalArgumentException(
          digests.size() + " digests; the credential takes 1 to " + credential.multisign());
    }
    String hashOid = digests.get(0).algorithm().oid();
    List<String> hashes = new ArrayList<>();
    for (Digest d : digests) {
      if (!d.algorithm().oid().equals(hashOid)) {
        throw new IllegalArgumentException("one digest algorithm per submission");
      }
      hashes.add(Base64.getEncoder().encodeToString(d.value()));
    }
    Map<String, Object> authorize = new LinkedHashMap<>();
    authorize.put("credentialID", credential.id());
    authorize.put("numSignatures", digests.size());
    authorize.put(version == Version.V2 ? "hashes" : "hash", hashes);
    if (version == Version.V2) {
      authorize.put("hashAlgorithmOID", hashOid);
    }
    authorize.put("description", description);
    String sad =
        Json.text(call("credentials/authorize", authorize), "SAD")
            .orElseThrow(() -> bad("credentials/authorize gave no SAD"));
    Map<String, Object> sign = new LinkedHashMap<>();
    sign.put("credentialID", credential.id());
    sign.put("SAD", sad);
    sign.put(version == Version.V2 ? "hashes" : "hash", hashes);
    sign.put(version == Version.V2 ? "hashAlgorithmOID" : "hashAlgo", hashOid);
    sign.put("signAlgo", algorithm.oid());
    if (algorithm.isPss()) {
      byte[] params = PSS_PARAMS.get(hashOid);
      if (params == null) {
        throw new IllegalArgumentException("no RSASSA-PSS parameters for " + hashOid);
      }
      sign.put("signAlgoParams", Base64.getEncoder().encodeToString(params));
    }
    if (version == Version.V2) {
      sign.put("operationMode", asynchronous ? "A" : "S");
      if (asynchronous && responseUri != null) {
        sign.put("response_uri", responseUri.toString());
      }
    }
    Map<String, Object> answer = call("signatures/signHash", sign);
    Instant now = clock.instant();
    Optional<String> responseId = Json.text(answer, "responseID");
    if (responseId.isPresent() && Json.list(answer, "signatures").isEmpty()) {
      return new RemoteTransaction(
          SERVICE, responseId.get(), credential.id(), digests.size(), algorithm, now);
    }
    List<SignatureValue> values = values(answer, algorithm, digests.size());
    if (results.size() >= MAX_PENDING_RESULTS) {
      results.clear();
    }
    String id = "sync-" + UUID.randomUUID();
    results.put(id, values);
    return new RemoteTransaction(SERVICE, id, credential.id(), digests.size(), algorithm, now);
  }

  private List<SignatureValue> values(
      Map<String, Object> answer, SignatureAlgorithm algorithm, int expected)
      throws ServiceException {
    List<Object> sigs = Json.list(answer, "signatures");
    if (sigs.size() != expected) {
      throw bad(sigs.size() + " signatures for " + expected + " digests");
    }
    List<SignatureValue> out = new ArrayList<>();
    for (Object s : sigs) {
      try {
        out.add(new SignatureValue(algorithm, Base64.getMimeDecoder().decode(String.valueOf(s))));
      } catch (IllegalArgumentException e) {
        throw bad("a signature that is not base64");
      }
    }
    return out;
  }

  @Override
  public RemoteResult poll(RemoteTransaction transaction) throws ServiceException {
    Objects.requireNonNull(transaction, "transaction");
    List<SignatureValue> ready = results.remove(transaction.id());
    if (ready != null) {
      return RemoteResult.approved(ready);
    }
    if (transaction.id().startsWith("sync-") || version == Version.V1) {
      throw new RemoteSigningException(
          ErrorCode.SERVICE_ERROR,
          null,
          null,
          SERVICE,
          "transaction "
              + transaction.id()
              + " is unknown here (a synchronous one completes in"
              + " the JVM that submitted it)");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("responseID", transaction.id());
    Http.Response r = post("signatures/signPolling", body, true);
    Map<String, Object> answer = parse(r);
    String status = Json.text(answer, "status").orElse("").toUpperCase(Locale.ROOT);
    if (r.status() == 202 || status.equals("PROCESSING") || status.equals("PENDING")) {
      return RemoteResult.pending();
    }
    if (r.status() >= 300 || answer.containsKey("error")) {
      String error = Json.text(answer, "error").orElse(String.valueOf(r.status()));
      String why = Json.text(answer, "error_description").orElse(error);
      RemoteStatus s =
          switch (error) {
            case "access_denied", "user_rejected", "rejected" -> RemoteStatus.REJECTED;
            case "expired", "expired_request", "expired_sad" -> RemoteStatus.EXPIRED;
            default -> RemoteStatus.FAILED;
          };
      return new RemoteResult(s, List.of(), Optional.of(error), Optional.of(why));
    }
    return RemoteResult.approved(values(answer, transaction.algorithm(), transaction.count()));
  }

  /**
   * CSC has no cancel call: the transaction is finished here, so that a late notice is refused and
   * a synchronous result is dropped.
   */
  @Override
  public void cancel(RemoteTransaction transaction) {
    results.remove(transaction.id());
    ledger.claim(SERVICE, transaction.id());
  }

  @Override
  public CallbackOutcome receive(CallbackRequest request, TransactionLookup transactions)
      throws ServiceException {
    Optional<Map<String, Object>> body = Callbacks.json(request);
    if (body.isEmpty()) {
      return CallbackOutcome.refused(SERVICE, 400, "the notice is not a JSON object");
    }
    Optional<String> id = Callbacks.transactionId(Json.text(body.get(), "responseID"));
    if (id.isEmpty()) {
      return CallbackOutcome.refused(SERVICE, 400, "the notice names no usable responseID");
    }
    return Callbacks.askService(SERVICE, this, id.get(), transactions, ledger, Callbacks.ok(200));
  }

  // ---------------------------------------------------------------- HTTP

  private Map<String, Object> call(String path, Map<String, Object> body) throws ServiceException {
    Http.Response r = post(path, body, true);
    Map<String, Object> answer = parse(r);
    if (r.status() >= 300 || answer.containsKey("error")) {
      throw error(path, r.status(), answer);
    }
    return answer;
  }

  private Http.Response post(String path, Map<String, Object> body, boolean retry)
      throws ServiceException {
    String bearer = token();
    Http.Response r =
        http.exchange(
            base.resolve(path),
            "application/json",
            Json.write(body),
            Map.of("Authorization", "Bearer " + bearer),
            timeout);
    if (retry && r.status() == 401) {
      // An expired or revoked access token: authenticate again, once.
      tokenExpires = Instant.EPOCH;
      return post(path, body, false);
    }
    if (retry && r.status() == 429) {
      long wait = r.retryAfter().map(CscSigner::seconds).orElse(1L);
      if (wait <= Math.max(1, timeout.toSeconds())) {
        sleep(Duration.ofSeconds(wait));
        return post(path, body, false);
      }
    }
    return r;
  }

  private static long seconds(String retryAfter) {
    try {
      return Math.max(0, Long.parseLong(retryAfter.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static void sleep(Duration d) throws ServiceException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteSigningException(ErrorCode.SERVICE_ERROR, null, e, SERVICE, "interrupted");
    }
  }

  private String token() throws ServiceException {
    String t = token;
    if (t != null && clock.instant().isBefore(tokenExpires)) {
      return t;
    }
    synchronized (this) {
      if (token != null && clock.instant().isBefore(tokenExpires)) {
        return token;
      }
      Http.Response r;
      if (basic) {
        String credentials =
            Base64.getEncoder()
                .encodeToString(
                    (clientId + ":" + new String(secret)).getBytes(StandardCharsets.UTF_8));
        r =
            http.exchange(
                base.resolve("auth/login"),
                "application/json",
                Json.write(Map.of()),
                Map.of("Authorization", "Basic " + credentials),
                timeout);
      } else {
        String form =
            "grant_type=client_credentials&client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret="
                + URLEncoder.encode(new String(secret), StandardCharsets.UTF_8);
        r =
            http.exchange(
                base.resolve("oauth2/token"),
                "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8),
                Map.of(),
                timeout);
      }
      Map<String, Object> answer = parse(r);
      if (r.status() >= 300 || answer.containsKey("error")) {
        throw error(basic ? "auth/login" : "oauth2/token", r.status(), answer);
      }
      token =
          Json.text(answer, "access_token")
              .orElseThrow(() -> bad("the token endpoint gave no access_token"));
      long life = Json.text(answer, "expires_in").map(CscSigner::seconds).orElse(300L);
      tokenExpires = clock.instant().plusSeconds(Math.max(1, life - 5));
      return token;
    }
  }

  private static Map<String, Object> parse(Http.Response r) throws ServiceException {
    return Services.json(r, SERVICE);
  }

  private static RemoteSigningException error(String path, int status, Map<String, Object> answer) {
    String error = Json.text(answer, "error").orElse(String.valueOf(status));
    String why = path + ": " + Json.text(answer, "error_description").orElse(error);
    ErrorCode code =
        switch (error) {
          case "invalid_client", "unauthorized_client", "invalid_grant", "invalid_token" ->
              ErrorCode.CREDENTIAL_INVALID;
          case "access_denied", "user_rejected" -> ErrorCode.USER_REJECTED;
          case "expired", "expired_sad", "expired_request" -> ErrorCode.APPROVAL_TIMEOUT;
          case "quota_exceeded", "too_many_signatures" -> ErrorCode.QUOTA_EXCEEDED;
          default ->
              status == 401 || status == 403
                  ? ErrorCode.CREDENTIAL_INVALID
                  : ErrorCode.SERVICE_ERROR;
        };
    return new RemoteSigningException(code, error, null, SERVICE, why);
  }

  private static RemoteSigningException bad(String what) {
    return Services.bad(SERVICE, what);
  }

  private static byte[] pss(String hashByte, String saltByte) {
    String alg = "300d06096086480165030402" + hashByte + "0500";
    String hex =
        "3034"
            + "a00f"
            + alg
            + "a11c"
            + "301a06092a864886f70d010108"
            + alg
            + "a203"
            + "0201"
            + saltByte;
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return "CscSigner[" + base + ", " + version + ", client " + clientId + "]";
  }

  /** Builds a {@link CscSigner}. Not thread-safe. */
  public static final class Builder {
    private final URI base;
    private Version version = Version.V2;
    private String clientId;
    private char[] secret;
    private boolean basic;
    private String userId;
    private boolean asynchronous;
    private URI responseUri;
    private CompletionLedger ledger = CompletionLedger.inMemory();
    private Duration timeout = Duration.ofSeconds(30);
    private long maxResponseBytes = 4L * 1024 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder(URI serviceUrl) {
      this.base = Services.base(serviceUrl, "the CSC service");
    }

    /**
     * @param value the API version (default V2)
     * @return this builder
     */
    public Builder version(Version value) {
      this.version = Objects.requireNonNull(value, "version");
      return this;
    }

    /**
     * Authenticates with OAuth2 client credentials at {@code oauth2/token}.
     *
     * @param clientId the integrator's client id
     * @param clientSecret its secret (copied; wipe yours)
     * @return this builder
     */
    public Builder clientCredentials(String clientId, char[] clientSecret) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.secret = Objects.requireNonNull(clientSecret, "clientSecret").clone();
      this.basic = false;
      return this;
    }

    /**
     * Authenticates with HTTP Basic at {@code auth/login}.
     *
     * @param user the user or client name
     * @param password the password (copied; wipe yours)
     * @return this builder
     */
    public Builder basic(String user, char[] password) {
      this.clientId = Objects.requireNonNull(user, "user");
      this.secret = Objects.requireNonNull(password, "password").clone();
      this.basic = true;
      return this;
    }

    /**
     * @param value the user whose credentials are listed ({@code userID})
     * @return this builder
     */
    public Builder userId(String value) {
      this.userId = Objects.requireNonNull(value, "userId");
      return this;
    }

    /**
     * Asks for asynchronous signing (v2 {@code operationMode "A"}): {@code signHash} answers a
     * {@code responseID} to poll, from any JVM.
     *
     * @param value true for asynchronous
     * @return this builder
     */
    public Builder asynchronous(boolean value) {
      this.asynchronous = value;
      return this;
    }

    /**
     * Asks the service to notify a URI when an asynchronous transaction is done (v2 {@code
     * response_uri}); pass the notices to {@link CscSigner#receive}. Implies {@link #asynchronous}.
     *
     * @param value the integrator's endpoint (https in production)
     * @return this builder
     */
    public Builder responseUri(URI value) {
      Services.base(value, "the response URI"); // an http(s) URL
      this.responseUri = value;
      this.asynchronous = true;
      return this;
    }

    /**
     * @param value where finished and cancelled transactions are remembered, so that a notice
     *     finishes a transaction once (default: this JVM's memory)
     * @return this builder
     */
    public Builder completionLedger(CompletionLedger value) {
      this.ledger = Objects.requireNonNull(value, "ledger");
      return this;
    }

    /**
     * @param value the time allowed for each call (default 30 s)
     * @return this builder
     */
    public Builder timeout(Duration value) {
      if (Objects.requireNonNull(value, "timeout").isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = value;
      return this;
    }

    /**
     * @param value the clock for token expiry
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @return the signer
     * @throws IllegalStateException without credentials
     */
    public CscSigner build() {
      if (clientId == null) {
        throw new IllegalStateException("set clientCredentials(...) or basic(...)");
      }
      return new CscSigner(this);
    }
  }
}
