package vn.kyso.xades.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The output of an enveloped signature as the input's own bytes with the new signature element
 * written in before the document element's end tag: no serialisation of the whole DOM, and the
 * signed content stays byte for byte what the signer read (its formatting, character references and
 * declaration included), so the document parses back to the DOM that was digested.
 *
 * <p>It applies only when the new element is the document element's last child, nothing follows the
 * document element, the input is UTF-8 and its last markup is the document element's end tag;
 * otherwise {@link #splice} returns {@code null} and the caller serialises the DOM. The new element
 * is written with every namespace declaration it needs relative to the document element's scope in
 * the input (declared where the DOM lacks one, {@code xmlns=""} where an unprefixed element has no
 * namespace under a default one).
 */
public final class AppendedXml {
  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final String XML = "http://www.w3.org/XML/1998/namespace";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);

  private AppendedXml() {}

  /**
   * Builds the output bytes.
   *
   * @param input the bytes the document was parsed from
   * @param doc the document
   * @param appended the element added as the document element's last child
   * @return the output, or {@code null} when the caller must serialise the DOM
   */
  public static byte[] splice(byte[] input, Document doc, Element appended) {
    Spliced spliced = spliced(input, doc, appended);
    return spliced == null ? null : spliced.toByteArray();
  }

  /**
   * The output of {@link #splice(byte[], Document, Element)} in parts.
   *
   * @param input the bytes the document was parsed from
   * @param doc the document
   * @param appended the element added as the document element's last child
   * @return the parts, or {@code null} when the caller must serialise the DOM
   */
  public static Spliced spliced(byte[] input, Document doc, Element appended) {
    Element root = doc.getDocumentElement();
    if (appended.getParentNode() != root
        || appended.getNextSibling() != null
        || root.getNextSibling() != null
        || !"UTF-8".equalsIgnoreCase(doc.getInputEncoding())
        || (doc.getXmlEncoding() != null && !"UTF-8".equalsIgnoreCase(doc.getXmlEncoding()))) {
      return null;
    }
    return spliced(input, root, appended);
  }

  /**
   * The output in its three parts, written without being copied into one array first.
   *
   * @param input the bytes the document was parsed from
   * @param at where the element goes: the offset of the document element's end tag
   * @param element the element as written
   */
  public record Spliced(byte[] input, int at, byte[] element) {
    /**
     * Writes the output.
     *
     * @param out where
     * @throws IOException when it cannot be written
     */
    public void writeTo(OutputStream out) throws IOException {
      writeInBlocks(out, input, 0, at);
      writeRest(out);
    }

    /**
     * Writes what follows the input's head: the element, then the input's tail.
     *
     * @param out where, just after the head
     * @throws IOException when it cannot be written
     */
    public void writeRest(OutputStream out) throws IOException {
      out.write(element);
      writeInBlocks(out, input, at, input.length);
    }

    /**
     * @return the output in one array
     */
    public byte[] toByteArray() {
      byte[] b = Arrays.copyOf(input, input.length + element.length);
      System.arraycopy(element, 0, b, at, element.length);
      System.arraycopy(input, at, b, at + element.length, input.length - at);
      return b;
    }
  }

  /**
   * The output of {@link #spliced(byte[], Element, Element)} in parts.
   *
   * @param input the bytes the document was parsed from
   * @param root the document element (of the DOM or of its skeleton)
   * @param appended the element added as its last child
   * @return the parts, or {@code null} when the caller must serialise the DOM
   */
  public static Spliced spliced(byte[] input, Element root, Element appended) {
    if (appended.getParentNode() != root || appended.getNextSibling() != null) {
      return null;
    }
    int at = endTag(input, root.getNodeName().getBytes(StandardCharsets.UTF_8));
    if (at < 0) {
      return null;
    }
    AppendedXml w = new AppendedXml();
    if (!w.element(appended, scope(root))) {
      return null;
    }
    return new Spliced(input, at, w.out.toByteArray());
  }

  /**
   * Whether {@link #spliced(byte[], Element, Element)} would write this element (checked before the
   * signature is computed: a skeleton cannot be written any other way).
   *
   * @param input the bytes the document was parsed from
   * @param root the document element (of the DOM or of its skeleton)
   * @param appended the element added as its last child
   * @return true when it would
   */
  public static boolean fits(byte[] input, Element root, Element appended) {
    return appended.getParentNode() == root
        && appended.getNextSibling() == null
        && endTag(input, root.getNodeName().getBytes(StandardCharsets.UTF_8)) >= 0
        && new AppendedXml().element(appended, scope(root));
  }

  /**
   * @param input a document's bytes
   * @param name the document element's qualified name in UTF-8
   * @return the offset of {@code </name} when it is the input's last markup, else -1
   */
  public static int endTag(byte[] input, byte[] name) {
    int at = lastEndTag(input);
    if (at < 0 || at + 2 + name.length >= input.length) {
      return -1;
    }
    for (int k = 0; k < name.length; k++) {
      if (input[at + 2 + k] != name[k]) {
        return -1;
      }
    }
    // the whole name, not a prefix of it: what follows is space or the tag's end
    int after = at + 2 + name.length;
    return name.length > 0 && after < input.length && (space(input[after]) || input[after] == '>')
        ? at
        : -1;
  }

  /**
   * Where the splice would write for a document element of any name: the offset of the input's last
   * end tag when it is the input's last markup, as {@link #endTag} finds it once the name is known.
   *
   * @param input a document's bytes
   * @return the offset of the final {@code </}, or -1
   */
  public static int lastEndTag(byte[] input) {
    int i = input.length - 1;
    while (i >= 0 && space(input[i])) {
      i--;
    }
    if (i < 0 || input[i] != '>') {
      return -1;
    }
    i--;
    while (i >= 0 && space(input[i])) {
      i--;
    }
    int end = i;
    while (i >= 0 && input[i] != '/' && input[i] != '<' && input[i] != '>' && !space(input[i])) {
      i--;
    }
    if (i == end || i < 1 || input[i] != '/' || input[i - 1] != '<') {
      return -1;
    }
    return i - 1;
  }

  /**
   * Writes {@code b[from, to)} in blocks of 1 MiB: the JDK copies a heap array into a native buffer
   * of the same size to write it, and keeps that buffer for the thread.
   *
   * @param out where
   * @param b the bytes
   * @param from the first
   * @param to after the last
   * @throws IOException when they cannot be written
   */
  public static void writeInBlocks(OutputStream out, byte[] b, int from, int to)
      throws IOException {
    for (int off = from; off < to; off += BLOCK) {
      out.write(b, off, Math.min(BLOCK, to - off));
    }
  }

  private static final int BLOCK = 1024 * 1024;

  private static boolean space(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /**
   * The namespace bindings in force inside the document element: its own declarations, as the
   * parser kept them (it has no element ancestors).
   */
  private static Map<String, String> scope(Element root) {
    Map<String, String> bound = new HashMap<>();
    bound.put("", "");
    NamedNodeMap attrs = root.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLNS.equals(a.getNamespaceURI())) {
        bound.put(Xades.declaredPrefix(a), a.getValue());
      }
    }
    return bound;
  }

  /**
   * Writes an element and its content.
   *
   * @return false when the element holds a node this writer does not write
   */
  private boolean element(Element e, Map<String, String> outer) {
    Map<String, String> bound = new HashMap<>(outer);
    Map<String, String> here = new HashMap<>();
    StringBuilder tag = new StringBuilder("<").append(e.getNodeName());
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLNS.equals(a.getNamespaceURI())) {
        String p = Xades.declaredPrefix(a);
        if (a.getValue().equals(bound.get(p))) {
          continue; // already in force: redundant, as the JDK's serialiser leaves it out too
        }
        bound.put(p, a.getValue());
        here.put(p, a.getValue());
        attribute(tag, a.getNodeName(), a.getValue());
      }
    }
    if (!declare(tag, bound, here, e.getPrefix(), e.getNamespaceURI())) {
      return false;
    }
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (!XMLNS.equals(a.getNamespaceURI())) {
        if (a.getPrefix() != null && !XML.equals(a.getNamespaceURI())) {
          if (!declare(tag, bound, here, a.getPrefix(), a.getNamespaceURI())) {
            return false;
          }
        } else if (a.getPrefix() == null && a.getNamespaceURI() != null) {
          return false; // a namespaced attribute without a prefix cannot be written as it is
        }
        attribute(tag, a.getNodeName(), a.getValue());
      }
    }
    if (e.getFirstChild() == null) {
      write(tag.append("/>"));
      return true;
    }
    write(tag.append('>'));
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      switch (n.getNodeType()) {
        case Node.ELEMENT_NODE -> {
          if (!element((Element) n, bound)) {
            return false;
          }
        }
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> write(text(n.getNodeValue()));
        case Node.COMMENT_NODE -> {
          if (n.getNodeValue().contains("--") || n.getNodeValue().endsWith("-")) {
            return false;
          }
          write("<!--" + n.getNodeValue() + "-->");
        }
        default -> {
          return false;
        }
      }
    }
    write("</" + e.getNodeName() + ">");
    return true;
  }

  /**
   * Declares the binding a name needs when the scope does not already hold it.
   *
   * @return false when this start tag already binds the prefix to another namespace
   */
  private static boolean declare(
      StringBuilder tag,
      Map<String, String> bound,
      Map<String, String> here,
      String prefix,
      String uri) {
    String p = prefix == null ? "" : prefix;
    String u = uri == null ? "" : uri;
    if (u.equals(bound.get(p))) {
      return true;
    }
    if (here.containsKey(p) || (!p.isEmpty() && u.isEmpty())) {
      return false;
    }
    bound.put(p, u);
    here.put(p, u);
    attribute(tag, p.isEmpty() ? "xmlns" : "xmlns:" + p, u);
    return true;
  }

  private static void attribute(StringBuilder tag, String name, String value) {
    tag.append(' ').append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> tag.append("&amp;");
        case '<' -> tag.append("&lt;");
        case '"' -> tag.append("&quot;");
        case '\t' -> tag.append("&#9;");
        case '\n' -> tag.append("&#10;");
        case '\r' -> tag.append("&#13;");
        default -> tag.append(c);
      }
    }
    tag.append('"');
  }

  private static String text(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '\r' -> "&#13;";
            default -> null;
          };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  private void write(CharSequence s) {
    out.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
  }
}
