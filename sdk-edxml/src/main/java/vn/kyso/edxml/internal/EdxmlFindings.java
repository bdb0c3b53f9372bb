package vn.kyso.edxml.internal;

import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/** Findings of the edXML reader and verifier, in both languages, from the module's bundle. */
public final class EdxmlFindings {
  /** The bundle's base name. */
  public static final String BUNDLE = "vn.kyso.edxml.messages";

  private EdxmlFindings() {}

  /**
   * Makes a finding.
   *
   * @param code the finding's code (key {@code finding.} + code)
   * @param severity how serious it is
   * @param args values for the message
   * @return the finding
   */
  public static Finding of(String code, Severity severity, Object... args) {
    return Finding.fromBundle(BUNDLE, EdxmlFindings.class, code, severity, args);
  }
}
