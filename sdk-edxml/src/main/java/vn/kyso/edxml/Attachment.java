package vn.kyso.edxml;

import java.util.Objects;

/**
 * A file carried by an edXML message, decoded: the bytes as they were sent (base64 removed, and the
 * ZIP the sender wrapped it in, if any, opened), with what the message said about it.
 *
 * @param contentId the {@code cid:} that pairs it with the manifest
 * @param name the attachment name
 * @param declaredType the ContentType the message declares (often wrong)
 * @param data the file's bytes
 * @param zipped whether the payload was a ZIP holding the file
 * @since 0.2
 */
public record Attachment(
    String contentId, String name, String declaredType, byte[] data, boolean zipped) {

  /** Checks and copies. */
  public Attachment {
    Objects.requireNonNull(contentId, "contentId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(declaredType, "declaredType");
    data = Objects.requireNonNull(data, "data").clone();
  }

  /**
   * @return the file's bytes (a copy)
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * @return what the bytes are, whatever was declared: {@code application/pdf}, {@code text/xml},
   *     or {@code application/octet-stream}
   */
  public String actualType() {
    if (data.length >= 5 && data[0] == '%' && data[1] == 'P' && data[2] == 'D' && data[3] == 'F') {
      return "application/pdf";
    }
    int i = 0;
    if (data.length >= 3 && (data[0] & 0xff) == 0xef && (data[1] & 0xff) == 0xbb) {
      i = 3;
    }
    while (i < data.length && Character.isWhitespace(data[i])) {
      i++;
    }
    return i < data.length && data[i] == '<' ? "text/xml" : "application/octet-stream";
  }
}
