package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatSignature;

import java.nio.file.Path;
import org.apache.xml.security.Init;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPath2FilterContainer;
import org.apache.xml.security.transforms.params.XPathContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.internal.SecureXml;

/**
 * What an XML verdict means: plain XML-DSig is not a pass unless accepted and reported; a bare-key
 * signature is still checked; a transform or Manifest refused by design is INDETERMINATE (not shown
 * to be bad); XPath Filter 2.0 written by other producers in a bounded form verifies.
 */
class XmlVerdictTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(41).build();

  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  private static Document signed(OtherToolXml.Chain chain, boolean bareKey) throws Exception {
    return OtherToolXml.sign(
        PKI.pki().credential(TestIdentity.CHAIRMAN),
        "HoaDon",
        "TongTien",
        "1250000",
        null,
        chain,
        bareKey);
  }

  private static OtherToolXml.Chain enveloped() {
    return OtherToolXml.ENVELOPED;
  }

  private static SignatureResult verify(Document doc, Path dir, XmlVerifier verifier)
      throws Exception {
    return OtherToolXml.verify(doc, dir, verifier);
  }

  private static XmlVerifier strict() {
    return XmlVerifier.builder(PKI.verifier()).build();
  }

  private static XmlVerifier acceptingXmlDsig() {
    return XmlVerifier.builder(PKI.verifier()).acceptPlainXmlDsig().build();
  }

  @Test
  void plainXmlDsig_isIndeterminateByDefault_andAcceptedOnlyExplicitly(@TempDir Path dir)
      throws Exception {
    Document doc = signed(enveloped(), false);

    assertThatSignature(verify(doc, dir, strict()))
        .isIndeterminate()
        .hasSubIndication(SubIndication.SIG_CONSTRAINTS_FAILURE)
        .hasFinding("XML_PLAIN_XMLDSIG");
    assertThatSignature(verify(doc, dir, acceptingXmlDsig()))
        .isTotalPassed()
        .hasFinding("XML_PLAIN_XMLDSIG_ACCEPTED");
  }

  @Test
  void bareKeyValue_isStillChecked_aBadValueFails(@TempDir Path dir) throws Exception {
    Document good = signed(enveloped(), true);
    assertThatSignature(verify(good, dir, acceptingXmlDsig()))
        .isIndeterminate()
        .hasSubIndication(SubIndication.NO_SIGNING_CERTIFICATE_FOUND);

    Document bad = signed(enveloped(), true);
    Element value = (Element) bad.getElementsByTagNameNS(DS, "SignatureValue").item(0);
    String b64 = value.getTextContent().strip();
    value.setTextContent((b64.charAt(0) == 'A' ? "B" : "A") + b64.substring(1));
    assertThatSignature(verify(bad, dir, acceptingXmlDsig()))
        .isTotalFailed()
        .hasSubIndication(SubIndication.SIG_CRYPTO_FAILURE);
  }

  @Test
  void xpath10Transform_isNotRun_andTheVerdictIsIndeterminate(@TempDir Path dir) throws Exception {
    Document doc =
        signed(
            (t, d) -> {
              XPathContainer xp = new XPathContainer(d);
              xp.setXPathNamespaceContext("ds", DS);
              xp.setXPath("not(ancestor-or-self::ds:Signature)");
              t.addTransform(Transforms.TRANSFORM_XPATH, xp.getElementPlusReturns());
            },
            false);

    assertThatSignature(verify(doc, dir, acceptingXmlDsig()))
        .isIndeterminate()
        .hasSubIndication(SubIndication.SIG_CONSTRAINTS_FAILURE)
        .hasFinding("XML_TRANSFORM_NOT_SUPPORTED");
  }

  @Test
  void xpathFilter2_fromAnotherProducer_inABoundedForm_verifies(@TempDir Path dir)
      throws Exception {
    Document doc =
        signed(
            (t, d) -> {
              Element f =
                  XPath2FilterContainer.newInstanceSubtract(d, "//ds:Signature").getElement();
              f.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", DS);
              t.addTransform(Transforms.TRANSFORM_XPATH2FILTER, f);
            },
            false);

    assertThatSignature(verify(doc, dir, acceptingXmlDsig())).isTotalPassed();
  }

  @Test
  void xpathFilter2_withAnUnboundedExpression_isNotRun(@TempDir Path dir) throws Exception {
    Document doc =
        signed(
            (t, d) -> {
              t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
              Element f =
                  XPath2FilterContainer.newInstanceIntersect(
                          d, "//*[string-length(normalize-space(.)) > count(//*)]")
                      .getElement();
              t.addTransform(Transforms.TRANSFORM_XPATH2FILTER, f);
            },
            false);

    assertThatSignature(verify(doc, dir, acceptingXmlDsig()))
        .isIndeterminate()
        .hasFinding("XML_TRANSFORM_NOT_SUPPORTED");
  }

  @Test
  void boundedXPathForms_areRecognised() throws Exception {
    Init.init();
    Document d = SecureXml.newDocument();
    for (String ok :
        new String[] {
          "/descendant::ds:Signature",
          "//ds:Signature",
          "/descendant-or-self::node()/child::ds:Signature[1]",
          "/",
          "/HoSo/NoiDung | //ds:Signature"
        }) {
      assertThat(XmlVerifier.safeXPathFilter2(filter(d, ok))).as(ok).isTrue();
    }
    for (String bad :
        new String[] {
          "//*[text()='x']",
          "here()/ancestor::ds:Signature[1]",
          "count(//*)",
          "$v",
          "//a[position() < last()]",
          "document('http://127.0.0.1:1/x')"
        }) {
      assertThat(XmlVerifier.safeXPathFilter2(filter(d, bad))).as(bad).isFalse();
    }
  }

  @Test
  void manifestReference_isNotRun_andTheVerdictIsIndeterminate(@TempDir Path dir) throws Exception {
    Document doc = signed(enveloped(), false);
    Element ref = (Element) doc.getElementsByTagNameNS(DS, "Reference").item(0);
    ref.setAttributeNS(null, "Type", DS + "Manifest");

    assertThatSignature(verify(doc, dir, acceptingXmlDsig()))
        .isIndeterminate()
        .hasFinding("XML_MANIFEST_NOT_SUPPORTED");
  }

  private static Element filter(Document d, String xpath) {
    Element t = d.createElementNS(DS, "ds:Transform");
    t.setAttributeNS(null, "Algorithm", Transforms.TRANSFORM_XPATH2FILTER);
    t.appendChild(XPath2FilterContainer.newInstanceSubtract(d, xpath).getElement());
    return t;
  }
}
