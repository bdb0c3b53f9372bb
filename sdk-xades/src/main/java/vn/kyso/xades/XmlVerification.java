package vn.kyso.xades;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.validation.ValidationReport;

/**
 * The result of verifying an XML document, with the elements each signature actually covers, so
 * that the application reads what was signed instead of looking it up again by name (the defence
 * against signature wrapping). Immutable; the DOM itself must not be modified by the caller.
 *
 * @param report the validation report
 * @param document the parsed document (hardened parser)
 * @param signedElements for each signature id, the elements its data references resolved to
 * @since 0.1
 */
public record XmlVerification(
    ValidationReport report, Document document, Map<String, List<Element>> signedElements) {

  /**
   * Validates and copies.
   *
   * @param report the report
   * @param document the document
   * @param signedElements the signed elements
   */
  public XmlVerification {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(document, "document");
    signedElements = Map.copyOf(signedElements);
  }

  /**
   * Returns the elements a signature covers.
   *
   * @param signatureId the signature's id as in the report
   * @return the covered elements, empty when none or unknown
   */
  public List<Element> signedElements(String signatureId) {
    return signedElements.getOrDefault(signatureId, List.of());
  }
}
