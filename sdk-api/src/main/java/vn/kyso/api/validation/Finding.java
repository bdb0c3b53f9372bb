package vn.kyso.api.validation;

import java.util.Locale;
import java.util.Objects;
import vn.kyso.api.internal.Findings;
import vn.kyso.api.internal.Messages;

/**
 * One observation made while validating, with a stable code and its text in Vietnamese and English.
 * Immutable.
 *
 * @param code the stable code, {@code UPPER_SNAKE}, e.g. {@code CERT_REVOKED}
 * @param severity how much it weighs
 * @param messageEn the English text
 * @param messageVi the Vietnamese text
 * @since 0.1
 */
public record Finding(String code, Severity severity, String messageEn, String messageVi) {

  /**
   * Validates the parts.
   *
   * @param code the code
   * @param severity the severity
   * @param messageEn the English text
   * @param messageVi the Vietnamese text
   */
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(messageEn, "messageEn");
    Objects.requireNonNull(messageVi, "messageVi");
  }

  /**
   * Creates a finding whose texts come from a module's resource bundle, key {@code finding.<code>},
   * in English ({@code <baseName>.properties}) and Vietnamese ({@code <baseName>_vi.properties}).
   *
   * @param baseName the bundle base name, e.g. {@code vn.kyso.pades.messages}
   * @param owner a class of the module that ships the bundle
   * @param code the stable code
   * @param severity the severity
   * @param arguments values substituted into the texts ({@link java.text.MessageFormat})
   * @return the finding
   */
  public static Finding fromBundle(
      String baseName, Class<?> owner, String code, Severity severity, Object... arguments) {
    return Findings.of(new Messages(baseName, owner), code, severity, arguments);
  }

  /**
   * Returns the text in a language: Vietnamese for {@code vi}, English otherwise.
   *
   * @param locale the language
   * @return the text
   */
  public String message(Locale locale) {
    return locale != null && "vi".equals(locale.getLanguage()) ? messageVi : messageEn;
  }
}
