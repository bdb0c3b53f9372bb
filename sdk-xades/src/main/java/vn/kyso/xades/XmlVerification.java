package vn.kyso.xades;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.xades.internal.StreamedXml;

/**
 * The result of verifying an XML document, with the elements each signature actually covers, so
 * that the application reads what was signed instead of looking it up again by name (the defence
 * against signature wrapping). Immutable and safe to share between threads; the DOM itself must not
 * be modified by the caller.
 *
 * <p>When the verifier did not need the document's DOM (every signature covers the whole document,
 * the common enveloped case), the DOM is built on the first call of {@link #document()} or {@link
 * #signedElements}, by the same hardened parser from the same bytes the verifier read, which the
 * result keeps until then: the same document, element for element, that the signatures were checked
 * against. The report never waits for it.
 *
 * @since 0.1
 */
public final class XmlVerification {
  private final ValidationReport report;
  private Supplier<Document> parse;
  private Map<String, List<Integer>> signedOrdinals;
  private volatile Document document;
  private volatile Map<String, List<Element>> signedElements;

  /**
   * A result over a DOM the verifier already has.
   *
   * @param report the validation report
   * @param document the parsed document (hardened parser)
   * @param signedElements for each signature id, the elements its data references resolved to
   */
  public XmlVerification(
      ValidationReport report, Document document, Map<String, List<Element>> signedElements) {
    this.report = Objects.requireNonNull(report, "report");
    this.document = Objects.requireNonNull(document, "document");
    this.signedElements = Map.copyOf(signedElements);
    this.parse = null;
    this.signedOrdinals = null;
  }

  /**
   * A result whose DOM is parsed when first asked for.
   *
   * @param report the validation report
   * @param parse parses the document the verifier read (same bytes, same hardened parser)
   * @param signedOrdinals for each signature id, the positions among the document's elements (in
   *     document order, from 0) of the elements its data references resolved to
   */
  XmlVerification(
      ValidationReport report,
      Supplier<Document> parse,
      Map<String, List<Integer>> signedOrdinals) {
    this.report = Objects.requireNonNull(report, "report");
    this.parse = Objects.requireNonNull(parse, "parse");
    this.signedOrdinals = Map.copyOf(signedOrdinals);
  }

  /**
   * @return the validation report
   */
  public ValidationReport report() {
    return report;
  }

  /**
   * Returns the document's DOM, parsed now if the verifier did not need it.
   *
   * @return the parsed document (hardened parser)
   * @throws IllegalStateException when the document, read and accepted by the verifier, cannot be
   *     parsed into a DOM now (memory)
   */
  public Document document() {
    Document d = document;
    if (d == null) {
      resolve();
      d = document;
    }
    return d;
  }

  /**
   * @return for each signature id, the elements its data references resolved to
   */
  public Map<String, List<Element>> signedElements() {
    Map<String, List<Element>> s = signedElements;
    if (s == null) {
      resolve();
      s = signedElements;
    }
    return s;
  }

  /**
   * Returns the elements a signature covers.
   *
   * @param signatureId the signature's id as in the report
   * @return the covered elements, empty when none or unknown
   */
  public List<Element> signedElements(String signatureId) {
    return signedElements().getOrDefault(signatureId, List.of());
  }

  private synchronized void resolve() {
    if (document != null && signedElements != null) {
      return;
    }
    Document doc = parse.get();
    Map<String, List<Element>> out = new HashMap<>();
    for (Map.Entry<String, List<Integer>> e : signedOrdinals.entrySet()) {
      List<Element> elements = new ArrayList<>();
      for (int ordinal : e.getValue()) {
        Element found = StreamedXml.element(doc, ordinal);
        if (found == null) {
          throw new IllegalStateException(
              "the document parsed again differs from the one verified");
        }
        elements.add(found);
      }
      out.put(e.getKey(), List.copyOf(elements));
    }
    signedElements = Map.copyOf(out);
    document = doc;
    parse = null; // the bytes are no longer needed
    signedOrdinals = null;
  }

  @Override
  public String toString() {
    return "XmlVerification[" + report + "]";
  }
}
