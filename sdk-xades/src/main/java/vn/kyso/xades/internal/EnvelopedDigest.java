package vn.kyso.xades.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * into the digest.
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
  private static final String[] NOTHING = {};

  private final MessageDigest digest;
  private final byte[] buf = new byte[16 * 1024];
  private int len;
  private final Map<String, byte[]> names = new HashMap<>();

  /*
   * The namespaces in force and those rendered by the nearest output ancestor: one map each, with
   * an undo log (map, prefix, previous value) that closing an element unwinds to its mark, so that
   * no element copies a map whatever the declarations around it.
   */
  private final Map<String, String> bound = new HashMap<>(Map.of("", ""));
  private final Map<String, String> rendered = new HashMap<>(Map.of("", ""));
  private Object[] undo = new Object[48];
  private int undoSize;

  private EnvelopedDigest(MessageDigest digest) {
    this.digest = digest;
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
    boolean shared = allSignatures && documentDigests != null;
    byte[] known = shared ? documentDigests.get(alg) : null;
    if (known != null) {
      return known.clone();
    }
    EnvelopedDigest d = new EnvelopedDigest(alg.newMessageDigest());
    Document doc = signature.getOwnerDocument();
    if (!d.canonicalise(doc, allSignatures ? null : signature)) {
      return null;
    }
    byte[] out = d.digest.digest();
    if (shared) {
      documentDigests.put(alg, out.clone());
    }
    return out;
  }

  /**
   * Reads the transforms: TRUE for enveloped + XPath 2 subtracting every signature + exc-c14n,
   * FALSE for enveloped + exc-c14n, null for anything else.
   */
  private static Boolean chain(Element reference) {
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
          byte1('\n');
        }
        pi(n);
        if (before) {
          byte1('\n');
        }
      } else if (n.getNodeType() == Node.ELEMENT_NODE) {
        if (!excluded(n, only) && !element((Element) n, only)) {
          return false;
        }
      } else if (n.getNodeType() != Node.COMMENT_NODE) {
        return false;
      }
    }
    flush();
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
    int[] marks = new int[64];
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
            marks[depth++] = undoSize;
            if (!open((Element) n)) {
              return false;
            }
            descend = n.getFirstChild() != null;
            if (!descend) {
              close((Element) n, marks[--depth]);
            }
          }
        }
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(n.getNodeValue());
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
        close((Element) n, marks[--depth]);
      }
      if (n == top) {
        return true;
      }
      n = n.getNextSibling();
    }
  }

  private void set(Map<String, String> map, String prefix, String value) {
    if (undoSize + 3 > undo.length) {
      undo = Arrays.copyOf(undo, undo.length * 2);
    }
    undo[undoSize++] = map;
    undo[undoSize++] = prefix;
    undo[undoSize++] = map.put(prefix, value);
  }

  @SuppressWarnings("unchecked")
  private void unwind(int mark) {
    while (undoSize > mark) {
      String previous = (String) undo[--undoSize];
      String prefix = (String) undo[--undoSize];
      Map<String, String> map = (Map<String, String>) undo[--undoSize];
      if (previous == null) {
        map.remove(prefix);
      } else {
        map.put(prefix, previous);
      }
      undo[undoSize] = null;
    }
  }

  private boolean open(Element e) {
    boolean declared = false;
    List<Attr> plain = null;
    NamedNodeMap attrs = e.hasAttributes() ? e.getAttributes() : null;
    int count = attrs == null ? 0 : attrs.getLength();
    for (int i = 0; i < count; i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLNS.equals(a.getNamespaceURI())) {
        String prefix = Xades.declaredPrefix(a);
        String uri = a.getValue();
        if ("xml".equals(prefix)) {
          continue;
        }
        if (!uri.isEmpty() && uri.indexOf(':') <= 0) {
          return false; // relative namespace URI: Santuario refuses it, and so must the caller
        }
        if (!uri.equals(bound.get(prefix))) {
          set(bound, prefix, uri);
          declared = true;
        }
      } else {
        if (plain == null) {
          plain = new ArrayList<>(count);
        }
        plain.add(a);
      }
    }
    // Visibly utilised prefixes: the element's own (or the default) and its attributes'.
    String own =
        e.getNamespaceURI() != null && e.getPrefix() != null && !e.getPrefix().isEmpty()
            ? e.getPrefix()
            : "";
    List<String> render = null;
    boolean settled =
        own.isEmpty() && !declared && bound.get("").equals(rendered.get("")) && unprefixed(plain);
    for (String p : settled ? NOTHING : utilised(own, plain)) {
      String value = bound.get(p);
      if (value == null) {
        return false; // an unbound prefix cannot come from a namespace-aware parse
      }
      if (!value.equals(rendered.get(p))) {
        if (render == null) {
          render = new ArrayList<>(2);
        }
        render.add(p);
      }
    }
    byte1('<');
    name(e.getNodeName());
    if (render != null) {
      render.sort(null);
      for (String p : render) {
        String value = bound.get(p);
        set(rendered, p, value);
        ascii(p.isEmpty() ? " xmlns=\"" : " xmlns:");
        if (!p.isEmpty()) {
          ascii(p);
          ascii("=\"");
        }
        attrValue(value);
        byte1('"');
      }
    }
    if (plain != null) {
      if (plain.size() > 1) {
        plain.sort(EnvelopedDigest::compareAttributes);
      }
      for (Attr a : plain) {
        byte1(' ');
        ascii(a.getNodeName());
        ascii("=\"");
        attrValue(a.getValue());
        byte1('"');
      }
    }
    byte1('>');
    return true;
  }

  private static boolean unprefixed(List<Attr> plain) {
    if (plain != null) {
      for (Attr a : plain) {
        if (a.getPrefix() != null) {
          return false;
        }
      }
    }
    return true;
  }

  private static String[] utilised(String own, List<Attr> plain) {
    if (plain == null) {
      return new String[] {own};
    }
    List<String> out = new ArrayList<>(2);
    out.add(own);
    for (Attr a : plain) {
      String p = a.getPrefix();
      if (p != null && !p.isEmpty() && !p.equals("xml") && !p.equals("xmlns") && !out.contains(p)) {
        out.add(p);
      }
    }
    return out.toArray(new String[0]);
  }

  /** Santuario's attribute order: no namespace first by local name, then by namespace, name. */
  private static int compareAttributes(Attr a, Attr b) {
    String na = a.getNamespaceURI();
    String nb = b.getNamespaceURI();
    if (na == null) {
      return nb == null ? local(a).compareTo(local(b)) : -1;
    }
    if (nb == null) {
      return 1;
    }
    int c = na.compareTo(nb);
    return c != 0 ? c : local(a).compareTo(local(b));
  }

  private static String local(Attr a) {
    return a.getLocalName() == null ? a.getName() : a.getLocalName();
  }

  private void close(Element e, int mark) {
    byte1('<');
    byte1('/');
    name(e.getNodeName());
    byte1('>');
    unwind(mark);
  }

  /** An element's qualified name, encoded once per name and document. */
  private void name(String qname) {
    byte[] b = names.get(qname);
    if (b == null) {
      b = qname.getBytes(StandardCharsets.UTF_8);
      if (names.size() < 1024) {
        names.put(qname, b);
      }
    }
    bytes(b, 0, b.length);
  }

  private void pi(Node n) {
    ascii("<?");
    chars(n.getNodeName(), Escape.NONE);
    String data = n.getNodeValue();
    if (data != null && !data.isEmpty()) {
      byte1(' ');
      chars(data, Escape.PI);
    }
    ascii("?>");
  }

  private void text(String s) {
    chars(s, Escape.TEXT);
  }

  private void attrValue(String s) {
    chars(s, Escape.ATTRIBUTE);
  }

  /** Names and fixed markup: written as characters, so non-ASCII names are UTF-8 too. */
  private void ascii(String s) {
    chars(s, Escape.NONE);
  }

  /** The replacements of the ASCII characters canonical XML escapes, per kind of content. */
  private enum Escape {
    NONE(),
    TEXT('&', "&amp;", '<', "&lt;", '>', "&gt;", '\r', "&#xD;"),
    ATTRIBUTE(
        '&', "&amp;", '<', "&lt;", '"', "&quot;", '\t', "&#x9;", '\n', "&#xA;", '\r', "&#xD;"),
    PI('\r', "&#xD;");

    final String[] table = new String[0x80];

    Escape(Object... pairs) {
      for (int i = 0; i < pairs.length; i += 2) {
        table[(Character) pairs[i]] = (String) pairs[i + 1];
      }
    }
  }

  private void chars(String s, Escape escape) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    String[] table = escape.table;
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      int c = b[i];
      if (c >= 0 && table[c] != null) {
        bytes(b, start, i - start);
        String replacement = table[c];
        for (int k = 0; k < replacement.length(); k++) {
          byte1(replacement.charAt(k));
        }
        start = i + 1;
      }
    }
    bytes(b, start, b.length - start);
  }

  private void bytes(byte[] b, int off, int n) {
    if (n > buf.length - len) {
      flush();
      if (n > buf.length) {
        digest.update(b, off, n);
        return;
      }
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void byte1(int b) {
    if (len == buf.length) {
      flush();
    }
    buf[len++] = (byte) b;
  }

  private void flush() {
    digest.update(buf, 0, len);
    len = 0;
  }
}
