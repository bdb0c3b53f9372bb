package vn.kyso.asic.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.shared.SafeXml;

/**
 * The ASiCManifest of an ASiC-E container with CAdES signatures (ETSI EN 319 162-1, A.4): the
 * signature it belongs to and the data objects, each with its digest, that the signature covers by
 * signing the manifest.
 *
 * @param signature the URI of the signature that signs this manifest
 * @param references the data objects
 */
public record Manifest(String signature, List<Reference> references) {
  /** The ASiC namespace. */
  public static final String NS = "http://uri.etsi.org/02918/v1.2.1#";

  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  /**
   * A data object reference.
   *
   * @param uri the entry name
   * @param mimeType its media type, or empty
   * @param digest the digest algorithm, or null when unknown
   * @param value the digest value
   */
  public record Reference(String uri, String mimeType, DigestAlgorithm digest, byte[] value) {}

  /**
   * Writes the manifest.
   *
   * @return the UTF-8 XML
   */
  public byte[] toXml() {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>")
        .append("<asic:ASiCManifest xmlns:asic=\"")
        .append(NS)
        .append("\" xmlns:ds=\"")
        .append(DS)
        .append("\">")
        .append("<asic:SigReference MimeType=\"application/x-pkcs7-signature\" URI=\"")
        .append(SafeXml.escape(signature))
        .append("\"/>");
    for (Reference r : references) {
      b.append("<asic:DataObjectReference MimeType=\"")
          .append(SafeXml.escape(r.mimeType()))
          .append("\" URI=\"")
          .append(SafeXml.escape(r.uri()))
          .append("\"><ds:DigestMethod Algorithm=\"")
          .append(uri(r.digest()))
          .append("\"/><ds:DigestValue>")
          .append(Base64.getEncoder().encodeToString(r.value()))
          .append("</ds:DigestValue></asic:DataObjectReference>");
    }
    b.append("</asic:ASiCManifest>");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a manifest.
   *
   * @param xml its bytes
   * @return the manifest
   * @throws IOException when it is not an ASiCManifest
   */
  public static Manifest parse(byte[] xml) throws IOException {
    Document d = SafeXml.parse(xml);
    Element root = d.getDocumentElement();
    if (!NS.equals(root.getNamespaceURI()) || !"ASiCManifest".equals(root.getLocalName())) {
      throw new IOException("not an ASiCManifest");
    }
    String sig = null;
    List<Reference> refs = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e) || !NS.equals(e.getNamespaceURI())) {
        continue;
      }
      if ("SigReference".equals(e.getLocalName())) {
        if (sig != null) {
          throw new IOException("more than one SigReference");
        }
        sig = e.getAttribute("URI");
      } else if ("DataObjectReference".equals(e.getLocalName())) {
        String method = child(e, "DigestMethod").map(m -> m.getAttribute("Algorithm")).orElse("");
        String value = child(e, "DigestValue").map(Node::getTextContent).orElse("").trim();
        byte[] v;
        try {
          v = Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException x) {
          throw new IOException("a DigestValue is not base64");
        }
        refs.add(
            new Reference(e.getAttribute("URI"), e.getAttribute("MimeType"), algorithm(method), v));
      }
    }
    if (sig == null || sig.isEmpty()) {
      throw new IOException("no SigReference");
    }
    return new Manifest(sig, refs);
  }

  private static Optional<Element> child(Element e, String local) {
    NodeList l = e.getElementsByTagNameNS(DS, local);
    return l.getLength() == 0 ? Optional.empty() : Optional.of((Element) l.item(0));
  }

  /**
   * The XML digest algorithm URI.
   *
   * @param d the algorithm
   * @return its URI
   */
  public static String uri(DigestAlgorithm d) {
    return switch (d) {
      case SHA1 -> "http://www.w3.org/2000/09/xmldsig#sha1";
      case SHA384 -> "http://www.w3.org/2001/04/xmldsig-more#sha384";
      case SHA512 -> "http://www.w3.org/2001/04/xmlenc#sha512";
      default -> "http://www.w3.org/2001/04/xmlenc#sha256";
    };
  }

  private static DigestAlgorithm algorithm(String uri) {
    for (DigestAlgorithm d : DigestAlgorithm.values()) {
      if (uri(d).equals(uri)) {
        return d;
      }
    }
    return null;
  }
}
