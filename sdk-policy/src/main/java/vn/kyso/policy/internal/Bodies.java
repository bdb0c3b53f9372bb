package vn.kyso.policy.internal;

import java.time.LocalDate;
import java.util.List;
import vn.kyso.api.validation.Severity;

/**
 * Names the body a user must turn to, from the pack's dated table (RULES-ERRATA 3.2, item 4): as it
 * was on the day judged, and today's successor (e.g. the duties of the former Sở TT&amp;TT now sit
 * with the Sở KH&amp;CN).
 */
final class Bodies {
  private Bodies() {}

  /** Adds who to address, when the rule names a body (its {@code body} parameter). */
  static void address(CompiledRule rule, Out out, LocalDate day) {
    if (!(rule.rule().parameters().get("body") instanceof String key)) {
      return;
    }
    rule.pack()
        .bodyNames(key, day)
        .ifPresent(
            (List<String> n) -> {
              if (n.get(0).equals(n.get(1))) {
                out.add("ADDRESSED_TO", Severity.INFO, n.get(0));
              } else {
                out.add("ADDRESSED_TO_SUCCESSOR", Severity.INFO, n.get(0), n.get(1));
              }
            });
  }
}
