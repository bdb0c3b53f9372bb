package vn.kyso.api;

import static org.assertj.core.api.Assertions.assertThat;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The subject layouts of RULES.md section 3.1. */
class SignerIdentityTest {

  private static SignerIdentity parse(String rfc2253) {
    return SignerIdentity.parse(new X500Principal(rfc2253));
  }

  /**
   * Found by the ASiC fuzzing: a carried certificate whose subject holds a UTF8String that is not
   * UTF-8 made Bouncy Castle throw while the report named the signer. It is read as its bytes now.
   */
  @Test
  void aUtf8StringThatIsNotUtf8_isShownAsBytes_notAnException() throws Exception {
    byte[] dn = {
      0x30,
      0x0f,
      0x31,
      0x0d,
      0x30,
      0x0b,
      0x06,
      0x03,
      0x55,
      0x04,
      0x03,
      0x0c,
      0x04,
      'A',
      (byte) 0xff,
      (byte) 0xfe,
      'B'
    };

    SignerIdentity id = SignerIdentity.parse(new X500Principal(dn));

    assertThat(id.name()).startsWith("#0c04");
  }

  @Test
  void g1Personal_titleInsideCommonName_isSplitOff() {
    SignerIdentity id =
        parse(
            "CN=Pho Vu truong Tran Van Hung,L=Ha Noi,OU=Phong Tong hop,OU=Vu Phap che,O=Bo Tai"
                + " chinh,C=VN");

    assertThat(id.title()).contains("Pho Vu truong");
    assertThat(id.name()).isEqualTo("Tran Van Hung");
    assertThat(id.isTitleFromCommonName()).isTrue();
    assertThat(id.organisation()).contains("Bo Tai chinh");
    assertThat(id.organisationalUnits()).containsExactly("Vu Phap che", "Phong Tong hop");
    assertThat(id.locality()).contains("Ha Noi");
    assertThat(id.subjectType()).isEqualTo(SubjectType.PERSON);
    assertThat(id.hasName("Trần Văn Hùng")).isTrue();
    assertThat(id.hasTitle("Phó Vụ trưởng")).isTrue();
  }

  @Test
  void g1Organisation_withTaxCode() {
    SignerIdentity id =
        parse("O=Bo Tai chinh,OU=Tong cuc Thue,CN=Cuc Thue tinh Thai Binh,UID=MST:1000123456");

    assertThat(id.subjectType()).isEqualTo(SubjectType.ORGANISATION);
    assertThat(id.identifier(PersonalIdentifier.Type.MST))
        .get()
        .extracting(PersonalIdentifier::value)
        .isEqualTo("1000123456");
    assertThat(id.title()).isEmpty();
    assertThat(id.name()).isEqualTo("Cuc Thue tinh Thai Binh");
  }

  @Test
  void g2Organisation_upperCaseWithDiacritics() {
    SignerIdentity id = parse("CN=TỔNG CỤC THUẾ,O=BỘ TÀI CHÍNH,L=Hà Nội,C=VN");

    assertThat(id.subjectType()).isEqualTo(SubjectType.ORGANISATION);
    assertThat(id.name()).isEqualTo("TỔNG CỤC THUẾ");
    assertThat(id.organisationChain()).containsExactly("BỘ TÀI CHÍNH");
    assertThat(id.country()).contains("VN");
  }

  @Test
  void publicCaPerson_withTitleAttributeAndCccd() {
    X500Principal p =
        new X500Principal(
            "CN=Nguyễn Thị Thu Hà,T=Chánh Văn phòng,OU=Văn phòng UBND,O=Ủy ban nhân dân tỉnh Thử"
                + " Nghiệm,L=Ba Đình,ST=Hà Nội,C=VN,UID=CCCD:001185012345");
    SignerIdentity id = SignerIdentity.parse(p);

    assertThat(id.name()).isEqualTo("Nguyễn Thị Thu Hà");
    assertThat(id.title()).contains("Chánh Văn phòng");
    assertThat(id.isTitleFromCommonName()).isFalse();
    assertThat(id.stateOrProvince()).contains("Hà Nội");
    assertThat(id.identifiers())
        .extracting(PersonalIdentifier::type)
        .containsExactly(PersonalIdentifier.Type.CCCD);
    assertThat(id.subjectType()).isEqualTo(SubjectType.PERSON);
  }

  @Test
  void identifierPrefixes_areRecognised() {
    assertThat(PersonalIdentifier.parse("CMND:012345678").type())
        .isEqualTo(PersonalIdentifier.Type.CMND);
    assertThat(PersonalIdentifier.parse("hc: B1234567").value()).isEqualTo("B1234567");
    assertThat(PersonalIdentifier.parse("BHXH:0123").type())
        .isEqualTo(PersonalIdentifier.Type.BHXH);
    assertThat(PersonalIdentifier.parse("PPID:1").type()).isEqualTo(PersonalIdentifier.Type.PPID);
    assertThat(PersonalIdentifier.parse("0123456789").type())
        .isEqualTo(PersonalIdentifier.Type.OTHER);
  }

  @Test
  void titleWithoutPersonalName_isNotSplit() {
    SignerIdentity id = parse("CN=Chu tich UBND,O=UBND tinh,C=VN");

    assertThat(id.title()).isEmpty();
    assertThat(id.name()).isEqualTo("Chu tich UBND");
  }

  @Test
  void unknownShape_parsesAndKeepsRawName() {
    SignerIdentity id = parse("2.5.4.45=#0403616263,DC=example,DC=vn");

    assertThat(id.subjectType()).isEqualTo(SubjectType.UNKNOWN);
    assertThat(id.name()).isEmpty();
    assertThat(id.attributes()).hasSize(3);
    assertThat(id.distinguishedName()).contains("DC=example");
  }

  @Test
  void deviceCertificate_isRecognisedFromItsName() {
    assertThat(parse("CN=May chu he thong quan ly van ban,O=UBND tinh,C=VN").subjectType())
        .isEqualTo(SubjectType.DEVICE);
  }

  @Test
  void normaliser_foldsCaseDiacriticsAndDStroke() {
    assertThat(NameNormalizer.normalize("  ĐỖ   Thị\u00A0Hồng  ")).isEqualTo("do thi hong");
    assertThat(NameNormalizer.sameName("Nguyễn Văn Đức", "NGUYEN VAN DUC")).isTrue();
    // NFD input (combining marks) equals NFC input.
    assertThat(NameNormalizer.sameName("Nguye\u0302\u0303n", "Nguyễn")).isTrue();
    assertThat(NameNormalizer.sameName("Nguyễn Văn An", "Nguyễn Văn Anh")).isFalse();
  }
}
