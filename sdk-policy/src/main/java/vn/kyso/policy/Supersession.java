package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A later rule that takes over a rule's ground from a date (RULES-ERRATA 3.2, item 2): e.g. TB-05's
 * 5-year extension gives way to CD68-03 from 15/08/2024. After {@code from} the old rule still
 * runs, but what it finds is information ("superseded by …") and decides nothing.
 *
 * @param rule the id of the rule that takes over
 * @param from the first day the later rule governs
 * @param basis the legal basis of the change, for the message
 * @since 0.1
 */
public record Supersession(String rule, LocalDate from, String basis) {
  /** Validates the parts. */
  public Supersession {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(basis, "basis");
  }
}
