package vn.kyso.api.trust;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * How a {@link TsaClient} proves who it is to a time-stamping authority that requires it: HTTP
 * basic authentication, a bearer token (fetched anew for every request, so a token that expires can
 * be refreshed by the supplier), or a TLS client certificate. Secrets are never logged and never
 * appear in {@link #toString()}.
 *
 * <pre>{@code
 * TsaClient tsa = TsaClient.builder(URI.create("https://tsa.example.vn/"))
 *     .authentication(TsaAuthentication.basic("so-noi-vu", passwordFromVault))
 *     .fallback(URI.create("http://tsa2.example.vn/"))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TsaAuthentication {
  private static final TsaAuthentication NONE = new TsaAuthentication("none", null, null, null);

  private final String kind;
  private final byte[] basic;
  private final Supplier<String> bearer;
  private final SSLContext tls;

  private TsaAuthentication(String kind, byte[] basic, Supplier<String> bearer, SSLContext tls) {
    this.kind = kind;
    this.basic = basic;
    this.bearer = bearer;
    this.tls = tls;
  }

  /**
   * @return no authentication
   */
  public static TsaAuthentication none() {
    return NONE;
  }

  /**
   * HTTP basic authentication (RFC 7617, UTF-8). Use it only over https.
   *
   * @param user the user name, without a colon
   * @param password the password; copied, so the caller may wipe its array
   * @return the authentication
   */
  public static TsaAuthentication basic(String user, char[] password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a basic-authentication user name has no colon");
    }
    CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
    chars.put(user).put(':').put(password).flip();
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    Arrays.fill(chars.array(), '\0');
    if (bytes.hasArray()) {
      Arrays.fill(bytes.array(), (byte) 0);
    }
    byte[] header = Base64.getEncoder().encode(raw);
    Arrays.fill(raw, (byte) 0);
    return new TsaAuthentication("basic", header, null, null);
  }

  /**
   * A bearer token (RFC 6750), asked of the supplier for every request.
   *
   * @param token gives the current token
   * @return the authentication
   */
  public static TsaAuthentication bearer(Supplier<String> token) {
    return new TsaAuthentication("bearer", null, Objects.requireNonNull(token, "token"), null);
  }

  /**
   * A TLS client certificate: the context holds the client's key and certificate (and the trust for
   * the server's certificate).
   *
   * @param context the TLS context
   * @return the authentication
   */
  public static TsaAuthentication clientCertificate(SSLContext context) {
    return new TsaAuthentication(
        "client-certificate", null, null, Objects.requireNonNull(context, "context"));
  }

  /** The headers to send with a request. */
  Map<String, String> headers() {
    if (basic != null) {
      return Map.of("Authorization", "Basic " + new String(basic, StandardCharsets.US_ASCII));
    }
    if (bearer != null) {
      String token = bearer.get();
      if (token == null || token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalStateException("the bearer token supplier gave no usable token");
      }
      return Map.of("Authorization", "Bearer " + token);
    }
    return Map.of();
  }

  /** The TLS context to use, or null. */
  SSLContext tls() {
    return tls;
  }

  @Override
  public String toString() {
    return "TsaAuthentication[" + kind + "]";
  }
}
