package vn.kyso.xades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPath2FilterContainer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.kyso.xades.GeneratedXml;

/**
 * The one-walk digest of whole-document enveloped references against Santuario's own reference
 * processing, on generated documents: namespaces declared, re-declared and undeclared ({@code
 * xmlns=""}) at random depths, prefixed and {@code xml:} attributes, text and attribute values with
 * every character canonical XML escapes, CDATA, comments and processing instructions inside and
 * around the document element, other signatures here and there. For both transform chains it
 * handles, its digest is Santuario's; for a chain it does not handle, it declines.
 */
class EnvelopedDigestProperties {
  // Also: a #id reference to a random element, digested by CoreValidation's fragment path.
  private static final String DS = Xades.DS;

  @Property(tries = 300)
  void digest_isSantuarios_forBothChains(@ForAll long seed, @ForAll boolean everySignature)
      throws Exception {
    Xades.init();
    Random r = new Random(seed);
    Document doc = SecureXml.parse(GeneratedXml.document(r, true).getBytes(StandardCharsets.UTF_8));
    List<Element> elements = new ArrayList<>();
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (!insideSignature(e)) {
        elements.add(e);
      }
    }
    Element parent = elements.get(r.nextInt(elements.size()));
    XMLSignature sig = signature(doc, parent, everySignature);
    Reference ref = sig.getSignedInfo().item(0);

    ref.generateDigestValue();
    byte[] santuario = ref.getDigestValue();
    byte[] own = EnvelopedDigest.digest(ref.getElement(), sig.getElement(), null);

    Element target = elements.get(r.nextInt(elements.size()));
    target.setAttributeNS(null, "Id", "frag-1");
    target.setIdAttributeNS(null, "Id", true);
    Transforms exc = new Transforms(doc);
    exc.addTransform(Xades.EXC_C14N);
    sig.addDocument("#frag-1", exc, Xades.digestUri(vn.kyso.api.DigestAlgorithm.SHA256));
    Reference byId = sig.getSignedInfo().item(1);
    // Before Santuario fills the DigestValue in: the element may hold the signature.
    byte[] ownById = CoreValidation.fragmentDigest(byId.getElement());
    byId.generateDigestValue();
    assertThat(ownById).as("#id digest").isEqualTo(byId.getDigestValue());
    assertThat(own)
        .as("digest of\n%s", new String(Serial.bytes(doc), StandardCharsets.UTF_8))
        .isEqualTo(santuario);
  }

  @Example
  void declines_chainsItDoesNotHandle() throws Exception {
    Xades.init();
    Document doc = SecureXml.parse("<a xmlns='urn:a'><b/></a>".getBytes(StandardCharsets.UTF_8));
    // Inclusive canonicalisation instead of exclusive.
    assertThat(digestOf(enveloped(doc, Transforms.TRANSFORM_C14N_OMIT_COMMENTS))).isNull();
    // A same-document fragment, not the whole document.
    XMLSignature byId = signature(doc, doc.getDocumentElement(), true);
    byId.getSignedInfo().item(0).getElement().setAttributeNS(null, "URI", "#x");
    assertThat(digestOf(byId)).isNull();
    // Comments kept.
    assertThat(digestOf(enveloped(doc, Transforms.TRANSFORM_C14N_EXCL_WITH_COMMENTS))).isNull();
    // Another XPath expression in the filter.
    Element filter = XPath2FilterContainer.newInstanceSubtract(doc, "//b").getElement();
    assertThat(digestOf(enveloped(doc, filter, Xades.EXC_C14N))).isNull();
  }

  /** A signature in the document element over URI="": enveloped, then the given transforms. */
  private static XMLSignature enveloped(Document doc, Object... transforms) throws Exception {
    XMLSignature sig = new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
    doc.getDocumentElement().appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    for (Object transform : transforms) {
      if (transform instanceof Element filter) {
        t.addTransform(Transforms.TRANSFORM_XPATH2FILTER, filter);
      } else {
        t.addTransform((String) transform);
      }
    }
    sig.addDocument("", t, Xades.digestUri(vn.kyso.api.DigestAlgorithm.SHA256));
    return sig;
  }

  @Example
  void declines_relativeNamespaceUris() throws Exception {
    Xades.init();
    Document doc =
        SecureXml.parse("<a xmlns:x='relative'><x:b/></a>".getBytes(StandardCharsets.UTF_8));
    assertThat(digestOf(signature(doc, doc.getDocumentElement(), true))).isNull();
  }

  private static byte[] digestOf(XMLSignature sig) throws Exception {
    return EnvelopedDigest.digest(sig.getSignedInfo().item(0).getElement(), sig.getElement(), null);
  }

  private static XMLSignature signature(Document doc, Element parent, boolean everySignature)
      throws Exception {
    XMLSignature sig =
        new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Xades.EXC_C14N);
    parent.appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    if (everySignature) {
      Element filter =
          XPath2FilterContainer.newInstanceSubtract(doc, Xades.SIGNATURES_XPATH).getElement();
      filter.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DS);
      t.addTransform(Transforms.TRANSFORM_XPATH2FILTER, filter);
    }
    t.addTransform(Xades.EXC_C14N);
    sig.addDocument("", t, Xades.digestUri(vn.kyso.api.DigestAlgorithm.SHA256));
    return sig;
  }

  private static boolean insideSignature(Element e) {
    for (org.w3c.dom.Node n = e; n instanceof Element; n = n.getParentNode()) {
      if (DS.equals(n.getNamespaceURI()) && "Signature".equals(n.getLocalName())) {
        return true;
      }
    }
    return false;
  }
}
