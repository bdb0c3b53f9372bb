package vn.kyso.xades;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.Init;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestCredential;
import vn.kyso.xades.internal.SecureXml;
import vn.kyso.xades.internal.Xades;

/**
 * Plain XML-DSig signatures as other tools write them, made with Santuario directly: an enveloped
 * signature inside a one-field record, by {@code #Id} or over the whole document, with the signer's
 * certificate chain or a bare key.
 */
final class OtherToolXml {
  /** The transforms a signature applies before exclusive canonicalisation. */
  @FunctionalInterface
  interface Chain {
    void add(Transforms t, Document doc) throws Exception;
  }

  static final Chain ENVELOPED =
      (t, doc) -> t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);

  private OtherToolXml() {}

  /**
   * Signs {@code <root [Id=id]><field>value</field><ds:Signature/></root>}.
   *
   * @param id the record's Id, referenced as {@code #id}; null for a whole-document reference
   */
  static Document sign(
      TestCredential signer,
      String root,
      String field,
      String value,
      String id,
      Chain chain,
      boolean bareKey)
      throws Exception {
    Init.init();
    Document doc = SecureXml.newDocument();
    Element record = doc.createElementNS(null, root);
    if (id != null) {
      record.setAttributeNS(null, "Id", id);
      record.setIdAttributeNS(null, "Id", true);
    }
    Element content = doc.createElementNS(null, field);
    content.setTextContent(value);
    record.appendChild(content);
    doc.appendChild(record);
    XMLSignature sig =
        new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Xades.EXC_C14N);
    record.appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    chain.add(t, doc);
    t.addTransform(Xades.EXC_C14N);
    sig.addDocument(id == null ? "" : "#" + id, t, "http://www.w3.org/2001/04/xmlenc#sha256");
    if (bareKey) {
      sig.addKeyInfo(signer.certificate().getPublicKey());
    } else {
      X509Data data = new X509Data(doc);
      for (X509Certificate c : signer.chain()) {
        data.addCertificate(c);
      }
      sig.getKeyInfo().add(data);
    }
    sig.sign(signer.privateKey());
    return doc;
  }

  /** Writes a document as a file and verifies its first signature. */
  static SignatureResult verify(Document doc, Path dir, XmlVerifier verifier) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SecureXml.serializer().transform(new DOMSource(doc), new StreamResult(out));
    Path file = Files.write(dir.resolve("case.xml"), out.toByteArray());
    return verifier.verify(file, Map.of()).report().signatures().get(0);
  }
}
