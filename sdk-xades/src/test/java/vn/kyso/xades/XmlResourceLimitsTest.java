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
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * The XML verifier's and signer's resource limits: document size, element nesting, entity
 * expansion.
 */
class XmlResourceLimitsTest {
  private static final TestPki PKI = TestPki.builder().seed(62).build();

  private static XmlVerifier verifier(ResourceLimits limits) {
    return XmlVerifier.builder(
            CertificateVerifier.builder(PKI.trustAnchors()).clock(PKI.clock()).build())
        .limits(limits)
        .build();
  }

  @Test
  void documentLargerThanTheLimit_isRefused(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("a.xml"), "<a>" + "x".repeat(5000) + "</a>");

    assertThatThrownBy(
            () ->
                verifier(ResourceLimits.builder().maxXmlBytes(1000).build()).verify(xml, Map.of()))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }

  @Test
  void nestingDeeperThanTheLimit_isRefused(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("deep.xml"), "<a>".repeat(100) + "</a>".repeat(100));

    assertThatThrownBy(
            () ->
                verifier(ResourceLimits.builder().maxNestingDepth(50).build())
                    .verify(xml, Map.of()))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void entityExpansion_isRefusedWhateverTheLimits(@TempDir Path dir) throws Exception {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    Path xml = Files.writeString(dir.resolve("laughs.xml"), dtd + "]>\n<lolz>&lol9;</lolz>");

    assertThatThrownBy(
            () ->
                verifier(
                        ResourceLimits.builder()
                            .maxXmlBytes(1L << 30)
                            .maxNestingDepth(10_000)
                            .build())
                    .verify(xml, Map.of()))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void withinTheLimits_anUnsignedDocumentParses(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("ok.xml"), "<a>".repeat(40) + "</a>".repeat(40));

    assertThat(
            verifier(ResourceLimits.builder().maxNestingDepth(50).build())
                .verify(xml, Map.of())
                .report()
                .signatures())
        .isEmpty();
  }

  @Test
  void signer_refusesWhatItsLimitsRefuse_andWritesNothing(@TempDir Path dir) throws Exception {
    Path big = Files.writeString(dir.resolve("big.xml"), "<a>" + "x".repeat(5000) + "</a>");
    Path deep = Files.writeString(dir.resolve("deep.xml"), "<a>".repeat(100) + "</a>".repeat(100));
    XmlSigner signer =
        XmlSigner.builder()
            .clock(PKI.clock())
            .limits(ResourceLimits.builder().maxXmlBytes(1000).maxNestingDepth(50).build())
            .build();
    XmlSignatureOptions options =
        XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build();

    try (SigningToken token = PKI.credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () -> signer.sign(big, dir.resolve("big-signed.xml"), options, token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
      assertThatThrownBy(
              () -> signer.sign(deep, dir.resolve("deep-signed.xml"), options, token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
      // the same documents sign under the default limits
      XmlSigner.builder()
          .clock(PKI.clock())
          .build()
          .sign(deep, dir.resolve("deep-default.xml"), options, token.keys().get(0));
    }
    assertThat(dir.resolve("big-signed.xml")).doesNotExist();
    assertThat(dir.resolve("deep-signed.xml")).doesNotExist();
    assertThat(dir.resolve("deep-default.xml")).isNotEmptyFile();
  }

  /**
   * A document whose DOM alone would take more than this test's heap (256 MB, about ten times a 40
   * MB document) signs and verifies: neither builds it. The DOM is parsed only when asked for.
   */
  @Test
  void aFortyMegabyteDocument_signsAndVerifies_withoutItsDom(@TempDir Path dir) throws Exception {
    Path xml = dir.resolve("so-tiep-nhan.xml");
    try (java.io.Writer w = Files.newBufferedWriter(xml, java.nio.charset.StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SoTiepNhan xmlns=\"urn:kyso:so\">\n");
      for (int i = 0; i < 240_000; i++) {
        w.write(
            "  <HoSo so=\""
                + i
                + "\"><NguoiNop>Nguyễn Văn Định</NguoiNop><ThuTuc>Cấp giấy phép xây dựng nhà ở"
                + " riêng lẻ</ThuTuc><TrangThai>Đang xử lý</TrangThai></HoSo>\n");
      }
      w.write("</SoTiepNhan>\n");
    }
    assertThat(Files.size(xml)).isGreaterThan(40L * 1000 * 1000);
    Path signed = dir.resolve("signed.xml");

    SignedOnce.signAndVerify(PKI, xml, signed);
  }
}
