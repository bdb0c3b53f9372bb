package vn.kyso.xades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPath2FilterContainer;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.xades.GeneratedXml;

/**
 * The one streaming pass against the DOM and Santuario, on generated documents (namespaces
 * declared, re-declared and undeclared, prefixed and {@code xml:} attributes, every character
 * canonical XML escapes, CDATA, comments, processing instructions around and inside the document
 * element, {@code ds:Signature} elements here and there): its digest is Santuario's for Kyso's
 * whole-document reference; each signature in its skeleton canonicalises (inclusive, with comments:
 * what the ancestors' namespaces and {@code xml:} attributes change) to the octets of the same
 * signature in the DOM, and sits at the same position among the elements; its repeated-ID verdict
 * is the DOM's.
 */
class StreamedXmlProperties {
  private static final String DS = Xades.DS;
  private static final SecureXml.Parsers PARSERS =
      new SecureXml.Parsers(SecureXml.MAX_SIZE, SecureXml.DEFAULT_DEPTH);

  @Property(tries = 300)
  void pass_agreesWithTheDomAndSantuario(@ForAll long seed) throws Exception {
    Xades.init();
    Random r = new Random(seed);
    byte[] bytes = GeneratedXml.document(r, true).getBytes(StandardCharsets.UTF_8);
    StreamedXml pass = PARSERS.stream(bytes);
    Document doc = PARSERS.parse(bytes);
    // Canonicalised beside the parse (what documents from PIPE_FROM bytes get): the same digest.
    assertThat(PARSERS.stream(bytes, 0).digest()).isEqualTo(pass.digest());

    NodeList sigs = doc.getElementsByTagNameNS(DS, "Signature");
    NodeList skeletonSigs = pass.skeleton().getElementsByTagNameNS(DS, "Signature");
    assertThat(pass.signatures()).isEqualTo(sigs.getLength());
    assertThat(skeletonSigs.getLength()).isEqualTo(sigs.getLength());
    for (int i = 0; i < sigs.getLength(); i++) {
      Element inDom = (Element) sigs.item(i);
      Element inSkeleton = (Element) skeletonSigs.item(i);
      assertThat(StreamedXml.element(doc, StreamedXml.ordinal(inSkeleton))).isSameAs(inDom);
      assertThat(c14n(inSkeleton)).isEqualTo(c14n(inDom));
    }
    assertThat(pass.skeleton().getDocumentElement().getTagName())
        .isEqualTo(doc.getDocumentElement().getTagName());
    assertThat(pass.duplicateIds()).isEqualTo(repeatsAnId(doc));

    // Santuario's digest of Kyso's chain, from a signature added to the DOM (it is subtracted too).
    XMLSignature sig =
        new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Xades.EXC_C14N);
    doc.getDocumentElement().appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    Element filter =
        XPath2FilterContainer.newInstanceSubtract(doc, Xades.SIGNATURES_XPATH).getElement();
    filter.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DS);
    t.addTransform(Transforms.TRANSFORM_XPATH2FILTER, filter);
    t.addTransform(Xades.EXC_C14N);
    sig.addDocument("", t, Xades.digestUri(DigestAlgorithm.SHA256));
    Reference ref = sig.getSignedInfo().item(0);
    ref.generateDigestValue();
    assertThat(pass.digest())
        .as("digest of\n%s", new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(ref.getDigestValue());
  }

  @Example
  void aLargeDocument_canonicalisedBesideTheParse_digestsAsTheDomWalk() throws Exception {
    Xades.init();
    StringBuilder b = new StringBuilder("<r xmlns='urn:r' xmlns:p='urn:p'>");
    Random r = new Random(7);
    String pieces = "ab<>&\r\"\u00e9\u1ec7\ud834\udd1e ";
    while (b.length() < 3 * StreamedXml.PIPE_FROM) {
      b.append("<p:e a='").append(r.nextInt()).append("'>");
      for (int i = r.nextInt(40_000); i > 0; i--) {
        char c = pieces.charAt(r.nextInt(pieces.length()));
        if (c == '<') {
          b.append("&lt;");
        } else if (c == '&') {
          b.append("&amp;");
        } else if (c == '\r') {
          b.append("&#13;");
        } else if (Character.isHighSurrogate(c)) {
          b.append("\ud834\udd1e");
        } else if (!Character.isLowSurrogate(c)) {
          b.append(c);
        }
      }
      b.append("<?pi data?></p:e><!-- c -->");
    }
    b.append("</r>");
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    Document doc = PARSERS.parse(bytes);
    XMLSignature sig =
        new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Xades.EXC_C14N);
    doc.getDocumentElement().appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    t.addTransform(Xades.EXC_C14N);
    sig.addDocument("", t, Xades.digestUri(DigestAlgorithm.SHA256));
    byte[] walked =
        EnvelopedDigest.digest(sig.getSignedInfo().item(0).getElement(), sig.getElement(), null);

    assertThat(PARSERS.stream(bytes).digest()).isEqualTo(walked);
    assertThat(PARSERS.stream(bytes, Integer.MAX_VALUE).digest()).isEqualTo(walked);
  }

  @Example
  void malformedUtf8_inALargeDocument_isRefusedAsTheParserRefusesIt() throws Exception {
    StringBuilder b = new StringBuilder("<r>");
    while (b.length() < 2 * StreamedXml.PIPE_FROM) {
      b.append("<e>Nguy\u1ec5n V\u0103n \u0110\u1ecbnh</e>");
    }
    byte[] good = b.append("</r>").toString().getBytes(StandardCharsets.UTF_8);
    assertThat(PARSERS.stream(good).utf8()).isTrue();
    byte[] bad = good.clone();
    bad[bad.length / 2] = (byte) 0xC0; // a byte no UTF-8 sequence holds, in the middle
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PARSERS.stream(bad))
        .isInstanceOf(vn.kyso.api.DocumentException.class)
        .extracting(e -> ((vn.kyso.api.DocumentException) e).code())
        .isEqualTo(vn.kyso.api.ErrorCode.MALFORMED_INPUT);
  }

  @Example
  void aRepeatedIdAnywhere_isSeen_declarationsNamedIdIncluded() throws Exception {
    assertThat(stream("<a><b Id='x'/><c><d ID='y'/></c><e id='x'/></a>").duplicateIds()).isTrue();
    assertThat(stream("<a xmlns:Id='urn:x'><b Id='urn:x'/></a>").duplicateIds()).isTrue();
    assertThat(stream("<a><b Id='x'/><c ID='y' wsu:id='z' xmlns:wsu='urn:w'/></a>").duplicateIds())
        .isFalse();
    assertThat(stream("<a xmlns:w='urn:w'><b w:Id='x'/><c Id='x'/></a>").duplicateIds()).isTrue();
  }

  @Example
  void aDocumentThatIsNotUtf8_orARelativeNamespace_isSaidSo() throws Exception {
    assertThat(stream("<a/>").utf8()).isTrue();
    StreamedXml latin =
        PARSERS.stream(
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>\u00e9</a>"
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(latin.utf8()).isFalse();
    assertThat(stream("<a xmlns:x='relative'><x:b/></a>").digest()).isNull();
  }

  @Example
  void theSkeleton_holdsTheSignaturesAndWhatHoldsThem_only() throws Exception {
    StreamedXml pass =
        stream(
            "<r xmlns='urn:r' a='1'><body>text<x/></body><w xml:lang='vi'><ds:Signature"
                + " xmlns:ds='"
                + DS
                + "' Id='s'><!-- c --><ds:SignedInfo/></ds:Signature></w><tail/></r>");
    Element root = pass.skeleton().getDocumentElement();
    assertThat(root.getAttribute("a")).isEqualTo("1");
    assertThat(root.getChildNodes().getLength()).isEqualTo(1);
    Element w = (Element) root.getFirstChild();
    assertThat(w.getLocalName()).isEqualTo("w");
    assertThat(StreamedXml.ordinal(w)).isEqualTo(3);
    Element sig = (Element) w.getFirstChild();
    assertThat(sig.getNamespaceURI()).isEqualTo(DS);
    assertThat(sig.getChildNodes().getLength()).isEqualTo(2);
    assertThat(StreamedXml.isSkeleton(pass.skeleton())).isTrue();
  }

  private static StreamedXml stream(String xml) throws Exception {
    return PARSERS.stream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] c14n(Element e) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS).canonicalizeSubtree(e, out);
    return out.toByteArray();
  }

  /** The verifier's rule on the DOM: an Id, ID or id attribute (by local name) value repeats. */
  private static boolean repeatsAnId(Document doc) {
    Set<String> seen = new HashSet<>();
    List<Boolean> repeated = new ArrayList<>(List.of(false));
    Xades.forEachElement(
        doc,
        e -> {
          NamedNodeMap attrs = e.getAttributes();
          for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if ((local.equals("Id") || local.equals("ID") || local.equals("id"))
                && !seen.add(a.getValue())) {
              repeated.set(0, true);
            }
          }
        });
    return repeated.get(0);
  }
}
