package vn.kyso.policy.internal;

import java.util.Collection;
import vn.kyso.api.NameNormalizer;

/** Name and title comparisons that ignore case, diacritics and spacing. */
final class Names {
  private Names() {}

  static boolean same(String a, String b) {
    return NameNormalizer.sameName(a, b);
  }

  /**
   * True when a document's title line names the title (and not its deputy's or acting holder's).
   */
  static boolean sameTitle(String titleLine, String title) {
    String a = NameNormalizer.normalize(titleLine);
    String b = NameNormalizer.normalize(title);
    return !b.isEmpty()
        && (a.equals(b)
            || a.endsWith(" " + b) && !a.endsWith("pho " + b) && !a.endsWith("quyen " + b));
  }

  static boolean containsSame(Collection<String> values, String value) {
    return values.stream().anyMatch(v -> same(v, value));
  }
}
