package vn.kyso.pades.internal;

import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/** Findings of the PDF verifier, in both languages, from the module's message bundle. */
public final class PdfFindings {
  private static final String BUNDLE = "vn.kyso.pades.messages";

  private PdfFindings() {}

  /**
   * Makes a finding.
   *
   * @param code the finding's code (key {@code finding.} + code)
   * @param severity how serious it is
   * @param args values for the message
   * @return the finding
   */
  public static Finding of(String code, Severity severity, Object... args) {
    return Finding.fromBundle(BUNDLE, PdfFindings.class, code, severity, args);
  }
}
