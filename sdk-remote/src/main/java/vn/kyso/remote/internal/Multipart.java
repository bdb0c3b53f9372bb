package vn.kyso.remote.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds one file part of a {@code multipart/form-data} body (RFC 7578) held in memory, without a
 * servlet container: the boundary comes from the content type, the part by its field name. Bounded
 * by the body the caller already bounded; linear in its size.
 */
public final class Multipart {
  private Multipart() {}

  /** A part's name and content bounds in the body. */
  public record Part(String fileName, int start, int end) {}

  /**
   * @param contentType the request's {@code Content-Type}
   * @param body the body
   * @param field the field name, e.g. {@code uploadfile}
   * @return the part, when the body is multipart and has it
   */
  public static Optional<Part> find(String contentType, byte[] body, String field) {
    Optional<String> boundary = boundary(contentType);
    if (boundary.isEmpty()) {
      return Optional.empty();
    }
    byte[] delimiter = ("--" + boundary.get()).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, at);
      if (lineEnd < 0) {
        return Optional.empty();
      }
      int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, lineEnd);
      if (headersEnd < 0) {
        return Optional.empty();
      }
      int headersStart = lineEnd + 2;
      String headers =
          headersEnd >= headersStart
              ? new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8)
              : "";
      int contentStart = headersEnd + 4;
      byte[] next = ("\r\n--" + boundary.get()).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        return Optional.empty();
      }
      Optional<String> name = parameter(headers, "name");
      if (name.isPresent() && name.get().equals(field)) {
        return Optional.of(
            new Part(parameter(headers, "filename").orElse(""), contentStart, contentEnd));
      }
      at = contentEnd + 2;
    }
    return Optional.empty();
  }

  private static Optional<String> boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return Optional.empty();
    }
    return parameter(contentType, "boundary").filter(b -> !b.isEmpty() && b.length() <= 200);
  }

  /** A {@code key=value} or {@code key="value"} parameter of a header line. */
  private static Optional<String> parameter(String header, String key) {
    for (String piece : header.split("[;\r\n]")) {
      String p = piece.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(key)) {
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The first index of {@code needle} in {@code hay} from {@code from}, or -1 (Knuth-Morris-Pratt:
   * linear).
   */
  static int indexOf(byte[] hay, byte[] needle, int from) {
    int[] fail = new int[needle.length];
    for (int i = 1, k = 0; i < needle.length; i++) {
      while (k > 0 && needle[i] != needle[k]) {
        k = fail[k - 1];
      }
      if (needle[i] == needle[k]) {
        k++;
      }
      fail[i] = k;
    }
    for (int i = Math.max(0, from), k = 0; i < hay.length; i++) {
      while (k > 0 && hay[i] != needle[k]) {
        k = fail[k - 1];
      }
      if (hay[i] == needle[k]) {
        k++;
      }
      if (k == needle.length) {
        return i - needle.length + 1;
      }
    }
    return -1;
  }
}
