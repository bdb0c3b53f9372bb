package vn.kyso.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import vn.kyso.api.shared.Json;

/**
 * A loopback remote signing service speaking the Cloud Signature Consortium API, versions 2 ({@code
 * /csc/v2/}) and 1 ({@code /csc/v1/}), holding keys of a {@link TestPki}: OAuth2 client credentials
 * and HTTP Basic login with short-lived tokens, {@code credentials/list}, {@code credentials/info},
 * {@code credentials/authorize} (a SAD bound to the hashes, with a signature budget and an expiry),
 * {@code signatures/signHash} synchronous or asynchronous (with {@code response_uri}: the user
 * answers after {@link #callbackDelay} and the server posts {@code {responseID}} there), and {@code
 * signatures/signPolling}. It misbehaves on request: approval only after N polls, the user
 * refusing, the approval expiring, expired access tokens, a signature by another key, and the
 * {@link ServerMode}s every loopback server has (429 with Retry-After, malformed answers, slow,
 * dropped). RSA PKCS#1 v1.5 and ECDSA; not PSS.
 *
 * <pre>{@code
 * try (CscServer csc = new CscServer("e-office", "secret".toCharArray())) {
 *   csc.pki(pki);
 *   csc.user("CCCD:001080000001", pki.credential(TestIdentity.CHAIRMAN));
 *   URI v2 = csc.v2();     // http://127.0.0.1:port/csc/v2/
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CscServer extends LoopbackServer {
  private final String clientId;
  private final char[] clientSecret;
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Map<String, List<String>> userCredentials = new ConcurrentHashMap<>();
  private final Map<String, TestCredential> credentials = new ConcurrentHashMap<>();
  private final Map<String, Sad> sads = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Duration tokenLifetime = Duration.ofMinutes(10);
  private volatile int pollsBeforeApproval;
  private volatile UserAnswer outcome = UserAnswer.APPROVE;
  private volatile int multisign = 50;

  private record Sad(String credentialId, List<String> hashes, int budget, Instant expires) {}

  private static final class Pending {
    final List<String> signatures;
    final UserAnswer outcome;
    final AtomicInteger pollsLeft;

    Pending(List<String> signatures, UserAnswer outcome, int polls) {
      this.signatures = signatures;
      this.outcome = outcome;
      this.pollsLeft = new AtomicInteger(polls);
    }
  }

  /**
   * Starts the server.
   *
   * @param clientId the integrator's client id it accepts
   * @param clientSecret the secret it accepts (copied)
   */
  public CscServer(String clientId, char[] clientSecret) {
    super("/csc/");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret").clone();
  }

  /**
   * @return the CSC v2 base, e.g. {@code http://127.0.0.1:40123/csc/v2/}
   */
  public URI v2() {
    return baseUri().resolve("csc/v2/");
  }

  /**
   * @return the CSC v1 base
   */
  public URI v1() {
    return baseUri().resolve("csc/v1/");
  }

  /**
   * Gives a user a credential (its id is {@code cred-} and a number).
   *
   * @param userId the user id the integrator lists credentials for
   * @param credential the test credential whose key signs
   * @return the credential id
   */
  public String user(String userId, TestCredential credential) {
    String id = "cred-" + counter.incrementAndGet();
    credentials.put(id, credential);
    userCredentials.computeIfAbsent(userId, k -> new ArrayList<>()).add(id);
    return id;
  }

  /**
   * @param value how long access tokens live (default 10 minutes)
   */
  public void tokenLifetime(Duration value) {
    this.tokenLifetime = Objects.requireNonNull(value, "tokenLifetime");
  }

  /** Makes every access token issued so far expire now (the next call gets 401). */
  public void expireTokens() {
    tokens.replaceAll((k, v) -> Instant.EPOCH);
  }

  /**
   * @param value how many polls answer "processing" before the user's answer (asynchronous mode)
   */
  public void pollsBeforeApproval(int value) {
    this.pollsBeforeApproval = value;
  }

  /**
   * @param value how the user answers from now on
   */
  public void outcome(UserAnswer value) {
    this.outcome = Objects.requireNonNull(value, "outcome");
  }

  /**
   * @param value how many hashes one authorisation may cover (default 50)
   */
  public void multisign(int value) {
    this.multisign = value;
  }

  @Override
  public void reset() {
    super.reset();
    tokenLifetime = Duration.ofMinutes(10);
    pollsBeforeApproval = 0;
    outcome = UserAnswer.APPROVE;
    multisign = 50;
  }

  @Override
  Answer answer(String path, byte[] request, ServerMode mode) {
    throw new UnsupportedOperationException();
  }

  @Override
  Answer answer(
      String path, byte[] request, ServerMode mode, String authorization, String contentType)
      throws Exception {
    String op = path.replaceFirst("^/csc/v[12]/", "");
    if (op.equals("oauth2/token")) {
      Map<String, String> form = form(new String(request, StandardCharsets.UTF_8));
      if (!"client_credentials".equals(form.get("grant_type"))
          || !clientId.equals(form.get("client_id"))
          || !new String(clientSecret).equals(form.get("client_secret"))) {
        return error(401, "invalid_client", "unknown client or wrong secret");
      }
      return token();
    }
    if (op.equals("auth/login")) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (clientId + ":" + new String(clientSecret)).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(authorization)) {
        return error(401, "invalid_client", "wrong login");
      }
      return token();
    }
    String bearer =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7)
            : "";
    Instant expires = tokens.get(bearer);
    if (expires == null || !Instant.now().isBefore(expires)) {
      return error(401, "invalid_token", "the access token is missing or expired");
    }
    Map<String, Object> body;
    try {
      body = Json.object(request);
    } catch (IOException e) {
      return error(400, "invalid_request", "the body is not JSON");
    }
    return switch (op) {
      case "credentials/list" -> list(body);
      case "credentials/info" -> info(body);
      case "credentials/authorize" -> authorize(body);
      case "signatures/signHash" -> signHash(body, path.contains("/v1/"));
      case "signatures/signPolling" -> poll(body);
      default -> error(404, "invalid_request", "no such method " + op);
    };
  }

  private Answer token() {
    String t = "tok-" + counter.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    tokens.put(t, Instant.now().plus(tokenLifetime));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", t);
    m.put("token_type", "Bearer");
    m.put("expires_in", tokenLifetime.toSeconds());
    return json(200, m);
  }

  private Answer list(Map<String, Object> body) throws Exception {
    String user = Json.text(body, "userID").orElse("");
    List<String> ids = userCredentials.getOrDefault(user, List.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("credentialIDs", ids);
    if (Boolean.TRUE.equals(body.get("credentialInfo"))) {
      List<Object> infos = new ArrayList<>();
      for (String id : ids) {
        infos.add(credentialInfo(id));
      }
      m.put("credentialInfos", infos);
    }
    return json(200, m);
  }

  private Answer info(Map<String, Object> body) throws Exception {
    String id = Json.text(body, "credentialID").orElse("");
    if (!credentials.containsKey(id)) {
      return error(400, "invalid_request", "unknown credentialID");
    }
    return json(200, credentialInfo(id));
  }

  private Map<String, Object> credentialInfo(String id) throws Exception {
    TestCredential c = credentials.get(id);
    List<String> chain = new ArrayList<>();
    for (var x : c.chain()) {
      chain.add(Base64.getEncoder().encodeToString(x.getEncoded()));
    }
    Map<String, Object> cert = new LinkedHashMap<>();
    cert.put("status", "valid");
    cert.put("certificates", chain);
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("status", "enabled");
    key.put("algo", List.of(c.certificate().getPublicKey().getAlgorithm()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("credentialID", id);
    m.put("key", key);
    m.put("cert", cert);
    m.put("authMode", "explicit");
    m.put("SCAL", "2");
    m.put("multisign", multisign);
    return m;
  }

  private Answer authorize(Map<String, Object> body) {
    String id = Json.text(body, "credentialID").orElse("");
    if (!credentials.containsKey(id)) {
      return error(400, "invalid_request", "unknown credentialID");
    }
    List<String> hashes =
        strings(body.containsKey("hashes") ? body.get("hashes") : body.get("hash"));
    int n = Json.text(body, "numSignatures").map(Integer::parseInt).orElse(-1);
    if (n != hashes.size() || n < 1) {
      return error(400, "invalid_request", "numSignatures does not match the hashes");
    }
    if (n > multisign) {
      return error(400, "too_many_signatures", "at most " + multisign + " per authorisation");
    }
    String sad = "sad-" + counter.incrementAndGet();
    sads.put(sad, new Sad(id, hashes, n, Instant.now().plusSeconds(300)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("SAD", sad);
    m.put("expiresIn", 300);
    return json(200, m);
  }

  private Answer signHash(Map<String, Object> body, boolean v1) throws Exception {
    String id = Json.text(body, "credentialID").orElse("");
    Sad sad = sads.remove(Json.text(body, "SAD").orElse(""));
    List<String> hashes = strings(v1 ? body.get("hash") : body.get("hashes"));
    if (sad == null || !sad.credentialId().equals(id) || !Instant.now().isBefore(sad.expires())) {
      return error(400, "invalid_request", "the SAD is unknown, used or expired");
    }
    if (!sad.hashes().equals(hashes)) {
      // SCAL 2: the SAD covers exactly the hashes authorised.
      return error(400, "invalid_request", "the hashes are not the ones authorised");
    }
    String hashOid = Json.text(body, v1 ? "hashAlgo" : "hashAlgorithmOID").orElse("");
    String signAlgo = Json.text(body, "signAlgo").orElse("");
    UserAnswer answer = outcome;
    List<String> signatures = new ArrayList<>();
    PrivateKey key =
        answer == UserAnswer.WRONG_KEY
            ? DigestSigning.strangerKey()
            : credentials.get(id).privateKey();
    for (String h : hashes) {
      signatures.add(
          Base64.getEncoder()
              .encodeToString(sign(key, hashOid, signAlgo, Base64.getDecoder().decode(h))));
    }
    boolean async = "A".equals(Json.text(body, "operationMode").orElse("S"));
    if (!async) {
      if (answer == UserAnswer.REJECT) {
        return error(400, "access_denied", "the user refused");
      }
      if (answer == UserAnswer.EXPIRE) {
        return error(400, "expired", "the user did not answer in time");
      }
      return json(200, Map.of("signatures", signatures));
    }
    String responseId = "resp-" + counter.incrementAndGet();
    Optional<String> notify = Json.text(body, "response_uri");
    Pending p =
        new Pending(
            signatures, answer, notify.isPresent() ? Integer.MAX_VALUE : pollsBeforeApproval);
    pending.put(responseId, p);
    if (notify.isPresent()) {
      URI target = URI.create(notify.get());
      later(
          () -> {
            p.pollsLeft.set(0); // the user answered
            send(target, Map.of(), Json.write(Map.of("responseID", responseId)));
          });
    }
    return json(202, Map.of("responseID", responseId));
  }

  private Answer poll(Map<String, Object> body) {
    Pending p = pending.get(Json.text(body, "responseID").orElse(""));
    if (p == null) {
      return error(400, "invalid_request", "unknown responseID");
    }
    if (p.pollsLeft.getAndDecrement() > 0) {
      return json(202, Map.of("status", "PROCESSING"));
    }
    pending.values().remove(p);
    return switch (p.outcome) {
      case REJECT -> error(400, "access_denied", "the user refused");
      case EXPIRE -> error(400, "expired", "the user did not answer in time");
      default -> json(200, Map.of("signatures", p.signatures));
    };
  }

  private static byte[] sign(PrivateKey key, String hashOid, String signAlgo, byte[] hash)
      throws Exception {
    if (signAlgo.equals("1.2.840.113549.1.1.10")) {
      throw new IllegalArgumentException("this test service does not sign RSASSA-PSS");
    }
    return DigestSigning.sign(key, hashOid, hash);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(String.valueOf(x));
      }
    }
    return out;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static Answer json(int status, Map<String, ?> body) {
    return new Answer(status, "application/json", Json.write(body));
  }

  private static Answer error(int status, String error, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("error_description", description);
    return json(status, m);
  }
}
