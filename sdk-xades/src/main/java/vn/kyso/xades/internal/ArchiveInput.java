package vn.kyso.xades.internal;

import java.io.ByteArrayOutputStream;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kyso.api.shared.SafeXml;

/**
 * The octets an ArchiveTimeStamp covers (ETSI EN 319 132-1, 5.5.2, not distributed): every
 * reference's data after its transforms, then SignedInfo, SignatureValue and KeyInfo, then each
 * unsigned signature property before the time-stamp, then the ds:Object elements other than the one
 * holding the QualifyingProperties, each canonicalised.
 */
public final class ArchiveInput {
  /** The XAdES 1.4.1 namespace of ArchiveTimeStamp. */
  public static final String NS141 = "http://uri.etsi.org/01903/v1.4.1#";

  private ArchiveInput() {}

  /**
   * Computes the input.
   *
   * @param sig the signature, with its references already verified or digested
   * @param usp the UnsignedSignatureProperties
   * @param upTo the ArchiveTimeStamp being computed (properties from it on are left out), or null
   * @param c14n the canonicalisation algorithm
   * @return the octets
   * @throws Exception when a reference cannot be processed
   */
  public static byte[] compute(XMLSignature sig, Element usp, Element upTo, String c14n)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignedInfo si = sig.getSignedInfo();
    for (int i = 0; i < si.getLength(); i++) {
      XMLSignatureInput in = si.item(i).getContentsAfterTransformation();
      out.write(in.getBytes());
    }
    Element sigEl = sig.getElement();
    for (String name : new String[] {"SignedInfo", "SignatureValue", "KeyInfo"}) {
      Element e = SafeXml.child(sigEl, Xades.DS, name);
      if (e != null) {
        out.write(Xades.c14n(e, c14n));
      }
    }
    for (Node n = usp.getFirstChild(); n != null && n != upTo; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.write(Xades.c14n(e, c14n));
      }
    }
    for (Node n = sigEl.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && Xades.DS.equals(e.getNamespaceURI())
          && "Object".equals(e.getLocalName())
          && e.getElementsByTagNameNS(Xades.NS, "QualifyingProperties").getLength() == 0) {
        out.write(Xades.c14n(e, c14n));
      }
    }
    return out.toByteArray();
  }
}
