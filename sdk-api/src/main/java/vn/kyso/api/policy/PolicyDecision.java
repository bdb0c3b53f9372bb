package vn.kyso.api.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.kyso.api.validation.Severity;

/**
 * The answer of a policy: allow, allow with warnings, or deny, with every reason cited, the
 * outcomes for the document, the packs that were applied and the date the law was taken as of.
 * Immutable and thread-safe. Findings are kept in a total order, so two evaluations of the same
 * facts give equal decisions whatever the order of rules and packs.
 *
 * <pre>{@code
 * PolicyDecision d = policy.evaluate(request);
 * if (!d.isAllowed()) {
 *   d.denials().forEach(f -> show(f.ruleId(), f.message(vi), f.citation()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PolicyDecision {

  /** The overall answer. */
  public enum Verdict {
    /** Nothing stands against it. */
    ALLOW,
    /** Allowed, with warnings the user should see. */
    ALLOW_WITH_WARNINGS,
    /** Refused: at least one rule denies. */
    DENY
  }

  private final LocalDate asOf;
  private final List<PolicyFinding> findings;
  private final Set<PolicyOutcome> outcomes;
  private final List<String> packs;
  private final PolicyOverride override;
  private final List<PolicyFinding> satisfied;

  private PolicyDecision(
      LocalDate asOf,
      List<PolicyFinding> findings,
      Set<PolicyOutcome> outcomes,
      List<String> packs,
      PolicyOverride override,
      List<PolicyFinding> satisfied) {
    this.satisfied = satisfied.stream().sorted().distinct().toList();
    this.asOf = Objects.requireNonNull(asOf, "asOf");
    this.findings = findings.stream().sorted().distinct().toList();
    EnumSet<PolicyOutcome> o = EnumSet.noneOf(PolicyOutcome.class);
    o.addAll(outcomes);
    this.outcomes = Set.copyOf(o);
    this.packs = packs.stream().sorted().distinct().toList();
    this.override = override;
  }

  /**
   * Creates a decision.
   *
   * @param asOf the date the law was taken as of
   * @param findings the reasons, in any order
   * @param outcomes the outcomes
   * @param packs the ids of the packs applied
   * @return the decision
   */
  public static PolicyDecision of(
      LocalDate asOf,
      List<PolicyFinding> findings,
      Set<PolicyOutcome> outcomes,
      List<String> packs) {
    return new PolicyDecision(
        asOf, List.copyOf(findings), Set.copyOf(outcomes), List.copyOf(packs), null, List.of());
  }

  /**
   * Creates a decision that also says which rules were checked and satisfied, so that an ALLOW
   * explains itself.
   *
   * @param asOf the date the law was taken as of
   * @param findings the reasons against, in any order
   * @param outcomes the outcomes
   * @param packs the ids of the packs applied
   * @param satisfied one INFO entry per rule that was checked and found nothing against (code
   *     {@code SATISFIED}, with the rule's citation)
   * @return the decision
   */
  public static PolicyDecision of(
      LocalDate asOf,
      List<PolicyFinding> findings,
      Set<PolicyOutcome> outcomes,
      List<String> packs,
      List<PolicyFinding> satisfied) {
    return new PolicyDecision(
        asOf,
        List.copyOf(findings),
        Set.copyOf(outcomes),
        List.copyOf(packs),
        null,
        List.copyOf(satisfied));
  }

  /**
   * Returns this decision with an explicit override recorded. The named rules no longer deny; any
   * other denial stands.
   *
   * @param value the override
   * @return the new decision
   */
  public PolicyDecision withOverride(PolicyOverride value) {
    return new PolicyDecision(
        asOf, findings, outcomes, packs, Objects.requireNonNull(value, "override"), satisfied);
  }

  /**
   * @return the verdict, after any override
   */
  public Verdict verdict() {
    if (!denials().isEmpty()) {
      return Verdict.DENY;
    }
    boolean warned =
        override != null || findings.stream().anyMatch(f -> f.severity() != Severity.INFO);
    return warned ? Verdict.ALLOW_WITH_WARNINGS : Verdict.ALLOW;
  }

  /**
   * @return whether signing may go on (ALLOW or ALLOW_WITH_WARNINGS)
   */
  public boolean isAllowed() {
    return verdict() != Verdict.DENY;
  }

  /**
   * @return the date the law was taken as of
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * @return every reason, errors first, in a stable order
   */
  public List<PolicyFinding> findings() {
    return findings;
  }

  /**
   * @return the reasons that deny (errors of rules that were not overridden)
   */
  public List<PolicyFinding> denials() {
    List<PolicyFinding> out = new ArrayList<>();
    for (PolicyFinding f : findings) {
      if (f.severity() == Severity.ERROR
          && (override == null || !override.ruleIds().contains(f.ruleId()))) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * @return the warnings
   */
  public List<PolicyFinding> warnings() {
    return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
  }

  /**
   * @return the outcomes for the document
   */
  public Set<PolicyOutcome> outcomes() {
    return outcomes;
  }

  /**
   * Tells whether the decision carries an outcome.
   *
   * @param value the outcome
   * @return whether present
   */
  public boolean hasOutcome(PolicyOutcome value) {
    return outcomes.contains(value);
  }

  /**
   * Tells whether any finding comes from a rule.
   *
   * @param ruleId the rule id, e.g. {@code VT30-09}
   * @return whether it is cited
   */
  public boolean cites(String ruleId) {
    return findings.stream().anyMatch(f -> f.ruleId().equals(ruleId));
  }

  /**
   * @return the ids of the packs applied, sorted
   */
  public List<String> packs() {
    return packs;
  }

  /**
   * @return the recorded override, if any
   */
  public Optional<PolicyOverride> override() {
    return Optional.ofNullable(override);
  }

  /**
   * Returns the rules that were checked and found nothing against the signature or document: the
   * reasons an ALLOW is an ALLOW, each with its rule id, pack, text and citation.
   *
   * @return the satisfied rules, in a stable order; empty when the decision was made without them
   */
  public List<PolicyFinding> satisfied() {
    return satisfied;
  }

  /**
   * Returns the decision as text for people.
   *
   * @param locale Vietnamese for {@code vi}, English otherwise
   * @return the text, one finding per line
   */
  public String toText(Locale locale) {
    boolean vi = locale != null && "vi".equals(locale.getLanguage());
    StringBuilder sb = new StringBuilder();
    sb.append(vi ? "Quyết định chính sách: " : "Policy decision: ")
        .append(verdictText(vi))
        .append(vi ? " (áp dụng pháp luật tại ngày " : " (law as of ")
        .append(asOf)
        .append(")\n");
    for (PolicyFinding f : findings) {
      sb.append("  ")
          .append(severityText(f.severity(), vi))
          .append(' ')
          .append(f.ruleId())
          .append(": ")
          .append(f.message(locale))
          .append(" [")
          .append(f.citation())
          .append("]\n");
    }
    if (!outcomes.isEmpty()) {
      sb.append(vi ? "  Hệ quả: " : "  Outcomes: ")
          .append(
              outcomes.stream()
                  .sorted()
                  .map(o -> outcomeText(o, vi))
                  .collect(Collectors.joining("; ")))
          .append('\n');
    }
    if (verdict() != Verdict.DENY && !satisfied.isEmpty()) {
      sb.append(vi ? "  Được phép vì đã đáp ứng:\n" : "  Allowed because these rules are met:\n");
      for (PolicyFinding f : satisfied) {
        sb.append("    ")
            .append(f.ruleId())
            .append(": ")
            .append(f.message(locale))
            .append(" [")
            .append(f.citation())
            .append("]\n");
      }
    }
    if (override != null) {
      sb.append(vi ? "  Ghi đè có chủ đích bởi " : "  Explicit override by ")
          .append(override.by())
          .append(" (")
          .append(String.join(", ", override.ruleIds().stream().sorted().toList()))
          .append("): ")
          .append(override.reason())
          .append('\n');
    }
    return sb.toString();
  }

  private static String outcomeText(PolicyOutcome o, boolean vi) {
    return switch (o) {
          case PAPER_ORIGINAL_REQUIRED ->
              vi ? "cần có thêm bản gốc giấy" : "a paper original is also required";
          case NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE ->
              vi
                  ? "chưa là bản gốc khi chưa có chữ ký số của cơ quan"
                  : "not an original without the organisation signature";
          case ORIGINAL_VALUE -> vi ? "có giá trị như bản gốc" : "has the value of an original";
          case RETURN_TO_SENDER -> vi ? "trả lại nơi gửi" : "return to the sender";
          case CONFIRM_FINAL_PIN_TRY ->
              vi
                  ? "người dùng xác nhận trước lần nhập mật khẩu cuối"
                  : "confirm before the last PIN try";
          case START_DEVICE_RECOVERY ->
              vi ? "đề nghị khôi phục thiết bị ký" : "request recovery of the key device";
        }
        + " ("
        + o.name()
        + ")";
  }

  private String verdictText(boolean vi) {
    return switch (verdict()) {
      case ALLOW -> vi ? "CHO PHÉP" : "ALLOW";
      case ALLOW_WITH_WARNINGS -> vi ? "CHO PHÉP, CÓ CẢNH BÁO" : "ALLOW WITH WARNINGS";
      case DENY -> vi ? "TỪ CHỐI" : "DENY";
    };
  }

  private static String severityText(Severity s, boolean vi) {
    return switch (s) {
      case ERROR -> vi ? "[CẤM]" : "[DENY]";
      case WARNING -> vi ? "[CẢNH BÁO]" : "[WARN]";
      case INFO -> vi ? "[THÔNG TIN]" : "[INFO]";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDecision d
        && asOf.equals(d.asOf)
        && findings.equals(d.findings)
        && outcomes.equals(d.outcomes)
        && packs.equals(d.packs)
        && satisfied.equals(d.satisfied)
        && Objects.equals(override, d.override);
  }

  @Override
  public int hashCode() {
    return Objects.hash(asOf, findings, outcomes, packs, override, satisfied);
  }

  @Override
  public String toString() {
    return "PolicyDecision["
        + verdict()
        + ", "
        + findings.stream().map(PolicyFinding::ruleId).distinct().toList()
        + "]";
  }
}
