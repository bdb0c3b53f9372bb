package vn.kyso.remote;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * @since 0.1
 */
public final class MySignSigner implements RemoteSigner {
  private static final String SERVICE = "mysign";
  private static final int MAX_ASCII = 72;

  private final URI base;
  private final String clientId;
  private final char[] clientSecret;
  private final String profileId;
  private final String userId;
  private final boolean asynchronous;
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
    body.put("async", asynchronous ? 1 : 0);
    Map<String, Object> answer = object(post("vtss/service/signHash", body, true), "signHash");
    Instant now = clock.instant();
    Optional<String> tx = Json.text(answer, "transactionId");
    if (asynchronous && tx.isPresent()) {
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
