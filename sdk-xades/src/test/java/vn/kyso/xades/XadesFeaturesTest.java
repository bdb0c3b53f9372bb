package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.internal.SecureXml;
import vn.kyso.xades.internal.Xades;

/** Parallel and counter-signatures, two-phase signing, B-LT, and transform attacks. */
class XadesFeaturesTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(79).build();

  private static final String RECORD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><SoTien>1000000</SoTien></HoSo>\n";

  private static XmlSigner signer() {
    return XmlSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static XmlVerifier verifier() {
    return XmlVerifier.builder(PKI.verifier()).build();
  }

  private static Path record(Path dir) throws Exception {
    Path in = dir.resolve("ho-so.xml");
    Files.writeString(in, RECORD);
    return in;
  }

  /** The record signed by the chairman, then by the vice-chairman beside the first signature. */
  private static Path twoParallelSignatures(Path dir) throws Exception {
    Path one = dir.resolve("one.xml");
    Path two = dir.resolve("two.xml");
    try (SigningToken a = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken b = PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).signingToken()) {
      signer()
          .sign(
              record(dir),
              one,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              a.keys().get(0));
      signer()
          .sign(
              one,
              two,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              b.keys().get(0));
    }
    return two;
  }

  @Test
  void parallelSignatures_bothValid(@TempDir Path dir) throws Exception {
    Path two = twoParallelSignatures(dir);

    ValidationReport r = verifier().verify(two, Map.of()).report();

    assertThat(r.signatures()).hasSize(2);
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
  }

  /** The two signatures share one digest of the document: a change to it fails each of them. */
  @Test
  void parallelSignatures_aChangedAmountFailsBoth(@TempDir Path dir) throws Exception {
    Path two = twoParallelSignatures(dir);
    Path changed = dir.resolve("changed.xml");
    Files.writeString(
        changed,
        Files.readString(two).replace("<SoTien>1000000</SoTien>", "<SoTien>9000000</SoTien>"));

    ValidationReport r = verifier().verify(changed, Map.of()).report();

    assertThat(r.signatures()).hasSize(2);
    for (SignatureResult s : r.signatures()) {
      assertThat(s.indication()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_FAILED);
      assertThat(s.findings()).anyMatch(f -> f.code().equals("XML_REFERENCE_DIGEST"));
    }
  }

  @Test
  void counterSignature_isValid_andTheSignatureStaysValid(@TempDir Path dir) throws Exception {
    Path signed = dir.resolve("signed.xml");
    Path countersigned = dir.resolve("countersigned.xml");
    try (SigningToken a = PKI.pki().credential(TestIdentity.DIRECTOR).signingToken();
        SigningToken b = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              record(dir),
              signed,
              XmlSignatureOptions.builder(XadesLevel.B_T, XadesPackaging.ENVELOPED).build(),
              a.keys().get(0));
      String id = verifier().verify(signed, Map.of()).report().signatures().get(0).id();
      signer()
          .counterSign(
              signed,
              countersigned,
              id,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              b.keys().get(0));
    }

    XmlVerification v = verifier().verify(countersigned, Map.of());

    assertThat(v.report().signatures()).hasSize(2);
    assertThat(v.report().overall())
        .as(v.report().toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
    SignatureResult counter = v.report().signatures().get(1);
    assertThat(v.signedElements(counter.id()))
        .extracting(Element::getLocalName)
        .containsExactly("SignatureValue");
  }

  @Test
  void twoPhase_acrossTwoSignerInstances(@TempDir Path dir) throws Exception {
    TestCredential c = PKI.pki().credential(TestIdentity.CHAIRMAN);
    Path in = record(dir);
    byte[] state =
        signer()
            .prepare(
                in,
                XmlSignatureOptions.builder(XadesLevel.B_T, XadesPackaging.ENVELOPED).build(),
                c.chain())
            .toBytes();
    PreparedXmlSignature restored = PreparedXmlSignature.fromBytes(state);
    SignatureValue value;
    try (SigningToken token = c.signingToken()) {
      value = token.keys().get(0).sign(restored.dataToSign(), restored.algorithm());
    }
    Path out = dir.resolve("out.xml");

    XmlSigner.builder().timestampClient(PKI.tsaClient()).build().complete(restored, in, out, value);

    assertThat(verifier().verify(out, Map.of()).report().signatures().get(0).isPassed()).isTrue();
  }

  @Test
  void twoPhase_valueFromAnotherKey_isRefused(@TempDir Path dir) throws Exception {
    Path in = record(dir);
    PreparedXmlSignature prepared =
        signer()
            .prepare(
                in,
                XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
                PKI.pki().credential(TestIdentity.CHAIRMAN).chain());
    SignatureValue wrong;
    try (SigningToken token = PKI.pki().credential(TestIdentity.CLERK).signingToken()) {
      wrong = token.keys().get(0).sign(prepared.dataToSign(), prepared.algorithm());
    }

    assertThatThrownBy(() -> signer().complete(prepared, in, dir.resolve("out.xml"), wrong))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID));
    assertThat(dir.resolve("out.xml")).doesNotExist();
  }

  @Test
  void blt_verifiesOffline(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("lt.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              record(dir),
              out,
              XmlSignatureOptions.builder(XadesLevel.B_LT, XadesPackaging.ENVELOPED).build(),
              t.keys().get(0));
    }
    XmlVerifier offline =
        XmlVerifier.builder(
                CertificateVerifier.builder(PKI.pki().trustAnchors())
                    .clock(PKI.pki().clock())
                    .network(NetworkSettings.offline())
                    .build())
            .build();

    SignatureResult s = offline.verify(out, Map.of()).report().signatures().get(0);

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.level()).isEqualTo(SignatureLevel.B_LT);
  }

  private static XmlVerifier offline() {
    return XmlVerifier.builder(
            CertificateVerifier.builder(PKI.pki().trustAnchors())
                .clock(PKI.pki().clock())
                .network(NetworkSettings.offline())
                .build())
        .build();
  }

  @Test
  void blta_andASecondArchiveTimestamp_verifyOffline(@TempDir Path dir) throws Exception {
    Path lta = dir.resolve("lta.xml");
    Path again = dir.resolve("lta2.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              record(dir),
              lta,
              XmlSignatureOptions.builder(XadesLevel.B_LTA, XadesPackaging.ENVELOPED).build(),
              t.keys().get(0));
    }
    signer().addArchiveTimestamp(lta, again, Map.of());

    SignatureResult first = offline().verify(lta, Map.of()).report().signatures().get(0);
    SignatureResult second = offline().verify(again, Map.of()).report().signatures().get(0);

    assertThat(first.indication())
        .as(first.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(first.level()).isEqualTo(SignatureLevel.B_LTA);
    assertThat(second.indication())
        .as(second.findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(Files.readString(again).split("</xades141:ArchiveTimeStamp>", -1))
        .hasSize(3); // two time-stamps
  }

  @Test
  void blta_validationDataChangedAfterTheArchiveTimestamp_isCaught(@TempDir Path dir)
      throws Exception {
    Path lta = dir.resolve("lta.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              record(dir),
              lta,
              XmlSignatureOptions.builder(XadesLevel.B_LTA, XadesPackaging.ENVELOPED).build(),
              t.keys().get(0));
    }
    String text = Files.readString(lta);
    int ocsp =
        text.indexOf("<xades:EncapsulatedOCSPValue>") + "<xades:EncapsulatedOCSPValue>".length();
    Files.writeString(
        lta,
        text.substring(0, ocsp)
            + text.substring(ocsp, ocsp + 40).replace('A', 'B')
            + text.substring(ocsp + 40));

    SignatureResult s = offline().verify(lta, Map.of()).report().signatures().get(0);

    assertThat(s.findings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("XML_ARCHIVE_TIMESTAMP_INVALID"));
    assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void xpathTransformThatSelectsNothing_isRefused(@TempDir Path dir) throws Exception {
    Xades.init();
    TestCredential c = PKI.pki().credential(TestIdentity.CHAIRMAN);
    Document doc = SecureXml.parse(RECORD.getBytes(StandardCharsets.UTF_8));
    XMLSignature sig =
        new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Xades.EXC_C14N);
    doc.getDocumentElement().appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    Element xpath = doc.createElementNS(Xades.DS, "ds:XPath");
    xpath.setTextContent("0 = 1");
    t.addTransform(Transforms.TRANSFORM_XPATH, xpath);
    sig.addDocument("", t, Xades.digestUri(DigestAlgorithm.SHA256));
    sig.addKeyInfo(c.certificate());
    sig.sign(c.privateKey());
    Path file = dir.resolve("xpath.xml");
    SecureXml.write(doc, file, true);
    Files.writeString(file, Files.readString(file).replace("1000000", "9999999"));

    SignatureResult s = verifier().verify(file, Map.of()).report().signatures().get(0);

    assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void externalReference_isNeverFetched(@TempDir Path dir) throws Exception {
    Path signed = dir.resolve("signed.xml");
    Path data = dir.resolve("ho-so.pdf");
    Files.writeString(data, "du lieu");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              data,
              signed,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.DETACHED)
                  .detachedUri("http://127.0.0.1:9/ho-so.pdf")
                  .build(),
              t.keys().get(0));
    }

    SignatureResult s = verifier().verify(signed, Map.of()).report().signatures().get(0);

    assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }
}
