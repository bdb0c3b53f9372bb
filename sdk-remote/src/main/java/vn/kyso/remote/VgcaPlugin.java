package vn.kyso.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.shared.Json;

/**
 * The hash mode of the government signing plug-in (VGCA Sign Service, a local service the page
 * reaches at {@code wss://127.0.0.1:8987/<Verb>}, one JSON frame each way): what the server gives
 * the page to send, and how it reads what the page brings back. Two-phase signing fits it exactly:
 * {@code prepare} gives the digest of the signed attributes, the page sends {@code SignMsg} {@code
 * {"HashAlg":"SHA256","HashValue":<base64 digest>,"Encode":"RSA"}}, the plug-in answers {@code
 * {"Status":0,"Signature":<base64>,"CertBase64":<base64>}} with a raw PKCS#1 v1.5 signature over
 * the DigestInfo of that digest, and {@code complete} embeds it (checking it against the
 * certificate).
 *
 * <p>What is known of the plug-in comes from its shipped script and public integrators' code:
 * {@code Status} 0 (or "0") is success; the codes for a cancelled dialog, a wrong PIN or a removed
 * token are not documented, so a failure is classified by its text ({@code Error} or {@code
 * Message}). RSASSA-PSS through {@code SignMsg} is not documented either: only PKCS#1 v1.5 is
 * offered.
 *
 * @since 0.1
 */
public final class VgcaPlugin {
  private static final String SERVICE = "vgca-plugin";

  private VgcaPlugin() {}

  /**
   * The {@code SignMsg} request for one digest.
   *
   * @param digest the digest {@code prepare} gave (SHA-256, SHA-384 or SHA-512)
   * @return the JSON text the page sends
   * @throws IllegalArgumentException for another digest algorithm
   */
  public static String signMsgRequest(Digest digest) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("HashAlg", hashAlg(digest.algorithm()));
    m.put("HashValue", Base64.getEncoder().encodeToString(digest.value()));
    m.put("Encode", "RSA");
    return new String(Json.write(m), StandardCharsets.UTF_8);
  }

  /**
   * The signature algorithm a {@code SignMsg} value is made with.
   *
   * @param digest the digest that was sent
   * @return RSA PKCS#1 v1.5 with that digest
   */
  public static SignatureAlgorithm algorithm(DigestAlgorithm digest) {
    return switch (digest) {
      case SHA256 -> SignatureAlgorithm.RSA_SHA256;
      case SHA384 -> SignatureAlgorithm.RSA_SHA384;
      case SHA512 -> SignatureAlgorithm.RSA_SHA512;
      default -> throw new IllegalArgumentException("the plug-in signs SHA-2 digests only");
    };
  }

  private static String hashAlg(DigestAlgorithm a) {
    algorithm(a);
    return a.name();
  }

  /**
   * Reads a {@code SignMsg} answer the page brought back.
   *
   * @param answer the plug-in's JSON answer, as the page received it
   * @param digest the digest that was sent
   * @param expected the certificate the signature was prepared for
   * @return the signature value, for {@code complete}
   * @throws RemoteSigningException {@code USER_REJECTED} (cancelled), {@code CREDENTIAL_INVALID}
   *     (token removed, wrong PIN, or the plug-in signed with another certificate) or {@code
   *     SERVICE_ERROR} (any other failure, an answer that cannot be read)
   */
  public static SignatureValue signature(String answer, Digest digest, X509Certificate expected)
      throws RemoteSigningException {
    Map<String, Object> m = succeeded(answer);
    return signature(
        Json.text(m, "Signature").orElseThrow(() -> bad("no Signature")),
        Json.text(m, "CertBase64").orElse(""),
        digest,
        expected);
  }

  /**
   * Reads the parts of a {@code SignMsg} answer the page posted back separately (what the helper's
   * {@code signHash} resolves to).
   *
   * @param signatureBase64 {@code Signature}
   * @param certificateBase64 {@code CertBase64}, or empty when the page did not pass it
   * @param digest the digest that was sent
   * @param expected the certificate the signature was prepared for
   * @return the signature value, for {@code complete}
   * @throws RemoteSigningException {@code CREDENTIAL_INVALID} when the plug-in signed with another
   *     certificate, {@code SERVICE_ERROR} for a value that is not base64
   */
  public static SignatureValue signature(
      String signatureBase64, String certificateBase64, Digest digest, X509Certificate expected)
      throws RemoteSigningException {
    String cert = certificateBase64 == null ? "" : certificateBase64;
    if (!cert.isEmpty()) {
      X509Certificate given = Services.certificates(List.of(cert), SERVICE).get(0);
      if (!given.equals(expected)) {
        throw new RemoteSigningException(
            ErrorCode.CREDENTIAL_INVALID,
            null,
            null,
            SERVICE,
            "the plug-in signed with another certificate ("
                + given.getSubjectX500Principal().getName()
                + "), not the one the signature was prepared for");
      }
    }
    byte[] value;
    try {
      value = Base64.getMimeDecoder().decode(Objects.requireNonNull(signatureBase64, "signature"));
    } catch (IllegalArgumentException e) {
      throw bad("a Signature that is not base64");
    }
    return new SignatureValue(algorithm(digest.algorithm()), value);
  }

  /**
   * Reads the certificate from a {@code GetCertInfo} or {@code SignMsg} answer ({@code CertBase64},
   * or {@code CertInfo.CertBase64} / {@code CertInfo.Base64}).
   *
   * @param answer the plug-in's JSON answer
   * @return the certificate
   * @throws RemoteSigningException as {@link #signature}
   */
  public static X509Certificate certificate(String answer) throws RemoteSigningException {
    Map<String, Object> m = succeeded(answer);
    Map<String, Object> info = Json.object(m, "CertInfo");
    Optional<String> b64 =
        Json.text(m, "CertBase64")
            .or(() -> Json.text(info, "CertBase64"))
            .or(() -> Json.text(info, "Base64"));
    List<X509Certificate> c =
        Services.certificates(List.of(b64.orElseThrow(() -> bad("no certificate"))), SERVICE);
    if (c.isEmpty()) {
      throw bad("an empty certificate");
    }
    return c.get(0);
  }

  private static Map<String, Object> succeeded(String answer) throws RemoteSigningException {
    Map<String, Object> m;
    try {
      m = Json.object(answer.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw bad("the answer is not a JSON object");
    }
    String status = Json.text(m, "Status").orElse("");
    if (status.equals("0")) {
      return m;
    }
    String text = Json.text(m, "Error").or(() -> Json.text(m, "Message")).orElse("");
    throw failure(status, text);
  }

  /**
   * Classifies a failed answer by its text: cancellation, a token or PIN problem, or anything else.
   */
  static RemoteSigningException failure(String status, String text) {
    String t = text.toLowerCase(Locale.ROOT);
    ErrorCode code;
    if (t.contains("cancel") || t.contains("hủy") || t.contains("huỷ") || t.contains("huy bo")) {
      code = ErrorCode.USER_REJECTED;
    } else if (t.contains("token")
        || t.contains("pin")
        || t.contains("thiết bị")
        || t.contains("certificate not found")
        || t.contains("không tìm thấy")) {
      code = ErrorCode.CREDENTIAL_INVALID;
    } else {
      code = ErrorCode.SERVICE_ERROR;
    }
    String shown = text.length() > 200 ? text.substring(0, 200) : text;
    return new RemoteSigningException(
        code, status, null, SERVICE, "Status " + status + (shown.isEmpty() ? "" : ": " + shown));
  }

  private static RemoteSigningException bad(String what) {
    return Services.bad(SERVICE, what);
  }

  /**
   * The browser helper, {@code kyso-vgca.js}: one ES module without dependencies that probes for
   * the plug-in, gets the certificate, sends digests ({@code SignMsg}) or starts the file round
   * trip, and turns failures into codes ({@code NOT_INSTALLED}, {@code CANCELLED}, {@code
   * TOKEN_REMOVED}, {@code TIMEOUT}, {@code GARBAGE}, {@code FAILED}) with Vietnamese and English
   * messages. Serve it to the page as {@code text/javascript}.
   *
   * @return the script
   */
  public static String helperScript() {
    try (java.io.InputStream in = VgcaPlugin.class.getResourceAsStream("kyso-vgca.js")) {
      if (in == null) {
        throw new IllegalStateException("kyso-vgca.js is missing from sdk-remote");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
