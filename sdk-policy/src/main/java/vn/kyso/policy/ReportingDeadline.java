package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;
import vn.kyso.api.policy.Citation;

/**
 * A date by which an agency reports on certificate use (RULES.md X-11). Immutable.
 *
 * @param date the deadline
 * @param ruleId the rule, e.g. {@code TB-17}
 * @param packId the pack
 * @param citation the legal source
 * @since 0.1
 */
public record ReportingDeadline(LocalDate date, String ruleId, String packId, Citation citation)
    implements Comparable<ReportingDeadline> {

  /**
   * Validates the parts.
   *
   * @param date date
   * @param ruleId rule
   * @param packId pack
   * @param citation citation
   */
  public ReportingDeadline {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(packId, "packId");
    Objects.requireNonNull(citation, "citation");
  }

  @Override
  public int compareTo(ReportingDeadline o) {
    int c = date.compareTo(o.date);
    return c != 0 ? c : (packId + ruleId).compareTo(o.packId + o.ruleId);
  }
}
