package vn.kyso.xades;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Well-formed, namespaced XML documents at random, for properties: namespaces declared, re-declared
 * and undeclared ({@code xmlns=""}) at random depths, prefixed and {@code xml:} attributes, text
 * and attribute values with every character canonical XML escapes (as character references where
 * the parser would otherwise normalise them), CDATA, comments and processing instructions inside
 * and around the document element, and optionally {@code ds:Signature} elements here and there.
 */
public final class GeneratedXml {
  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static final String[] URIS = {"urn:a", "urn:b", "http://example.org/c", "urn:a"};
  private static final String[] PREFIXES = {"p", "q", "r"};
  private static final String TEXT_CHARS = "ab &<>\"'\r\n\t\u00e9\u1ec7\u0111]\ud834\udd1e=";

  private GeneratedXml() {}

  /**
   * A document.
   *
   * @param r the source of randomness
   * @param otherSignatures whether ds:Signature elements (not real signatures) appear in it
   * @return its text
   */
  public static String document(Random r, boolean otherSignatures) {
    StringBuilder b = new StringBuilder();
    if (r.nextBoolean()) {
      b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }
    misc(r, b);
    element(r, b, 0, new ArrayList<>(List.of("")), otherSignatures);
    misc(r, b);
    return b.toString();
  }

  private static void misc(Random r, StringBuilder b) {
    for (int i = r.nextInt(3); i > 0; i--) {
      b.append(r.nextBoolean() ? "<!-- c" + r.nextInt(9) + " -->" : pi(r)).append('\n');
    }
  }

  private static String pi(Random r) {
    return r.nextBoolean() ? "<?app?>" : "<?app d=" + r.nextInt(99) + " \u00e9?>";
  }

  /** {@code declared}: the prefixes in scope (the empty one stands for the default namespace). */
  private static void element(
      Random r, StringBuilder b, int depth, List<String> declared, boolean otherSignatures) {
    List<String> scope = new ArrayList<>(declared);
    StringBuilder decls = new StringBuilder();
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(PREFIXES.length + 1);
      String uri = URIS[r.nextInt(URIS.length)];
      if (k == PREFIXES.length) {
        String value = r.nextInt(4) == 0 ? "" : uri;
        if (decls.indexOf(" xmlns=") < 0) {
          decls.append(" xmlns=\"").append(value).append('"');
        }
      } else if (decls.indexOf(" xmlns:" + PREFIXES[k] + "=") < 0) {
        decls.append(" xmlns:").append(PREFIXES[k]).append("=\"").append(uri).append('"');
        if (!scope.contains(PREFIXES[k])) {
          scope.add(PREFIXES[k]);
        }
      }
    }
    String prefix = scope.get(r.nextInt(scope.size()));
    String name = (prefix.isEmpty() ? "" : prefix + ":") + "e" + r.nextInt(4);
    b.append('<').append(name).append(decls);
    int attrs = r.nextInt(4);
    for (int i = 0; i < attrs; i++) {
      int kind = r.nextInt(4);
      String p = kind == 0 ? scope.get(r.nextInt(scope.size())) : kind == 1 ? "xml" : "";
      String attrName =
          p.equals("xml")
              ? (i % 2 == 0 ? "xml:lang" : "xml:space")
              : (p.isEmpty() ? "" : p + ":") + "a" + i;
      if (p.equals("xml") && b.lastIndexOf(attrName) > b.lastIndexOf("<" + name)) {
        continue;
      }
      b.append(' ').append(attrName).append("=\"").append(attributeValue(r)).append('"');
    }
    if (depth > 4 || r.nextInt(4) == 0) {
      b.append("/>");
      return;
    }
    b.append('>');
    int children = r.nextInt(5);
    for (int i = 0; i < children; i++) {
      switch (r.nextInt(7)) {
        case 0, 1 -> element(r, b, depth + 1, scope, otherSignatures);
        case 2 -> b.append(text(r));
        case 3 -> b.append("<![CDATA[").append(text(r).replace("]]>", "")).append("]]>");
        case 4 -> b.append("<!-- note -->");
        case 5 -> b.append(pi(r));
        default -> {
          if (otherSignatures) {
            otherSignature(r, b);
          }
        }
      }
    }
    b.append("</").append(name).append('>');
  }

  private static void otherSignature(Random r, StringBuilder b) {
    if (r.nextBoolean()) {
      b.append("<ds:Signature xmlns:ds=\"")
          .append(DS)
          .append("\"><ds:SignatureValue>AAAA</ds:SignatureValue>")
          .append(text(r));
      b.append("</ds:Signature>");
    } else {
      b.append("<Signature xmlns=\"").append(DS).append("\"><x xmlns=\"\">").append(text(r));
      b.append("</x></Signature>");
    }
  }

  /** One of the characters canonical XML treats specially, or an ordinary one. */
  private static int anyChar(Random r) {
    return TEXT_CHARS.codePointAt(
        TEXT_CHARS.offsetByCodePoints(
            0, r.nextInt(TEXT_CHARS.codePointCount(0, TEXT_CHARS.length()))));
  }

  private static String text(Random r) {
    StringBuilder t = new StringBuilder();
    for (int i = r.nextInt(12); i > 0; i--) {
      int cp = anyChar(r);
      switch (cp) {
        case '&' -> t.append("&amp;");
        case '<' -> t.append("&lt;");
        case '>' -> // raw only where it cannot close "]]>"
            t.append(
                r.nextBoolean() || t.isEmpty() || t.charAt(t.length() - 1) == ']' ? "&gt;" : ">");
        case '\r' -> t.append(r.nextBoolean() ? "&#13;" : "\r\n");
        default -> t.appendCodePoint(cp);
      }
    }
    return t.toString();
  }

  private static String attributeValue(Random r) {
    StringBuilder t = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      int cp = anyChar(r);
      switch (cp) {
        case '&' -> t.append("&amp;");
        case '<' -> t.append("&lt;");
        case '"' -> t.append("&quot;");
        case '\r' -> t.append("&#13;");
        case '\n' -> t.append(r.nextBoolean() ? "&#10;" : "\n");
        case '\t' -> t.append(r.nextBoolean() ? "&#9;" : "\t");
        default -> t.appendCodePoint(cp);
      }
    }
    return t.toString();
  }
}
