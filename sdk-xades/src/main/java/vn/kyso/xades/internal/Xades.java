package vn.kyso.xades.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;
import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.Constants;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;

/** XAdES names, algorithm URIs and small helpers shared by signing and verification. */
public final class Xades {
  /** The XAdES 1.3.2 namespace. */
  public static final String NS = "http://uri.etsi.org/01903/v1.3.2#";

  /** The XML-DSig namespace. */
  public static final String DS = Constants.SignatureSpecNS;

  /** The Type of the reference to SignedProperties. */
  public static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";

  /** The reference type of a counter-signature's reference to its parent's SignatureValue. */
  public static final String COUNTERSIGNED_SIGNATURE_TYPE =
      "http://uri.etsi.org/01903#CountersignedSignature";

  /** The XPath Filter 2.0 expression that takes every signature out of an enveloped reference. */
  public static final String SIGNATURES_XPATH = "/descendant::ds:Signature";

  /** Exclusive canonicalisation without comments. */
  public static final String EXC_C14N = Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS;

  private Xades() {}

  /** Registers Santuario's algorithms once (Santuario's own, idempotent initialisation). */
  public static void init() {
    if (!Init.isInitialized()) {
      Init.init();
    }
  }

  /**
   * Returns the XML-DSig signature method URI.
   *
   * @param a the algorithm
   * @return the URI
   */
  public static String signatureUri(SignatureAlgorithm a) {
    return switch (a) {
      case RSA_SHA256 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
      case RSA_SHA384 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384;
      case RSA_SHA512 -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512;
      case ECDSA_SHA256 -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
      case ECDSA_SHA384 -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384;
      case ECDSA_SHA512 -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512;
      default -> throw new IllegalArgumentException(a + " is not offered for XML signatures yet");
    };
  }

  /**
   * Returns the digest method URI.
   *
   * @param d the digest
   * @return the URI
   */
  public static String digestUri(DigestAlgorithm d) {
    return switch (d) {
      case SHA256 -> "http://www.w3.org/2001/04/xmlenc#sha256";
      case SHA384 -> "http://www.w3.org/2001/04/xmldsig-more#sha384";
      case SHA512 -> "http://www.w3.org/2001/04/xmlenc#sha512";
      default -> "http://www.w3.org/2000/09/xmldsig#sha1";
    };
  }

  /**
   * Finds the digest algorithm of a URI.
   *
   * @param uri the URI
   * @return the algorithm, or null
   */
  public static DigestAlgorithm digestOf(String uri) {
    for (DigestAlgorithm d : DigestAlgorithm.values()) {
      if (digestUri(d).equals(uri)) {
        return d;
      }
    }
    return null;
  }

  /**
   * Canonicalises an element with exclusive c14n.
   *
   * @param element the element
   * @return the octets
   */
  public static byte[] c14n(Node element, String algorithm) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Canonicalizer.getInstance(algorithm).canonicalizeSubtree(element, out);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException("cannot canonicalise", e);
    }
  }

  /**
   * Returns the DER IssuerSerial (RFC 5035) of a certificate, as IssuerSerialV2 carries it.
   *
   * @param c the certificate
   * @return the DER bytes
   */
  public static byte[] issuerSerial(X509Certificate c) {
    try {
      return new IssuerSerial(
              new GeneralNames(
                  new GeneralName(X500Name.getInstance(c.getIssuerX500Principal().getEncoded()))),
              c.getSerialNumber())
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Converts a DER ECDSA signature to the r||s form XML-DSig uses.
   *
   * @param der the DER SEQUENCE {r, s}
   * @param fieldBytes the size of r and s in bytes
   * @return r||s
   */
  public static byte[] ecdsaRaw(byte[] der, int fieldBytes) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    byte[] out = new byte[2 * fieldBytes];
    put(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), out, 0, fieldBytes);
    put(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), out, fieldBytes, fieldBytes);
    return out;
  }

  private static void put(BigInteger v, byte[] out, int offset, int len) {
    byte[] b = v.toByteArray();
    int start = Math.max(0, b.length - len);
    System.arraycopy(b, start, out, offset + len - (b.length - start), b.length - start);
  }

  /**
   * Creates an element in the XAdES namespace with the {@code xades} prefix.
   *
   * @param doc the document
   * @param name the local name
   * @return the element
   */
  public static Element x(Document doc, String name) {
    return doc.createElementNS(NS, "xades:" + name);
  }

  /**
   * Creates an element in the XML-DSig namespace with the {@code ds} prefix.
   *
   * @param doc the document
   * @param name the local name
   * @return the element
   */
  public static Element ds(Document doc, String name) {
    return doc.createElementNS(DS, "ds:" + name);
  }

  /**
   * The one element child of {@code parent}, when it has exactly one and it has this name.
   *
   * @param parent the element
   * @param ns the child's namespace
   * @param local the child's local name
   * @return the child, or null
   */
  public static Element onlyChild(Element parent, String ns, String local) {
    Element found = null;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (found != null) {
          return null;
        }
        found = e;
      }
    }
    return found != null && ns.equals(found.getNamespaceURI()) && local.equals(found.getLocalName())
        ? found
        : null;
  }

  /**
   * The prefix a namespace declaration binds: empty for {@code xmlns="..."}.
   *
   * @param declaration an attribute in the {@code xmlns} namespace
   * @return the prefix
   */
  public static String declaredPrefix(Attr declaration) {
    return "xmlns".equals(declaration.getLocalName()) ? "" : declaration.getLocalName();
  }

  /**
   * Visits every element of a document in document order (the order of {@code
   * getElementsByTagName("*")}), without recursion and without building a node list.
   *
   * @param doc the document
   * @param visitor called once per element
   */
  public static void forEachElement(Document doc, Consumer<Element> visitor) {
    Node root = doc.getDocumentElement();
    Node n = root;
    while (n != null) {
      visitor.accept((Element) n);
      Node next = firstElement(n.getFirstChild());
      while (next == null && n != root) {
        next = firstElement(n.getNextSibling());
        if (next == null) {
          n = n.getParentNode();
        }
      }
      n = next;
    }
  }

  private static Node firstElement(Node n) {
    while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
      n = n.getNextSibling();
    }
    return n;
  }

  /**
   * Base64 without line breaks.
   *
   * @param b bytes
   * @return text
   */
  public static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static byte[] copy(byte[] b) {
    return Arrays.copyOf(b, b.length);
  }
}
