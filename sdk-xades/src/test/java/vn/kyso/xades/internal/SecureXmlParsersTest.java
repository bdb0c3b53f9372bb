package vn.kyso.xades.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/** A reused parser keeps every hardening setting, whatever the document before it was. */
class SecureXmlParsersTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aReusedParser_refusesWhatAFreshOneRefuses() throws Exception {
    SecureXml.Parsers parsers = new SecureXml.Parsers(1024, 3);
    String doctype = "<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>";
    for (int round = 0; round < 3; round++) {
      assertThat(parsers.parse(utf8("<r a='1'><b/></r>")).getDocumentElement().getAttribute("a"))
          .isEqualTo("1");
      assertThatThrownBy(() -> parsers.parse(utf8(doctype)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
      assertThatThrownBy(() -> parsers.parse(utf8("<a><b><c><d/></c></b></a>")))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
      assertThatThrownBy(() -> parsers.parse(utf8("<r><unclosed></r>")))
          .isInstanceOf(DocumentException.class);
      assertThatThrownBy(() -> parsers.parse(new byte[2048]))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
    }
  }
}
