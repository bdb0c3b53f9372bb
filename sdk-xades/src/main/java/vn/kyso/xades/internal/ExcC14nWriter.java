package vn.kyso.xades.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * W3C Exclusive XML Canonicalization 1.0 without comments, written straight into a digest, for a
 * document fed to it as events (a DOM walk in {@link EnvelopedDigest}, parser events in {@link
 * StreamedXml}): namespace declarations only where visibly utilised and not already rendered by the
 * nearest output ancestor, attributes sorted as Santuario sorts them, the same escaping. The
 * properties compare its octets with Santuario's on generated documents.
 *
 * <p>An element is given as its declarations ({@link #declare}) and attributes ({@link #attribute})
 * and then {@link #open}; {@link #close} ends it with the mark {@link #mark} returned before.
 * Anything this class cannot canonicalise the way Santuario would (a relative namespace URI, an
 * unbound prefix) makes {@code open} return false, and the caller gives up.
 */
final class ExcC14nWriter {
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

  /* The element being opened: its declarations and its other attributes. */
  private String[] declPrefix = new String[4];
  private String[] declUri = new String[4];
  private int decls;
  private String[] attrName = new String[8];
  private String[] attrUri = new String[8];
  private String[] attrLocal = new String[8];
  private String[] attrPrefix = new String[8];
  private String[] attrValue = new String[8];
  private int[] order = new int[8];
  private int attrs;

  /* A high surrogate that ended the previous piece of text (parsers may split a pair). */
  private char pendingHigh;

  ExcC14nWriter(MessageDigest digest) {
    this.digest = digest;
  }

  /**
   * A namespace declaration on the element about to be opened.
   *
   * @param prefix the prefix, empty for the default namespace
   * @param uri the namespace URI, empty to undeclare the default namespace
   */
  void declare(String prefix, String uri) {
    if (decls == declPrefix.length) {
      declPrefix = Arrays.copyOf(declPrefix, decls * 2);
      declUri = Arrays.copyOf(declUri, decls * 2);
    }
    declPrefix[decls] = prefix;
    declUri[decls++] = uri;
  }

  /**
   * An attribute (not a namespace declaration) of the element about to be opened.
   *
   * @param qName its qualified name as written
   * @param uri its namespace, null for none
   * @param local its local name
   * @param prefix its prefix, null for none
   * @param value its normalised value
   */
  void attribute(String qName, String uri, String local, String prefix, String value) {
    if (attrs == attrName.length) {
      int n = attrs * 2;
      attrName = Arrays.copyOf(attrName, n);
      attrUri = Arrays.copyOf(attrUri, n);
      attrLocal = Arrays.copyOf(attrLocal, n);
      attrPrefix = Arrays.copyOf(attrPrefix, n);
      attrValue = Arrays.copyOf(attrValue, n);
      order = Arrays.copyOf(order, n);
    }
    attrName[attrs] = qName;
    attrUri[attrs] = uri;
    attrLocal[attrs] = local;
    attrPrefix[attrs] = prefix;
    attrValue[attrs++] = value;
  }

  /**
   * @return the mark that closing the element about to be opened unwinds to
   */
  int mark() {
    return undoSize;
  }

  /**
   * Writes the start tag of the element whose declarations and attributes were just given.
   *
   * @param qName the element's qualified name
   * @param own the element's prefix, empty when it has none
   * @return false when the element holds something Santuario would not canonicalise this way
   */
  boolean open(String qName, String own) {
    boolean declared = false;
    for (int i = 0; i < decls; i++) {
      String prefix = declPrefix[i];
      String uri = declUri[i];
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
    }
    decls = 0;
    // Visibly utilised prefixes: the element's own (or the default) and its attributes'.
    String[] render = null;
    int renders = 0;
    boolean settled =
        own.isEmpty() && !declared && bound.get("").equals(rendered.get("")) && unprefixed();
    for (String p : settled ? NOTHING : utilised(own)) {
      String value = bound.get(p);
      if (value == null) {
        attrs = 0;
        return false; // an unbound prefix cannot come from a namespace-aware parse
      }
      if (!value.equals(rendered.get(p))) {
        if (render == null) {
          render = new String[attrs + 1];
        }
        render[renders++] = p;
      }
    }
    byte1('<');
    name(qName);
    if (render != null) {
      Arrays.sort(render, 0, renders);
      for (int i = 0; i < renders; i++) {
        String p = render[i];
        String value = bound.get(p);
        set(rendered, p, value);
        ascii(p.isEmpty() ? " xmlns=\"" : " xmlns:");
        if (!p.isEmpty()) {
          ascii(p);
          ascii("=\"");
        }
        chars(value, ATTRIBUTE);
        byte1('"');
      }
    }
    if (attrs > 0) {
      for (int i = 0; i < attrs; i++) {
        order[i] = i;
      }
      // Insertion sort: elements hold a handful of attributes.
      for (int i = 1; i < attrs; i++) {
        int k = order[i];
        int j = i - 1;
        while (j >= 0 && compareAttributes(order[j], k) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = k;
      }
      for (int i = 0; i < attrs; i++) {
        int k = order[i];
        byte1(' ');
        ascii(attrName[k]);
        ascii("=\"");
        chars(attrValue[k], ATTRIBUTE);
        byte1('"');
        attrName[k] = attrValue[k] = null;
      }
      attrs = 0;
    }
    byte1('>');
    return true;
  }

  private boolean unprefixed() {
    for (int i = 0; i < attrs; i++) {
      if (attrPrefix[i] != null) {
        return false;
      }
    }
    return true;
  }

  private String[] utilised(String own) {
    if (attrs == 0) {
      return new String[] {own};
    }
    String[] out = new String[attrs + 1];
    int n = 0;
    out[n++] = own;
    for (int i = 0; i < attrs; i++) {
      String p = attrPrefix[i];
      if (p != null
          && !p.isEmpty()
          && !p.equals("xml")
          && !p.equals("xmlns")
          && !contains(out, n, p)) {
        out[n++] = p;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static boolean contains(String[] a, int n, String s) {
    for (int i = 0; i < n; i++) {
      if (a[i].equals(s)) {
        return true;
      }
    }
    return false;
  }

  /** Santuario's attribute order: no namespace first by local name, then by namespace, name. */
  private int compareAttributes(int a, int b) {
    String na = attrUri[a];
    String nb = attrUri[b];
    if (na == null) {
      return nb == null ? attrLocal[a].compareTo(attrLocal[b]) : -1;
    }
    if (nb == null) {
      return 1;
    }
    int c = na.compareTo(nb);
    return c != 0 ? c : attrLocal[a].compareTo(attrLocal[b]);
  }

  /**
   * Writes an end tag and forgets the element's namespaces.
   *
   * @param qName the element's qualified name
   * @param mark what {@link #mark} returned before it was opened
   */
  void close(String qName, int mark) {
    byte1('<');
    byte1('/');
    name(qName);
    byte1('>');
    unwind(mark);
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

  /**
   * A processing instruction.
   *
   * @param target its target
   * @param data its data, or null
   */
  void pi(String target, String data) {
    ascii("<?");
    chars(target, NONE);
    if (data != null && !data.isEmpty()) {
      byte1(' ');
      chars(data, PI);
    }
    ascii("?>");
  }

  /** The line feed canonical XML writes between a top-level node and the document element. */
  void newline() {
    byte1('\n');
  }

  /**
   * Character content.
   *
   * @param s the text
   */
  void text(String s) {
    chars(s, TEXT);
  }

  /**
   * Character content as a parser reports it, possibly in pieces.
   *
   * @param ch the characters
   * @param off where they start
   * @param n how many
   */
  void text(char[] ch, int off, int n) {
    int end = off + n;
    int i = off;
    if (pendingHigh != 0 && i < end) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(ch[i])) {
        codePoint(Character.toCodePoint(high, ch[i]));
        i++;
      } else {
        byte1('?'); // a lone surrogate, as String.getBytes writes it
      }
    }
    for (; i < end; i++) {
      char c = ch[i];
      if (c < 0x80) {
        String replacement = TEXT[c];
        if (replacement == null) {
          if (len == buf.length) {
            flush();
          }
          buf[len++] = (byte) c;
        } else {
          ascii(replacement);
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 == end) {
          pendingHigh = c;
        } else if (Character.isLowSurrogate(ch[i + 1])) {
          codePoint(Character.toCodePoint(c, ch[++i]));
        } else {
          byte1('?');
        }
      } else if (Character.isLowSurrogate(c)) {
        byte1('?');
      } else {
        codePoint(c);
      }
    }
  }

  /**
   * Ends a piece of text: a high surrogate left waiting has no partner.
   *
   * @return false when one was left
   */
  boolean textEnded() {
    if (pendingHigh == 0) {
      return true;
    }
    pendingHigh = 0;
    byte1('?');
    return false;
  }

  private void codePoint(int cp) {
    if (buf.length - len < 4) {
      flush();
    }
    if (cp < 0x800) {
      buf[len++] = (byte) (0xC0 | (cp >> 6));
      buf[len++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[len++] = (byte) (0xE0 | (cp >> 12));
      buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      buf[len++] = (byte) (0xF0 | (cp >> 18));
      buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = (byte) (0x80 | (cp & 0x3F));
    }
  }

  /** Names and fixed markup: written as characters, so non-ASCII names are UTF-8 too. */
  private void ascii(String s) {
    chars(s, NONE);
  }

  /* The replacements of the ASCII characters canonical XML escapes, per kind of content. */
  private static final String[] NONE = table();
  private static final String[] TEXT = table('&', "&amp;", '<', "&lt;", '>', "&gt;", '\r', "&#xD;");
  private static final String[] ATTRIBUTE =
      table('&', "&amp;", '<', "&lt;", '"', "&quot;", '\t', "&#x9;", '\n', "&#xA;", '\r', "&#xD;");
  private static final String[] PI = table('\r', "&#xD;");

  private static String[] table(Object... pairs) {
    String[] t = new String[0x80];
    for (int i = 0; i < pairs.length; i += 2) {
      t[(Character) pairs[i]] = (String) pairs[i + 1];
    }
    return t;
  }

  private void chars(String s, String[] table) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
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

  /**
   * @return the digest of everything written
   */
  byte[] finish() {
    flush();
    return digest.digest();
  }
}
