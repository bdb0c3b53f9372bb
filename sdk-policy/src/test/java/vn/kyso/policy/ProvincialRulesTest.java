package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.policy.TokenState;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;

/**
 * Every checkable signing rule of the provincial packs: a trigger and a pass, with effective-date
 * edges.
 */
class ProvincialRulesTest {
  // The Thái Bình, Hòa Bình and Kon Tum acts' status is unknown since the 1 July 2025 merger
  // (RULES-ERRATA 3.2): these tests judge the rules as written, as a host that confirmed its act
  // was kept does; StatusAndTerritoryTest covers the unconfirmed case.
  private static final Policy TB = confirmed("thai-binh-08-2016");
  private static final Policy LC = preset("lao-cai-51-2015");
  private static final Policy HB = confirmed("hoa-binh-13-2020");
  private static final Policy KT = kontum();
  // The Kiên Giang draft lapsed on 1 July 2025 (RULES-ERRATA 3 D8): judged as of before that.
  private static final Policy KG = preset("kien-giang-2024-draft");
  private static final LocalDate KG_DAY = LocalDate.of(2025, 3, 3);
  private static final String TB_DOC = "QĐ 08/2016/QĐ-UBND";
  private static final String LC_DOC = "QĐ 51/2015/QĐ-UBND";
  private static final String HB_DOC = "QĐ 13/2020/QĐ-UBND";
  private static final String KT_DOC = "QĐ 284/QĐ-UBND";
  private static final LocalDate LC_DAY = LocalDate.of(2018, 6, 15);

  private static SigningRequest.Builder lc(X509Certificate c, DocumentInfo d) {
    return SigningRequest.builder(c, d, Certs.at(LC_DAY));
  }

  private static DocumentInfo.Builder lcLetter() {
    return letter().issueDate(LC_DAY).numberSymbol("12/UBND-VP");
  }

  // ---- Thái Bình

  @Test
  void tb02_eligibleIndividuals() {
    warns(
        TB.evaluate(request(UNIT_DEPUTY, letter().signerName("Phạm Thị Dung").build()).build()),
        "TB-02",
        TB_DOC);
    passes(
        TB.evaluate(request(UNIT_HEAD, letter().signerName("Lê Văn Cường").build()).build()),
        "TB-02");
    passes(TB.evaluate(request(CHAIRMAN, letter().build()).build()), "TB-02");
  }

  @Test
  void tb01_organisationScope() {
    Policy custom =
        Policy.preset("thai-binh-08-2016")
            .registry(REGISTRY)
            .parameter("thai-binh-08-2016", "organisation-types", List.of("so"))
            .build();
    warns(custom.evaluate(request(CHAIRMAN, letter().build()).build()), "TB-01", TB_DOC);
    passes(TB.evaluate(request(CHAIRMAN, letter().build()).build()), "TB-01");
  }

  @Test
  void tb10_classified_isDenied_andEncryptionIsNamedAsAllowed() {
    PolicyDecision d =
        TB.evaluate(request(CHAIRMAN, letter().classification(Classification.MAT).build()).build());
    denies(d, "TB-10", TB_DOC);
    assertThat(d.findings())
        .anyMatch(f -> f.ruleId().equals("TB-10") && f.messageVi().contains("mã hóa"));
    passes(TB.evaluate(request(CHAIRMAN, letter().build()).build()), "TB-10");
  }

  @Test
  void tb12_organisationCertificate_keptByTheVanThu() {
    denies(
        TB.evaluate(organisationAfterChairman(letter().build()).operator("p-chair").build()),
        "TB-12",
        TB_DOC);
    passes(TB.evaluate(organisationAfterChairman(letter().build()).build()), "TB-12");
  }

  @Test
  void tb13_lockedToken_recoveryByMau09() {
    PolicyDecision d =
        TB.evaluate(
            request(CHAIRMAN, letter().build())
                .tokenState(new TokenState(false, false, true, false, Optional.empty()))
                .build());
    denies(d, "TB-13", TB_DOC);
    assertThat(d.findings())
        .anyMatch(f -> f.ruleId().equals("TB-13") && f.messageEn().contains("Mẫu 09"));
    passes(
        TB.evaluate(
            request(CHAIRMAN, letter().build()).tokenState(TokenState.healthy(NOW)).build()),
        "TB-13");
  }

  @Test
  void tb15_paymentDocumentsAndIndividualDecisions_needAPaperOriginal() {
    PolicyDecision d =
        TB.evaluate(
            request(
                    CHAIRMAN,
                    DocumentInfo.builder("Quyết định")
                        .category(DocumentInfo.CATEGORY_INDIVIDUAL_DECISION)
                        .build())
                .build());
    warns(d, "TB-15", TB_DOC);
    assertThat(d.outcomes()).contains(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
    PolicyDecision ok = TB.evaluate(request(CHAIRMAN, letter().build()).build());
    passes(ok, "TB-15");
    assertThat(ok.outcomes()).doesNotContain(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
  }

  @Test
  void tb_mergerNotice_fromFirstJuly2025() {
    PolicyDecision after = TB.evaluate(request(CHAIRMAN, letter().build()).build());
    assertThat(after.findings())
        .anyMatch(f -> f.code().equals("PACK_NOTICE") && f.messageVi().contains("Hưng Yên"));
    PolicyDecision before =
        TB.evaluate(
            SigningRequest.builder(CHAIRMAN, letter().build(), Certs.at(LocalDate.of(2025, 6, 30)))
                .build());
    assertThat(before.findings()).noneMatch(f -> f.code().equals("PACK_NOTICE"));
  }

  @Test
  void tb_beforeItsEffectiveDate_isNotYetLaw() {
    PolicyDecision d =
        TB.evaluate(
            SigningRequest.builder(
                    CHAIRMAN,
                    letter().classification(Classification.MAT).build(),
                    Certs.at(LocalDate.of(2016, 9, 30)))
                .build());
    passes(d, "TB-10");
    assertThat(d.findings()).anyMatch(f -> f.code().equals("PACK_NOT_YET_IN_FORCE"));
    denies(
        TB.evaluate(
            SigningRequest.builder(
                    CHAIRMAN,
                    letter().classification(Classification.MAT).build(),
                    Certs.at(LocalDate.of(2016, 10, 1)))
                .build()),
        "TB-10",
        TB_DOC);
  }

  // ---- Lào Cai (in force 25/10/2015; repealed in 2020)

  /**
   * LC-02 (QĐ 51/2015 Art 8, "Điều kiện cấp chứng thư số") is an issuance condition: a mailbox
   * outside @laocai.gov.vn warns and never refuses the signature (RULES-ERRATA 1.1, LC-02; it
   * denied before the correction).
   */
  @Test
  void lc02_officialMailbox_isAnIssuanceCondition_thatWarns() {
    passes(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).build()), "LC-02");
    PolicyDecision vice =
        LC.evaluate(
            lc(VICE, lcLetter().authorityForm(AuthorityForm.KT).signerName("Trần Thị Bình").build())
                .build());
    warns(vice, "LC-02", LC_DOC);
    assertThat(vice.denials()).noneMatch(f -> f.ruleId().equals("LC-02"));
    // The unit deputy's certificate carries no e-mail: the rule could not be checked (info).
    PolicyDecision deputy = LC.evaluate(lc(UNIT_DEPUTY, lcLetter().build()).build());
    assertThat(deputy.findings())
        .filteredOn(f -> f.ruleId().equals("LC-02"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("NO_EMAIL_NOT_CHECKED");
              assertThat(f.severity()).isEqualTo(Severity.INFO);
            });
    assertThat(deputy.denials()).noneMatch(f -> f.ruleId().equals("LC-02"));
  }

  @Test
  void lc02_domainIsAHostParameter() {
    Policy moved =
        Policy.preset("lao-cai-51-2015")
            .registry(REGISTRY)
            .parameter("lao-cai-51-2015", "official-email-domains", List.of("thunghiem.gov.vn"))
            .build();
    passes(
        moved.evaluate(
            lc(VICE, lcLetter().authorityForm(AuthorityForm.KT).signerName("Trần Thị Bình").build())
                .build()),
        "LC-02");
  }

  @Test
  void lc03_safeSignature_validCertificateFromTheSpecialUseCa() {
    X509Certificate publicCert =
        Certs.person("Nguyễn Văn An").issuer(Certs.PUBLIC_ISSUER).email("a@laocai.gov.vn").build();
    denies(LC.evaluate(lc(publicCert, lcLetter().build()).build()), "LC-03", LC_DOC);
    X509Certificate expired =
        Certs.person("Nguyễn Văn An")
            .email("a@laocai.gov.vn")
            .valid(LocalDate.of(2014, 1, 1), LocalDate.of(2018, 1, 1))
            .build();
    denies(LC.evaluate(lc(expired, lcLetter().build()).build()), "LC-03", LC_DOC);
    CertificateResult good =
        new CertificateResult(
            Indication.TOTAL_PASSED,
            Optional.empty(),
            List.of(CHAIRMAN),
            Certs.at(LC_DAY),
            List.of(),
            List.of());
    quiet(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).certificateResult(good).build()), "LC-03");
  }

  @Test
  void lc04a_classified_isDenied_andRepealEdge() {
    denies(
        LC.evaluate(
            lc(CHAIRMAN, lcLetter().classification(Classification.TUYET_MAT).build()).build()),
        "LC-04a",
        LC_DOC);
    passes(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).build()), "LC-04a");
    DocumentInfo secret = letter().classification(Classification.MAT).build();
    denies(
        LC.evaluate(
            SigningRequest.builder(CHAIRMAN, secret, Certs.at(LocalDate.of(2019, 12, 31))).build()),
        "LC-04a",
        LC_DOC);
    // RULES-ERRATA 1.1 (LC-*): QĐ 16/2020 repealed QĐ 51/2015 on a date not yet confirmed, so
    // during 2020 the rules warn with a status notice; from 01/01/2021 they only inform.
    PolicyDecision in2020 =
        LC.evaluate(
            SigningRequest.builder(CHAIRMAN, secret, Certs.at(LocalDate.of(2020, 1, 1))).build());
    warns(in2020, "LC-04a", LC_DOC);
    assertThat(in2020.denials()).noneMatch(f -> f.ruleId().equals("LC-04a"));
    assertThat(in2020.findings()).anyMatch(f -> f.code().equals("PACK_STATUS_UNKNOWN"));
    PolicyDecision after =
        LC.evaluate(
            SigningRequest.builder(CHAIRMAN, secret, Certs.at(LocalDate.of(2021, 1, 1))).build());
    onlyInforms(after, "LC-04a");
    assertThat(after.findings()).anyMatch(f -> f.code().equals("PACK_REPEALED"));
    assertThat(after.isAllowed()).as("the national X-01 still denies").isFalse();
    denies(after, "X-01", "X-01");
  }

  @Test
  void lc04a_dayBeforeEffectiveDate_isNotYetLaw() {
    DocumentInfo secret = lcLetter().classification(Classification.MAT).build();
    passes(
        LC.evaluate(
            SigningRequest.builder(CHAIRMAN, secret, Certs.at(LocalDate.of(2015, 10, 24))).build()),
        "LC-04a");
    denies(
        LC.evaluate(
            SigningRequest.builder(CHAIRMAN, secret, Certs.at(LocalDate.of(2015, 10, 25))).build()),
        "LC-04a",
        LC_DOC);
  }

  @Test
  void lc04b_historicExclusionList() {
    DocumentInfo land =
        DocumentInfo.builder("Giấy chứng nhận")
            .category(DocumentInfo.CATEGORY_LAND_OR_HOUSE_CERTIFICATE)
            .build();
    denies(LC.evaluate(lc(CHAIRMAN, land).build()), "LC-04b", LC_DOC);
    passes(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).build()), "LC-04b");
  }

  @Test
  void lc01_scope() {
    Policy narrow =
        Policy.preset("lao-cai-51-2015")
            .registry(REGISTRY)
            .parameter("lao-cai-51-2015", "organisation-types", List.of("so"))
            .build();
    warns(narrow.evaluate(lc(CHAIRMAN, lcLetter().build()).build()), "LC-01", LC_DOC);
    passes(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).build()), "LC-01");
  }

  @Test
  void lc06_titleMustMatch() {
    warns(
        LC.evaluate(lc(CHAIRMAN, lcLetter().titleLine("GIÁM ĐỐC").build()).build()),
        "LC-06",
        LC_DOC);
    passes(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).build()), "LC-06");
  }

  @Test
  void lc07_authorityReadFromTheCertificateTitle() {
    DocumentInfo kt =
        lcLetter()
            .authorityForm(AuthorityForm.KT)
            .signerName("Trần Thị Bình")
            .titleLine("PHÓ CHỦ TỊCH")
            .build();
    warns(LC.evaluate(lc(VICE, kt).build()), "LC-07", LC_DOC);
    X509Certificate titled =
        Certs.person("Trần Thị Bình").title("Phó Chủ tịch").email("b@laocai.gov.vn").build();
    passes(LC.evaluate(lc(titled, kt).build()), "LC-07");
  }

  @Test
  void lc08_lc15_organisationDeviceHeldByTheVanThu() {
    SigningRequest.Builder b =
        lc(PROVINCE_ORG, lcLetter().build())
            .kind(SignatureKind.ORGANISATION)
            .operator("p-vice")
            .priorSignature(
                new PriorSignature(
                    SignatureKind.PERSONAL, CHAIRMAN, Certs.at(LC_DAY).minusSeconds(60), true));
    PolicyDecision d = LC.evaluate(b.build());
    denies(d, "LC-08", LC_DOC);
    denies(d, "LC-15", LC_DOC);
    PolicyDecision ok = LC.evaluate(b.operator("p-clerk").build());
    passes(ok, "LC-08");
    passes(ok, "LC-15");
  }

  @Test
  void lc09_organisationSignature_onScansOfSignedAndSealedPaper() {
    DocumentInfo scan = lcLetter().digitisedFromPaper(DEPARTMENT, true, true).build();
    passes(LC.evaluate(lc(PROVINCE_ORG, scan).operator("p-clerk").build()), "LC-09");
    DocumentInfo unsealed = lcLetter().digitisedFromPaper(DEPARTMENT, false, true).build();
    denies(LC.evaluate(lc(PROVINCE_ORG, unsealed).operator("p-clerk").build()), "LC-09", LC_DOC);
  }

  @Test
  void lc11_lockedDevice() {
    denies(
        LC.evaluate(
            lc(CHAIRMAN, lcLetter().build())
                .tokenState(new TokenState(false, false, true, false, Optional.empty()))
                .build()),
        "LC-11",
        LC_DOC);
    passes(
        LC.evaluate(
            lc(CHAIRMAN, lcLetter().build())
                .tokenState(TokenState.healthy(Certs.at(LC_DAY)))
                .build()),
        "LC-11");
  }

  @Test
  void lc14_pinOlderThanSixMonths() {
    TokenState old = TokenState.healthy(Certs.at(LC_DAY.minusMonths(7)));
    warns(LC.evaluate(lc(CHAIRMAN, lcLetter().build()).tokenState(old).build()), "LC-14", LC_DOC);
    passes(
        LC.evaluate(
            lc(CHAIRMAN, lcLetter().build())
                .tokenState(TokenState.healthy(Certs.at(LC_DAY.minusMonths(5))))
                .build()),
        "LC-14");
    informs(
        LC.evaluate(
            lc(CHAIRMAN, lcLetter().build())
                .tokenState(new TokenState(false, false, false, false, Optional.empty()))
                .build()),
        "LC-14");
  }

  // ---- Hòa Bình

  @Test
  void hb03_organisationSignature_afterTheLeader_orOnItsOwnDigitisation() {
    passes(HB.evaluate(organisationAfterChairman(letter().build()).build()), "HB-03");
    denies(
        HB.evaluate(request(PROVINCE_ORG, letter().build()).operator("p-clerk").build()),
        "HB-03",
        HB_DOC);
    DocumentInfo own = letter().digitisedFromPaper(PROVINCE, false, true).build();
    passes(HB.evaluate(request(PROVINCE_ORG, own).operator("p-clerk").build()), "HB-03");
    DocumentInfo other = letter().digitisedFromPaper(DEPARTMENT, true, true).build();
    denies(HB.evaluate(request(PROVINCE_ORG, other).operator("p-clerk").build()), "HB-03", HB_DOC);
    denies(
        HB.evaluate(organisationAfterChairman(letter().build()).operator("p-chair").build()),
        "HB-03",
        HB_DOC);
  }

  @Test
  void hb02_lockedDevice_isReported() {
    denies(
        HB.evaluate(
            request(CHAIRMAN, letter().build())
                .tokenState(new TokenState(false, false, true, false, Optional.empty()))
                .build()),
        "HB-02",
        HB_DOC);
    passes(
        HB.evaluate(
            request(CHAIRMAN, letter().build()).tokenState(TokenState.healthy(NOW)).build()),
        "HB-02");
  }

  @Test
  void hb01_scope() {
    warns(HB.evaluate(request(CHAIRMAN, letter().build()).build()), "HB-01", HB_DOC);
    passes(
        HB.evaluate(
            request(DEPARTMENT_ORG, letter().issuingOrganisation(DEPARTMENT).build())
                .kind(SignatureKind.ORGANISATION)
                .build()),
        "HB-01");
  }

  // ---- Kon Tum

  @Test
  void kt01_onlyTheLeadersAndTheOfficeChiefsSign() {
    passes(KT.evaluate(request(CHAIRMAN, letter().build()).build()), "KT-01");
    // RULES-ERRATA 1.1 (KT-01, KT Art 2): the Office's Chief signs notices of the leaders'
    // directions only.
    passes(
        KT.evaluate(
            request(
                    UNIT_HEAD,
                    letter()
                        .signerName("Lê Văn Cường")
                        .category(DocumentInfo.CATEGORY_LEADER_DIRECTION_NOTICE)
                        .build())
                .build()),
        "KT-01");
    PolicyDecision plain =
        KT.evaluate(request(UNIT_HEAD, letter().signerName("Lê Văn Cường").build()).build());
    denies(plain, "KT-01", KT_DOC);
    assertThat(plain.denials()).anyMatch(f -> f.code().equals("NOT_COMPETENT_WITHOUT_TAG"));
    denies(
        KT.evaluate(request(CLERK, letter().signerName("Hoàng Thị Én").build()).build()),
        "KT-01",
        KT_DOC);
    warns(
        KT.evaluate(request(STRANGER, letter().signerName("Người Lạ").build()).build()),
        "KT-01",
        KT_DOC);
  }

  @Test
  void kt02_classifiedExcluded() {
    denies(
        KT.evaluate(request(CHAIRMAN, letter().classification(Classification.MAT).build()).build()),
        "KT-02",
        KT_DOC);
    passes(KT.evaluate(request(CHAIRMAN, letter().build()).build()), "KT-02");
    // KT Art 3(1) "các văn bản khác theo quy định của pháp luật": a configurable list (KT-02).
    Policy withOthers =
        Policy.preset("kon-tum-284-2018")
            .registry(REGISTRY)
            .parameter("kon-tum-284-2018", "unknown-status", "as-written")
            .parameter("kon-tum-284-2018", "scope-organisations", List.of(PROVINCE))
            .parameter("kon-tum-284-2018", "other-excluded-categories", List.of("land-use-plan"))
            .build();
    denies(
        withOthers.evaluate(request(CHAIRMAN, letter().category("land-use-plan").build()).build()),
        "KT-02",
        KT_DOC);
  }

  @Test
  void ktPack_appliesOnlyToTheProvincialCommitteeAndItsOffice() {
    // RULES-ERRATA 1.1 (KT-*, KT Art 1, 9(1)): a sở's document is outside QĐ 284.
    DocumentInfo departmentLetter =
        letter().issuingOrganisation(DEPARTMENT).classification(Classification.MAT).build();
    PolicyDecision d = KT.evaluate(request(CHAIRMAN, departmentLetter).build());
    assertThat(d.findings()).noneMatch(f -> f.ruleId().startsWith("KT-"));
    assertThat(d.findings())
        .anyMatch(f -> f.code().equals("OUTSIDE_PACK_SCOPE") && f.severity() == Severity.INFO);
    // The built-in scope names UBND tỉnh Kon Tum and its Office.
    assertThat(PolicyPack.builtIn("kon-tum-284-2018").parameters().get("scope-organisations"))
        .isEqualTo(
            List.of("Ủy ban nhân dân tỉnh Kon Tum", "Văn phòng Ủy ban nhân dân tỉnh Kon Tum"));
  }

  @Test
  void kt04_organisationAlone_onlyOnAScanOfPaper() {
    DocumentInfo scan = letter().digitisedFromPaper(PROVINCE, true, true).build();
    passes(KT.evaluate(request(PROVINCE_ORG, scan).operator("p-clerk").build()), "KT-04");
    // RULES-ERRATA 1.1 (KT-04): only a scan of hand-signed and sealed paper.
    DocumentInfo unsealed = letter().digitisedFromPaper(PROVINCE, false, true).build();
    denies(
        KT.evaluate(request(PROVINCE_ORG, unsealed).operator("p-clerk").build()), "KT-04", KT_DOC);
    denies(
        KT.evaluate(request(PROVINCE_ORG, letter().build()).operator("p-clerk").build()),
        "KT-04",
        KT_DOC);
  }

  @Test
  void kt08_officeNoticesUseTheOfficeCertificate() {
    // RULES-ERRATA 1.2 (KT-08): keyed on the leader-direction-notice tag, not on inferred type
    // names.
    DocumentInfo notice =
        DocumentInfo.builder("Thông báo")
            .numberSymbol("5/TB-VP")
            .issuingOrganisation(PROVINCE)
            .category(DocumentInfo.CATEGORY_LEADER_DIRECTION_NOTICE)
            .build();
    denies(KT.evaluate(organisationAfterChairman(notice).build()), "KT-08", KT_DOC);
    passes(
        KT.evaluate(
            organisationAfterChairman(
                    DocumentInfo.builder("Thông báo kết luận giao ban UBND tỉnh")
                        .numberSymbol("5/TB-VP")
                        .issuingOrganisation(PROVINCE)
                        .build())
                .build()),
        "KT-08");
    DocumentInfo byOffice =
        DocumentInfo.builder("Thông báo")
            .numberSymbol("5/TB-VP")
            .issuingOrganisation(KT_OFFICE)
            .category(DocumentInfo.CATEGORY_LEADER_DIRECTION_NOTICE)
            .build();
    passes(
        KT.evaluate(
            request(KT_OFFICE_ORG, byOffice)
                .kind(SignatureKind.ORGANISATION)
                .operator("p-kt")
                .priorSignature(
                    new PriorSignature(
                        SignatureKind.PERSONAL, CHAIRMAN, NOW.minusSeconds(60), true))
                .build()),
        "KT-08");
  }

  @Test
  void kt09_onlyEightTypesArePurelyElectronic() {
    PolicyDecision letterDecision = KT.evaluate(request(CHAIRMAN, letter().build()).build());
    warns(letterDecision, "KT-09", KT_DOC);
    assertThat(letterDecision.outcomes()).contains(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
    PolicyDecision invitation =
        KT.evaluate(request(CHAIRMAN, DocumentInfo.builder("giấy mời").build()).build());
    passes(invitation, "KT-09");
  }

  @Test
  void kt10_ubndDevice_keptByTheOffice() {
    denies(
        KT.evaluate(organisationAfterChairman(letter().build()).operator("p-chair").build()),
        "KT-10",
        KT_DOC);
    passes(KT.evaluate(organisationAfterChairman(letter().build()).build()), "KT-10");
  }

  // ---- Kiên Giang (draft: warns, never denies)

  @Test
  void kg01_draftRule_warnsButDoesNotDeny() {
    PolicyDecision d =
        KG.evaluate(
            requestOn(KG_DAY, CHAIRMAN, letter().classification(Classification.MAT).build())
                .build());
    assertThat(d.findings())
        .anyMatch(f -> f.ruleId().equals("KG-01") && f.severity() == Severity.WARNING);
    assertThat(d.denials()).noneMatch(f -> f.ruleId().equals("KG-01"));
    assertThat(d.findings()).anyMatch(f -> f.code().equals("PACK_DRAFT"));
    passes(KG.evaluate(requestOn(KG_DAY, CHAIRMAN, letter().build()).build()), "KG-01");
  }

  @Test
  void kg02_kg09_keyStorageAndLockedDevice() {
    warns(
        KG.evaluate(
            requestOn(KG_DAY, CHAIRMAN, letter().build()).keyStorage(KeyStorage.SOFTWARE).build()),
        "KG-02",
        "Kiên Giang");
    passes(
        KG.evaluate(
            requestOn(KG_DAY, CHAIRMAN, letter().build()).keyStorage(KeyStorage.SIM).build()),
        "KG-02");
    warns(
        KG.evaluate(
            requestOn(KG_DAY, CHAIRMAN, letter().build())
                .tokenState(new TokenState(false, false, true, false, Optional.empty()))
                .build()),
        "KG-09",
        "Kiên Giang");
    passes(
        KG.evaluate(
            requestOn(KG_DAY, CHAIRMAN, letter().build())
                .tokenState(TokenState.healthy(NOW))
                .build()),
        "KG-09");
  }

  @Test
  void kg05_communesAreInScope_andOptInTypesAreAParameter() {
    Policy narrow =
        Policy.preset("kien-giang-2024-draft")
            .registry(REGISTRY)
            .parameter("kien-giang-2024-draft", "organisation-types", List.of("so"))
            .build();
    warns(
        narrow.evaluate(requestOn(KG_DAY, CHAIRMAN, letter().build()).build()),
        "KG-05",
        "Kiên Giang");
    passes(KG.evaluate(requestOn(KG_DAY, CHAIRMAN, letter().build()).build()), "KG-05");
    // RULES-ERRATA 1.1 (KG-05): KG draft Art 2(1) covers UBND xã; cited with Art 2, 6 and 10.
    assertThat(PolicyPack.builtIn("kien-giang-2024-draft").parameters().get("organisation-types"))
        .asList()
        .contains("ubnd-xa");
    X509Certificate commune = Certs.organisation("Ủy ban nhân dân xã Thử Nghiệm").build();
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .organisation(
                new OrganisationRecord(
                    "Ủy ban nhân dân xã Thử Nghiệm",
                    "ubnd-xa",
                    Regime.COLLECTIVE,
                    Set.of(),
                    Set.of("p-x"),
                    Set.of()))
            .build();
    PolicyDecision d =
        Policy.preset("kien-giang-2024-draft")
            .registry(reg)
            .build()
            .evaluate(
                requestOn(
                        KG_DAY,
                        commune,
                        letter().issuingOrganisation("Ủy ban nhân dân xã Thử Nghiệm").build())
                    .operator("p-x")
                    .build());
    quiet(d, "KG-05");
    assertThat(d.satisfied())
        .anyMatch(f -> f.ruleId().equals("KG-05") && f.citation().article().contains("Điều 2"));
  }

  @Test
  void kg11_isABasisForEventAndLockedDeviceAdvice_notAnEmailCheck() {
    // RULES-ERRATA 1.1 (KG-11): KG draft Art 25 says nothing of e-mail; CD68-08 owns that.
    X509Certificate other = Certs.person("Nguyễn Văn An").email("an@gmail.com").build();
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .signer(
                other,
                new SignerRecord(
                    "p",
                    "Nguyễn Văn An",
                    PROVINCE,
                    Position.HEAD,
                    "Chủ tịch",
                    Set.of(),
                    Optional.of("an@kiengiang.gov.vn"),
                    true,
                    List.of(),
                    Optional.empty()))
            .build();
    PolicyDecision email =
        Policy.preset("kien-giang-2024-draft")
            .registry(reg)
            .build()
            .evaluate(requestOn(KG_DAY, other, letter().build()).build());
    passes(email, "KG-11");
    warns(email, "CD68-08", "68/2024");
    EventAdvice retirement = KG.eventAdvice(HrEvent.RETIREMENT, KG_DAY);
    assertThat(retirement.findings()).anyMatch(f -> f.ruleId().equals("KG-11"));
    PolicyDecision locked =
        KG.evaluate(
            requestOn(KG_DAY, CHAIRMAN, letter().build())
                .tokenState(new TokenState(false, false, true, false, Optional.empty()))
                .build());
    assertThat(locked.findings())
        .anyMatch(f -> f.ruleId().equals("KG-11") && f.citation().article().contains("khoản 5"));
  }
}
