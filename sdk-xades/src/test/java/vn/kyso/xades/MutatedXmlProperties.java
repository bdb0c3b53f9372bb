package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.kyso.api.DocumentException;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestPki;

/** A mutated signed XML document gives a typed error or a signature that does not pass. */
class MutatedXmlProperties {
  private static byte[] signed;
  private static XmlVerifier verifier;
  private static Path dir;

  @BeforeContainer
  static void sign() throws Exception {
    dir = Files.createTempDirectory("kyso-xml-mutations");
    TestPki pki = TestPki.builder().seed(91).build();
    Path in = dir.resolve("in.xml");
    Files.writeString(
        in,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><HoSo><SoTien>1000000</SoTien><Ten>Nguyễn Văn"
            + " An</Ten></HoSo>");
    Path out = dir.resolve("signed.xml");
    SignedOnce.sign(pki, in, out);
    signed = Files.readAllBytes(out);
    verifier =
        XmlVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .build();
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    String text = new String(signed, StandardCharsets.UTF_8);
    // Change a letter where a change must break the signature: the signed data, SignedInfo, the
    // SignatureValue's content and the SignedProperties (not unsigned attributes such as Ids of
    // unsigned elements, which carry no meaning).
    int[][] ranges = {
      {text.indexOf("<HoSo>"), text.indexOf("<ds:Signature")},
      {text.indexOf("<ds:SignedInfo>"), text.indexOf("</ds:SignedInfo>")},
      {
        text.indexOf(">", text.indexOf("<ds:SignatureValue")) + 1,
        text.indexOf("</ds:SignatureValue>")
      },
      {text.indexOf("<xades:SignedProperties"), text.indexOf("</xades:SignedProperties>")}
    };
    // Nor the XPath element's own declaration of the ds prefix: exclusive canonicalisation does
    // not sign a declaration its element does not use, and the prefix is bound to the same name
    // on the ds:Signature above it; renaming it, or pointing it elsewhere so that the filter
    // subtracts nothing, leaves the signed octets as they were (the enveloped transform still
    // removes the one signature there is), and the signature rightly passes.
    int xpath = text.indexOf("<dsig-xpath:XPath");
    int declStart = text.indexOf(" xmlns:ds=", xpath);
    boolean declared = declStart > 0 && declStart < text.indexOf('>', xpath);
    int declEnd = declared ? text.indexOf('"', text.indexOf('"', declStart) + 1) : -1;
    List<Integer> positions = new ArrayList<>();
    for (int[] r : ranges) {
      for (int i = r[0]; i < r[1]; i++) {
        if (declared && i >= declStart && i <= declEnd) {
          continue;
        }
        char ch = text.charAt(i);
        if (ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') {
          positions.add(i);
        }
      }
    }
    Arbitrary<byte[]> letters =
        Arbitraries.of(positions)
            .flatMap(
                i ->
                    Arbitraries.chars()
                        .range('a', 'z')
                        .filter(c -> text.charAt(i) != c)
                        .map(
                            c ->
                                (text.substring(0, i) + c + text.substring(i + 1))
                                    .getBytes(StandardCharsets.UTF_8)));
    Arbitrary<byte[]> truncations =
        Arbitraries.integers().between(1, signed.length - 1).map(n -> Arrays.copyOf(signed, n));
    return Arbitraries.oneOf(letters, truncations);
  }

  @Property(tries = 80)
  void mutatedDocument_isNeverPassed(@ForAll("mutations") byte[] xml) throws Exception {
    Path file = Files.createTempFile(dir, "m", ".xml");
    Files.write(file, xml);
    try {
      XmlVerification v = verifier.verify(file, Map.of());
      for (SignatureResult s : v.report().signatures()) {
        assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
      }
    } catch (DocumentException expected) {
      // malformed after the mutation: a typed error
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
