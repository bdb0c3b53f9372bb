package vn.kyso.remote;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
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
import java.util.function.Supplier;
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
import vn.kyso.api.shared.Totp;

/**
 * Remote signing through the "769" API (the QĐ 769/QĐ-BTTTT pattern VNPT SmartCA and NEAC-connected
 * CAs use): {@code v1/credentials/get_certificate}, {@code v1/signatures/sign} with {@code
 * sign_files[]} whose {@code data_to_be_signed} is the digest in hex, and {@code
 * v1/signatures/sign/{transaction_id}/status}. The service provider's {@code sp_id} and {@code
 * sp_password} go in every body, never in a message or a log. One request carries many digests
 * under one approval; the answers are matched by {@code doc_id}, in any order.
 *
 * <p>Variants: {@link Builder#neac} speaks the NEAC eSign gateway's {@code sign_v2/…} routes with
 * {@code ca_name} (its status route is not public: {@code sign_v2/sign/{id}/status} is assumed);
 * {@link Builder#passwordAndOtp} uses SmartCA's v2 flow, where the user's password and one-time
 * code approve at once ({@code v2/signatures/sign} gives a SAD valid 299 s, {@code
 * v2/signatures/confirm} returns the values), for service providers the user trusted with them.
 *
 * <p>The CA's webhook (registered with the CA, {@code {sp_id, status_code, message, transaction_id,
 * signed_files[]}}) carries no documented authentication, so {@link #receive} takes it as a trigger
 * only: it checks the {@code sp_id}, asks the service for the transaction's status, and finishes
 * the transaction once. The values in the webhook body are never used.
 *
 * <pre>{@code
 * Api769Signer smartCa = Api769Signer.builder(URI.create("https://gwsca.vnpt.vn/sca/sp769/"))
 *     .serviceProvider("sp-id", spPassword).userId("001080000001").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class Api769Signer implements RemoteSigner, CallbackReceiver {
  private static final String SERVICE = "769";

  private final URI base;
  private final String spId;
  private final char[] spPassword;
  private final String userId;
  private final boolean upperCaseHex;
  private final Duration timeout;
  private final Clock clock;
  private final Http http;
  private final CompletionLedger ledger;
  private final String prefix;
  private final String caName;
  private final char[] userPassword;
  private final Supplier<String> otp;
  private final Map<String, List<SignatureValue>> results = new ConcurrentHashMap<>();

  private Api769Signer(Builder b) {
    this.base = b.base;
    this.spId = b.spId;
    this.spPassword = b.spPassword.clone();
    this.userId = b.userId;
    this.upperCaseHex = b.upperCaseHex;
    this.timeout = b.timeout;
    this.clock = b.clock;
    this.http = new Http(b.timeout, b.timeout, 4L * 1024 * 1024);
    this.ledger = b.ledger;
    this.caName = b.caName;
    this.prefix = b.caName == null ? "v1/" : "sign_v2/";
    this.userPassword = b.userPassword == null ? null : b.userPassword.clone();
    if (b.totp != null) {
      byte[] secret = b.totp.clone();
      this.otp = () -> Totp.code(secret, clock.instant());
    } else {
      this.otp = b.otp;
    }
  }

  /**
   * Returns a builder.
   *
   * @param serviceUrl the API base, e.g. {@code https://gwsca.vnpt.vn/sca/sp769/}
   * @return the builder
   */
  public static Builder builder(URI serviceUrl) {
    return new Builder(serviceUrl);
  }

  private Map<String, Object> credentialsBody() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sp_id", spId);
    m.put("sp_password", new String(spPassword));
    m.put("user_id", userId);
    if (caName != null) {
      m.put("ca_name", caName);
    }
    return m;
  }

  @Override
  public List<RemoteCredential> credentials() throws ServiceException {
    Map<String, Object> body = credentialsBody();
    body.put("transaction_id", "kyso-" + UUID.randomUUID());
    Map<String, Object> answer = call(credentialsPath(), body);
    List<RemoteCredential> out = new ArrayList<>();
    for (Object o : Json.list(Json.object(answer, "data"), "user_certificates")) {
      if (!(o instanceof Map<?, ?> raw)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) raw;
      String id =
          Json.text(c, "serial_number")
              .or(() -> Json.text(c, "cert_id"))
              .orElseThrow(() -> bad("a certificate without serial_number"));
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(certificate(Json.text(c, "cert_data").orElseThrow(() -> bad("no cert_data"))));
      // VNPT's model: chain_data {ca_cert, root_cert}; others send an array.
      Object chainData = c.get("chain_data");
      if (chainData instanceof Map<?, ?> m) {
        for (String k : List.of("ca_cert", "root_cert")) {
          Object v = m.get(k);
          if (v instanceof String s && !s.isBlank()) {
            chain.add(certificate(s));
          }
        }
      } else if (chainData instanceof List<?> l) {
        for (Object v : l) {
          if (v instanceof String s && !s.isBlank()) {
            chain.add(certificate(s));
          }
        }
      }
      out.add(new RemoteCredential(id, chain, 50));
    }
    return out;
  }

  private String credentialsPath() {
    return caName == null ? "v1/credentials/get_certificate" : "sign_v2/get_certificate";
  }

  private String signPath() {
    return caName == null ? "v1/signatures/sign" : "sign_v2/sign";
  }

  private static X509Certificate certificate(String base64) throws ServiceException {
    List<X509Certificate> one = Services.certificates(List.of(base64), SERVICE);
    if (one.isEmpty()) {
      throw bad("an empty certificate");
    }
    return one.get(0);
  }

  @Override
  public RemoteTransaction submit(
      RemoteCredential credential,
      List<Digest> digests,
      SignatureAlgorithm algorithm,
      String description)
      throws ServiceException {
    Objects.requireNonNull(credential, "credential");
    if (digests.isEmpty() || digests.size() > credential.multisign()) {
      throw new IllegalArgumentException(digests.size() + " digests for one request");
    }
    String transactionId = "kyso-" + UUID.randomUUID();
    List<Object> files = new ArrayList<>();
    for (int i = 0; i < digests.size(); i++) {
      String hex = HexFormat.of().formatHex(digests.get(i).value());
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("data_to_be_signed", upperCaseHex ? hex.toUpperCase(Locale.ROOT) : hex);
      f.put("doc_id", docId(i));
      f.put("file_type", "pdf");
      f.put("sign_type", "hash");
      files.add(f);
    }
    Map<String, Object> body = credentialsBody();
    body.put("transaction_id", transactionId);
    body.put("transaction_desc", description);
    body.put("serial_number", credential.id());
    body.put("sign_files", files);
    RemoteTransaction tx =
        new RemoteTransaction(
            SERVICE, transactionId, credential.id(), digests.size(), algorithm, clock.instant());
    if (userPassword != null) {
      return withPasswordAndOtp(body, tx);
    }
    Map<String, Object> answer = call(signPath(), body);
    sameTransaction(Json.object(answer, "data"), transactionId);
    return tx;
  }

  private static void sameTransaction(Map<String, Object> data, String transactionId)
      throws RemoteSigningException {
    String id = Json.text(data, "transaction_id").orElse(transactionId);
    if (!id.equals(transactionId)) {
      throw bad("the service answered for another transaction (" + id + ")");
    }
  }

  /** SmartCA v2: the password and the one-time code approve; the SAD confirms at once. */
  private RemoteTransaction withPasswordAndOtp(Map<String, Object> body, RemoteTransaction tx)
      throws ServiceException {
    String code = otp.get();
    if (code == null || !code.matches("[0-9]{6,8}")) {
      throw new IllegalArgumentException("the one-time code must be 6 to 8 digits");
    }
    body.put("password", new String(userPassword));
    body.put("otp", code);
    Map<String, Object> data = Json.object(call("v2/signatures/sign", body), "data");
    sameTransaction(data, tx.id());
    String sad = Json.text(data, "sad").orElseThrow(() -> bad("the sign answer has no sad"));
    Map<String, Object> confirm = credentialsBody();
    confirm.put("password", new String(userPassword));
    confirm.put("transaction_id", tx.id());
    confirm.put("sad", sad);
    Map<String, Object> done = Json.object(call("v2/signatures/confirm", confirm), "data");
    sameTransaction(done, tx.id());
    results.put(tx.id(), values(Json.list(done, "signatures"), tx));
    return tx;
  }

  private static String docId(int i) {
    return "doc-" + (i + 1);
  }

  @Override
  public RemoteResult poll(RemoteTransaction transaction) throws ServiceException {
    Objects.requireNonNull(transaction, "transaction");
    List<SignatureValue> ready = results.remove(transaction.id());
    if (ready != null) {
      return RemoteResult.approved(ready);
    }
    Http.Response r =
        http.exchange(
            base.resolve(signPath() + "/" + transaction.id() + "/status"),
            "application/json",
            "{}".getBytes(StandardCharsets.US_ASCII),
            Map.of(),
            timeout);
    Map<String, Object> answer = parse(r);
    String message = Json.text(answer, "message").orElse("");
    Map<String, Object> data = Json.object(answer, "data");
    Optional<String> tx = Json.text(data, "transaction_id");
    if (tx.isPresent() && !tx.get().equals(transaction.id())) {
      throw bad("the status is for another transaction (" + tx.get() + ")");
    }
    List<Object> sigs = Json.list(data, "signatures");
    String lower = message.toLowerCase(Locale.ROOT);
    if (r.status() < 300 && !sigs.isEmpty()) {
      return RemoteResult.approved(values(sigs, transaction));
    }
    if (lower.contains("reject") || lower.contains("refuse") || lower.contains("cancel")) {
      return new RemoteResult(
          RemoteStatus.REJECTED, List.of(), Optional.of(message), Optional.of(message));
    }
    if (lower.contains("expire") || lower.contains("timeout")) {
      return new RemoteResult(
          RemoteStatus.EXPIRED, List.of(), Optional.of(message), Optional.of(message));
    }
    if (r.status() >= 300) {
      return new RemoteResult(
          RemoteStatus.FAILED,
          List.of(),
          Optional.of(String.valueOf(r.status())),
          Optional.of(message));
    }
    return RemoteResult.pending();
  }

  /**
   * The service documents no cancel call: the transaction is finished here, so that a late webhook
   * for it is refused.
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
      return CallbackOutcome.refused(SERVICE, 400, "the webhook body is not a JSON object");
    }
    if (!Callbacks.sameSecret(spId, Json.text(body.get(), "sp_id").orElse(""))) {
      return CallbackOutcome.refused(SERVICE, 401, "the webhook names another sp_id");
    }
    Optional<String> tx = Callbacks.transactionId(Json.text(body.get(), "transaction_id"));
    if (tx.isEmpty()) {
      return CallbackOutcome.refused(SERVICE, 400, "the webhook names no usable transaction_id");
    }
    return Callbacks.askService(SERVICE, this, tx.get(), transactions, ledger, Callbacks.ok(200));
  }

  private static List<SignatureValue> values(List<Object> sigs, RemoteTransaction tx)
      throws ServiceException {
    SignatureValue[] out = new SignatureValue[tx.count()];
    for (Object o : sigs) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw bad("a signature entry that is not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) raw;
      String doc = Json.text(s, "doc_id").orElse("");
      int i = -1;
      for (int k = 0; k < out.length; k++) {
        if (docId(k).equals(doc)) {
          i = k;
        }
      }
      if (i < 0 || out[i] != null) {
        throw bad("a signature for an unknown or repeated doc_id " + doc);
      }
      try {
        out[i] =
            new SignatureValue(
                tx.algorithm(),
                Base64.getMimeDecoder()
                    .decode(Json.text(s, "signature_value").orElseThrow(() -> bad("no value"))));
      } catch (IllegalArgumentException e) {
        throw bad("a signature_value that is not base64");
      }
    }
    for (SignatureValue v : out) {
      if (v == null) {
        throw bad(sigs.size() + " signatures for " + tx.count() + " digests");
      }
    }
    return List.of(out);
  }

  private Map<String, Object> call(String path, Map<String, Object> body) throws ServiceException {
    Http.Response r =
        http.exchange(base.resolve(path), "application/json", Json.write(body), Map.of(), timeout);
    Map<String, Object> answer = parse(r);
    Optional<String> statusCode = Json.text(answer, "status_code");
    boolean failed =
        r.status() >= 300 || statusCode.filter(c -> !c.equals("200") && !c.equals("0")).isPresent();
    if (failed) {
      String message = Json.text(answer, "message").orElse(String.valueOf(r.status()));
      int status =
          r.status() >= 300 ? r.status() : statusCode.map(Api769Signer::number).orElse(500);
      ErrorCode code =
          switch (status) {
            case 401, 403 -> ErrorCode.CREDENTIAL_INVALID;
            case 429 -> ErrorCode.QUOTA_EXCEEDED;
            default -> ErrorCode.SERVICE_ERROR;
          };
      throw new RemoteSigningException(code, message, null, SERVICE, path + ": " + message);
    }
    return answer;
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  private static Map<String, Object> parse(Http.Response r) throws ServiceException {
    return Services.json(r, SERVICE);
  }

  private static RemoteSigningException bad(String what) {
    return Services.bad(SERVICE, what);
  }

  @Override
  public String toString() {
    return "Api769Signer[" + base + ", sp " + spId + "]";
  }

  /** Builds an {@link Api769Signer}. Not thread-safe. */
  public static final class Builder {
    private final URI base;
    private String spId;
    private char[] spPassword;
    private String userId;
    private boolean upperCaseHex;
    private Duration timeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private CompletionLedger ledger = CompletionLedger.inMemory();
    private String caName;
    private char[] userPassword;
    private Supplier<String> otp;
    private byte[] totp;

    private Builder(URI serviceUrl) {
      this.base = Services.base(serviceUrl, "the 769 service");
    }

    /**
     * Speaks the NEAC eSign gateway ({@code https://esign.neac.gov.vn/}): {@code
     * sign_v2/get_certificate} and {@code sign_v2/sign} with {@code ca_name} in every body. Tested
     * against the loopback server only.
     *
     * @param value the CA behind the gateway, e.g. {@code FPT-CA}
     * @return this builder
     */
    public Builder neac(String value) {
      this.caName = Objects.requireNonNull(value, "caName");
      return this;
    }

    /**
     * Approves with the user's password and one-time code (SmartCA v2), for a service provider the
     * user trusted with them; the values come back in {@code submit}, without waiting on a phone.
     *
     * @param password the user's SmartCA password (copied; wipe yours)
     * @param oneTimeCode gives the current code (asked of the user, or computed with {@link
     *     #totpSecret})
     * @return this builder
     */
    public Builder passwordAndOtp(char[] password, Supplier<String> oneTimeCode) {
      this.userPassword = Objects.requireNonNull(password, "password").clone();
      this.otp = Objects.requireNonNull(oneTimeCode, "oneTimeCode");
      this.totp = null;
      return this;
    }

    /**
     * Computes the one-time codes (RFC 6238: HMAC-SHA1, 30 s, 6 digits) from the user's base32
     * authenticator secret, with this builder's clock: opt-in, as the secret is the user's.
     *
     * @param password the user's SmartCA password (copied)
     * @param base32Secret the authenticator secret
     * @return this builder
     */
    public Builder totpSecret(char[] password, String base32Secret) {
      this.userPassword = Objects.requireNonNull(password, "password").clone();
      this.totp = Totp.base32(Objects.requireNonNull(base32Secret, "base32Secret"));
      this.otp = null;
      return this;
    }

    /**
     * @param value where finished and cancelled transactions are remembered, so that a webhook
     *     finishes a transaction once (default: this JVM's memory)
     * @return this builder
     */
    public Builder completionLedger(CompletionLedger value) {
      this.ledger = Objects.requireNonNull(value, "ledger");
      return this;
    }

    /**
     * @param id the service provider id ({@code sp_id})
     * @param password its password (copied; wipe yours)
     * @return this builder
     */
    public Builder serviceProvider(String id, char[] password) {
      this.spId = Objects.requireNonNull(id, "id");
      this.spPassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * @param value the signer's id at the CA (CCCD, passport or tax number)
     * @return this builder
     */
    public Builder userId(String value) {
      this.userId = Objects.requireNonNull(value, "userId");
      return this;
    }

    /**
     * @param value true to send the digests in upper-case hex (some gateways want it)
     * @return this builder
     */
    public Builder upperCaseHex(boolean value) {
      this.upperCaseHex = value;
      return this;
    }

    /**
     * @param value the time allowed for each call (default 30 s)
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
     * @throws IllegalStateException without the service provider or the user
     */
    public Api769Signer build() {
      if (spId == null || userId == null) {
        throw new IllegalStateException("set serviceProvider(...) and userId(...)");
      }
      return new Api769Signer(this);
    }
  }
}
