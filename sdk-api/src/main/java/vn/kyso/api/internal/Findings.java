package vn.kyso.api.internal;

import java.util.Locale;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/** Makes {@link Finding}s from a bundle's {@code finding.CODE} texts in both languages. */
public final class Findings {
  private Findings() {}

  /**
   * Creates a finding from the {@code sdk-api} bundle.
   *
   * @param code the code; the bundle key is {@code finding.} + code
   * @param severity the severity
   * @param arguments message arguments
   * @return the finding
   */
  public static Finding of(String code, Severity severity, Object... arguments) {
    return of(Messages.API, code, severity, arguments);
  }

  /**
   * Creates a finding from any module's bundle.
   *
   * @param messages the bundle
   * @param code the code; the bundle key is {@code finding.} + code
   * @param severity the severity
   * @param arguments message arguments
   * @return the finding
   */
  public static Finding of(Messages messages, String code, Severity severity, Object... arguments) {
    String key = "finding." + code;
    return new Finding(
        code,
        severity,
        messages.format(Locale.ENGLISH, key, arguments),
        messages.format(Messages.VIETNAMESE, key, arguments));
  }
}
