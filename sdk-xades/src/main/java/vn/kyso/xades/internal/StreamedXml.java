package vn.kyso.xades.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.ext.Locator2;
import org.xml.sax.helpers.DefaultHandler;
import vn.kyso.api.DigestAlgorithm;

/**
 * What one pass of the hardened parser, as events, learns of a document, for verifying and signing
 * it without building its DOM (at 10 MB the DOM alone costs more than the whole budget):
 *
 * <ul>
 *   <li>the {@link #DIGEST} of the document without any {@code ds:Signature} element, exclusive
 *       canonicalisation without comments ({@link ExcC14nWriter}, the octets {@link
 *       EnvelopedDigest} writes from a DOM and Santuario from its node set): the digest of Kyso's
 *       whole-document reference, and of the plain enveloped one when the document holds a single
 *       signature;
 *   <li>a skeleton DOM: every {@code ds:Signature} element whole (comments and processing
 *       instructions in it included), the document element and the elements holding a signature,
 *       with all their attributes and namespace declarations but none of their other content; each
 *       of its elements knows its {@linkplain #ordinal position} among the document's elements, so
 *       that the document's own element can be found when the application asks for the DOM;
 *   <li>whether an {@code Id}, {@code ID} or {@code id} value repeats anywhere (the verifier's ID
 *       rule, counted over the whole document), how many signatures there are, and the encoding.
 * </ul>
 *
 * <p>The parser, its settings and limits are {@link SecureXml}'s: the same document is refused the
 * same way as by the DOM parse. What the skeleton cannot answer (a reference into the document's
 * body, another transform chain, an archive time-stamp over the references' data) the caller sends
 * to the DOM path; {@link EnvelopedDigest} refuses to walk a skeleton.
 */
public final class StreamedXml {
  /** The algorithm of {@link #digest()}. */
  public static final DigestAlgorithm DIGEST = DigestAlgorithm.SHA256;

  /** From this size on, canonicalisation and the digest run beside the parse. */
  static final int PIPE_FROM = 512 * 1024;

  private static final String ORDINAL = "vn.kyso.xades.ordinal";
  private static final String SKELETON = "vn.kyso.xades.skeleton";
  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

  private final Document skeleton;
  private final byte[] digest;
  private final boolean duplicateIds;
  private final String encoding;

  private StreamedXml(Handler h) {
    this.skeleton = h.skeleton;
    this.digest = h.c14n.finish();
    this.duplicateIds = h.duplicateIds;
    this.encoding = h.encoding;
  }

  /**
   * The events of one parse, collected into what the class holds. The caller hands {@link
   * #handler()} to the parser and then calls {@link #result()}.
   */
  static final class Collector {
    private final Handler handler;

    /**
     * @param piped whether the canonical form is computed by a task on another thread ({@link
     *     XmlWorkers}) while the parse goes on (from {@value #PIPE_FROM} bytes on)
     */
    Collector(boolean piped) {
      this.handler =
          new Handler(
              piped ? C14nEvents.piped(DIGEST, XmlWorkers.EXECUTOR) : C14nEvents.direct(DIGEST));
    }

    /** The parse failed: stops the task. */
    void abandon() {
      handler.c14n.abandon();
    }

    DefaultHandler handler() {
      return handler;
    }

    StreamedXml result() {
      return new StreamedXml(handler);
    }
  }

  /**
   * @return the skeleton DOM (see the class comment); its document element is the document's, with
   *     only what holds a signature in it
   */
  public Document skeleton() {
    return skeleton;
  }

  /**
   * @return the {@link #DIGEST} of the document without any signature, or null when it holds
   *     something only Santuario canonicalises (a relative namespace URI)
   */
  public byte[] digest() {
    return digest == null ? null : digest.clone();
  }

  /**
   * @return how many {@code ds:Signature} elements the document holds, nested ones included
   */
  public int signatures() {
    return skeleton.getElementsByTagNameNS(Xades.DS, "Signature").getLength();
  }

  /**
   * @return whether an {@code Id}, {@code ID} or {@code id} attribute value repeats
   */
  public boolean duplicateIds() {
    return duplicateIds;
  }

  /**
   * @return whether the parser read the document as UTF-8
   */
  public boolean utf8() {
    return "UTF-8".equalsIgnoreCase(encoding);
  }

  /**
   * Where an element of the skeleton sits in the document.
   *
   * @param skeletonElement an element of a skeleton
   * @return its index among the document's elements in document order, from 0
   */
  public static int ordinal(Element skeletonElement) {
    Object o = skeletonElement.getUserData(ORDINAL);
    if (!(o instanceof Integer i)) {
      throw new IllegalArgumentException("not an element of a skeleton");
    }
    return i;
  }

  /**
   * @param doc a document
   * @return whether it is a skeleton, whose content is not the document's
   */
  public static boolean isSkeleton(Document doc) {
    return doc.getUserData(SKELETON) != null;
  }

  private static final class Handler extends DefaultHandler implements LexicalHandler {
    final C14nEvents c14n;
    final Document skeleton = SecureXml.newDocument();
    boolean duplicateIds;
    String encoding;

    private Locator2 locator;
    private final Set<String> ids = new HashSet<>();

    /* The open elements, by depth: what a skeleton element needs, made only when one holds a signature. */
    private String[] qName = new String[32];
    private String[] uri = new String[32];
    private String[][] decls = new String[32][];
    private String[][] attrs = new String[32][];
    private int[] ordinal = new int[32];
    private Element[] made = new Element[32];
    private int depth;
    private int elements;
    private boolean rootEnded;

    /* The depth of the outermost signature being copied, or -1. */
    private int signatureDepth = -1;
    private final StringBuilder text = new StringBuilder();

    /* The declarations reported for the next element. */
    private String[] pending = new String[8];
    private int pendingCount;

    Handler(C14nEvents c14n) {
      this.c14n = c14n;
      skeleton.setUserData(SKELETON, Boolean.TRUE, null);
    }

    @Override
    public void setDocumentLocator(Locator l) {
      locator = l instanceof Locator2 l2 ? l2 : null;
    }

    @Override
    public void startPrefixMapping(String prefix, String nsUri) {
      if (pendingCount + 2 > pending.length) {
        pending = Arrays.copyOf(pending, pending.length * 2);
      }
      pending[pendingCount++] = prefix;
      pending[pendingCount++] = nsUri;
    }

    @Override
    public void startElement(String nsUri, String local, String qname, Attributes atts) {
      endText();
      int d = depth;
      if (d == 0 && locator != null) {
        encoding = locator.getEncoding();
      }
      if (d == qName.length) {
        grow();
      }
      boolean signature = Xades.DS.equals(nsUri) && "Signature".equals(local);
      String[] ns = pendingCount == 0 ? null : Arrays.copyOf(pending, pendingCount);
      pendingCount = 0;
      int n = atts.getLength();
      String[] as = n == 0 ? null : new String[n * 4];
      for (int i = 0; i < n; i++) {
        as[i * 4] = atts.getQName(i);
        as[i * 4 + 1] = atts.getURI(i);
        as[i * 4 + 2] = atts.getLocalName(i);
        as[i * 4 + 3] = atts.getValue(i);
      }
      countIds(ns, as);
      qName[d] = qname;
      uri[d] = nsUri;
      decls[d] = ns;
      attrs[d] = as;
      ordinal[d] = elements++;
      if (signature && signatureDepth < 0) {
        signatureDepth = d;
        for (int k = 0; k < d; k++) {
          if (made[k] == null) {
            made[k] = make(k);
          }
        }
      }
      if (signatureDepth >= 0 || d == 0) {
        made[d] = make(d);
      }
      if (signatureDepth < 0) {
        c14n.open(qname, nsUri, ns, as);
      }
      depth++;
    }

    /** The verifier's ID rule over every element: attributes named Id, ID or id by local name. */
    private void countIds(String[] ns, String[] as) {
      if (ns != null) {
        // A declaration xmlns:Id="..." is an attribute with that local name in the DOM.
        for (int i = 0; i < ns.length; i += 2) {
          if (isIdName(ns[i])) {
            id(ns[i + 1]);
          }
        }
      }
      if (as != null) {
        for (int i = 0; i < as.length; i += 4) {
          String local = as[i + 2].isEmpty() ? as[i] : as[i + 2];
          if (isIdName(local)) {
            id(as[i + 3]);
          }
        }
      }
    }

    private static boolean isIdName(String local) {
      return local.equals("Id") || local.equals("ID") || local.equals("id");
    }

    private void id(String value) {
      if (!ids.add(value)) {
        duplicateIds = true;
      }
    }

    /** The skeleton element for the open element at depth k, placed under its parent's. */
    private Element make(int k) {
      Element e = skeleton.createElementNS(uri[k].isEmpty() ? null : uri[k], qName[k]);
      String[] ns = decls[k];
      if (ns != null) {
        for (int i = 0; i < ns.length; i += 2) {
          e.setAttributeNS(XMLNS, ns[i].isEmpty() ? "xmlns" : "xmlns:" + ns[i], ns[i + 1]);
        }
      }
      String[] as = attrs[k];
      if (as != null) {
        for (int i = 0; i < as.length; i += 4) {
          e.setAttributeNS(as[i + 1].isEmpty() ? null : as[i + 1], as[i], as[i + 3]);
        }
      }
      e.setUserData(ORDINAL, ordinal[k], null);
      (k == 0 ? skeleton : made[k - 1]).appendChild(e);
      return e;
    }

    private void grow() {
      int n = qName.length * 2;
      qName = Arrays.copyOf(qName, n);
      uri = Arrays.copyOf(uri, n);
      decls = Arrays.copyOf(decls, n);
      attrs = Arrays.copyOf(attrs, n);
      ordinal = Arrays.copyOf(ordinal, n);
      made = Arrays.copyOf(made, n);
    }

    @Override
    public void endElement(String nsUri, String local, String qname) {
      endText();
      int d = --depth;
      if (signatureDepth < 0) {
        c14n.close(qname);
      }
      if (signatureDepth == d) {
        signatureDepth = -1;
      }
      made[d] = null;
      decls[d] = null;
      attrs[d] = null;
      if (d == 0) {
        rootEnded = true;
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (signatureDepth >= 0) {
        text.append(ch, start, length);
      } else if (depth > 0) {
        c14n.text(ch, start, length);
      }
    }

    /** Before any other event: the text copied into the skeleton, or a lone surrogate's end. */
    private void endText() {
      if (text.length() > 0) {
        made[depth - 1].appendChild(skeleton.createTextNode(text.toString()));
        text.setLength(0);
      }
    }

    @Override
    public void processingInstruction(String target, String data) {
      endText();
      if (signatureDepth >= 0) {
        made[depth - 1].appendChild(skeleton.createProcessingInstruction(target, data));
      } else {
        c14n.pi(
            target,
            data,
            depth > 0 ? C14nEvents.IN : rootEnded ? C14nEvents.AFTER : C14nEvents.BEFORE);
      }
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      endText();
      if (signatureDepth >= 0) {
        made[depth - 1].appendChild(skeleton.createComment(new String(ch, start, length)));
      }
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) {
      c14n.giveUp(); // refused by the parser before this is reported
    }

    @Override
    public void endDTD() {
      // nothing
    }

    @Override
    public void startEntity(String name) {
      // predefined entities and character references arrive as characters
    }

    @Override
    public void endEntity(String name) {
      // as above
    }

    @Override
    public void startCDATA() {
      // CDATA content arrives as characters; canonical XML writes it as text
    }

    @Override
    public void endCDATA() {
      // as above
    }
  }

  /**
   * Where an element sits among its document's elements: what {@link #ordinal} records for a
   * skeleton element, for an element of the document's DOM.
   *
   * @param e an element of a parsed document
   * @return its index in document order, from 0, or -1 when it is not in its owner's tree
   */
  public static int position(Element e) {
    int[] i = {0};
    int[] found = {-1};
    Xades.forEachElement(
        e.getOwnerDocument(),
        el -> {
          if (el == e) {
            found[0] = i[0];
          }
          i[0]++;
        });
    return found[0];
  }

  /**
   * Finds the document's element at a skeleton element's position.
   *
   * @param doc the document's DOM, parsed from the same bytes
   * @param ordinal {@link #ordinal} of the skeleton element
   * @return the element, or null when the document has fewer elements
   */
  public static Element element(Document doc, int ordinal) {
    Element[] found = {null};
    int[] i = {0};
    Xades.forEachElement(
        doc,
        e -> {
          if (i[0]++ == ordinal) {
            found[0] = e;
          }
        });
    return found[0];
  }
}
