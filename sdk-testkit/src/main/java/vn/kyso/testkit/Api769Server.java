package vn.kyso.testkit;

import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import vn.kyso.api.shared.Json;

/**
 * A loopback service speaking the "769" remote signing API (the QĐ 769/QĐ-BTTTT pattern of VNPT
 * SmartCA and NEAC-connected CAs), holding keys of a {@link TestPki}: POST-only routes under {@code
 * /sca/sp769/}, {@code sp_id}/{@code sp_password} checked on every call (401
 * SP_CREDENTIAL_INVALID), {@code v1/credentials/get_certificate} with SMARTCA certificates and
 * their {@code chain_data}, {@code v1/signatures/sign} with {@code sign_files[]} in hex (a repeated
 * {@code transaction_id} is refused), and {@code v1/signatures/sign/{id}/status} answering pending,
 * then the values by {@code doc_id} in reverse order, or the user's refusal or expiry. It
 * misbehaves on request like {@link CscServer} ({@link UserAnswer}, polls before approval, an
 * expired certificate answered 403, a status for another transaction). With {@link #webhook} the
 * user answers after {@link #callbackDelay} and the server posts the CA's webhook ({@code {sp_id,
 * status_code, message, transaction_id, signed_files[]}}, no authentication, as documented) to the
 * integrator; {@link #deliveries()} and {@link #send} replay or forge one. Users given a password
 * and an authenticator secret ({@link #userSecrets}) may sign through SmartCA's v2 flow ({@code
 * v2/signatures/sign} checks the password and the TOTP code and gives a SAD valid {@link
 * #sadLifetime}, {@code v2/signatures/confirm} returns the values). {@link #neac} serves the NEAC
 * gateway's {@code sign_v2/…} routes instead, requiring its {@code ca_name}.
 *
 * @since 0.1
 */
public final class Api769Server extends LoopbackServer {
  private final String spId;
  private final char[] spPassword;
  private final Map<String, List<TestCredential>> users = new ConcurrentHashMap<>();
  private final Map<String, Tx> transactions = new ConcurrentHashMap<>();
  private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
  private volatile int pollsBeforeApproval;
  private volatile UserAnswer answer = UserAnswer.APPROVE;
  private volatile boolean certificateExpired;
  private volatile boolean otherTransaction;
  private volatile URI webhook;
  private final String prefix;
  private final String caName;
  private final Map<String, Secrets> secrets = new ConcurrentHashMap<>();
  private final Map<String, Sad> sads = new ConcurrentHashMap<>();
  private volatile Duration sadLifetime = Duration.ofSeconds(299);

  private record Secrets(char[] password, byte[] totp) {}

  private record Sad(String value, String userId, Instant expires) {}

  private static final class Tx {
    final List<Map<String, Object>> signatures;
    final UserAnswer answer;
    final AtomicInteger pollsLeft;

    Tx(List<Map<String, Object>> signatures, UserAnswer answer, int polls) {
      this.signatures = signatures;
      this.answer = answer;
      this.pollsLeft = new AtomicInteger(polls);
    }
  }

  /**
   * Starts the server.
   *
   * @param spId the service provider id it accepts
   * @param spPassword the password it accepts (copied)
   */
  public Api769Server(String spId, char[] spPassword) {
    this(spId, spPassword, "/sca/sp769/", null);
  }

  private Api769Server(String spId, char[] spPassword, String prefix, String caName) {
    super(prefix);
    this.spId = Objects.requireNonNull(spId, "spId");
    this.spPassword = Objects.requireNonNull(spPassword, "spPassword").clone();
    this.prefix = prefix;
    this.caName = caName;
  }

  /**
   * Starts a server speaking the NEAC eSign gateway's routes ({@code sign_v2/get_certificate},
   * {@code sign_v2/sign}, {@code sign_v2/sign/{id}/status}) that requires {@code ca_name}.
   *
   * @param spId the service provider id it accepts
   * @param spPassword the password it accepts (copied)
   * @param caName the CA name it requires, e.g. {@code FPT-CA}
   * @return the server
   */
  public static Api769Server neac(String spId, char[] spPassword, String caName) {
    return new Api769Server(spId, spPassword, "/sign_v2/", Objects.requireNonNull(caName));
  }

  /**
   * @return the API base, e.g. {@code http://127.0.0.1:40123/sca/sp769/} (the server root for
   *     {@link #neac})
   */
  public URI base() {
    return caName == null ? baseUri().resolve("sca/sp769/") : baseUri();
  }

  /**
   * Lets a user sign through the v2 flow.
   *
   * @param userId the user
   * @param password the user's password (copied)
   * @param totpSecret the raw authenticator secret (copied)
   */
  public void userSecrets(String userId, char[] password, byte[] totpSecret) {
    secrets.put(userId, new Secrets(password.clone(), totpSecret.clone()));
  }

  /**
   * @param value how long a v2 SAD stays valid (default 299 s)
   */
  public void sadLifetime(Duration value) {
    this.sadLifetime = Objects.requireNonNull(value, "sadLifetime");
  }

  /**
   * Gives a user a certificate.
   *
   * @param userId the user's id (CCCD, passport or tax number)
   * @param credential the test credential whose key signs
   */
  public void user(String userId, TestCredential credential) {
    users.computeIfAbsent(userId, k -> new ArrayList<>()).add(credential);
  }

  /**
   * @param value how many status calls answer "waiting" before the user's answer
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
   * @param value true to answer signing requests 403 CREDENTIAL_STATUS_INVALID
   */
  public void certificateExpired(boolean value) {
    this.certificateExpired = value;
  }

  /**
   * @param value the integrator's webhook URL (registered with the CA), or null for none
   */
  public void webhook(URI value) {
    this.webhook = value;
  }

  /**
   * @param value true to answer status calls for another transaction
   */
  public void otherTransaction(boolean value) {
    this.otherTransaction = value;
  }

  @Override
  public void reset() {
    super.reset();
    pollsBeforeApproval = 0;
    answer = UserAnswer.APPROVE;
    certificateExpired = false;
    otherTransaction = false;
    webhook = null;
    sadLifetime = Duration.ofSeconds(299);
  }

  @Override
  Answer answer(String path, byte[] request, ServerMode mode) throws Exception {
    String op =
        path.startsWith("/sca/sp769/") ? path.substring("/sca/sp769/".length()) : path.substring(1);
    String signRoute = caName == null ? "v1/signatures/sign" : "sign_v2/sign";
    if (op.startsWith(signRoute + "/") && op.endsWith("/status")) {
      return status(op.substring(signRoute.length() + 1, op.length() - "/status".length()));
    }
    Map<String, Object> body;
    try {
      body = Json.object(request);
    } catch (IOException e) {
      return reply(400, "BAD_REQUEST", null);
    }
    if (!spId.equals(Json.text(body, "sp_id").orElse(""))
        || !new String(spPassword).equals(Json.text(body, "sp_password").orElse(""))) {
      return reply(401, "SP_CREDENTIAL_INVALID", null);
    }
    if (caName != null) {
      if (!caName.equals(Json.text(body, "ca_name").orElse(""))) {
        return reply(400, "BAD_REQUEST: unknown ca_name", null);
      }
      return switch (op) {
        case "sign_v2/get_certificate" -> certificates(body);
        case "sign_v2/sign" -> sign(body);
        default -> reply(404, "NOT_FOUND", null);
      };
    }
    return switch (op) {
      case "v1/credentials/get_certificate" -> certificates(body);
      case "v1/signatures/sign" -> sign(body);
      case "v2/signatures/sign" -> signV2(body);
      case "v2/signatures/confirm" -> confirm(body);
      default -> reply(404, "NOT_FOUND", null);
    };
  }

  private Answer certificates(Map<String, Object> body) throws Exception {
    List<Object> list = new ArrayList<>();
    for (TestCredential c : users.getOrDefault(Json.text(body, "user_id").orElse(""), List.of())) {
      X509Certificate cert = c.certificate();
      Map<String, Object> chain = new LinkedHashMap<>();
      List<X509Certificate> all = c.chain();
      chain.put("ca_cert", all.size() > 1 ? b64(all.get(1)) : null);
      chain.put("root_cert", all.size() > 2 ? b64(all.get(2)) : null);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service_type", "SMARTCA");
      m.put("service_name", "SmartCA THỬ NGHIỆM");
      m.put("cert_id", "cert-" + cert.getSerialNumber().toString(16));
      m.put("cert_status", "Đang hoạt động");
      m.put("serial_number", cert.getSerialNumber().toString(16));
      m.put("cert_subject", cert.getSubjectX500Principal().getName());
      m.put("cert_data", b64(cert));
      m.put("chain_data", chain);
      list.add(m);
    }
    return reply(200, "success", Map.of("user_certificates", list));
  }

  private static String b64(X509Certificate c) throws Exception {
    return Base64.getEncoder().encodeToString(c.getEncoded());
  }

  private Answer sign(Map<String, Object> body) throws Exception {
    return sign(body, true);
  }

  private Answer sign(Map<String, Object> body, boolean withWebhook) throws Exception {
    String tx = Json.text(body, "transaction_id").orElse("");
    if (tx.isEmpty() || !seenIds.add(tx)) {
      return reply(400, "BAD_REQUEST: transaction_id is missing or already used", null);
    }
    if (certificateExpired) {
      return reply(403, "CREDENTIAL_STATUS_INVALID", null);
    }
    String serial = Json.text(body, "serial_number").orElse("");
    TestCredential credential =
        users.getOrDefault(Json.text(body, "user_id").orElse(""), List.of()).stream()
            .filter(c -> c.certificate().getSerialNumber().toString(16).equals(serial))
            .findFirst()
            .orElse(null);
    if (credential == null) {
      return reply(400, "BAD_REQUEST: unknown serial_number", null);
    }
    UserAnswer a = answer;
    PrivateKey key =
        a == UserAnswer.WRONG_KEY ? DigestSigning.strangerKey() : credential.privateKey();
    List<Map<String, Object>> signatures = new ArrayList<>();
    for (Object o : Json.list(body, "sign_files")) {
      if (!(o instanceof Map<?, ?> raw)) {
        return reply(400, "BAD_REQUEST: sign_files", null);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) raw;
      byte[] hash = HexFormat.of().parseHex(Json.text(f, "data_to_be_signed").orElse(""));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("doc_id", Json.text(f, "doc_id").orElse(""));
      s.put(
          "signature_value",
          Base64.getEncoder()
              .encodeToString(DigestSigning.sign(key, DigestSigning.oidFor(hash), hash)));
      s.put("timestamp_signature", null);
      signatures.add(s);
    }
    if (signatures.isEmpty()) {
      return reply(400, "BAD_REQUEST: no sign_files", null);
    }
    Collections.reverse(signatures);
    URI hook = withWebhook ? webhook : null;
    Tx t = new Tx(signatures, a, hook == null ? pollsBeforeApproval : Integer.MAX_VALUE);
    transactions.put(tx, t);
    if (hook != null) {
      later(
          () -> {
            t.pollsLeft.set(0); // the user answered
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sp_id", spId);
            m.put("status_code", 200);
            m.put(
                "message",
                switch (a) {
                  case REJECT -> "REJECTED_BY_USER";
                  case EXPIRE -> "EXPIRED";
                  default -> "SUCCESS";
                });
            m.put("transaction_id", tx);
            m.put(
                "signed_files",
                a == UserAnswer.REJECT || a == UserAnswer.EXPIRE ? List.of() : signatures);
            send(hook, Map.of(), Json.write(m));
          });
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("transaction_id", tx);
    data.put("tran_code", "TC" + Math.abs(tx.hashCode()));
    return reply(200, "sig_wait_for_user_confirm", data);
  }

  /** v2: the password and the current (or previous) TOTP code approve; a SAD is given. */
  private Answer signV2(Map<String, Object> body) throws Exception {
    String user = Json.text(body, "user_id").orElse("");
    Secrets sec = secrets.get(user);
    String code = Json.text(body, "otp").orElse("");
    Instant now = Instant.now();
    boolean ok =
        sec != null
            && new String(sec.password()).equals(Json.text(body, "password").orElse(""))
            && (code.equals(vn.kyso.api.shared.Totp.code(sec.totp(), now))
                || code.equals(vn.kyso.api.shared.Totp.code(sec.totp(), now.minusSeconds(30))));
    if (!ok) {
      return reply(401, "UNAUTHORIZED: wrong password or otp", null);
    }
    Answer a = sign(body, false); // v2 answers at once: no webhook
    if (a.status() != 200) {
      return a;
    }
    String tx = Json.text(body, "transaction_id").orElse("");
    String sad = "eyJhbGciOiJIUzI1NiJ9." + java.util.UUID.randomUUID() + ".sig";
    sads.put(tx, new Sad(sad, user, now.plus(sadLifetime)));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("transaction_id", tx);
    data.put("sad", sad);
    data.put("expired_in", sadLifetime.toSeconds());
    return reply(200, "success", data);
  }

  /** v2: the SAD (unexpired, for this transaction and user) gives the values at once. */
  private Answer confirm(Map<String, Object> body) {
    String tx = Json.text(body, "transaction_id").orElse("");
    Sad sad = sads.get(tx);
    Secrets sec = secrets.get(Json.text(body, "user_id").orElse(""));
    if (sad == null
        || sec == null
        || !sad.value().equals(Json.text(body, "sad").orElse(""))
        || !sad.userId().equals(Json.text(body, "user_id").orElse(""))
        || !new String(sec.password()).equals(Json.text(body, "password").orElse(""))) {
      return reply(400, "BAD_REQUEST: invalid sad", null);
    }
    if (!Instant.now().isBefore(sad.expires())) {
      return reply(400, "BAD_REQUEST: sad expired", null);
    }
    sads.remove(tx);
    Tx t = transactions.get(tx);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("transaction_id", tx);
    data.put("signatures", t.signatures);
    return reply(200, "SUCCESS", data);
  }

  private Answer status(String id) {
    Tx t = transactions.get(id);
    if (t == null) {
      return reply(400, "BAD_REQUEST: unknown transaction", null);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("transaction_id", otherTransaction ? id + "-other" : id);
    if (t.pollsLeft.getAndDecrement() > 0) {
      data.put("signatures", null);
      return reply(200, "sig_wait_for_user_confirm", data);
    }
    return switch (t.answer) {
      case REJECT -> reply(200, "REJECTED_BY_USER", data);
      case EXPIRE -> reply(200, "EXPIRED", data);
      default -> {
        data.put("signatures", t.signatures);
        yield reply(200, "SUCCESS", data);
      }
    };
  }

  private static Answer reply(int status, String message, Map<String, Object> data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status_code", status);
    m.put("message", message);
    m.put("data", data);
    return new Answer(status, "application/json", Json.write(m));
  }
}
