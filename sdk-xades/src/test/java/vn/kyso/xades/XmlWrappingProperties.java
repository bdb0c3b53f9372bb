package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.CrlServer;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.xades.internal.SecureXml;

/**
 * Signature wrapping, at random: a genuinely signed record is wrapped in up to three new elements
 * (each with an unsigned sibling an application could read) and its signature may be moved up to
 * the new document element. Every digest and signature value still verifies; the oracle is exact:
 * the signature passes only when the signed element is the document element, or the element the
 * verifier was told is read and the signature still sits inside it.
 */
class XmlWrappingProperties {
  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static TestPki pki;
  private static CertificateVerifier certificates;
  private static Path dir;

  @BeforeContainer
  static void pki() throws Exception {
    pki = TestPki.builder().seed(47).build();
    certificates = offlineWithCrls(pki);
    dir = Files.createTempDirectory("kyso-wrapping");
  }

  /** Certificate checks offline, with the test PKI's CRLs supplied. */
  static CertificateVerifier offlineWithCrls(TestPki pki) throws Exception {
    return CertificateVerifier.builder(pki.trustAnchors())
        .clock(pki.clock())
        .network(NetworkSettings.offline())
        .revocationData(
            List.of(
                CrlServer.crl(pki, pki.intermediate(), ServerMode.NORMAL),
                CrlServer.crl(pki, pki.rootCredential(), ServerMode.NORMAL)),
            List.of())
        .build();
  }

  @Property(tries = 40)
  void passes_onlyWhenTheSignedElementIsWhatTheApplicationReads(
      @ForAll @IntRange(min = 0, max = 3) int wrappers,
      @ForAll boolean signatureToTheNewRoot,
      @ForAll boolean hostNamesTheElement)
      throws Exception {
    Document doc = XmlWrappingTest.signedById(pki.credential(TestIdentity.CHAIRMAN));
    Element record = doc.getDocumentElement();
    Element sig = (Element) doc.getElementsByTagNameNS(DS, "Signature").item(0);
    Element inner = record;
    for (int i = 0; i < wrappers; i++) {
      Element wrapper = doc.createElementNS(null, i % 2 == 0 ? "GoiTin" : "NoiDung");
      doc.replaceChild(wrapper, inner);
      wrapper.appendChild(inner);
      Element evil = doc.createElementNS(null, "SoTien");
      evil.setTextContent("999999999");
      wrapper.appendChild(evil);
      inner = wrapper;
    }
    boolean moved = signatureToTheNewRoot && wrappers > 0;
    if (moved) {
      sig.getParentNode().removeChild(sig);
      doc.getDocumentElement().appendChild(sig);
    }
    XmlVerifier.Builder b =
        XmlVerifier.builder(certificates).clock(pki.clock()).acceptPlainXmlDsig();
    if (hostNamesTheElement) {
      b.signedElement("hs1");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SecureXml.serializer().transform(new DOMSource(doc), new StreamResult(out));
    Path file = Files.write(Files.createTempFile(dir, "case", ".xml"), out.toByteArray());
    SignatureResult s = b.build().verify(file, Map.of()).report().signatures().get(0);
    Files.delete(file);

    boolean expected = wrappers == 0 || hostNamesTheElement && !moved;
    assertThat(s.indication() == Indication.TOTAL_PASSED)
        .as(
            "wrappers %d, moved %s, named %s: %s",
            wrappers, moved, hostNamesTheElement, s.findings())
        .isEqualTo(expected);
  }
}
