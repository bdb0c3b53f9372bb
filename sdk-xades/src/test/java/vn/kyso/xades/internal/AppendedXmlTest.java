package vn.kyso.xades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AppendedXmlTest {
  private static final String DS = Xades.DS;

  private static Document parse(String xml) throws Exception {
    return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String splice(String xml, Document doc, Element appended) {
    byte[] out = AppendedXml.splice(xml.getBytes(StandardCharsets.UTF_8), doc, appended);
    return out == null ? null : new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void writesTheElementBeforeTheEndTag_declaringWhatTheScopeLacks() throws Exception {
    String xml =
        "<?xml version='1.0'?>\n<r xmlns='urn:r' a = \"&#9;x\" ><b>1 &amp; 2</b>\n</r  >\n";
    Document doc = parse(xml);
    Element sig = doc.createElementNS(DS, "ds:Signature");
    Element plain = doc.createElementNS(null, "plain");
    plain.setAttributeNS(null, "v", "a\"<&\t\n\r");
    plain.setTextContent("x < y & z > w\r");
    sig.appendChild(plain);
    Element xades = doc.createElementNS("urn:x", "x:Q");
    xades.setAttributeNS("urn:y", "y:t", "1");
    sig.appendChild(xades);
    doc.getDocumentElement().appendChild(sig);

    String out = splice(xml, doc, sig);

    assertThat(out)
        .isEqualTo(
            "<?xml version='1.0'?>\n<r xmlns='urn:r' a = \"&#9;x\" ><b>1 &amp; 2</b>\n"
                + "<ds:Signature xmlns:ds=\""
                + DS
                + "\"><plain xmlns=\"\" v=\"a&quot;&lt;&amp;&#9;&#10;&#13;\">"
                + "x &lt; y &amp; z &gt; w&#13;</plain>"
                + "<x:Q xmlns:x=\"urn:x\" xmlns:y=\"urn:y\" y:t=\"1\"/></ds:Signature></r  >\n");
    Document back = parse(out);
    Element p = (Element) back.getElementsByTagName("plain").item(0);
    assertThat(p.getNamespaceURI()).isNull();
    assertThat(p.getAttribute("v")).isEqualTo("a\"<&\t\n\r");
    assertThat(p.getTextContent()).isEqualTo("x < y & z > w\r");
  }

  @Test
  void declines_whenTheInputDoesNotEndWithTheDocumentElementsEndTag() throws Exception {
    for (String xml :
        new String[] {
          "<r/>", "<r></r><!-- after -->", "<r></r><?pi?>", "<r></r>\n<!-- </r> -->",
        }) {
      Document doc = parse(xml);
      Element sig = doc.createElementNS(DS, "ds:Signature");
      doc.getDocumentElement().appendChild(sig);
      assertThat(splice(xml, doc, sig)).as(xml).isNull();
    }
  }

  @Test
  void declines_anotherParentOrEncoding() throws Exception {
    String xml = "<r><c></c></r>";
    Document doc = parse(xml);
    Element sig = doc.createElementNS(DS, "ds:Signature");
    doc.getDocumentElement().getFirstChild().appendChild(sig);
    assertThat(splice(xml, doc, sig)).isNull();

    String latin = "<?xml version='1.0' encoding='ISO-8859-1'?><r>\u00e9</r>";
    byte[] bytes = latin.getBytes(StandardCharsets.ISO_8859_1);
    Document doc2 = SecureXml.parse(bytes);
    Element sig2 = doc2.createElementNS(DS, "ds:Signature");
    doc2.getDocumentElement().appendChild(sig2);
    assertThat(AppendedXml.splice(bytes, doc2, sig2)).isNull();
  }
}
