package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatSignature;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.internal.SecureXml;
import vn.kyso.xades.internal.Xades;

/** Round trips and the XML attack classes of SECURITY.md, each file built in the test. */
class XmlVerifierTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(73).build();

  private static final String RECORD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo Id=\"hs1\"><SoTien>1000000</SoTien>"
          + "<NguoiNop>Nguyễn Văn An</NguoiNop></HoSo>\n";

  private static XmlVerifier verifier() {
    return XmlVerifier.builder(PKI.verifier()).build();
  }

  private static Path sign(Path dir, XadesLevel level, XadesPackaging packaging, TestIdentity who)
      throws Exception {
    Path in = dir.resolve(packaging == XadesPackaging.DETACHED ? "ho-so.pdf" : "ho-so.xml");
    Files.writeString(in, RECORD);
    Path out = dir.resolve("signed.xml");
    try (SigningToken token = PKI.pki().credential(who).signingToken()) {
      XmlSigner.builder()
          .timestampClient(PKI.tsaClient())
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in, out, XmlSignatureOptions.builder(level, packaging).build(), token.keys().get(0));
    }
    return out;
  }

  private static SignatureResult first(XmlVerification v) {
    return v.report().signatures().get(0);
  }

  @ParameterizedTest
  @EnumSource(XadesPackaging.class)
  void roundTrip_bt_passes(XadesPackaging packaging, @TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_T, packaging, TestIdentity.CHAIRMAN);
    Map<String, byte[]> detached =
        packaging == XadesPackaging.DETACHED
            ? Map.of("ho-so.pdf", RECORD.getBytes(StandardCharsets.UTF_8))
            : Map.of();

    XmlVerification v = verifier().verify(signed, detached);

    SignatureResult s = first(v);
    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.format()).isEqualTo(SignatureFormat.XADES_BASELINE);
    assertThat(s.level()).isEqualTo(SignatureLevel.B_T);
    assertThat(s.bestSignatureTime()).contains(PKI.pki().clock().instant());
    assertThat(s.signer().orElseThrow().name()).isEqualTo("Nguyễn Văn An");
    if (packaging == XadesPackaging.ENVELOPED) {
      assertThat(v.signedElements(s.id())).extracting(e -> e.getTagName()).containsExactly("HoSo");
      assertThat(s.scope()).isEqualTo("elements <HoSo>");
      assertThat(s.scope(Locale.forLanguageTag("vi"))).isEqualTo("các phần tử <HoSo>");
    }
  }

  @Test
  void enveloped_keepsEncodingAndDeclaration(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.CHAIRMAN);

    String text = Files.readString(signed, StandardCharsets.UTF_8);

    assertThat(text)
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"")
        .contains("Nguyễn Văn An");
  }

  @Test
  void changedContent_failsWithHashFailure(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.CHAIRMAN);
    Files.writeString(signed, Files.readString(signed).replace("1000000", "9000000"));

    SignatureResult s = first(verifier().verify(signed, Map.of()));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(s.subIndication()).contains(SubIndication.HASH_FAILURE);
  }

  @Test
  void whitespaceOutsideTheSignedContent_isBenign(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.CHAIRMAN);
    Files.writeString(signed, Files.readString(signed) + "\n\n");

    assertThat(first(verifier().verify(signed, Map.of())).isPassed()).isTrue();
  }

  @Test
  void signedPropertiesTampered_fails(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.CHAIRMAN);
    String text = Files.readString(signed);
    Files.writeString(
        signed,
        text.replaceFirst("<xades:SigningTime>[^<]+<", "<xades:SigningTime>2020-01-01T00:00:00Z<"));

    SignatureResult s = first(verifier().verify(signed, Map.of()));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void signedPropertiesReferenceRemoved_fails(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.CHAIRMAN);
    String text = Files.readString(signed);
    // Retarget the QualifyingProperties to another signature: its properties no longer belong here.
    Files.writeString(signed, text.replaceFirst("Target=\"#", "Target=\"#other-"));

    SignatureResult s = first(verifier().verify(signed, Map.of()));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("XML_FOREIGN_SIGNED_PROPERTIES");
  }

  @Test
  void keyInfoSwappedToAnotherCertificate_fails(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.CHAIRMAN);
    String other =
        Xades.b64(PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).certificate().getEncoded());
    String text = Files.readString(signed);
    Files.writeString(
        signed,
        text.replaceFirst(
            "(?s)<ds:X509Certificate>.*?</ds:X509Certificate>",
            "<ds:X509Certificate>" + other + "</ds:X509Certificate>"));

    SignatureResult s = first(verifier().verify(signed, Map.of()));

    assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
    assertThatSignature(s).hasFinding("XML_SIGNING_CERTIFICATE_MISMATCH");
  }

  @Test
  void duplicateIds_failEverySignature(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPING, TestIdentity.CHAIRMAN);
    String text = Files.readString(signed);
    // Wrapping: an evil copy of the signed object with the same Id placed before it.
    int idStart = text.indexOf("Id=\"xades-obj-") + "Id=\"".length();
    String id = text.substring(idStart, text.indexOf('"', idStart));
    int obj = text.lastIndexOf("<ds:Object", idStart);
    String evil =
        text.substring(0, obj)
            + "<ds:Object Id=\""
            + id
            + "\">RVZJTA==</ds:Object>"
            + text.substring(obj);
    Files.writeString(signed, evil);

    XmlVerification v = verifier().verify(signed, Map.of());

    assertThat(first(v).indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(v.report().documentFindings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("XML_DUPLICATE_ID"));
  }

  @Test
  void xxe_isRefusedBeforeAnythingIsRead(@TempDir Path dir) throws Exception {
    Path evil = dir.resolve("xxe.xml");
    Files.writeString(
        evil,
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM"
            + " \"file:///etc/passwd\">]><r>&x;</r>");

    assertThatThrownBy(() -> verifier().verify(evil, Map.of()))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void billionLaughs_isRefusedInBoundedTime(@TempDir Path dir) throws Exception {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]><lolz>&lol9;</lolz>");
    Path evil = dir.resolve("lol.xml");
    Files.writeString(evil, dtd.toString());
    long start = System.nanoTime();

    assertThatThrownBy(() -> verifier().verify(evil, Map.of()))
        .isInstanceOf(DocumentException.class);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void detachedWithoutTheContent_isIndeterminate(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.DETACHED, TestIdentity.CHAIRMAN);

    SignatureResult s = first(verifier().verify(signed, Map.of()));

    // Not supplied is not malformed: INDETERMINATE, with what is missing.
    assertThat(s.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(s.subIndication()).contains(SubIndication.SIGNED_DATA_NOT_FOUND);
    assertThatSignature(s).hasFinding("XML_DETACHED_MISSING");
  }

  @Test
  void detachedWithOtherContent_fails(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.DETACHED, TestIdentity.CHAIRMAN);

    SignatureResult s =
        first(
            verifier()
                .verify(signed, Map.of("ho-so.pdf", "other".getBytes(StandardCharsets.UTF_8))));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void revokedSigner_fails(@TempDir Path dir) throws Exception {
    Path signed = sign(dir, XadesLevel.B_B, XadesPackaging.ENVELOPED, TestIdentity.REVOKED);

    SignatureResult s = first(verifier().verify(signed, Map.of()));

    assertThat(s.subIndication()).contains(SubIndication.REVOKED);
  }

  @Test
  void plainXmlDsigWithRsaSha1_isReportedAndFailsThePolicy(@TempDir Path dir) throws Exception {
    Xades.init();
    TestCredential c = PKI.pki().credential(TestIdentity.DIRECTOR);
    Document doc = SecureXml.parse(RECORD.getBytes(StandardCharsets.UTF_8));
    XMLSignature sig =
        new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1, Xades.EXC_C14N);
    doc.getDocumentElement().appendChild(sig.getElement());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    sig.addDocument("", t, "http://www.w3.org/2000/09/xmldsig#sha1");
    sig.addKeyInfo(c.certificate());
    sig.sign(c.privateKey());
    Path file = dir.resolve("tax.xml");
    SecureXml.write(doc, file, true);

    SignatureResult s = first(verifier().verify(file, Map.of()));

    assertThat(s.format()).isEqualTo(SignatureFormat.XMLDSIG);
    assertThat(s.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(s.subIndication()).contains(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE);
    assertThatSignature(s).hasFinding("XML_WEAK_ALGORITHM");
  }

  @Test
  void unsignedDocument_reportsNoSignature(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("plain.xml");
    Files.writeString(f, RECORD);

    XmlVerification v = verifier().verify(f, Map.of());

    assertThat(v.report().signatures()).isEmpty();
    assertThat(v.report().overall()).isEqualTo(Indication.INDETERMINATE);
  }
}
