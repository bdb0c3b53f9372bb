package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.w3c.dom.Document;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.xades.internal.SecureXml;

/**
 * Kyso signs generated documents (see {@link GeneratedXml}) enveloped and verifies them: every
 * signature passes, and when the document element's end tag is the input's last markup the output
 * is the input's own bytes with the signature written in before that end tag (nothing else of the
 * input changes).
 */
class SignedGeneratedXmlProperties {
  private static TestPki pki;
  private static SigningToken token;
  private static SigningKey key;
  private static XmlVerifier verifier;
  private static Path dir;

  @BeforeContainer
  static void pki() throws Exception {
    pki = TestPki.builder().seed(53).build();
    token = pki.credential(TestIdentity.CHAIRMAN).signingToken();
    key = token.keys().get(0);
    verifier =
        XmlVerifier.builder(XmlWrappingProperties.offlineWithCrls(pki)).clock(pki.clock()).build();
    dir = Files.createTempDirectory("kyso-generated-xml");
  }

  @AfterContainer
  static void close() throws Exception {
    token.close();
  }

  @Property(tries = 60)
  void signedGeneratedDocuments_pass_andKeepTheInputsBytes(
      @ForAll long seed, @ForAll boolean otherSignatures) throws Exception {
    String text = GeneratedXml.document(new Random(seed), otherSignatures);
    byte[] input = text.getBytes(StandardCharsets.UTF_8);
    Path in = dir.resolve("in.xml");
    Path out = dir.resolve("out.xml");
    Files.write(in, input);
    Files.deleteIfExists(out);

    SignedOnce.sign(pki, in, out, key);

    XmlVerification v = verifier.verify(out, Map.of());
    SignatureResult ours =
        v.report().signatures().stream()
            .filter(s -> s.id().startsWith("xades-sig-"))
            .findFirst()
            .orElseThrow();
    assertThat(ours.indication()).as(ours.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    Document parsed = SecureXml.parse(input);
    if (parsed.getDocumentElement().getNextSibling() == null && !text.endsWith("/>")) {
      byte[] output = Files.readAllBytes(out);
      int at = text.getBytes(StandardCharsets.UTF_8).length - endTagLength(parsed);
      assertThat(new String(output, 0, at, StandardCharsets.UTF_8))
          .isEqualTo(text.substring(0, text.length() - endTagLength(parsed)));
      assertThat(new String(output, StandardCharsets.UTF_8))
          .endsWith(text.substring(text.length() - endTagLength(parsed)));
    }
  }

  private static int endTagLength(Document doc) {
    return ("</" + doc.getDocumentElement().getNodeName() + ">").length();
  }
}
