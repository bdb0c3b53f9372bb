package vn.kyso.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import vn.kyso.api.shared.Json;
import vn.kyso.api.validation.ValidationReport;

/**
 * What {@link UploadReceiver} decided about a file the plug-in uploaded, and the JSON reply the
 * plug-in relays to the page ({@code {Status, Message, FileName, FileServer}}). Immutable.
 *
 * @since 0.1
 */
public final class UploadDecision {
  private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
  private static final Properties EN = load("upload-messages.properties");
  private static final Properties VI = load("upload-messages_vi.properties");

  /** Why. */
  public enum Reason {
    /** Verified, the expected signer, allowed: stored. */
    ACCEPTED,
    /** The one-time token is forged, for another document, or unreadable. */
    TOKEN_INVALID,
    /** The token's time ran out. */
    TOKEN_EXPIRED,
    /** The token was used before. */
    TOKEN_USED,
    /** The original document changed after the token was issued. */
    DOCUMENT_CHANGED,
    /** No {@code uploadfile} part (or PDF body). */
    NO_FILE,
    /** Larger than the receiver accepts. */
    TOO_LARGE,
    /** The upload does not start with the bytes of the document that was sent. */
    NOT_THE_DOCUMENT_SENT,
    /** Not exactly one signature more than the document that was sent. */
    NOT_ONE_NEW_SIGNATURE,
    /** The new signature is not TOTAL_PASSED. */
    SIGNATURE_NOT_PASSED,
    /** The new signature's certificate is not the expected signer's. */
    WRONG_SIGNER,
    /** A signature of the document that was sent verifies differently now. */
    EARLIER_SIGNATURE_CHANGED,
    /** The signing policy denies the signature or the document. */
    POLICY_DENIED,
    /** The upload is not a PDF Kyso can read. */
    UNREADABLE
  }

  private final Reason reason;
  private final List<String> details;
  private final ValidationReport report;
  private final String fileName;

  UploadDecision(Reason reason, List<String> details, ValidationReport report, String fileName) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.details = List.copyOf(details);
    this.report = report;
    this.fileName = fileName == null ? "" : fileName;
  }

  /**
   * @return true when the file was verified and stored at the destination
   */
  public boolean accepted() {
    return reason == Reason.ACCEPTED;
  }

  /**
   * @return why
   */
  public Reason reason() {
    return reason;
  }

  /**
   * @return what else is known (the policy's denials, the findings of the new signature), in
   *     English
   */
  public List<String> details() {
    return details;
  }

  /**
   * @return the verification report of the upload, when it was verified
   */
  public Optional<ValidationReport> report() {
    return Optional.ofNullable(report);
  }

  /**
   * @param locale Vietnamese ({@code vi}) or English
   * @return the decision in words
   */
  public String message(Locale locale) {
    Properties p = locale.getLanguage().equals(VIETNAMESE.getLanguage()) ? VI : EN;
    return p.getProperty(reason.name(), EN.getProperty(reason.name(), reason.name()));
  }

  /**
   * The reply the plug-in expects from its upload handler and relays to the page.
   *
   * @param locale the language of {@code Message}
   * @return {@code {"Status":true|false,"Message":…,"FileName":…,"FileServer":""}}
   */
  public byte[] reply(Locale locale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", accepted());
    m.put("Message", message(locale));
    m.put("FileName", fileName);
    m.put("FileServer", "");
    return Json.write(m);
  }

  @Override
  public String toString() {
    return "UploadDecision[" + reason + (details.isEmpty() ? "" : ", " + details) + "]";
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = UploadDecision.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
