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
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.validation.Severity;

/**
 * The signing corrections of RULES-ERRATA 1.1 and 1.2 that ProvincialRulesTest and
 * NationalRulesTest do not already cover: each test fails against the 2026.11 packs and names the
 * errata row.
 */
class CorrectionsTest {
  private static final Policy TB = confirmed("thai-binh-08-2016");
  private static final Policy HB = confirmed("hoa-binh-13-2020");
  private static final LocalDate DAY_2024 = LocalDate.of(2024, 5, 6);

  private static SignerRegistry registryWith(X509Certificate c, SignerRecord r) {
    return MapSignerRegistry.builder()
        .signer(c, r)
        .organisation(
            new OrganisationRecord(
                PROVINCE, "ubnd-tinh", Regime.COLLECTIVE, Set.of(), Set.of("p-clerk"), Set.of()))
        .build();
  }

  @Test
  void tb02_noDeputyBanHead_butHccStaffAndApprovedCasesAreEligible() {
    X509Certificate c = Certs.person("Vũ Văn Ban").build();
    SignerRecord deputyBan =
        SignerRecord.of("p-b", "Vũ Văn Ban", PROVINCE, Position.UNIT_DEPUTY, "Phó Trưởng ban");
    Policy tb =
        Policy.preset("thai-binh-08-2016")
            .registry(registryWith(c, deputyBan))
            .parameter("thai-binh-08-2016", "unknown-status", "as-written")
            .build();
    warns(
        tb.evaluate(requestOn(DAY_2024, c, letter().signerName("Vũ Văn Ban").build()).build()),
        "TB-02",
        "08/2016");

    Policy hcc =
        Policy.preset("thai-binh-08-2016")
            .registry(registryWith(c, deputyBan.withPostedToHcc(true)))
            .parameter("thai-binh-08-2016", "unknown-status", "as-written")
            .build();
    PolicyDecision posted =
        hcc.evaluate(requestOn(DAY_2024, c, letter().signerName("Vũ Văn Ban").build()).build());
    passes(posted, "TB-02");
    assertThat(posted.satisfied())
        .anyMatch(
            f -> f.ruleId().equals("TB-02") && f.messageEn().contains("Public Administration"));

    Policy approved =
        Policy.preset("thai-binh-08-2016")
            .registry(
                registryWith(
                    c,
                    deputyBan.withSpecialApproval(
                        new Approval("Chủ tịch UBND tỉnh", LocalDate.of(2023, 2, 1)))))
            .parameter("thai-binh-08-2016", "unknown-status", "as-written")
            .build();
    passes(
        approved.evaluate(
            requestOn(DAY_2024, c, letter().signerName("Vũ Văn Ban").build()).build()),
        "TB-02");
  }

  @Test
  void tb20_personalCertificateHolders_areLeadersManagersOrAssignedOfficials() {
    X509Certificate c = Certs.person("Đinh Thị Chuyên").build();
    SignerRecord specialist =
        SignerRecord.of("p-s", "Đinh Thị Chuyên", PROVINCE, Position.OFFICIAL, "Chuyên viên");
    Policy tb =
        Policy.preset("thai-binh-08-2016")
            .registry(registryWith(c, specialist))
            .parameter("thai-binh-08-2016", "unknown-status", "as-written")
            .build();
    PolicyDecision d =
        tb.evaluate(requestOn(DAY_2024, c, letter().signerName("Đinh Thị Chuyên").build()).build());
    warns(d, "TB-20", "08/2016");
    assertThat(d.findings()).anyMatch(f -> f.code().equals("NOT_A_HOLDER"));
    passes(TB.evaluate(requestOn(DAY_2024, CHAIRMAN, letter().build()).build()), "TB-20");
  }

  @Test
  void tb01_districtAgencies_inScope_andTheDistrictLevel_isHistoryAfterJune2025() {
    X509Certificate agency = Certs.organisation("Phòng Nội vụ huyện Thử Nghiệm").build();
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .organisation(
                new OrganisationRecord(
                    "Phòng Nội vụ huyện Thử Nghiệm",
                    "co-quan-chuyen-mon-huyen",
                    Regime.HEAD_OF_AGENCY,
                    Set.of(),
                    Set.of("p-v"),
                    Set.of()))
            .build();
    Policy tb =
        Policy.preset("thai-binh-08-2016")
            .registry(reg)
            .parameter("thai-binh-08-2016", "unknown-status", "as-written")
            .build();
    DocumentInfo doc = letter().issuingOrganisation("Phòng Nội vụ huyện Thử Nghiệm").build();
    PolicyDecision before = tb.evaluate(requestOn(DAY_2024, agency, doc).operator("p-v").build());
    quiet(before, "TB-01");
    assertThat(before.findings()).noneMatch(f -> f.code().equals("OUT_OF_SCOPE"));
    PolicyDecision after =
        tb.evaluate(requestOn(LocalDate.of(2025, 9, 1), agency, doc).operator("p-v").build());
    assertThat(after.findings())
        .anyMatch(
            f ->
                f.ruleId().equals("TB-01")
                    && f.code().equals("LEVEL_ABOLISHED")
                    && f.severity() == Severity.INFO);
  }

  @Test
  void vt30_05_theAuthorisationComesFromTheHead_isNotRedelegated_andTheSealIsTheAuthorisers() {
    X509Certificate unit = Certs.person("Lê Văn Tư").build();
    X509Certificate deputy = Certs.person("Mai Văn Phó").build();
    Delegation fromDeputy =
        new Delegation(
            "p-dep", "p-tu", Set.of("Giấy mời"), DAY_2024.minusDays(10), DAY_2024.plusDays(10));
    SignerRecord tu =
        SignerRecord.of("p-tu", "Lê Văn Tư", "Phòng Tổng hợp", Position.UNIT_HEAD, "Trưởng phòng")
            .withDelegation(fromDeputy);
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .signer(unit, tu)
            .signer(
                deputy,
                SignerRecord.of(
                    "p-dep", "Mai Văn Phó", PROVINCE, Position.DEPUTY_HEAD, "Phó Chủ tịch"))
            .signer(
                CHAIRMAN,
                SignerRecord.of("p-chair", "Nguyễn Văn An", PROVINCE, Position.HEAD, "Chủ tịch"))
            .organisation(
                new OrganisationRecord(
                        PROVINCE,
                        "ubnd-tinh",
                        Regime.COLLECTIVE,
                        Set.of(),
                        Set.of("p-clerk"),
                        Set.of())
                    .withHead("p-chair"))
            .build();
    Policy national = Policy.preset("national").registry(reg).build();
    DocumentInfo invitation =
        DocumentInfo.builder("Giấy mời")
            .authorityForm(AuthorityForm.TUQ)
            .issuingOrganisation(PROVINCE)
            .signerName("Lê Văn Tư")
            .build();
    PolicyDecision notHead = national.evaluate(requestOn(DAY_2024, unit, invitation).build());
    denies(notHead, "VT30-05", "30/2020");
    assertThat(notHead.denials()).anyMatch(f -> f.code().equals("TUQ_DELEGATOR_NOT_HEAD"));

    Delegation fromHead =
        new Delegation(
            "p-chair", "p-tu", Set.of("Giấy mời"), DAY_2024.minusDays(10), DAY_2024.plusDays(10));
    SignerRegistry good =
        MapSignerRegistry.builder()
            .signer(
                unit,
                SignerRecord.of(
                        "p-tu", "Lê Văn Tư", "Phòng Tổng hợp", Position.UNIT_HEAD, "Trưởng phòng")
                    .withDelegation(fromHead))
            .signer(
                CHAIRMAN,
                SignerRecord.of("p-chair", "Nguyễn Văn An", PROVINCE, Position.HEAD, "Chủ tịch"))
            .organisation(
                new OrganisationRecord(
                        PROVINCE,
                        "ubnd-tinh",
                        Regime.COLLECTIVE,
                        Set.of(),
                        Set.of("p-clerk"),
                        Set.of())
                    .withHead("p-chair"))
            .build();
    Policy ok = Policy.preset("national").registry(good).build();
    PolicyDecision fine = ok.evaluate(requestOn(DAY_2024, unit, invitation).build());
    passes(fine, "VT30-05");
    assertThat(fine.satisfied())
        .anyMatch(f -> f.ruleId().equals("VT30-05") && f.messageEn().contains("Nguyễn Văn An"));

    // The organisation signature on the TUQ. document must be the authorising organisation's.
    X509Certificate unitSeal = Certs.organisation("Phòng Tổng hợp").build();
    PolicyDecision wrongSeal =
        ok.evaluate(
            requestOn(DAY_2024, unitSeal, invitation)
                .kind(SignatureKind.ORGANISATION)
                .priorSignature(
                    new PriorSignature(
                        SignatureKind.PERSONAL, unit, Certs.at(DAY_2024).minusSeconds(60), true))
                .build());
    assertThat(wrongSeal.denials())
        .anyMatch(
            f ->
                f.ruleId().equals("VT30-05")
                    && f.code().equals("TUQ_ORGANISATION_NOT_AUTHORISING"));
    PolicyDecision rightSeal =
        ok.evaluate(
            requestOn(DAY_2024, PROVINCE_ORG, invitation)
                .kind(SignatureKind.ORGANISATION)
                .priorSignature(
                    new PriorSignature(
                        SignatureKind.PERSONAL, unit, Certs.at(DAY_2024).minusSeconds(60), true))
                .build());
    assertThat(rightSeal.denials()).noneMatch(f -> f.ruleId().equals("VT30-05"));
  }

  @Test
  void hb03_aPermissionHolderMayHoldTheDevice_butTheVanThuSigns() {
    PolicyDecision permitted =
        HB.evaluate(organisationAfterChairman(letter().build()).operator("p-clerk-2").build());
    warns(permitted, "HB-03", "13/2020");
    assertThat(permitted.findings()).anyMatch(f -> f.code().equals("PERMISSION_HOLDER_SIGNS"));
    PolicyDecision clerk =
        HB.evaluate(organisationAfterChairman(letter().build()).operator("p-clerk").build());
    assertThat(clerk.findings()).noneMatch(f -> f.code().equals("PERMISSION_HOLDER_SIGNS"));
  }

  @Test
  void cd68_19_restsOnDecree30_andCd68_11_carriesNoOneDayRecovery() {
    PolicyRule cd6819 =
        PolicyPack.builtIn("national").rules().stream()
            .filter(r -> r.id().equals("CD68-19"))
            .findFirst()
            .orElseThrow();
    assertThat(cd6819.citation().document()).startsWith("Nghị định 30/2020/NĐ-CP Điều 32 khoản 3");
    assertThat(cd6819.from()).contains(LocalDate.of(2020, 3, 5));
    PolicyRule cd6811 =
        PolicyPack.builtIn("national").rules().stream()
            .filter(r -> r.id().equals("CD68-11"))
            .findFirst()
            .orElseThrow();
    assertThat(cd6811.parameters()).doesNotContainKey("recovery-working-days");
    assertThat(Optional.ofNullable(cd6811.parameters().get("recovery-form"))).contains("Mẫu 06");
    assertThat(List.of("CD68-06", "CD68-07"))
        .allMatch(
            id ->
                PolicyPack.builtIn("national").rules().stream()
                    .filter(r -> r.id().equals(id))
                    .allMatch(r -> r.citation().document().contains("không còn hiệu lực")));
  }

  @Test
  void kt12_theOfficeMayUseALeadersCertificate_onlyByWrittenAuthorisation_andTheDecreePrevails() {
    X509Certificate vice = Certs.person("Trần Thị Bình").build();
    SignerRecord leader =
        SignerRecord.of("p-vice", "Trần Thị Bình", PROVINCE, Position.DEPUTY_HEAD, "Phó Chủ tịch");
    SignerRecord authorised =
        leader.withDelegation(
            new Delegation(
                "p-vice",
                "p-office",
                Set.of(),
                LocalDate.of(2018, 1, 1),
                LocalDate.of(2026, 12, 31)));
    java.util.function.Function<SignerRecord, Policy> kt =
        r ->
            Policy.preset("kon-tum-284-2018")
                .registry(registryWith(vice, r))
                .parameter("kon-tum-284-2018", "unknown-status", "as-written")
                .parameter("kon-tum-284-2018", "scope-organisations", List.of(PROVINCE))
                .build();
    DocumentInfo doc = letter().signerName("Trần Thị Bình").build();
    LocalDate in2019 = LocalDate.of(2019, 5, 6);
    // No authorisation: KT Art 7(3), the holder manages their own device.
    denies(
        kt.apply(leader).evaluate(requestOn(in2019, vice, doc).operator("p-office").build()),
        "KT-12",
        "284");
    // Authorised, before Nghị định 30/2020: a warning naming the authorisation.
    PolicyDecision before =
        kt.apply(authorised).evaluate(requestOn(in2019, vice, doc).operator("p-office").build());
    assertThat(before.denials()).noneMatch(f -> f.ruleId().equals("KT-12"));
    assertThat(before.findings())
        .anyMatch(f -> f.ruleId().equals("KT-12") && f.code().equals("CUSTODY_CONFLICT"));
    // From 05/03/2020 the decree outranks the Chairman's decision: the denial stands and says why.
    PolicyDecision after =
        kt.apply(authorised).evaluate(requestOn(DAY_2024, vice, doc).operator("p-office").build());
    assertThat(after.denials())
        .anyMatch(
            f ->
                f.ruleId().equals("KT-12")
                    && f.code().equals("CUSTODY_CONFLICT_DECREE_PREVAILS")
                    && f.messageEn().contains("p-office"));
    assertThat(after.denials()).anyMatch(f -> f.ruleId().equals("VT30-11"));
    // Own use is not KT-12's business.
    passes(
        kt.apply(leader).evaluate(requestOn(in2019, vice, doc).operator("p-vice").build()),
        "KT-12");
  }
}
