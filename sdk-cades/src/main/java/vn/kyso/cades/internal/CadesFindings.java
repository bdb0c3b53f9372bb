package vn.kyso.cades.internal;

import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureResult;

/** Findings of the CAdES verifier, in both languages, from the module's message bundle. */
public final class CadesFindings {
  private static final String BUNDLE = "vn.kyso.cades.messages";

  private CadesFindings() {}

  /**
   * Makes a finding.
   *
   * @param code the finding's code (key {@code finding.} + code)
   * @param severity how serious it is
   * @param args values for the message
   * @return the finding
   */
  public static Finding of(String code, Severity severity, Object... args) {
    return Finding.fromBundle(BUNDLE, CadesFindings.class, code, severity, args);
  }

  /**
   * Describes what a signature covers (key {@code scope.} + {@code key}).
   *
   * @param result the result being built
   * @param key the key after {@code scope.}
   * @param args values for the description (as text)
   */
  public static void scope(SignatureResult.Builder result, String key, Object... args) {
    result.scopeFromBundle(BUNDLE, CadesFindings.class, key, args);
  }
}
