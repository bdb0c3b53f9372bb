package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.testkit.TestPki;

/** The XML verifier's resource limits: document size, element nesting, entity expansion. */
class XmlResourceLimitsTest {
  private static final TestPki PKI = TestPki.builder().seed(62).build();

  private static XmlVerifier verifier(ResourceLimits limits) {
    return XmlVerifier.builder(CertificateVerifier.builder(PKI.trustAnchors()).clock(PKI.clock()).build())
        .limits(limits).build();
  }

  @Test
  void documentLargerThanTheLimit_isRefused(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("a.xml"), "<a>" + "x".repeat(5000) + "</a>");

    assertThatThrownBy(() -> verifier(ResourceLimits.builder().maxXmlBytes(1000).build()).verify(xml, Map.of()))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }

  @Test
  void nestingDeeperThanTheLimit_isRefused(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("deep.xml"), "<a>".repeat(100) + "</a>".repeat(100));

    assertThatThrownBy(() -> verifier(ResourceLimits.builder().maxNestingDepth(50).build()).verify(xml, Map.of()))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void entityExpansion_isRefusedWhateverTheLimits(@TempDir Path dir) throws Exception {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    Path xml = Files.writeString(dir.resolve("laughs.xml"), dtd + "]>\n<lolz>&lol9;</lolz>");

    assertThatThrownBy(() -> verifier(ResourceLimits.builder().maxXmlBytes(1L << 30).maxNestingDepth(10_000).build())
        .verify(xml, Map.of()))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void withinTheLimits_anUnsignedDocumentParses(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("ok.xml"), "<a>".repeat(40) + "</a>".repeat(40));

    assertThat(verifier(ResourceLimits.builder().maxNestingDepth(50).build()).verify(xml, Map.of()).report()
        .signatures()).isEmpty();
  }
}
