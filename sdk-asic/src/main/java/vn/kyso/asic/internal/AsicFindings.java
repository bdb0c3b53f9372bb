package vn.kyso.asic.internal;

import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/** Findings of the ASiC verifier, in both languages, from the module's message bundle. */
public final class AsicFindings {
  /** The bundle's base name. */
  public static final String BUNDLE = "vn.kyso.asic.messages";

  private AsicFindings() {}

  /**
   * Makes a finding.
   *
   * @param code the finding's code (key {@code finding.} + code)
   * @param severity how serious it is
   * @param args values for the message
   * @return the finding
   */
  public static Finding of(String code, Severity severity, Object... args) {
    return Finding.fromBundle(BUNDLE, AsicFindings.class, code, severity, args);
  }
}
