package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.kyso.testkit.PolicyAssertions.assertThatPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.policy.Policy;
import vn.kyso.policy.PolicyFormatException;

/**
 * What an e-office team writes to pin its workflow rules: the fluent assertions and the extension.
 */
class PolicyAssertionsTest {
  private static final TestPki PKI = TestPki.builder().build();

  @RegisterExtension
  static final PolicyExtension LAO_CAI =
      PolicyExtension.preset("lao-cai-51-2015").registry(PKI.signerRegistry());

  private static final DocumentInfo LETTER =
      DocumentInfo.builder("Công văn")
          .numberSymbol("15/UBND-VP")
          .issuingOrganisation(TestPki.PROVINCE)
          .signerName("Nguyễn Văn An")
          .titleLine("CHỦ TỊCH")
          .authorityForm(AuthorityForm.TM)
          .build();

  @Test
  void classifiedDocument_isDeniedUnderLaoCai_citingLc04a(Policy policy) {
    DocumentInfo secret =
        DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
    assertThatPolicy(policy)
        .asOf(LocalDate.of(2018, 6, 15))
        .denies(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(secret)
        .citing("LC-04a")
        .citedTo("LC-04a", "51/2015");
  }

  @Test
  void organisationSignature_afterTheChairman_byTheClerk_isAnAllowedIssuance() throws Exception {
    Policy national = Policy.preset("national").registry(PKI.signerRegistry()).build();
    assertThatPolicy(national)
        .allows(PKI.credential(TestIdentity.PROVINCE_ORGANISATION))
        .asOrganisation()
        .operatedBy(TestPki.registryId(TestIdentity.CLERK))
        .after(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(LETTER)
        .notCiting("VT30-09")
        .notCiting("TT41-02")
        // The allowance cites its reasons as a denial does.
        .allowedBecause("VT30-09", "30/2020")
        .allowedBecause("TT41-02", "41/2017");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                assertThatPolicy(national)
                    .denies(PKI.credential(TestIdentity.PROVINCE_ORGANISATION))
                    .asOrganisation()
                    .operatedBy(TestPki.registryId(TestIdentity.CLERK))
                    .signing(LETTER)
                    .allowedBecause("VT30-09", "30/2020"))
        .isInstanceOf(org.opentest4j.AssertionFailedError.class);
    assertThatPolicy(national)
        .denies(PKI.credential(TestIdentity.PROVINCE_ORGANISATION))
        .asOrganisation()
        .operatedBy(TestPki.registryId(TestIdentity.CLERK))
        .signing(LETTER)
        .citing("VT30-09");
    assertThatPolicy(national)
        .denies(PKI.credential(TestIdentity.PROVINCE_ORGANISATION))
        .asOrganisation()
        .operatedBy(TestPki.registryId(TestIdentity.VICE_CHAIRMAN))
        .after(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(LETTER)
        .citing("TT41-02");
  }

  @Test
  void personalSignature_carriesTheNotYetOriginalOutcome() {
    Policy national = Policy.preset("national").registry(PKI.signerRegistry()).build();
    assertThatPolicy(national)
        .allows(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(LETTER)
        .withOutcome(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE)
        .citing("VT30-01");
    assertThatPolicy(national)
        .warns(PKI.credential(TestIdentity.CHAIRMAN))
        .with(b -> b.keyStorage(KeyStorage.SOFTWARE))
        .signing(LETTER)
        .citing("CD68-18");
    assertThatPolicy(national)
        .denies(PKI.credential(TestIdentity.VICE_CHAIRMAN))
        .signing(DocumentInfo.builder("Giấy mời").authorityForm(AuthorityForm.TM).build())
        .citing("VT30-04");
  }

  @Test
  void wrongExpectation_failsWithTheWholeDecisionInBothLanguages() {
    Policy national = Policy.preset("national").registry(PKI.signerRegistry()).build();
    assertThatThrownBy(
            () ->
                assertThatPolicy(national)
                    .denies(PKI.credential(TestIdentity.CHAIRMAN))
                    .signing(LETTER))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("Policy decision")
        .hasMessageContaining("Quyết định chính sách");
    assertThatThrownBy(
            () ->
                assertThatPolicy(national)
                    .allows(PKI.credential(TestIdentity.CHAIRMAN))
                    .signing(LETTER)
                    .citing("LC-02"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("LC-02");
  }

  @Test
  void brokenHostPack_failsWithItsLineAndColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ours.yaml");
    Files.writeString(file, "kyso-policy-pack: 1\nid: ours\nversion: x\nrules: 3\n");
    PolicyExtension broken = PolicyExtension.preset("national").pack(file);
    assertThatThrownBy(broken::policy)
        .isInstanceOf(PolicyFormatException.class)
        .satisfies(e -> assertThat(((PolicyFormatException) e).line()).isPositive());
  }

  @Test
  void asOf2018InThaiBinh_needsNoHandMadePki_andEveryClockMoves() {
    LocalDate day = LocalDate.of(2018, 5, 2);
    TestPki thaiBinh = TestPki.builder().province("Thái Bình").asOf(day).build();
    assertThat(thaiBinh.provinceOrganisation()).isEqualTo("Ủy ban nhân dân tỉnh Thái Bình");
    assertThat(thaiBinh.formerProvince()).isEmpty();
    assertThat(
            thaiBinh
                .credential(TestIdentity.CHAIRMAN)
                .certificate()
                .getSubjectX500Principal()
                .getName())
        .contains("Thái Bình");
    Policy tb = Policy.preset("thai-binh-08-2016").registry(thaiBinh.signerRegistry()).build();
    DocumentInfo letter =
        DocumentInfo.builder("Công văn")
            .numberSymbol("15/UBND-VP")
            .issuingOrganisation(thaiBinh.provinceOrganisation())
            .signerName("Nguyễn Văn An")
            .titleLine("CHỦ TỊCH")
            .authorityForm(AuthorityForm.TM)
            .build();
    // The certificate is valid on the day (no CERT_NOT_YET_VALID), the decision is as of 2018.
    var allowed =
        assertThatPolicy(tb)
            .asOf(day)
            .allows(thaiBinh.credential(TestIdentity.PROVINCE_ORGANISATION))
            .asOrganisation()
            .operatedBy(TestPki.registryId(TestIdentity.CLERK))
            .after(thaiBinh.credential(TestIdentity.CHAIRMAN))
            .signing(letter)
            .citing("TB-12") // the văn thư holds the organisation token (ND30 is not yet law)
            .notCiting("VT30-09")
            .decision();
    assertThat(allowed.asOf()).isEqualTo(day);
    assertThat(allowed.findings())
        .noneMatch(f -> f.code().equals("CERT_NOT_YET_VALID") || f.code().equals("CERT_EXPIRED"));

    // After the merger the same province is Hưng Yên and the registry remembers Thái Bình.
    TestPki later = TestPki.builder().province("Thái Bình").asOf(LocalDate.of(2026, 3, 2)).build();
    assertThat(later.provinceOrganisation()).isEqualTo("Ủy ban nhân dân tỉnh Hưng Yên");
    assertThat(later.formerProvince()).contains("Thái Bình");
    TestPki finance =
        TestPki.builder()
            .province("Lào Cai")
            .department("Sở Tài chính")
            .asOf(LocalDate.of(2018, 6, 15))
            .build();
    assertThat(finance.departmentOrganisation()).isEqualTo("Sở Tài chính tỉnh Lào Cai");
    assertThat(
            finance
                .credential(TestIdentity.DEPARTMENT_ORGANISATION)
                .certificate()
                .getSubjectX500Principal()
                .getName())
        .contains("Sở Tài chính tỉnh Lào Cai");
    assertThat(
            finance
                .signerRegistry()
                .organisation("Sở Tài chính tỉnh Lào Cai", java.time.Instant.now()))
        .isPresent();
  }

  @Test
  void anAllowedDecision_citesTheRulesThatDecidedIt_andCitingOnlyIsExact() {
    Policy national = Policy.preset("national").registry(PKI.signerRegistry()).build();
    var allowed =
        assertThatPolicy(national)
            .allows(PKI.credential(TestIdentity.PROVINCE_ORGANISATION))
            .asOrganisation()
            .operatedBy(TestPki.registryId(TestIdentity.CLERK))
            .after(PKI.credential(TestIdentity.CHAIRMAN))
            .signing(LETTER)
            .citing("VT30-09")
            .allowedBecause("VT30-09", "30/2020");
    java.util.List<String> met =
        allowed.decision().satisfied().stream().map(f -> f.ruleId()).distinct().toList();
    allowed.citingOnly(met.toArray(String[]::new));
    assertThatThrownBy(() -> allowed.citingOnly("VT30-09"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("cite only");

    DocumentInfo secret =
        DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
    assertThatPolicy(national)
        .denies(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(secret)
        .citingOnly("X-01");
  }

  @Test
  void encryptingAClassifiedDocument_isAskedAsItsOwnOperation() {
    LocalDate day = LocalDate.of(2024, 5, 6);
    TestPki tbPki = TestPki.builder().province("Thái Bình").asOf(day).build();
    Policy tb = Policy.preset("thai-binh-08-2016").registry(tbPki.signerRegistry()).build();
    DocumentInfo secret =
        DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
    assertThatPolicy(tb)
        .asOf(day)
        .allows(tbPki.credential(TestIdentity.CHAIRMAN))
        .operation(vn.kyso.api.policy.Operation.ENCRYPT)
        .signing(secret)
        .citing("TB-11")
        .notCiting("TB-10");
  }
}
