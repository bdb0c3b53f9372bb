package vn.kyso.remote;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A callback a remote signing service sent to the integrator's endpoint, as the web framework
 * received it: the headers and the body. Kyso needs nothing else (no servlet API), so any framework
 * can hand it over. Immutable; header names are matched without regard to case.
 *
 * @since 0.1
 */
public final class CallbackRequest {
  /** The largest body accepted; services send a few kilobytes. */
  public static final int MAX_BODY = 1024 * 1024;

  private final Map<String, List<String>> headers;
  private final byte[] body;

  private CallbackRequest(Map<String, List<String>> headers, byte[] body) {
    Map<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null) {
        copy.put(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(e.getValue()));
      }
    }
    this.headers = Map.copyOf(copy);
    this.body = body.clone();
  }

  /**
   * Makes a request.
   *
   * @param headers the HTTP headers (names in any case)
   * @param body the body as received
   * @return the request
   * @throws IllegalArgumentException when the body is larger than {@link #MAX_BODY}
   */
  public static CallbackRequest of(Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("a callback body of " + body.length + " bytes");
    }
    return new CallbackRequest(headers, body);
  }

  /**
   * @param name a header name, in any case
   * @return its first value
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * @return a copy of the body
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * @return the body read as UTF-8
   */
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Never the body or the headers: they carry tokens and secrets.
    return "CallbackRequest[" + body.length + " bytes]";
  }
}
