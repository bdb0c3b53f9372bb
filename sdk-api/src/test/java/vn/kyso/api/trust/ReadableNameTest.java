package vn.kyso.api.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import vn.kyso.api.DnAttribute;
import vn.kyso.api.internal.DnParser;

/** Certificate names print as people read them: short names, Unicode values, never hex strings. */
class ReadableNameTest {
  private static X500Principal name(String... pairs) {
    ArrayList<DnAttribute> attributes = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      attributes.add(new DnAttribute(pairs[i], pairs[i], pairs[i + 1]));
    }
    return DnParser.principal(attributes);
  }

  @Test
  void vietnameseSubject_withEmailTitleAndUid_readsWithoutHex() {
    X500Principal p =
        name(
            "2.5.4.6", "VN",
            "2.5.4.10", "Sở Nội vụ",
            "2.5.4.12", "Giám đốc",
            "2.5.4.3", "Nguyễn Văn A",
            "0.9.2342.19200300.100.1.1", "CCCD:001080000001",
            "1.2.840.113549.1.9.1", "nva@thunghiem.gov.vn");

    String text = Certificates.readableName(p);

    // RFC 2253 writes T, E and UID's neighbours as #hex; people cannot read that.
    assertThat(p.getName(X500Principal.RFC2253)).contains("#");
    assertThat(text)
        .isEqualTo(
            "E=nva@thunghiem.gov.vn,UID=CCCD:001080000001,CN=Nguyễn Văn A,T=Giám đốc,"
                + "O=Sở Nội vụ,C=VN");
  }

  @Test
  void specialCharacters_areEscapedAsRfc4514Says() {
    String text =
        Certificates.readableName(name("2.5.4.3", " Trần, Lê+Phạm \"A\" ", "2.5.4.6", "VN"));

    assertThat(text).isEqualTo("C=VN,CN=\\ Trần\\, Lê\\+Phạm \\\"A\\\"\\ ");
  }

  @Test
  void aNonStringValue_isHex_andAnUnknownTypeKeepsItsOid() {
    X500Principal p = new X500Principal("CN=A,1.2.3.4=#020105");

    assertThat(Certificates.readableName(p)).isEqualTo("CN=A,1.2.3.4=#020105");
  }

  @Test
  void namesEqualAsPrincipals_keepTheCaseTheyAreWrittenIn_everyTime() {
    X500Principal upper = name("2.5.4.3", "SỞ NỘI VỤ", "2.5.4.6", "VN");
    X500Principal lower = name("2.5.4.3", "sở nội vụ", "2.5.4.6", "VN");

    // Equal as principals (RFC 5280 compares names case-insensitively), not as written.
    assertThat(upper).isEqualTo(lower);
    for (int round = 0; round < 3; round++) {
      assertThat(Certificates.readableName(upper)).isEqualTo("C=VN,CN=SỞ NỘI VỤ");
      assertThat(Certificates.readableName(lower)).isEqualTo("C=VN,CN=sở nội vụ");
    }
  }
}
