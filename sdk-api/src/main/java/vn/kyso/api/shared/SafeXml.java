package vn.kyso.api.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A hardened parser for small XML messages (SOAP answers of network services): namespaces on, no
 * DTD, no external entity or schema, bounded depth; and lookups by local name.
 */
public final class SafeXml {
  private SafeXml() {}

  /**
   * Parses a message.
   *
   * @param xml the bytes
   * @return the document
   * @throws IOException when the bytes are not well-formed XML or hold a DTD
   */
  @SuppressForbidden(reason = "a hardened parser factory: no DTD, no external access")
  public static Document parse(byte[] xml) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setAttribute("jdk.xml.maxElementDepth", "64");
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the first element with a local name, in document order.
   *
   * @param root where to look
   * @param localName the local name
   * @return the element, if any
   */
  public static Optional<Element> first(Node root, String localName) {
    NodeList all =
        root instanceof Document d
            ? d.getElementsByTagNameNS("*", localName)
            : ((Element) root).getElementsByTagNameNS("*", localName);
    return all.getLength() == 0 ? Optional.empty() : Optional.of((Element) all.item(0));
  }

  /**
   * Returns the first element child with a namespace and local name.
   *
   * @param parent the element whose children are looked at
   * @param ns the child's namespace
   * @param local the child's local name
   * @return the child, or null
   */
  public static Element child(Element parent, String ns, String local) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && local.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  /**
   * Returns the text of the first element with a local name.
   *
   * @param root where to look
   * @param localName the local name
   * @return the trimmed text, if the element exists
   */
  public static Optional<String> text(Node root, String localName) {
    return first(root, localName).map(e -> e.getTextContent().strip());
  }

  /**
   * Escapes text for an XML element's content or an attribute.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
