package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.policy.Citation;
import vn.kyso.api.validation.Severity;

/**
 * One rule of a pack: a catalogue id, a check type with parameters, a severity, a legal citation
 * and the dates it is in force. Immutable; built by {@link PolicyPack} when a pack is read.
 *
 * @since 0.1
 */
public final class PolicyRule {
  private final String id;
  private final CheckType check;
  private final Severity severity;
  private final Citation citation;
  private final LocalDate from;
  private final LocalDate until;
  private final String titleVi;
  private final String titleEn;
  private final Map<String, Object> parameters;
  private final Map<String, Object> rawParameters;
  private final Supersession supersededBy;

  PolicyRule(
      String id,
      CheckType check,
      Severity severity,
      Citation citation,
      LocalDate from,
      LocalDate until,
      String titleVi,
      String titleEn,
      Map<String, Object> parameters,
      Map<String, Object> rawParameters,
      Supersession supersededBy) {
    this.id = Objects.requireNonNull(id, "id");
    this.check = Objects.requireNonNull(check, "check");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.citation = Objects.requireNonNull(citation, "citation");
    this.from = from;
    this.until = until;
    this.titleVi = Objects.requireNonNull(titleVi, "titleVi");
    this.titleEn = Objects.requireNonNull(titleEn, "titleEn");
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.rawParameters = Collections.unmodifiableMap(new LinkedHashMap<>(rawParameters));
    this.supersededBy = supersededBy;
  }

  /**
   * @return the catalogue id, e.g. {@code LC-04a}
   */
  public String id() {
    return id;
  }

  /**
   * @return the check it instantiates
   */
  public CheckType check() {
    return check;
  }

  /**
   * @return ERROR denies, WARNING warns, INFO informs
   */
  public Severity severity() {
    return severity;
  }

  /**
   * @return the legal source
   */
  public Citation citation() {
    return citation;
  }

  /**
   * @return the first day the rule applies, when narrower than its pack
   */
  public Optional<LocalDate> from() {
    return Optional.ofNullable(from);
  }

  /**
   * @return the last day the rule applies, when narrower than its pack
   */
  public Optional<LocalDate> until() {
    return Optional.ofNullable(until);
  }

  /**
   * @return the rule's one-line summary in Vietnamese
   */
  public String titleVi() {
    return titleVi;
  }

  /**
   * @return the rule's one-line summary in English
   */
  public String titleEn() {
    return titleEn;
  }

  /**
   * @return the parameters with pack references resolved
   */
  public Map<String, Object> parameters() {
    return parameters;
  }

  Map<String, Object> rawParameters() {
    return rawParameters;
  }

  /**
   * Tells whether the rule's own dates cover a day.
   *
   * @param day the day
   * @return whether it applies
   */
  public boolean appliesOn(LocalDate day) {
    return (from == null || !day.isBefore(from)) && (until == null || !day.isAfter(until));
  }

  /**
   * Returns a list parameter.
   *
   * @param name the name
   * @return the values, empty when absent
   */
  @SuppressWarnings("unchecked")
  public List<String> list(String name) {
    Object v = parameters.get(name);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  /**
   * Returns a whole-number parameter.
   *
   * @param name the name
   * @param fallback the value when absent
   * @return the value
   */
  public long number(String name, long fallback) {
    return parameters.get(name) instanceof Long l ? l : fallback;
  }

  /**
   * Returns a boolean parameter.
   *
   * @param name the name
   * @return the value, false when absent
   */
  public boolean flag(String name) {
    return Boolean.TRUE.equals(parameters.get(name));
  }

  /**
   * Returns a text parameter.
   *
   * @param name the name
   * @return the value, empty when absent
   */
  public String text(String name) {
    return parameters.get(name) instanceof String s ? s : "";
  }

  /**
   * Returns a date parameter.
   *
   * @param name the name
   * @return the value
   */
  public Optional<LocalDate> date(String name) {
    return parameters.get(name) instanceof LocalDate d ? Optional.of(d) : Optional.empty();
  }

  /**
   * Returns the later rule that takes over this rule's ground from a date, if any: from then on
   * what this rule finds is information and decides nothing.
   *
   * @return the supersession, if any
   */
  public Optional<Supersession> supersededBy() {
    return Optional.ofNullable(supersededBy);
  }

  /**
   * Tells whether a later rule governs this rule's ground on a day.
   *
   * @param day the day
   * @return true when superseded on that day
   */
  public boolean isSupersededOn(LocalDate day) {
    return supersededBy != null && !day.isBefore(supersededBy.from());
  }

  @Override
  public String toString() {
    return id + " (" + check.yamlName() + ", " + severity + ")";
  }
}
