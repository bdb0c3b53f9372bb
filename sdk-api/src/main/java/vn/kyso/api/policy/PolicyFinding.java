package vn.kyso.api.policy;

import java.util.Locale;
import java.util.Objects;
import vn.kyso.api.validation.Severity;

/**
 * One reason in a {@link PolicyDecision}: the rule, its pack, how much it weighs, the text in both
 * languages and the legal citation. An {@link Severity#ERROR} denies. Immutable.
 *
 * @param ruleId the rule id from the catalogue, e.g. {@code LC-04a}
 * @param packId the pack the rule came from, e.g. {@code lao-cai-51-2015}
 * @param code a stable code for what was found, e.g. {@code CLASSIFIED_DOCUMENT}
 * @param severity ERROR denies, WARNING allows with a warning, INFO informs
 * @param messageEn the English text
 * @param messageVi the Vietnamese text
 * @param citation the legal source
 * @since 0.1
 */
public record PolicyFinding(
    String ruleId,
    String packId,
    String code,
    Severity severity,
    String messageEn,
    String messageVi,
    Citation citation)
    implements Comparable<PolicyFinding> {

  /**
   * Validates the parts.
   *
   * @param ruleId rule
   * @param packId pack
   * @param code code
   * @param severity severity
   * @param messageEn English
   * @param messageVi Vietnamese
   * @param citation citation
   */
  public PolicyFinding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(packId, "packId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(messageEn, "messageEn");
    Objects.requireNonNull(messageVi, "messageVi");
    Objects.requireNonNull(citation, "citation");
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

  /** Orders by severity (errors first), then pack, rule, code and text: a total, stable order. */
  @Override
  public int compareTo(PolicyFinding o) {
    int c = o.severity.compareTo(severity);
    if (c == 0) {
      c = packId.compareTo(o.packId);
    }
    if (c == 0) {
      c = ruleId.compareTo(o.ruleId);
    }
    if (c == 0) {
      c = code.compareTo(o.code);
    }
    if (c == 0) {
      c = messageEn.compareTo(o.messageEn);
    }
    return c;
  }
}
