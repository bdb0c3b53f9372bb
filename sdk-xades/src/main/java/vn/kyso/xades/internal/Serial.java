package vn.kyso.xades.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;

/** Serialises a DOM to bytes (for the two-phase state). */
public final class Serial {
  private Serial() {}

  /**
   * Serialises a document with its declared encoding and a declaration.
   *
   * @param doc the document
   * @return the bytes
   */
  public static byte[] bytes(Document doc) {
    try {
      Transformer t = SecureXml.serializer();
      t.setOutputProperty(
          OutputKeys.ENCODING,
          doc.getXmlEncoding() == null ? StandardCharsets.UTF_8.name() : doc.getXmlEncoding());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialise the document", e);
    }
  }
}
