package vn.kyso.remote;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
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
import vn.kyso.api.shared.SafeXml;

/**
 * Signing with a key on the user's SIM (SIM-PKI) through a Mobile Signature Service Provider, ETSI
 * TS 102 204: a hand-built SOAP 1.1 {@code MSS_Signature} in synchronous mode with the DER
 * DigestInfo as {@code DataToBeSigned}, the AP's id and password and, where the MSSP asks for it, a
 * TLS client certificate ({@link Builder#tls}); {@code MSS_Registration} for the user's
 * certificates. Status codes: 500, 502 and 408 are taken as a signature (some MSSPs answer 408);
 * 401 USER_CANCEL, 208 EXPIRED_TRANSACTION, 104 UNAUTHORIZED_ACCESS, 105 UNKNOWN_CLIENT, 402/403
 * PIN or card blocked, 404/422 no key or certificate. No SOAP framework.
 *
 * @since 0.1
 */
public final class MssSigner implements RemoteSigner {
  private static final String SERVICE = "mss";
  private static final String NS = "http://uri.etsi.org/TS102204/v1.1.2#";
  private static final Set<String> SIGNED = Set.of("500", "502", "408");

  private final URI signatureUrl;
  private final URI registrationUrl;
  private final String apId;
  private final char[] apPassword;
  private final String msspId;
  private final String msisdn;
  private final String profile;
  private final List<X509Certificate> chain;
  private final Duration timeout;
  private final Clock clock;
  private final Http http;
  private final Map<String, RemoteResult> results = new ConcurrentHashMap<>();

  private MssSigner(Builder b) {
    this.signatureUrl = b.signatureUrl;
    this.registrationUrl = b.registrationUrl;
    this.apId = b.apId;
    this.apPassword = b.apPassword.clone();
    this.msspId = b.msspId;
    this.msisdn = b.msisdn;
    this.profile = b.profile;
    this.chain = List.copyOf(b.chain);
    this.timeout = b.timeout;
    this.clock = b.clock;
    this.http = new Http(b.timeout, b.timeout, 1024 * 1024, b.tls);
  }

  /**
   * Returns a builder.
   *
   * @param signatureUrl the MSS_Signature port, e.g. {@code
   *     https://mpki.example.vn/soap/services/MSS_SignaturePort}
   * @return the builder
   */
  public static Builder builder(URI signatureUrl) {
    return new Builder(signatureUrl);
  }

  @Override
  public List<RemoteCredential> credentials() throws ServiceException {
    if (!chain.isEmpty()) {
      return List.of(new RemoteCredential(msisdn, chain, 1));
    }
    String body =
        "<MSS_Registration xmlns=\""
            + NS
            + "\"><MSS_RegistrationReq MajorVersion=\"1\" MinorVersion=\"1\">"
            + apInfo()
            + mobileUser()
            + "</MSS_RegistrationReq></MSS_Registration>";
    Document reply = exchange(registrationUrl, body);
    status(reply, Set.of("408", "100"));
    List<X509Certificate> out = new ArrayList<>();
    NodeList certs = reply.getElementsByTagNameNS("*", "X509Certificate");
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < certs.getLength(); i++) {
        byte[] der = Base64.getMimeDecoder().decode(certs.item(i).getTextContent().strip());
        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
      throw bad("a certificate that cannot be read");
    }
    return out.isEmpty() ? List.of() : List.of(new RemoteCredential(msisdn, out, 1));
  }

  @Override
  public RemoteTransaction submit(
      RemoteCredential credential,
      List<Digest> digests,
      SignatureAlgorithm algorithm,
      String description)
      throws ServiceException {
    Objects.requireNonNull(credential, "credential");
    if (digests.size() != 1) {
      throw new IllegalArgumentException("a SIM signs one digest per request");
    }
    if (algorithm.keyType() != SignatureAlgorithm.KeyType.RSA || algorithm.isPss()) {
      throw new IllegalArgumentException("MSS PKCS#1 signs RSA PKCS#1 v1.5 only, not " + algorithm);
    }
    String transId = "kyso-" + UUID.randomUUID();
    String body =
        "<MSS_Signature xmlns=\""
            + NS
            + "\"><MSS_SignatureReq MajorVersion=\"1\" MinorVersion=\"1\" MessagingMode=\"synch\""
            + " TimeOut=\""
            + Math.max(1, timeout.toSeconds())
            + "\">"
            + apInfo().replace("AP_TransID=\"\"", "AP_TransID=\"" + transId + "\"")
            + mobileUser()
            + "<DataToBeSigned MimeType=\"application/octet-stream\" Encoding=\"base64\">"
            + Base64.getEncoder().encodeToString(digests.get(0).digestInfo())
            + "</DataToBeSigned><DataToBeDisplayed MimeType=\"text/plain\" Encoding=\"UTF-8\">"
            + SafeXml.escape(description)
            + "</DataToBeDisplayed><SignatureProfile><mssURI>"
            + SafeXml.escape(profile)
            + "</mssURI></SignatureProfile><MSS_Format><mssURI>"
            + NS
            + "PKCS1</mssURI></MSS_Format></MSS_SignatureReq></MSS_Signature>";
    Document reply = exchange(signatureUrl, body);
    String code = SafeXml.first(reply, "StatusCode").map(e -> e.getAttribute("Value")).orElse("");
    Optional<String> message = SafeXml.text(reply, "StatusMessage");
    RemoteResult result;
    if (SIGNED.contains(code)) {
      String value =
          SafeXml.text(reply, "Base64Signature")
              .or(() -> SafeXml.text(reply, "MSS_Signature"))
              .orElseThrow(() -> bad("status " + code + " without a signature"));
      try {
        result =
            RemoteResult.approved(
                List.of(new SignatureValue(algorithm, Base64.getMimeDecoder().decode(value))));
      } catch (IllegalArgumentException e) {
        throw bad("a signature that is not base64");
      }
    } else {
      result =
          switch (code) {
            case "401" ->
                new RemoteResult(RemoteStatus.REJECTED, List.of(), Optional.of(code), message);
            case "208" ->
                new RemoteResult(RemoteStatus.EXPIRED, List.of(), Optional.of(code), message);
            default -> {
              status(reply, SIGNED);
              yield new RemoteResult(RemoteStatus.FAILED, List.of(), Optional.of(code), message);
            }
          };
    }
    results.put(transId, result);
    return new RemoteTransaction(SERVICE, transId, credential.id(), 1, algorithm, clock.instant());
  }

  @Override
  public RemoteResult poll(RemoteTransaction transaction) throws ServiceException {
    RemoteResult r = results.remove(transaction.id());
    if (r == null) {
      throw bad("transaction " + transaction.id() + " is unknown here (MSS signs synchronously)");
    }
    return r;
  }

  private String apInfo() {
    return "<AP_Info AP_ID=\""
        + SafeXml.escape(apId)
        + "\" AP_PWD=\""
        + SafeXml.escape(new String(apPassword))
        + "\" AP_TransID=\"\" Instant=\""
        + clock.instant()
        + "\"/><MSSP_Info><MSSP_ID><URI>"
        + SafeXml.escape(msspId)
        + "</URI></MSSP_ID></MSSP_Info>";
  }

  private String mobileUser() {
    return "<MobileUser><MSISDN>" + SafeXml.escape(msisdn) + "</MSISDN></MobileUser>";
  }

  /** Raises the typed error for a failure status (a success passes). */
  private static void status(Document reply, Set<String> success) throws ServiceException {
    String code = SafeXml.first(reply, "StatusCode").map(e -> e.getAttribute("Value")).orElse("");
    if (success.contains(code)) {
      return;
    }
    String message = SafeXml.text(reply, "StatusMessage").orElse(code);
    ErrorCode e =
        switch (code) {
          case "104", "105", "402", "403", "404", "422", "501" -> ErrorCode.CREDENTIAL_INVALID;
          case "401" -> ErrorCode.USER_REJECTED;
          case "208" -> ErrorCode.APPROVAL_TIMEOUT;
          default -> ErrorCode.SERVICE_ERROR;
        };
    throw new RemoteSigningException(e, code, null, SERVICE, message);
  }

  private Document exchange(URI url, String body) throws ServiceException {
    String envelope =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope"
            + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + body
            + "</soap:Body></soap:Envelope>";
    Http.Response r =
        http.exchange(
            url,
            "text/xml; charset=utf-8",
            envelope.getBytes(StandardCharsets.UTF_8),
            Map.of("SOAPAction", "\"\""),
            timeout);
    Document reply;
    try {
      reply = SafeXml.parse(r.body());
    } catch (IOException e) {
      throw bad("the answer is not XML (HTTP " + r.status() + ")");
    }
    Optional<Element> fault = SafeXml.first(reply, "Fault");
    if (fault.isPresent()) {
      String why = SafeXml.text(fault.get(), "faultstring").orElse("SOAP fault");
      String code =
          SafeXml.first(fault.get(), "StatusCode")
              .map(e -> e.getAttribute("Value"))
              .or(() -> SafeXml.text(fault.get(), "faultcode"))
              .orElse("fault");
      ErrorCode e =
          code.contains("104") || code.contains("105")
              ? ErrorCode.CREDENTIAL_INVALID
              : ErrorCode.SERVICE_ERROR;
      throw new RemoteSigningException(e, code, null, SERVICE, why);
    }
    return reply;
  }

  private static RemoteSigningException bad(String what) {
    return Services.bad(SERVICE, what);
  }

  @Override
  public String toString() {
    return "MssSigner[" + signatureUrl + ", AP " + apId + "]";
  }

  /** Builds an {@link MssSigner}. Not thread-safe. */
  public static final class Builder {
    private final URI signatureUrl;
    private URI registrationUrl;
    private String apId;
    private char[] apPassword;
    private String msspId = "http://mobile-id.vn";
    private String msisdn;
    private String profile = "http://mobile-id.vn/digitalSignature";
    private List<X509Certificate> chain = List.of();
    private SSLContext tls;
    private Duration timeout = Duration.ofSeconds(300);
    private Clock clock = Clock.systemUTC();

    private Builder(URI signatureUrl) {
      this.signatureUrl = Objects.requireNonNull(signatureUrl, "signatureUrl");
      String scheme =
          signatureUrl.getScheme() == null ? "" : signatureUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("the MSSP needs an http(s) URL: " + signatureUrl);
      }
      this.registrationUrl =
          URI.create(signatureUrl.toString().replace("MSS_SignaturePort", "MSS_RegistrationPort"));
    }

    /**
     * @param id the application provider's id ({@code AP_ID}, a URI)
     * @param password its password ({@code AP_PWD}; copied, wipe yours)
     * @return this builder
     */
    public Builder applicationProvider(String id, char[] password) {
      this.apId = Objects.requireNonNull(id, "id");
      this.apPassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * @param value the user's phone number, e.g. {@code 84912345678}
     * @return this builder
     */
    public Builder msisdn(String value) {
      this.msisdn = Objects.requireNonNull(value, "msisdn");
      return this;
    }

    /**
     * @param value the MSSP's id (default {@code http://mobile-id.vn})
     * @return this builder
     */
    public Builder msspId(String value) {
      this.msspId = Objects.requireNonNull(value, "msspId");
      return this;
    }

    /**
     * @param value the signature profile URI (default {@code http://mobile-id.vn/digitalSignature})
     * @return this builder
     */
    public Builder signatureProfile(String value) {
      this.profile = Objects.requireNonNull(value, "profile");
      return this;
    }

    /**
     * @param value the registration port (default: the signature port's name with {@code
     *     MSS_RegistrationPort})
     * @return this builder
     */
    public Builder registrationUrl(URI value) {
      this.registrationUrl = Objects.requireNonNull(value, "registrationUrl");
      return this;
    }

    /**
     * @param value the user's certificate chain when known (no registration call is made)
     * @return this builder
     */
    public Builder certificateChain(List<X509Certificate> value) {
      this.chain = List.copyOf(Objects.requireNonNull(value, "chain"));
      return this;
    }

    /**
     * @param value a TLS context with the AP's client certificate, when the MSSP asks for one
     * @return this builder
     */
    public Builder tls(SSLContext value) {
      this.tls = Objects.requireNonNull(value, "tls");
      return this;
    }

    /**
     * @param value the time the user has to answer on the phone (default 300 s)
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
     * @throws IllegalStateException without the AP credentials or the MSISDN
     */
    public MssSigner build() {
      if (apId == null || msisdn == null) {
        throw new IllegalStateException("set applicationProvider(...) and msisdn(...)");
      }
      return new MssSigner(this);
    }
  }
}
