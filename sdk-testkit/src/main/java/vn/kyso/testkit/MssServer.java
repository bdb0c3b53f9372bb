package vn.kyso.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.shared.SafeXml;

/**
 * A loopback Mobile Signature Service Provider (ETSI TS 102 204, SIM-PKI) speaking hand-built SOAP
 * 1.1: {@code MSS_Signature} in synchronous mode with the DER DigestInfo as {@code DataToBeSigned},
 * checked (101 WRONG_PARAM for an unknown hash or a length that does not match), AP credentials
 * checked (104 UNAUTHORIZED_ACCESS), the user looked up by MSISDN (105 UNKNOWN_CLIENT), answered
 * with a PKCS#1 value and the success code you choose (500 by default; some MSSPs answer 408), or
 * 401 USER_CANCEL, 208 EXPIRED_TRANSACTION, a signature by another key; {@code MSS_Registration}
 * returns the user's certificates; a SOAP Fault for XML it cannot read.
 *
 * @since 0.1
 */
public final class MssServer extends LoopbackServer {
  private static final String NS = "http://uri.etsi.org/TS102204/v1.1.2#";
  private final String apId;
  private final char[] apPassword;
  private final Map<String, TestCredential> users = new ConcurrentHashMap<>();
  private volatile UserAnswer answer = UserAnswer.APPROVE;
  private volatile String successCode = "500";
  private volatile String lastDisplayed = "";

  /**
   * Starts the server.
   *
   * @param apId the AP_ID it accepts
   * @param apPassword the AP_PWD it accepts (copied)
   */
  public MssServer(String apId, char[] apPassword) {
    super("/soap/services/");
    this.apId = Objects.requireNonNull(apId, "apId");
    this.apPassword = Objects.requireNonNull(apPassword, "apPassword").clone();
  }

  /**
   * @return the MSS_Signature port
   */
  public URI signaturePort() {
    return baseUri().resolve("soap/services/MSS_SignaturePort");
  }

  /**
   * @param msisdn the user's phone number
   * @param credential the test credential on the user's SIM
   */
  public void user(String msisdn, TestCredential credential) {
    users.put(msisdn, credential);
  }

  /**
   * @param value how the user answers from now on
   */
  public void answer(UserAnswer value) {
    this.answer = Objects.requireNonNull(value, "answer");
  }

  /**
   * @param value the status code of a signature: 500 (default), 502 or 408
   */
  public void successCode(String value) {
    this.successCode = Objects.requireNonNull(value, "successCode");
  }

  /**
   * @return the text the last request asked the phone to display
   */
  public String lastDisplayed() {
    return lastDisplayed;
  }

  @Override
  public void reset() {
    super.reset();
    answer = UserAnswer.APPROVE;
    successCode = "500";
  }

  @Override
  Answer answer(String path, byte[] request, ServerMode mode) throws Exception {
    Document d;
    try {
      d = SafeXml.parse(request);
    } catch (IOException e) {
      return fault("soap:Client", "the request is not XML");
    }
    Element ap = SafeXml.first(d, "AP_Info").orElse(null);
    if (ap == null) {
      return fault("soap:Client", "no AP_Info");
    }
    if (!apId.equals(ap.getAttribute("AP_ID"))
        || !new String(apPassword).equals(ap.getAttribute("AP_PWD"))) {
      return status(path, "104", "UNAUTHORIZED_ACCESS", null, null);
    }
    String msisdn = SafeXml.text(d, "MSISDN").orElse("");
    TestCredential user = users.get(msisdn);
    if (user == null) {
      return status(path, "105", "UNKNOWN_CLIENT", null, null);
    }
    if (path.endsWith("MSS_RegistrationPort")) {
      return status(
          path,
          "408",
          "REGISTRATION_OK",
          null,
          Base64.getEncoder().encodeToString(user.certificate().getEncoded()));
    }
    lastDisplayed = SafeXml.text(d, "DataToBeDisplayed").orElse("");
    byte[] dtbs;
    DigestInfo info;
    try {
      dtbs = Base64.getMimeDecoder().decode(SafeXml.text(d, "DataToBeSigned").orElse(""));
      info = DigestInfo.getInstance(dtbs);
    } catch (RuntimeException e) {
      return status(path, "101", "WRONG_PARAM", null, null);
    }
    String oid = info.getAlgorithmId().getAlgorithm().getId();
    if (!DigestSigning.oidFor(info.getDigest()).equals(oid)) {
      return status(path, "101", "WRONG_PARAM", null, null);
    }
    UserAnswer a = answer;
    if (a == UserAnswer.REJECT) {
      return status(path, "401", "USER_CANCEL", null, null);
    }
    if (a == UserAnswer.EXPIRE) {
      return status(path, "208", "EXPIRED_TRANSACTION", null, null);
    }
    PrivateKey key = a == UserAnswer.WRONG_KEY ? DigestSigning.strangerKey() : user.privateKey();
    Signature s = Signature.getInstance("NONEwithRSA");
    s.initSign(key);
    s.update(dtbs);
    return status(
        path, successCode, "SIGNATURE", Base64.getEncoder().encodeToString(s.sign()), null);
  }

  private static Answer status(
      String path, String code, String message, String signature, String certificate) {
    String kind = path.endsWith("MSS_RegistrationPort") ? "MSS_Registration" : "MSS_Signature";
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope"
                + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><"
                + kind
                + "Response xmlns=\""
                + NS
                + "\"><"
                + kind
                + "Resp MajorVersion=\"1\" MinorVersion=\"1\">");
    if (signature != null) {
      b.append("<MSS_Signature><Base64Signature>")
          .append(signature)
          .append("</Base64Signature></MSS_Signature>");
    }
    if (certificate != null) {
      b.append("<CertificateResponse><X509Certificate>")
          .append(certificate)
          .append("</X509Certificate></CertificateResponse>");
    }
    b.append("<Status><StatusCode Value=\"")
        .append(code)
        .append("\"/><StatusMessage>")
        .append(message)
        .append("</StatusMessage></Status></")
        .append(kind)
        .append("Resp></")
        .append(kind)
        .append("Response></soap:Body></soap:Envelope>");
    return new Answer(
        200, "text/xml; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Answer fault(String code, String message) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope"
            + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
            + "<faultcode>"
            + code
            + "</faultcode><faultstring>"
            + SafeXml.escape(message)
            + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    return new Answer(500, "text/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
  }
}
