package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.Medium;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.policy.TokenState;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SubIndication;

/** Every checkable rule of the national pack: one case that triggers it and one that passes it. */
class NationalRulesTest {
  private static final Policy NATIONAL = preset("national");
  private static final String ND30 = "Nghị định 30/2020/NĐ-CP";
  private static final String ND68 = "Nghị định 68/2024/NĐ-CP";

  private static PolicyDecision eval(SigningRequest.Builder b) {
    return NATIONAL.evaluate(b.build());
  }

  @Test
  void x01_classifiedDocument_isDenied_unclassifiedIsNot() {
    denies(
        eval(request(CHAIRMAN, letter().classification(Classification.TOI_MAT).build())),
        "X-01",
        "X-01");
    passes(eval(request(CHAIRMAN, letter().build())), "X-01");
  }

  @Test
  void vt30_01_personalSignatureAlone_isNotAnOriginalYet() {
    PolicyDecision d = eval(request(CHAIRMAN, letter().build()));
    informs(d, "VT30-01");
    assertThat(d.outcomes()).contains(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
    PolicyDecision org = eval(organisationAfterChairman(letter().build()));
    passes(org, "VT30-01");
  }

  @Test
  void vt30_02_and_cd68_13_expiredOrRevokedCertificate_isDenied() {
    X509Certificate expired =
        Certs.person("Nguyễn Văn An")
            .valid(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 6, 1))
            .build();
    PolicyDecision d = eval(request(expired, letter().build()));
    denies(d, "VT30-02", ND30);
    denies(d, "CD68-13", ND68);
    assertThat(d.findings()).anyMatch(f -> f.code().equals("CERT_EXPIRED"));

    RevocationEvidence revoked =
        new RevocationEvidence(
            CHAIRMAN,
            RevocationEvidence.Kind.OCSP,
            RevocationEvidence.Origin.NETWORK,
            RevocationEvidence.Status.REVOKED,
            NOW,
            Optional.empty(),
            Optional.of(NOW.minusSeconds(86_400)),
            Optional.of("keyCompromise"),
            List.of(),
            new byte[0]);
    CertificateResult result =
        new CertificateResult(
            Indication.TOTAL_FAILED,
            Optional.of(SubIndication.REVOKED),
            List.of(CHAIRMAN),
            NOW,
            List.of(revoked),
            List.of());
    denies(eval(request(CHAIRMAN, letter().build()).certificateResult(result)), "CD68-13", ND68);

    CertificateResult good =
        new CertificateResult(
            Indication.TOTAL_PASSED,
            Optional.empty(),
            List.of(CHAIRMAN),
            NOW,
            List.of(),
            List.of());
    PolicyDecision ok = eval(request(CHAIRMAN, letter().build()).certificateResult(good));
    passes(ok, "VT30-02");
    passes(ok, "CD68-13");
  }

  @Test
  void cd68_13_statusNotChecked_warnsInsteadOfPassingSilently() {
    PolicyDecision d = eval(request(CHAIRMAN, letter().build()));
    warns(d, "CD68-13", ND68);
    assertThat(d.findings()).anyMatch(f -> f.code().equals("CERT_STATUS_NOT_CHECKED"));
  }

  @Test
  void vt30_03_kt_needsADeputyInTheirAssignedField() {
    DocumentInfo kt =
        letter()
            .authorityForm(AuthorityForm.KT)
            .signerName("Trần Thị Bình")
            .titleLine("PHÓ CHỦ TỊCH")
            .build();
    passes(eval(request(VICE, kt)), "VT30-03");
    DocumentInfo outside = DocumentInfo.builder("Giấy mời").authorityForm(AuthorityForm.KT).build();
    denies(eval(request(VICE, outside)), "VT30-03", ND30);
    denies(eval(request(UNIT_HEAD, kt)), "VT30-03", ND30);
    denies(eval(request(RETIRED, kt)), "VT30-03", ND30);
  }

  @Test
  void vt30_03_noPrefix_onlyTheHead() {
    passes(eval(request(CHAIRMAN, letter().build())), "VT30-03");
    denies(eval(request(VICE, letter().signerName("Trần Thị Bình").build())), "VT30-03", ND30);
  }

  @Test
  void vt30_04_tm_needsTheHeadOfACollectiveBody() {
    passes(eval(request(CHAIRMAN, letter().authorityForm(AuthorityForm.TM).build())), "VT30-04");
    passes(eval(request(VICE, letter().authorityForm(AuthorityForm.TM_KT).build())), "VT30-04");
    denies(eval(request(VICE, letter().authorityForm(AuthorityForm.TM).build())), "VT30-04", ND30);
  }

  @Test
  void vt30_05_tuq_needsAValidWrittenAuthorisationToAUnitHead() {
    DocumentInfo invitation =
        DocumentInfo.builder("Giấy mời").authorityForm(AuthorityForm.TUQ).build();
    passes(eval(request(UNIT_HEAD, invitation)), "VT30-05");
    DocumentInfo decision =
        DocumentInfo.builder("Quyết định").authorityForm(AuthorityForm.TUQ).build();
    denies(eval(request(UNIT_HEAD, decision)), "VT30-05", ND30);
    PolicyDecision expired =
        NATIONAL.evaluate(
            SigningRequest.builder(UNIT_HEAD, invitation, Certs.at(LocalDate.of(2027, 1, 5)))
                .build());
    denies(expired, "VT30-05", ND30);
    denies(eval(request(UNIT_DEPUTY, invitation)), "VT30-05", ND30);
  }

  @Test
  void vt30_06_tl_onlyForTypesTheRegulationAssigns() {
    DocumentInfo notice = DocumentInfo.builder("Thông báo").authorityForm(AuthorityForm.TL).build();
    passes(eval(request(UNIT_HEAD, notice)), "VT30-06");
    passes(
        eval(
            request(
                UNIT_DEPUTY,
                DocumentInfo.builder("Thông báo").authorityForm(AuthorityForm.TL_KT).build())),
        "VT30-06");
    denies(
        eval(
            request(
                UNIT_HEAD,
                DocumentInfo.builder("Quyết định").authorityForm(AuthorityForm.TL).build())),
        "VT30-06",
        ND30);
  }

  @Test
  void vt30_07_aClerkDoesNotSignAsTheCompetentPerson() {
    denies(eval(request(CLERK, letter().signerName("Hoàng Thị Én").build())), "VT30-07", ND30);
    passes(eval(request(CHAIRMAN, letter().build())), "VT30-07");
  }

  @Test
  void vt30_08_numberAndSymbol_presentWellFormedUnused() {
    passes(eval(organisationAfterChairman(letter().build())), "VT30-08");
    DocumentInfo none = DocumentInfo.builder("Công văn").issuingOrganisation(PROVINCE).build();
    denies(eval(organisationAfterChairman(none)), "VT30-08", ND30);
    denies(
        eval(organisationAfterChairman(letter().numberSymbol("số 12").build())), "VT30-08", ND30);
    denies(
        eval(organisationAfterChairman(letter().numberSymbol("11/UBND-VP").build())),
        "VT30-08",
        ND30);
    denies(
        eval(organisationAfterChairman(letter().numberSymbol("05/2025/QĐ-UBND").build())),
        "VT30-08",
        ND30);
  }

  @Test
  void vt30_09_organisationSignature_needsAnEarlierValidPersonalSignature() {
    passes(eval(organisationAfterChairman(letter().build())), "VT30-09");
    PolicyDecision alone = eval(request(PROVINCE_ORG, letter().build()).operator("p-clerk"));
    denies(alone, "VT30-09", ND30);
    PolicyDecision invalid =
        eval(
            request(PROVINCE_ORG, letter().build())
                .operator("p-clerk")
                .priorSignature(
                    new PriorSignature(
                        SignatureKind.PERSONAL, CHAIRMAN, NOW.minusSeconds(60), false)));
    denies(invalid, "VT30-09", ND30);
    PolicyDecision byClerk =
        eval(
            request(PROVINCE_ORG, letter().build())
                .operator("p-clerk")
                .priorSignature(
                    new PriorSignature(SignatureKind.PERSONAL, CLERK, NOW.minusSeconds(60), true)));
    denies(byClerk, "VT30-09", ND30);
    DocumentInfo ownCopy =
        DocumentInfo.builder("Công văn")
            .issuingOrganisation(PROVINCE)
            .copy(CopyForm.SAO_Y, Medium.PAPER, PROVINCE)
            .copyAuthorisedBy("p-chair")
            .build();
    passes(eval(request(PROVINCE_ORG, ownCopy).operator("p-clerk")), "VT30-09");
  }

  @Test
  void vt30_09_effectiveDate_dayBeforeAndOn() {
    SigningRequest before =
        SigningRequest.builder(PROVINCE_ORG, letter().build(), Certs.at(LocalDate.of(2020, 3, 4)))
            .operator("p-clerk")
            .build();
    passes(NATIONAL.evaluate(before), "VT30-09");
    SigningRequest on =
        SigningRequest.builder(PROVINCE_ORG, letter().build(), Certs.at(LocalDate.of(2020, 3, 5)))
            .operator("p-clerk")
            .build();
    denies(NATIONAL.evaluate(on), "VT30-09", ND30);
  }

  @Test
  void vt30_10_organisationKey_onlyForItsOwnDocuments() {
    passes(eval(organisationAfterChairman(letter().build())), "VT30-10");
    denies(
        eval(organisationAfterChairman(letter().issuingOrganisation(DEPARTMENT).build())),
        "VT30-10",
        ND30);
  }

  @Test
  void vt30_11_and_cd68_19_ownCertificateOnly() {
    PolicyDecision other = eval(request(CHAIRMAN, letter().signerName("Trần Thị Bình").build()));
    denies(other, "VT30-11", ND30);
    denies(other, "CD68-19", "Đồng Tháp");
    PolicyDecision operated = eval(request(CHAIRMAN, letter().build()).operator("p-vice"));
    denies(operated, "VT30-11", ND30);
    PolicyDecision own = eval(request(CHAIRMAN, letter().build()).operator("p-chair"));
    passes(own, "VT30-11");
    passes(own, "CD68-19");
  }

  @Test
  void vt30_13_copyForms() {
    DocumentInfo eToE =
        DocumentInfo.builder("Công văn")
            .copy(CopyForm.SAO_Y, Medium.ELECTRONIC, PROVINCE)
            .copyAuthorisedBy("p-chair")
            .build();
    denies(eval(request(PROVINCE_ORG, eToE).operator("p-clerk")), "VT30-13", ND30);
    DocumentInfo extract =
        DocumentInfo.builder("Công văn")
            .copy(CopyForm.TRICH_SAO, Medium.ELECTRONIC, PROVINCE)
            .copyAuthorisedBy("p-chair")
            .build();
    passes(eval(request(PROVINCE_ORG, extract).operator("p-clerk")), "VT30-13");
    DocumentInfo lucFromLuc =
        DocumentInfo.builder("Công văn")
            .copy(CopyForm.SAO_LUC, Medium.PAPER, PROVINCE)
            .copySourceForm(CopyForm.TRICH_SAO)
            .copyAuthorisedBy("p-chair")
            .build();
    denies(eval(request(PROVINCE_ORG, lucFromLuc).operator("p-clerk")), "VT30-13", ND30);
    denies(eval(request(CHAIRMAN, extract)), "VT30-13", ND30);
  }

  @Test
  void vt30_14_copyRecordsWhoAuthorisedIt() {
    DocumentInfo unauthorised =
        DocumentInfo.builder("Công văn")
            .copy(CopyForm.TRICH_SAO, Medium.ELECTRONIC, PROVINCE)
            .build();
    warns(eval(request(PROVINCE_ORG, unauthorised).operator("p-clerk")), "VT30-14", ND30);
    DocumentInfo authorised =
        DocumentInfo.builder("Công văn")
            .copy(CopyForm.TRICH_SAO, Medium.ELECTRONIC, PROVINCE)
            .copyAuthorisedBy("p-chair")
            .build();
    passes(eval(request(PROVINCE_ORG, authorised).operator("p-clerk")), "VT30-14");
  }

  @Test
  void vt30_16_separateAttachment_getsItsOwnOrganisationSignature() {
    informs(eval(request(CHAIRMAN, letter().attachmentTo("12/UBND-VP").build())), "VT30-16");
    passes(eval(request(CHAIRMAN, letter().build())), "VT30-16");
  }

  @Test
  void cd68_01_and_cd68_21_publicCaCertificate_isFlagged() {
    X509Certificate publicCert = Certs.person("Nguyễn Văn An").issuer(Certs.PUBLIC_ISSUER).build();
    PolicyDecision d = eval(request(publicCert, letter().build()));
    warns(d, "CD68-01", ND68);
    // RULES-ERRATA 1.2 (CD68-21): a Ninh Bình deadline with no national source is information,
    // labelled as Ninh Bình practice.
    informs(d, "CD68-21");
    quiet(d, "CD68-21");
    cites(d, "CD68-21", "Ninh Bình");
    PolicyDecision before =
        NATIONAL.evaluate(
            SigningRequest.builder(
                    publicCert, letter().build(), Certs.at(LocalDate.of(2025, 12, 31)))
                .build());
    passes(before, "CD68-21");
    PolicyDecision special = eval(request(CHAIRMAN, letter().build()));
    quiet(special, "CD68-01");
    quiet(special, "CD68-21");
  }

  @Test
  void cd68_08_emailDiffersFromRegistry_needsAChangeOfInformation() {
    X509Certificate oldMail =
        Certs.person("Nguyễn Văn An").email("an.old@thunghiem.gov.vn").build();
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .signer(
                oldMail, SignerRecord.of("p", "Nguyễn Văn An", PROVINCE, Position.HEAD, "Chủ tịch"))
            .build();
    SignerRegistry withMail =
        MapSignerRegistry.builder()
            .signer(
                oldMail,
                new SignerRecord(
                    "p",
                    "Nguyễn Văn An",
                    PROVINCE,
                    Position.HEAD,
                    "Chủ tịch",
                    Set.of(),
                    Optional.of("an@thunghiem.gov.vn"),
                    true,
                    List.of(),
                    Optional.empty()))
            .build();
    warns(
        Policy.preset("national")
            .registry(withMail)
            .build()
            .evaluate(request(oldMail, letter().build()).build()),
        "CD68-08",
        ND68);
    passes(
        Policy.preset("national")
            .registry(reg)
            .build()
            .evaluate(request(oldMail, letter().build()).build()),
        "CD68-08");
  }

  @Test
  void cd68_11_lockedDevice_isDeniedAndRecoveryStarts() {
    TokenState locked = new TokenState(false, false, true, false, Optional.empty());
    PolicyDecision d = eval(request(CHAIRMAN, letter().build()).tokenState(locked));
    denies(d, "CD68-11", ND68);
    assertThat(d.outcomes()).contains(PolicyOutcome.START_DEVICE_RECOVERY);
    assertThat(d.findings())
        .anyMatch(f -> f.ruleId().equals("CD68-11") && f.messageVi().contains("Mẫu 06"));
    TokenState finalTry = new TokenState(true, true, false, false, Optional.empty());
    PolicyDecision warned = eval(request(CHAIRMAN, letter().build()).tokenState(finalTry));
    warns(warned, "CD68-11", ND68);
    assertThat(warned.isAllowed()).isTrue();
    assertThat(warned.outcomes()).contains(PolicyOutcome.CONFIRM_FINAL_PIN_TRY);
    passes(
        eval(request(CHAIRMAN, letter().build()).tokenState(TokenState.healthy(NOW))), "CD68-11");
  }

  @Test
  void cd68_17_titleLine_comesFromTheRegistryNotTheCertificate() {
    warns(
        eval(
            request(
                VICE,
                letter()
                    .authorityForm(AuthorityForm.KT)
                    .signerName("Trần Thị Bình")
                    .titleLine("CHỦ TỊCH")
                    .build())),
        "CD68-17",
        ND68);
    passes(
        eval(
            request(
                VICE,
                letter()
                    .authorityForm(AuthorityForm.KT)
                    .signerName("Trần Thị Bình")
                    .titleLine("PHÓ CHỦ TỊCH")
                    .build())),
        "CD68-17");
  }

  @Test
  void cd68_18_softwareKey_isNotAnAcceptedDevice() {
    warns(
        eval(request(CHAIRMAN, letter().build()).keyStorage(KeyStorage.SOFTWARE)), "CD68-18", ND68);
    passes(eval(request(CHAIRMAN, letter().build()).keyStorage(KeyStorage.TOKEN)), "CD68-18");
  }

  @Test
  void tt41_02_organisationTokenUsedByItsVanThu() {
    passes(eval(organisationAfterChairman(letter().build())), "TT41-02");
    denies(
        eval(organisationAfterChairman(letter().build()).operator("p-vice")), "TT41-02", "41/2017");
    warns(
        eval(
            request(PROVINCE_ORG, letter().build())
                .priorSignature(
                    new PriorSignature(
                        SignatureKind.PERSONAL, CHAIRMAN, NOW.minusSeconds(60), true))),
        "TT41-02",
        "41/2017");
    passes(eval(organisationAfterChairman(letter().build()).operator("p-clerk-2")), "TT41-02");
  }

  @Test
  void tt41_02_repealEdge_onTheLastDayAndTheDayAfter() {
    SigningRequest.Builder b =
        SigningRequest.builder(
                PROVINCE_ORG,
                letter().issueDate(LocalDate.of(2026, 11, 14)).build(),
                Certs.at(LocalDate.of(2026, 11, 14)))
            .operator("p-vice")
            .priorSignature(
                new PriorSignature(
                    SignatureKind.PERSONAL, CHAIRMAN, Certs.at(LocalDate.of(2026, 11, 13)), true));
    denies(NATIONAL.evaluate(b.build()), "TT41-02", "41/2017");
    SigningRequest after =
        SigningRequest.builder(
                PROVINCE_ORG,
                letter().issueDate(LocalDate.of(2026, 11, 15)).build(),
                Certs.at(LocalDate.of(2026, 11, 15)))
            .operator("p-vice")
            .priorSignature(
                new PriorSignature(
                    SignatureKind.PERSONAL, CHAIRMAN, Certs.at(LocalDate.of(2026, 11, 14)), true))
            .build();
    PolicyDecision d = NATIONAL.evaluate(after);
    onlyInforms(d, "TT41-02");
    assertThat(d.findings())
        .anyMatch(
            f -> f.ruleId().equals("TT41-02") && f.messageEn().contains("no longer in force"));
  }

  @Test
  void gd23_01_formerExclusionList_isNoLongerRefused() {
    DocumentInfo land =
        DocumentInfo.builder("Giấy chứng nhận")
            .category(DocumentInfo.CATEGORY_LAND_OR_HOUSE_CERTIFICATE)
            .build();
    PolicyDecision d = eval(request(CHAIRMAN, land));
    informs(d, "GD23-01");
    assertThat(d.denials()).noneMatch(f -> f.code().equals("EXCLUDED_CATEGORY"));
    passes(eval(request(CHAIRMAN, letter().build())), "GD23-01");
  }

  @Test
  void gd23_02_digitisedPaper_needsAConversionMark() {
    DocumentInfo unmarked =
        DocumentInfo.builder("Công văn")
            .issuingOrganisation(PROVINCE)
            .digitisedFromPaper(PROVINCE, true, false)
            .numberSymbol("12/UBND-VP")
            .build();
    warns(eval(request(PROVINCE_ORG, unmarked).operator("p-clerk")), "GD23-02", "20/2023/QH15");
    DocumentInfo marked =
        DocumentInfo.builder("Công văn")
            .issuingOrganisation(PROVINCE)
            .digitisedFromPaper(PROVINCE, true, true)
            .numberSymbol("12/UBND-VP")
            .build();
    PolicyDecision ok = eval(request(PROVINCE_ORG, marked).operator("p-clerk"));
    passes(ok, "GD23-02");
    passes(ok, "VT30-09");
  }

  @Test
  void gd23_05_publicRegime_smallKeysDenied_pkcs1Warns_fromTheEffectiveDate() {
    // RULES-ERRATA 1.1 (GD23-05): TT15/2025 Phụ lục I governs public-regime (NEAC-chained)
    // certificates only; PKCS#1 v1.5 warns because TT15 names RSASSA-PSS.
    X509Certificate small =
        Certs.person("Công dân A").issuer(Certs.PUBLIC_ISSUER).key(Certs.rsa(1024)).build();
    denies(eval(request(small, letter().build())), "GD23-05", "15/2025");
    passes(
        NATIONAL.evaluate(
            SigningRequest.builder(small, letter().build(), Certs.at(LocalDate.of(2025, 8, 14)))
                .build()),
        "GD23-05");
    X509Certificate citizen = Certs.person("Công dân A").issuer(Certs.PUBLIC_ISSUER).build();
    PolicyDecision pkcs1 =
        eval(request(citizen, letter().build()).algorithm(SignatureAlgorithm.RSA_SHA256));
    warns(pkcs1, "GD23-05", "15/2025");
    assertThat(pkcs1.findings())
        .anyMatch(f -> f.ruleId().equals("GD23-05") && f.code().equals("PSS_NAMED"));
    assertThat(pkcs1.denials()).noneMatch(f -> f.ruleId().equals("GD23-05"));
    passes(
        eval(request(citizen, letter().build()).algorithm(SignatureAlgorithm.RSA_PSS_SHA256)),
        "GD23-05");
    // A special-use certificate is outside the public regime: no GD23-05 finding at all.
    X509Certificate specialSmall = Certs.person("Nguyễn Văn An").key(Certs.rsa(1024)).build();
    passes(eval(request(specialSmall, letter().build())), "GD23-05");
    passes(
        eval(request(CHAIRMAN, letter().build()).algorithm(SignatureAlgorithm.RSA_SHA256)),
        "GD23-05");
  }

  @Test
  void decisionTime_isTheSigningDateInVietnam() {
    // 2020-03-04T17:30Z is already 5 March in Vietnam (UTC+7), the day Nghị định 30/2020 took
    // effect.
    Instant lateEvening = Instant.parse("2020-03-04T17:30:00Z");
    PolicyDecision d =
        NATIONAL.evaluate(
            SigningRequest.builder(PROVINCE_ORG, letter().build(), lateEvening)
                .operator("p-clerk")
                .build());
    assertThat(d.asOf()).isEqualTo(LocalDate.of(2020, 3, 5));
    denies(d, "VT30-09", ND30);
  }
}
