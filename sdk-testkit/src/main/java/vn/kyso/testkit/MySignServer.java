package vn.kyso.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import vn.kyso.api.shared.Json;

/**
 * A loopback Viettel MySign ({@code vtss}) service holding keys of a {@link TestPki}: per-user
 * logins with short-lived bearer tokens and an empty refresh token, login errors by code (58007
 * unknown client, 58008 unknown user, 59033 bad credentials), {@code certificates/info} answered as
 * an array with a three-certificate chain, {@code signHash} validated as the service does (counts,
 * SHA-256, ASCII-only base64 texts under 100 characters) and answered at once ({@code async 0}) or
 * through {@code requests/status} (4000, then 6000, then 1, or 4001 / 4002 / 4005 / 13004), with
 * line breaks inside the base64 of the values. With {@link #callbacks} ({@code async 3}) the user
 * answers after {@link #callbackDelay} and the server calls back in two steps as Viettel does: a
 * token request with the client credentials the integrator issued, then the result with that bearer
 * token; {@link #deliveries()} and {@link #send} replay or forge one.
 *
 * @since 0.1
 */
public final class MySignServer extends LoopbackServer {
  private static final Pattern ASCII = Pattern.compile("[A-Za-z0-9_\\- ]*");

  private final String clientId;
  private final char[] clientSecret;
  private final Map<String, TestCredential> users = new ConcurrentHashMap<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Map<String, Tx> transactions = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private volatile int pollsBeforeApproval;
  private volatile UserAnswer answer = UserAnswer.APPROVE;
  private volatile String failureStatus;
  private volatile String lastDescription = "";
  private volatile URI callbackTokenUrl;
  private volatile URI callbackResultUrl;
  private volatile String callbackClientId;
  private volatile char[] callbackSecret;

  private static final class Tx {
    final List<String> signatures;
    final UserAnswer answer;
    final AtomicInteger polls = new AtomicInteger();
    volatile int pending;

    Tx(List<String> signatures, UserAnswer answer, int pending) {
      this.signatures = signatures;
      this.answer = answer;
      this.pending = pending;
    }
  }

  /**
   * Starts the server.
   *
   * @param clientId the client id it accepts
   * @param clientSecret the secret it accepts (copied)
   */
  public MySignServer(String clientId, char[] clientSecret) {
    super("/vtss/");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret").clone();
  }

  /**
   * @return the service base, e.g. {@code http://127.0.0.1:40123/}
   */
  public URI base() {
    return baseUri();
  }

  /**
   * @param userId the user, e.g. {@code CMT_001080000001}
   * @param credential the test credential whose key signs
   */
  public void user(String userId, TestCredential credential) {
    users.put(userId, credential);
  }

  /**
   * @param value how long access tokens live (default one hour)
   */
  public void tokenLifetime(Duration value) {
    this.tokenLifetime = Objects.requireNonNull(value, "tokenLifetime");
  }

  /** Makes every token issued so far expire now. */
  public void expireTokens() {
    tokens.replaceAll((k, v) -> Instant.EPOCH);
  }

  /**
   * @param value how many status calls answer 4000/6000 before the user's answer
   */
  public void pollsBeforeApproval(int value) {
    this.pollsBeforeApproval = value;
  }

  /**
   * @param value how the user answers from now on
   */
  public void answer(UserAnswer value) {
    this.answer = Objects.requireNonNull(value, "answer");
  }

  /**
   * @param value a status the next transactions end with instead (e.g. {@code 4005} quota, {@code
   *     13004} certificate expired), or null
   */
  public void failureStatus(String value) {
    this.failureStatus = value;
  }

  /**
   * Where and with what credentials results are called back ({@code async 3}).
   *
   * @param tokenUrl the integrator's token URL
   * @param resultUrl the integrator's result URL
   * @param clientId the id the integrator issued to the service
   * @param clientSecret the secret the integrator issued (copied)
   */
  public void callbacks(URI tokenUrl, URI resultUrl, String clientId, char[] clientSecret) {
    this.callbackTokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
    this.callbackResultUrl = Objects.requireNonNull(resultUrl, "resultUrl");
    this.callbackClientId = Objects.requireNonNull(clientId, "clientId");
    this.callbackSecret = Objects.requireNonNull(clientSecret, "clientSecret").clone();
  }

  /**
   * @return the last description a signHash carried, decoded
   */
  public String lastDescription() {
    return lastDescription;
  }

  @Override
  public void reset() {
    super.reset();
    tokenLifetime = Duration.ofHours(1);
    pollsBeforeApproval = 0;
    answer = UserAnswer.APPROVE;
    failureStatus = null;
    callbackTokenUrl = null;
    callbackResultUrl = null;
  }

  @Override
  Answer answer(String path, byte[] request, ServerMode mode) {
    throw new UnsupportedOperationException();
  }

  @Override
  Answer answer(
      String path, byte[] request, ServerMode mode, String authorization, String contentType)
      throws Exception {
    Map<String, Object> body;
    try {
      body = Json.object(request);
    } catch (IOException e) {
      return error(400, "400", "bad JSON");
    }
    if (path.equals("/vtss/service/ras/v1/login")) {
      if (!clientId.equals(Json.text(body, "client_id").orElse(""))) {
        return error(400, "58007", "client not found");
      }
      if (!new String(clientSecret).equals(Json.text(body, "client_secret").orElse(""))) {
        return error(401, "59033", "invalid credentials");
      }
      String user = Json.text(body, "user_id").orElse("");
      if (!users.containsKey(user)) {
        return error(400, "58008", "user not found");
      }
      String t = "vt-" + counter.incrementAndGet() + "|" + user;
      tokens.put(t, Instant.now().plus(tokenLifetime));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("access_token", t);
      m.put("refresh_token", "");
      m.put("token_type", "Bearer");
      m.put("expires_in", String.valueOf(tokenLifetime.toSeconds()));
      return json(200, m);
    }
    String bearer =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7)
            : "";
    Instant expires = tokens.get(bearer);
    if (expires == null || !Instant.now().isBefore(expires)) {
      return error(401, "401", "token expired");
    }
    String user = bearer.substring(bearer.indexOf('|') + 1);
    return switch (path) {
      case "/vtss/service/certificates/info" -> certificates(user);
      case "/vtss/service/signHash" -> signHash(user, body);
      case "/vtss/service/requests/status" -> status(body);
      default -> error(404, "404", "no such method");
    };
  }

  private Answer certificates(String user) throws Exception {
    TestCredential c = users.get(user);
    List<String> chain = new ArrayList<>();
    for (var x : c.chain()) {
      chain.add(Base64.getEncoder().encodeToString(x.getEncoded()));
    }
    Map<String, Object> cert = new LinkedHashMap<>();
    cert.put("status", "valid");
    cert.put("certificates", chain);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("credential_id", "vt-cred-" + c.certificate().getSerialNumber().toString(16));
    m.put("cert", cert);
    m.put("authMode", "explicit");
    m.put("multisign", "50");
    m.put("scal", "2");
    byte[] array =
        ("[" + new String(Json.write(m), StandardCharsets.UTF_8) + "]")
            .getBytes(StandardCharsets.UTF_8);
    return new Answer(200, "application/json", array);
  }

  private Answer signHash(String user, Map<String, Object> body) throws Exception {
    if (!new String(clientSecret).equals(Json.text(body, "client_secret").orElse(""))) {
      return error(400, "86024", "bad client secret");
    }
    List<Object> hashes = Json.list(body, "hash");
    List<Object> documents = Json.list(body, "documents");
    int n = Json.text(body, "numSignatures").map(Integer::parseInt).orElse(-1);
    if (n != hashes.size() || n != documents.size() || n < 1) {
      return error(400, "400", "numSignatures, hash and documents do not match");
    }
    if (!"2.16.840.1.101.3.4.2.1".equals(Json.text(body, "hashAlgo").orElse(""))) {
      return error(400, "400", "SHA-256 only");
    }
    List<String> texts = new ArrayList<>();
    texts.add(Json.text(body, "description").orElse(""));
    for (Object d : documents) {
      if (d instanceof Map<?, ?> m) {
        texts.add(String.valueOf(m.get("document_name")));
      }
    }
    for (String t : texts) {
      String plain;
      try {
        plain = new String(Base64.getDecoder().decode(t), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        return error(400, "400", "a text that is not base64");
      }
      if (t.length() >= 100 || !ASCII.matcher(plain).matches()) {
        return error(400, "400", "texts are base64 of [A-Za-z0-9_- ] under 100 characters");
      }
    }
    lastDescription =
        new String(Base64.getDecoder().decode(texts.get(0)), StandardCharsets.US_ASCII);
    TestCredential c = users.get(user);
    UserAnswer a = answer;
    PrivateKey key = a == UserAnswer.WRONG_KEY ? DigestSigning.strangerKey() : c.privateKey();
    List<String> signatures = new ArrayList<>();
    for (Object h : hashes) {
      byte[] hash = Base64.getDecoder().decode(String.valueOf(h));
      String value =
          Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(DigestSigning.sign(key, "2.16.840.1.101.3.4.2.1", hash));
      signatures.add(value);
    }
    String async = Json.text(body, "async").orElse("0");
    if (async.equals("0")) {
      if (a == UserAnswer.REJECT) {
        return error(400, "4002", "rejected by the user");
      }
      if (a == UserAnswer.EXPIRE) {
        return error(400, "4001", "timeout");
      }
      return json(200, Map.of("signatures", signatures));
    }
    String id = "VT" + counter.incrementAndGet();
    boolean callback = async.equals("3");
    if (callback && callbackResultUrl == null) {
      return error(400, "400", "async 3 without a registered callback");
    }
    Tx t = new Tx(signatures, a, callback ? Integer.MAX_VALUE : pollsBeforeApproval);
    transactions.put(id, t);
    if (callback) {
      List<String> documentIds = new ArrayList<>();
      for (Object d : documents) {
        documentIds.add(String.valueOf(((Map<?, ?>) d).get("document_id")));
      }
      later(() -> callBack(id, t, documentIds));
    }
    return json(200, Map.of("transactionId", id));
  }

  /** Viettel's two steps: a token from the integrator, then the result with it. */
  private void callBack(String id, Tx t, List<String> documentIds) {
    t.pending = 0; // the user answered
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("grant_type", "client_credentials");
    ask.put("client_id", callbackClientId);
    ask.put("client_secret", new String(callbackSecret));
    Delivery d = send(callbackTokenUrl, Map.of(), Json.write(ask));
    String token;
    try {
      token = Json.text(Json.object(Json.object(d.answer()), "data"), "access_token").orElse("");
    } catch (IOException e) {
      return;
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("request_id", "RQ" + id);
    meta.put("transaction_id", id);
    meta.put("description", "");
    meta.put(
        "status",
        switch (t.answer) {
          case REJECT -> "4002";
          case EXPIRE -> "4001";
          default -> "1";
        });
    List<Object> results = new ArrayList<>();
    if (t.answer != UserAnswer.REJECT && t.answer != UserAnswer.EXPIRE) {
      for (int i = 0; i < documentIds.size(); i++) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("document_id", documentIds.get(i));
        r.put("signature", t.signatures.get(i));
        results.add(r);
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("action_timestamp", Instant.now().toString());
    data.put("signature_timestamp", Instant.now().toString());
    data.put("results", results);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("meta_data", meta);
    m.put("data", data);
    send(callbackResultUrl, Map.of("Authorization", "Bearer " + token), Json.write(m));
  }

  private Answer status(Map<String, Object> body) {
    Tx t = transactions.get(Json.text(body, "transactionId").orElse(""));
    if (t == null) {
      return error(400, "400", "unknown transaction");
    }
    int poll = t.polls.getAndIncrement();
    Map<String, Object> m = new LinkedHashMap<>();
    if (poll < t.pending) {
      m.put("status", poll == 0 ? "4000" : "6000");
      return json(200, m);
    }
    String failure = failureStatus;
    if (failure != null) {
      m.put("status", failure);
      m.put("message", "failure " + failure);
      return json(200, m);
    }
    switch (t.answer) {
      case REJECT -> m.put("status", "4002");
      case EXPIRE -> m.put("status", "4001");
      default -> {
        m.put("status", "1");
        m.put("signatures", t.signatures);
      }
    }
    return json(200, m);
  }

  private static Answer json(int status, Map<String, ?> body) {
    return new Answer(status, "application/json", Json.write(body));
  }

  private static Answer error(int status, String code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("message", message);
    return json(status, m);
  }
}
