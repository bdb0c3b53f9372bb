package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A body's name from a day on (RULES-ERRATA 3.2, item 4): e.g. the Sở TT&amp;TT tỉnh Thái Bình,
 * whose duties on special-use signatures passed to the Sở KH&amp;CN in 2025, which became the Sở
 * KH&amp;CN tỉnh Hưng Yên on 1 July 2025. A pack's {@code bodies} table lists them in order;
 * messages name the body as it was on the day judged, and today's successor for action to take now.
 *
 * @param from the first day of the name
 * @param name the name
 * @since 0.1
 */
public record DatedName(LocalDate from, String name) {
  /** Validates the parts. */
  public DatedName {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(name, "name");
  }
}
