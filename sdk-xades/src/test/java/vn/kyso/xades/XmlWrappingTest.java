package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.internal.SecureXml;
import vn.kyso.xades.internal.Xades;

/**
 * Signature wrapping without duplicate Ids (SECURITY.md): each case starts from a genuinely signed
 * document and only moves nodes, so every digest and signature value still verifies; the verdict
 * must still not pass, with a named finding. The genuine document and the case where the caller
 * names the element it reads pass.
 */
class XmlWrappingTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(37).build();

  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  /** The #Id documents are plain XML-DSig (as other tools write them): accepted explicitly. */
  private static XmlVerifier verifier() {
    return XmlVerifier.builder(PKI.verifier()).acceptPlainXmlDsig().build();
  }

  /**
   * A record signed by another tool's usual form: an enveloped XML-DSig signature inside the signed
   * element, referencing it by {@code #hs1}, with the signer's certificate chain.
   */
  static Document signedById() throws Exception {
    return signedById(PKI.pki().credential(TestIdentity.CHAIRMAN));
  }

  /** The same, signed by a given credential (for tests without the extension). */
  static Document signedById(TestCredential signer) throws Exception {
    return OtherToolXml.sign(
        signer, "HoSo", "SoTien", "1000000", "hs1", OtherToolXml.ENVELOPED, false);
  }

  /** A document Kyso signs (B-B). */
  private static Document kysoSigned(Path dir, Path in, XadesPackaging packaging) throws Exception {
    Path out = dir.resolve("kyso-signed.xml");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      XmlSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_B, packaging).build(),
              token.keys().get(0));
    }
    return SecureXml.parse(Files.readAllBytes(out));
  }

  /** A Kyso enveloping signature (its content in its own ds:Object). */
  private static Document signedEnveloping(Path dir) throws Exception {
    Path in = Files.writeString(dir.resolve("cong-van.txt"), "Công văn số 12/UBND-VP");
    return kysoSigned(dir, in, XadesPackaging.ENVELOPING);
  }

  private static SignatureResult verify(Document doc, Path dir, XmlVerifier verifier)
      throws Exception {
    return OtherToolXml.verify(doc, dir, verifier);
  }

  private static Element signature(Document doc) {
    return (Element) doc.getElementsByTagNameNS(DS, "Signature").item(0);
  }

  /** Replaces the document element by a new unsigned one that holds {@code keep}. */
  private static Element newRoot(Document doc, String name) {
    Element old = doc.getDocumentElement();
    Element root = doc.createElementNS(null, name);
    doc.replaceChild(root, old);
    return root;
  }

  private static Element evilPayload(Document doc) {
    Element evil = doc.createElementNS(null, "SoTien");
    evil.setTextContent("999999999");
    return evil;
  }

  private static void assertUnbound(SignatureResult s) {
    assertThat(s.indication()).as(s.findings().toString()).isNotEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.findings()).anyMatch(f -> f.code().equals("XML_SIGNED_ELEMENT_NOT_BOUND"));
  }

  @Test
  void genuine_signedByIdOfTheDocumentElement_passes(@TempDir Path dir) throws Exception {
    SignatureResult s = verify(signedById(), dir, verifier());

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void signedElementMovedBelowANewUnsignedDocumentElement_isNotBound(@TempDir Path dir)
      throws Exception {
    Document doc = signedById();
    Element record = doc.getDocumentElement();
    Element root = newRoot(doc, "HoSoGia");
    root.appendChild(record);
    root.appendChild(evilPayload(doc));

    assertUnbound(verify(doc, dir, verifier()));
    // The host that reads exactly that element says so, by Id or by path, and then the signature
    // binds to it; a path to another element does not.
    for (String named : new String[] {"hs1", "/HoSoGia/HoSo"}) {
      SignatureResult s =
          verify(
              doc,
              dir,
              XmlVerifier.builder(PKI.verifier())
                  .acceptPlainXmlDsig()
                  .signedElement(named)
                  .build());
      assertThat(s.indication()).as(named + ": " + s.findings()).isEqualTo(Indication.TOTAL_PASSED);
    }
    assertUnbound(
        verify(
            doc,
            dir,
            XmlVerifier.builder(PKI.verifier())
                .acceptPlainXmlDsig()
                .signedElement("/HoSoGia/SoTien")
                .build()));
  }

  @Test
  void signatureAtAnUnsignedRoot_withTheSignedElementHiddenInItsOwnObject_isNotBound(
      @TempDir Path dir) throws Exception {
    Document doc = signedById();
    Element record = doc.getDocumentElement();
    Element sig = signature(doc);
    record.removeChild(sig);
    Element root = newRoot(doc, "HoSo");
    root.appendChild(evilPayload(doc));
    root.appendChild(sig);
    Element object = doc.createElementNS(DS, "ds:Object");
    object.appendChild(record);
    sig.appendChild(object);

    assertUnbound(verify(doc, dir, verifier()));
  }

  @Test
  void signedElementHiddenInAnExtensionElement_isNotBound(@TempDir Path dir) throws Exception {
    Document doc = signedById();
    Element record = doc.getDocumentElement();
    Element root = newRoot(doc, "HoSo");
    Element extensions = doc.createElementNS(null, "Extensions");
    extensions.appendChild(record);
    root.appendChild(extensions);
    root.appendChild(evilPayload(doc));

    assertUnbound(verify(doc, dir, verifier()));
  }

  @Test
  void envelopingObjectSwapped_theSignedOneKeptElsewhere_isNotBound(@TempDir Path dir)
      throws Exception {
    Document doc = signedEnveloping(dir);
    Element sig = doc.getDocumentElement();
    Element signedObject = null;
    for (Node n = sig.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && "Object".equals(e.getLocalName())
          && e.getAttribute("Id").startsWith("xades-obj-")) {
        signedObject = e;
      }
    }
    assertThat(signedObject).isNotNull();
    // The signed object goes into another signature's Object elsewhere; an evil one takes its
    // place in this signature.
    Element root = newRoot(doc, "GoiTin");
    Element other = doc.createElementNS(DS, "ds:Signature");
    Element otherObject = doc.createElementNS(DS, "ds:Object");
    sig.removeChild(signedObject);
    otherObject.appendChild(signedObject);
    other.appendChild(otherObject);
    Element evil = doc.createElementNS(DS, "ds:Object");
    evil.setTextContent("Q8O0bmcgdsSDbiBnaeG6oyBt4bqhbw==");
    sig.appendChild(evil);
    root.appendChild(sig);
    root.appendChild(other);

    SignatureResult s = verify(doc, dir, verifier());

    assertUnbound(s);
  }

  @Test
  void duplicatedQualifyingProperties_withoutIds_areNotRead(@TempDir Path dir) throws Exception {
    Path in =
        Files.writeString(
            dir.resolve("ho-so.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><Ten>Hồ sơ</Ten></HoSo>\n",
            StandardCharsets.UTF_8);
    Document doc = kysoSigned(dir, in, XadesPackaging.ENVELOPED);
    Element sig = signature(doc);
    String xades = "http://uri.etsi.org/01903/v1.3.2#";
    Element qp = (Element) doc.getElementsByTagNameNS(xades, "QualifyingProperties").item(0);
    // An evil copy (an earlier signing time, no Ids, so no duplicate-Id rule) placed first.
    Element copy = (Element) qp.cloneNode(true);
    ((Element) copy.getElementsByTagNameNS(xades, "SignedProperties").item(0))
        .removeAttribute("Id");
    copy.getElementsByTagNameNS(xades, "SigningTime")
        .item(0)
        .setTextContent("2020-01-01T00:00:00Z");
    Element object = doc.createElementNS(DS, "ds:Object");
    object.appendChild(copy);
    sig.insertBefore(object, qp.getParentNode());

    SignatureResult s = verify(doc, dir, XmlVerifier.builder(PKI.verifier()).build());

    // Either the evil copy is ignored (properties only from the covered SignedProperties) or the
    // signature does not pass; the copy's signing time is never reported.
    assertThat(s.claimedSigningTime().map(Object::toString))
        .isNotEqualTo(Optional.of("2020-01-01T00:00:00Z"));
    if (s.indication() == Indication.TOTAL_PASSED) {
      assertThat(s.claimedSigningTime()).isPresent();
    }
  }

  @Test
  void counterSignatureCoveringSomethingElse_failsAsSuch(@TempDir Path dir) throws Exception {
    Path signed = dir.resolve("signed.xml");
    Path countersigned = dir.resolve("countersigned.xml");
    Path record =
        Files.writeString(
            dir.resolve("ho-so.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><Ten>Hồ sơ</Ten></HoSo>\n",
            StandardCharsets.UTF_8);
    try (SigningToken a = PKI.pki().credential(TestIdentity.DIRECTOR).signingToken();
        SigningToken b = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      XmlSigner signer = XmlSigner.builder().clock(PKI.pki().clock()).build();
      signer.sign(
          record,
          signed,
          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
          a.keys().get(0));
      String id = verifier().verify(signed, Map.of()).report().signatures().get(0).id();
      signer.counterSign(
          signed,
          countersigned,
          id,
          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
          b.keys().get(0));
    }
    Document doc = SecureXml.parse(Files.readAllBytes(countersigned));
    // The counter-signature's reference is re-typed so that it no longer claims the parent's
    // SignatureValue: what it signs is unchanged, what it counter-signs is nothing.
    Element counter = (Element) doc.getElementsByTagNameNS(DS, "Signature").item(1);
    Element ref = (Element) counter.getElementsByTagNameNS(DS, "Reference").item(0);
    assertThat(ref.getAttribute("Type")).isEqualTo(Xades.COUNTERSIGNED_SIGNATURE_TYPE);
    ref.removeAttribute("Type");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SecureXml.serializer().transform(new DOMSource(doc), new StreamResult(out));
    Path file = Files.write(dir.resolve("case.xml"), out.toByteArray());

    var report = verifier().verify(file, Map.of()).report();

    SignatureResult parent = report.signatures().get(0);
    SignatureResult fake = report.signatures().get(1);
    assertThat(fake.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(fake.findings()).anyMatch(f -> f.code().equals("XML_COUNTERSIGNATURE_NOT_COVERING"));
    // The parent's verdict stays its own.
    assertThat(parent.indication())
        .as(parent.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
  }
}
