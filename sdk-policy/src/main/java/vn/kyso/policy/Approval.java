package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A written approval: who gave it and when (e.g. the chairman's approval that makes someone a
 * personal-certificate holder under TB Art 1(2)(b), or the subscriber manager's approval of a
 * renewal request, TB Art 5(1)).
 *
 * @param by who approved (a name or registry id)
 * @param date the day of the approval
 * @since 0.1
 */
public record Approval(String by, LocalDate date) {
  /** Validates the parts. */
  public Approval {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(date, "date");
    if (by.isBlank()) {
      throw new IllegalArgumentException("an approval names who gave it");
    }
  }
}
