package vn.kyso.api.policy;

import java.util.Objects;

/**
 * The legal source of a rule: the document number and the article, with the jurisdiction and how
 * sure the catalogue is of the text. Immutable.
 *
 * @param document the legal document, e.g. {@code QĐ 51/2015/QĐ-UBND}
 * @param article the article, e.g. {@code Điều 6 khoản 2}
 * @param jurisdiction e.g. {@code national} or {@code Lào Cai}
 * @param confidence {@code C} (read in the text), {@code S} (secondary source) or {@code U}
 *     (unconfirmed: a configurable parameter, not settled law)
 * @since 0.1
 */
public record Citation(String document, String article, String jurisdiction, String confidence) {

  /**
   * Validates the parts.
   *
   * @param document document
   * @param article article
   * @param jurisdiction jurisdiction
   * @param confidence confidence
   */
  public Citation {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(article, "article");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(confidence, "confidence");
  }

  @Override
  public String toString() {
    return document + (article.isEmpty() ? "" : ", " + article);
  }
}
