package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.internal.SecureXml;

/** xmlsec1, an independent verifier, accepts the XML-DSig core of what Kyso signs. */
class XmlsecIT {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(71).build();

  @BeforeAll
  static void requireXmlsec1() {
    ExternalTools.requireCommand("xmlsec1", "xmlsec1");
  }

  static String xmlsec1(Path signed, Path dir, String detached) throws Exception {
    Path root = dir.resolve("root.pem");
    Files.writeString(root, pem(PKI.pki().root().getEncoded()));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "xmlsec1",
                "--verify",
                "--trusted-pem",
                root.toString(),
                "--id-attr:Id",
                "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                "--id-attr:Id",
                "Object",
                "--id-attr:Id",
                "HoSo",
                "--verification-gmt-time",
                "2026-06-15 03:00:00"));
    if (detached != null) {
      cmd.addAll(List.of("--url-map:" + detached, dir.resolve(detached).toString()));
    }
    cmd.add(signed.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return "exit=" + p.exitValue() + "\n" + out;
  }

  static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  @ParameterizedTest
  @EnumSource(XadesPackaging.class)
  void everyPackaging_atBT_isValidForXmlsec1(XadesPackaging packaging, @TempDir Path dir)
      throws Exception {
    Path in = dir.resolve(packaging == XadesPackaging.DETACHED ? "ho-so.pdf" : "ho-so.xml");
    Files.writeString(
        in,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<HoSo><TenThuTuc>Cấp giấy phép xây dựng</TenThuTuc><NguoiNop>Nguyễn Văn"
            + " An</NguoiNop></HoSo>\n");
    Path out = dir.resolve("signed.xml");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      XmlSigner.builder()
          .timestampClient(PKI.tsaClient())
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              XmlSignatureOptions.builder(XadesLevel.B_T, packaging).build(),
              token.keys().get(0));
    }

    String result = xmlsec1(out, dir, packaging == XadesPackaging.DETACHED ? "ho-so.pdf" : null);

    assertThat(result).as(result).startsWith("exit=0").contains("OK");
  }

  /** What Kyso passes from another tool's XML-DSig by #Id, xmlsec1 (weaker) passes too. */
  @Test
  void aSignatureByIdThatKysoPasses_xmlsec1PassesToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("by-id.xml");
    SecureXml.write(
        XmlWrappingTest.signedById(PKI.pki().credential(TestIdentity.CHAIRMAN)), file, true);
    SignatureResult kyso =
        XmlVerifier.builder(PKI.verifier())
            .acceptPlainXmlDsig()
            .build()
            .verify(file, Map.of())
            .report()
            .signatures()
            .get(0);
    assertThat(kyso.indication()).as(kyso.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);

    String result = xmlsec1(file, dir, null);

    assertThat(result).as(result).startsWith("exit=0").contains("OK");
  }

  /**
   * Generated documents (namespaces, escapes, CDATA, comments, processing instructions) signed
   * enveloped by Kyso: xmlsec1 recomputes the whole-document digest on its own.
   */
  @Test
  void generatedDocumentsSignedByKyso_areValidForXmlsec1(@TempDir Path dir) throws Exception {
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      XmlSigner signer = XmlSigner.builder().clock(PKI.pki().clock()).build();
      for (int seed = 0; seed < 12; seed++) {
        Path in = dir.resolve("generated-" + seed + ".xml");
        Files.writeString(in, GeneratedXml.document(new java.util.Random(seed), false));
        Path out = dir.resolve("generated-" + seed + "-signed.xml");
        signer.sign(
            in,
            out,
            XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
            token.keys().get(0));

        String result = xmlsec1(out, dir, null);

        assertThat(result).as("seed %d: %s", seed, result).startsWith("exit=0").contains("OK");
      }
    }
  }
}
