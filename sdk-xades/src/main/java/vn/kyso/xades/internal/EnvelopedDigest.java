package vn.kyso.xades.internal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.shared.SafeXml;

/**
 * The digest of a whole-document enveloped reference, computed in one walk of the DOM: exclusive
 * canonicalisation without comments of the document minus the excluded signatures, written straight
 * into the digest by {@link ExcC14nWriter}.
 *
 * <p>It handles exactly two transform chains on {@code URI=""}: the one Kyso writes (enveloped
 * signature, XPath Filter 2.0 subtracting {@code /descendant::ds:Signature}, exclusive c14n) and
 * the common one of other signers (enveloped signature, exclusive c14n). Everything else (another
 * transform or URI, an {@code InclusiveNamespaces} list, comments kept, a relative namespace URI,
 * an unknown digest) returns {@code null}, and the caller runs Santuario's reference processing,
 * which produces the same octets far more slowly (it evaluates the XPath over every node and
 * canonicalises a node set). The output is the W3C Exclusive XML Canonicalization 1.0 of that node
 * set: namespace declarations only where visibly utilised and not already rendered by the nearest
 * output ancestor, attributes sorted as Santuario sorts them, the same escaping; property tests
 * compare it with Santuario's octets on generated documents.
 */
public final class EnvelopedDigest {
  private static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
  private static final String XPATH2 = "http://www.w3.org/2002/06/xmldsig-filter2";
  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final int MAX_DEPTH = 4096;

  private final ExcC14nWriter out;
  private int[] marks = new int[64];

  private EnvelopedDigest(MessageDigest digest) {
    this.out = new ExcC14nWriter(digest);
  }

  /**
   * Computes the digest of a reference when its transform chain is one this class handles.
   *
   * @param reference the {@code ds:Reference} element
   * @param signature the {@code ds:Signature} element whose {@code SignedInfo} holds it
   * @param documentDigests where the digest of the document without any signature (Kyso's chain,
   *     the same for every signature of the document) is kept by algorithm, for the caller's other
   *     signatures of the same unchanged document; or null
   * @return the digest, or {@code null} when the caller must process the reference itself
   */
  public static byte[] digest(
      Element reference, Element signature, Map<DigestAlgorithm, byte[]> documentDigests) {
    if (!reference.hasAttributeNS(null, "URI")
        || !reference.getAttributeNS(null, "URI").isEmpty()) {
      return null;
    }
    Boolean allSignatures = chain(reference);
    if (allSignatures == null) {
      return null;
    }
    DigestAlgorithm alg = Xades.digestOf(digestMethod(reference));
    if (alg == null) {
      return null;
    }
    Document doc = signature.getOwnerDocument();
    if (StreamedXml.isSkeleton(doc)) {
      // Only the pass over the whole document could digest it; the caller checked it did, for this
      // chain (the plain enveloped one when the document holds no other signature).
      byte[] streamed = documentDigests == null ? null : documentDigests.get(alg);
      if (streamed == null || (!allSignatures && signatures(doc) != 1)) {
        throw new IllegalStateException("a skeleton holds no document to digest");
      }
      return streamed.clone();
    }
    boolean shared = allSignatures && documentDigests != null;
    byte[] known = shared ? documentDigests.get(alg) : null;
    if (known != null) {
      return known.clone();
    }
    EnvelopedDigest d = new EnvelopedDigest(alg.newMessageDigest());
    if (!d.canonicalise(doc, allSignatures ? null : signature)) {
      return null;
    }
    byte[] value = d.out.finish();
    if (shared) {
      documentDigests.put(alg, value.clone());
    }
    return value;
  }

  /**
   * Reads the transforms: TRUE for enveloped + XPath 2 subtracting every signature + exc-c14n,
   * FALSE for enveloped + exc-c14n, null for anything else.
   *
   * @param reference a {@code ds:Reference} element
   * @return which chain this class handles, or null
   */
  public static Boolean chain(Element reference) {
    List<Element> transforms = new ArrayList<>();
    Element ts = SafeXml.child(reference, Xades.DS, "Transforms");
    if (ts == null) {
      return null;
    }
    for (Node n = ts.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        if (!Xades.DS.equals(n.getNamespaceURI()) || !"Transform".equals(n.getLocalName())) {
          return null;
        }
        transforms.add((Element) n);
      }
    }
    int last = transforms.size() - 1;
    if (last < 1 || last > 2) {
      return null;
    }
    if (!ENVELOPED.equals(transforms.get(0).getAttributeNS(null, "Algorithm"))
        || !Xades.EXC_C14N.equals(transforms.get(last).getAttributeNS(null, "Algorithm"))
        || hasElementChild(transforms.get(last))) {
      return null;
    }
    if (last == 1) {
      return Boolean.FALSE;
    }
    Element filter = transforms.get(1);
    if (!XPATH2.equals(filter.getAttributeNS(null, "Algorithm"))) {
      return null;
    }
    Element xpath = Xades.onlyChild(filter, XPATH2, "XPath");
    if (xpath == null
        || !"subtract".equals(xpath.getAttributeNS(null, "Filter"))
        || !Xades.SIGNATURES_XPATH.equals(xpath.getTextContent().strip())
        || !Xades.DS.equals(xpath.lookupNamespaceURI("ds"))) {
      return null;
    }
    return Boolean.TRUE;
  }

  private static int signatures(Document doc) {
    return doc.getElementsByTagNameNS(Xades.DS, "Signature").getLength();
  }

  private static String digestMethod(Element reference) {
    Element dm = SafeXml.child(reference, Xades.DS, "DigestMethod");
    return dm == null ? "" : dm.getAttributeNS(null, "Algorithm");
  }

  private static boolean hasElementChild(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        return true;
      }
    }
    return false;
  }

  private static boolean excluded(Node n, Element only) {
    return only == null
        ? Xades.DS.equals(n.getNamespaceURI()) && "Signature".equals(n.getLocalName())
        : n == only;
  }

  /**
   * Walks the document in order without recursion.
   *
   * @return false when the document holds something this class leaves to Santuario
   */
  private boolean canonicalise(Document doc, Element only) {
    Element root = doc.getDocumentElement();
    for (Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
        if (n == root) {
          continue;
        }
        boolean before = root == null || precedes(n, root);
        if (!before) {
          out.newline();
        }
        pi(n);
        if (before) {
          out.newline();
        }
      } else if (n.getNodeType() == Node.ELEMENT_NODE) {
        if (!excluded(n, only) && !element((Element) n, only)) {
          return false;
        }
      } else if (n.getNodeType() != Node.COMMENT_NODE) {
        return false;
      }
    }
    return true;
  }

  private static boolean precedes(Node n, Element root) {
    for (Node s = n.getNextSibling(); s != null; s = s.getNextSibling()) {
      if (s == root) {
        return true;
      }
    }
    return false;
  }

  /** One included element and everything under it. */
  private boolean element(Element top, Element only) {
    int depth = 0;
    Node n = top;
    while (true) {
      boolean descend = false;
      switch (n.getNodeType()) {
        case Node.ELEMENT_NODE -> {
          if (!excluded(n, only)) {
            if (depth + 1 == MAX_DEPTH) {
              return false;
            }
            if (depth == marks.length) {
              marks = Arrays.copyOf(marks, depth * 2);
            }
            marks[depth++] = out.mark();
            if (!open((Element) n)) {
              return false;
            }
            descend = n.getFirstChild() != null;
            if (!descend) {
              out.close(n.getNodeName(), marks[--depth]);
            }
          }
        }
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> out.text(n.getNodeValue());
        case Node.PROCESSING_INSTRUCTION_NODE -> pi(n);
        case Node.COMMENT_NODE -> {
          // without comments
        }
        default -> {
          return false;
        }
      }
      if (descend) {
        n = n.getFirstChild();
        continue;
      }
      while (n != top && n.getNextSibling() == null) {
        n = n.getParentNode();
        out.close(n.getNodeName(), marks[--depth]);
      }
      if (n == top) {
        return true;
      }
      n = n.getNextSibling();
    }
  }

  private boolean open(Element e) {
    NamedNodeMap attrs = e.hasAttributes() ? e.getAttributes() : null;
    int count = attrs == null ? 0 : attrs.getLength();
    for (int i = 0; i < count; i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLNS.equals(a.getNamespaceURI())) {
        out.declare(Xades.declaredPrefix(a), a.getValue());
      } else {
        out.attribute(
            a.getNodeName(),
            a.getNamespaceURI(),
            a.getLocalName() == null ? a.getName() : a.getLocalName(),
            a.getPrefix(),
            a.getValue());
      }
    }
    String own =
        e.getNamespaceURI() != null && e.getPrefix() != null && !e.getPrefix().isEmpty()
            ? e.getPrefix()
            : "";
    return out.open(e.getNodeName(), own);
  }

  private void pi(Node n) {
    out.pi(n.getNodeName(), n.getNodeValue());
  }
}
