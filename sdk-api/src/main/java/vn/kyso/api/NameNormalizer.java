package vn.kyso.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one normaliser through which names, titles and organisation names are compared.
 *
 * <p>Older (G1) special-use certificates write names in ASCII without diacritics ({@code Nguyen Van
 * An}); G2 certificates and host registries use UTF-8 with diacritics ({@code Nguyễn Văn An}). Both
 * must compare equal, so the comparison form is: Unicode NFC, case-folded (upper then lower case,
 * so that {@code ſ} and {@code s} agree), {@code đ}/{@code Đ} to {@code d}, combining marks
 * removed, runs of white space folded to one space and trimmed.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class NameNormalizer {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u3000]+");

  private NameNormalizer() {}

  /**
   * Returns the comparison form of a text.
   *
   * @param text a name, title or organisation name
   * @return its comparison form; {@code "Nguyễn Văn Đức"} gives {@code "nguyen van duc"}
   */
  public static String normalize(String text) {
    Objects.requireNonNull(text, "text");
    String s =
        Normalizer.normalize(text, Normalizer.Form.NFC)
            .toUpperCase(Locale.ROOT)
            .toLowerCase(Locale.ROOT);
    s = s.replace('đ', 'd').replace('ð', 'd');
    s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    return SPACES.matcher(s).replaceAll(" ").trim();
  }

  /**
   * Says whether two texts are the same name once normalised.
   *
   * @param a one text
   * @param b the other text
   * @return whether their comparison forms are equal
   */
  public static boolean sameName(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
