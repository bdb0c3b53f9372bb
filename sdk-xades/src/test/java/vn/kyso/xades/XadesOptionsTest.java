package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Signature placement, several detached files, commitment, encodings, and every packaging at B-LTA.
 */
class XadesOptionsTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(83).build();

  private static XmlSigner signer() {
    return XmlSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static SignatureResult verify(Path file, Map<String, byte[]> detached) throws Exception {
    return XmlVerifier.builder(
            CertificateVerifier.builder(PKI.pki().trustAnchors())
                .clock(PKI.pki().clock())
                .network(NetworkSettings.offline())
                .build())
        .build()
        .verify(file, detached)
        .report()
        .signatures()
        .get(0);
  }

  private static SignatureResult verifyOnline(Path file, Map<String, byte[]> detached)
      throws Exception {
    return XmlVerifier.builder(PKI.verifier())
        .build()
        .verify(file, detached)
        .report()
        .signatures()
        .get(0);
  }

  @ParameterizedTest
  @EnumSource(XadesPackaging.class)
  void everyPackaging_atBlta_verifiesOffline(XadesPackaging packaging, @TempDir Path dir)
      throws Exception {
    Path in = dir.resolve(packaging == XadesPackaging.DETACHED ? "to-trinh.pdf" : "to-trinh.xml");
    Files.writeString(in, "<ToTrinh><So>12/TTr-SNV</So></ToTrinh>");
    Path out = dir.resolve("signed.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.DIRECTOR).signingToken()) {
      signer()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_LTA, packaging).build(),
              t.keys().get(0));
    }

    SignatureResult s =
        verify(
            out,
            packaging == XadesPackaging.DETACHED
                ? Map.of("to-trinh.pdf", Files.readAllBytes(in))
                : Map.of());

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.level()).isEqualTo(SignatureLevel.B_LTA);
  }

  @Test
  void signatureInsideAGivenElement_withCommitment(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("hs.xml");
    Files.writeString(
        in,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><HoSo><NoiDung>x</NoiDung><ChuKy"
            + " Id=\"chuKy\"/></HoSo>");
    Path out = dir.resolve("signed.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
                  .signatureParent("chuKy")
                  .commitment(XmlSignatureOptions.PROOF_OF_APPROVAL)
                  .build(),
              t.keys().get(0));
    }

    String text = Files.readString(out);
    assertThat(text)
        .contains("<ChuKy Id=\"chuKy\"><ds:Signature", XmlSignatureOptions.PROOF_OF_APPROVAL);
    assertThat(verifyOnline(out, Map.of()).isPassed()).isTrue();
  }

  @Test
  void severalDetachedFiles_allCovered(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("don.pdf");
    Path b = dir.resolve("phu-luc.pdf");
    Files.writeString(a, "don de nghi");
    Files.writeString(b, "phu luc");
    Path out = dir.resolve("signed.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              a,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.DETACHED)
                  .additionalDetachedFile(b)
                  .build(),
              t.keys().get(0));
    }
    Map<String, byte[]> both = new HashMap<>();
    both.put("don.pdf", Files.readAllBytes(a));
    both.put("phu-luc.pdf", Files.readAllBytes(b));

    assertThat(verifyOnline(out, both).isPassed()).isTrue();
    both.put("phu-luc.pdf", "sua doi".getBytes(StandardCharsets.UTF_8));
    assertThat(verifyOnline(out, both).indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void iso88591Document_keepsItsEncodingAndDeclaration(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("latin.xml");
    Files.write(
        in,
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Doc>caf\u00e9</Doc>"
            .getBytes(StandardCharsets.ISO_8859_1));
    Path out = dir.resolve("signed.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              t.keys().get(0));
    }

    String text = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
    assertThat(text)
        .startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"")
        .contains("caf\u00e9");
    assertThat(verifyOnline(out, Map.of()).isPassed()).isTrue();
  }

  @Test
  void documentWithoutDeclaration_staysWithout(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("bare.xml");
    Files.writeString(in, "<Doc>khong khai bao</Doc>");
    Path out = dir.resolve("signed.xml");
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
              t.keys().get(0));
    }

    assertThat(Files.readString(out)).startsWith("<Doc>");
  }
}
