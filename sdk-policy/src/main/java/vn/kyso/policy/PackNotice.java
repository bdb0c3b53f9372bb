package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A notice a pack attaches to every decision from a date on, e.g. "the province was merged on 1
 * July 2025; the status of this regulation is unknown". Immutable.
 *
 * @param from the first day it applies
 * @param vi the Vietnamese text
 * @param en the English text
 * @since 0.1
 */
public record PackNotice(LocalDate from, String vi, String en) {

  /**
   * Validates the parts.
   *
   * @param from from
   * @param vi Vietnamese
   * @param en English
   */
  public PackNotice {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(vi, "vi");
    Objects.requireNonNull(en, "en");
  }
}
