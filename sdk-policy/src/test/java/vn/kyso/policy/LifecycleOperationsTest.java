package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.Operation;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.validation.Severity;

/**
 * The certificate operations asked directly (RULES-ERRATA 4, REQ-2, and the new rules of section
 * 2): request, renewal, revocation and recovery, each answered with the rules that govern it and
 * their citations.
 */
class LifecycleOperationsTest {
  private static final Policy TB = confirmed("thai-binh-08-2016");
  private static final Policy LC = preset("lao-cai-51-2015");
  private static final LocalDate TB_DAY = LocalDate.of(2023, 6, 1);
  private static final LocalDate LC_DAY = LocalDate.of(2018, 6, 15);

  private static X509Certificate expiring(LocalDate from, LocalDate last) {
    return Certs.person("Nguyễn Văn An").valid(from, last).build();
  }

  @Test
  void tb03_aRenewal_needsTheManagersApproval_andCitesItWhenGiven() {
    X509Certificate c = expiring(LocalDate.of(2021, 1, 1), TB_DAY.plusDays(80));
    LifecycleQuestion unapproved =
        LifecycleQuestion.builder(Operation.RENEW, TB_DAY).certificate(c).build();
    PolicyDecision d = TB.lifecycle(unapproved);
    warns(d, "TB-03", "08/2016");
    assertThat(d.findings()).anyMatch(f -> f.code().equals("RENEWAL_APPROVAL_MISSING"));

    LifecycleQuestion approved =
        LifecycleQuestion.builder(Operation.RENEW, TB_DAY)
            .certificate(expiring(LocalDate.of(2021, 1, 1), TB_DAY.plusDays(120)))
            .renewalApproval(new Approval("Giám đốc Sở Nội vụ", TB_DAY.minusDays(3)))
            .build();
    PolicyDecision ok = TB.lifecycle(approved);
    assertThat(ok.findings()).noneMatch(f -> f.code().equals("RENEWAL_APPROVAL_MISSING"));
    assertThat(ok.satisfied())
        .anyMatch(
            f ->
                f.ruleId().equals("TB-03")
                    && f.messageEn().contains("Giám đốc Sở Nội vụ")
                    && f.citation().article().contains("Điều 5"));
  }

  @Test
  void tb21_cd68_22_whoMayAskForARevocation() {
    LifecycleQuestion.Builder base =
        LifecycleQuestion.builder(Operation.REVOKE, TB_DAY).event(HrEvent.CONVICTION, TB_DAY);
    PolicyDecision stranger =
        TB.lifecycle(base.requester(Requester.of(Requester.Kind.OTHER, "Công ty X")).build());
    warns(stranger, "TB-21", "08/2016");
    assertThat(stranger.findings()).anyMatch(f -> f.code().equals("REQUESTER_NOT_ENTITLED"));
    LocalDate nd68 = LocalDate.of(2024, 9, 3);
    PolicyDecision underNd68 =
        TB.lifecycle(
            LifecycleQuestion.builder(Operation.REVOKE, nd68)
                .event(HrEvent.CONVICTION, nd68)
                .requester(Requester.of(Requester.Kind.OTHER, "Công ty X"))
                .build());
    warns(underNd68, "CD68-22", "68/2024");
    assertThat(underNd68.findings())
        .filteredOn(f -> f.ruleId().equals("CD68-22"))
        .allMatch(f -> f.citation().confidence().equals("U"));

    PolicyDecision police =
        TB.lifecycle(
            LifecycleQuestion.builder(Operation.REVOKE, TB_DAY)
                .event(HrEvent.CONVICTION, TB_DAY)
                .requester(
                    new Requester(
                        Requester.Kind.PROSECUTION_OR_SECURITY,
                        "Công an tỉnh Thái Bình",
                        java.util.Optional.of("Mẫu 05")))
                .build());
    assertThat(police.findings()).noneMatch(f -> f.ruleId().equals("TB-21"));
    assertThat(police.satisfied()).anyMatch(f -> f.ruleId().equals("TB-21"));
    PolicyDecision withoutForm =
        TB.lifecycle(
            LifecycleQuestion.builder(Operation.REVOKE, TB_DAY)
                .event(HrEvent.CONVICTION, TB_DAY)
                .requester(Requester.of(Requester.Kind.MANAGING_BODY, "Sở Nội vụ"))
                .build());
    assertThat(withoutForm.findings())
        .anyMatch(f -> f.ruleId().equals("TB-21") && f.code().equals("REQUEST_FORM_MISSING"));
  }

  @Test
  void tb13_recovery_namesTheForm_andTodaysBody() {
    PolicyDecision d =
        TB.lifecycle(
            LifecycleQuestion.builder(Operation.RECOVER, LocalDate.of(2026, 6, 15))
                .event(HrEvent.PASSWORD_FORGOTTEN, LocalDate.of(2026, 6, 15))
                .build());
    assertThat(d.findings())
        .anyMatch(
            f ->
                f.ruleId().equals("TB-13")
                    && f.code().equals("RECOVERY_PROCEDURE_NO_DEADLINE")
                    && f.messageEn().contains("Mẫu 09"));
    // RULES-ERRATA 3 D6: the Sở TT&TT's duty now sits with the Sở KH&CN (of Hưng Yên since the
    // merger); the message names it, never a body that no longer exists as today's addressee.
    assertThat(d.findings())
        .anyMatch(
            f ->
                f.ruleId().equals("TB-13")
                    && f.messageVi().contains("Sở Khoa học và Công nghệ tỉnh Hưng Yên"));
    PolicyDecision in2018 =
        TB.lifecycle(
            LifecycleQuestion.builder(Operation.RECOVER, LocalDate.of(2018, 6, 15)).build());
    assertThat(in2018.findings())
        .anyMatch(
            f ->
                f.code().equals("ADDRESSED_TO_SUCCESSOR")
                    && f.messageEn().contains("Sở Thông tin và Truyền thông tỉnh Thái Bình")
                    && f.messageEn().contains("Sở Khoa học và Công nghệ tỉnh Hưng Yên"));
  }

  @Test
  void lc02_isAskedWhenACertificateIsRequested() {
    X509Certificate gmail = Certs.person("Nguyễn Văn An").email("an@gmail.com").build();
    PolicyDecision d =
        LC.lifecycle(
            LifecycleQuestion.builder(Operation.REQUEST_CERTIFICATE, LC_DAY)
                .certificate(gmail)
                .build());
    assertThat(d.findings())
        .anyMatch(
            f ->
                f.ruleId().equals("LC-02")
                    && f.code().equals("EMAIL_NOT_OFFICIAL")
                    && f.severity() == Severity.WARNING);
    X509Certificate official = Certs.person("Nguyễn Văn An").email("an@laocai.gov.vn").build();
    assertThat(
            LC.lifecycle(
                    LifecycleQuestion.builder(Operation.REQUEST_CERTIFICATE, LC_DAY)
                        .certificate(official)
                        .build())
                .satisfied())
        .anyMatch(f -> f.ruleId().equals("LC-02"));
  }

  @Test
  void lc21_lc22_focalOfficer_andRecordsOnFile() {
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .organisation(
                new OrganisationRecord(
                    PROVINCE, "ubnd-tinh", Regime.COLLECTIVE, Set.of(), Set.of(), Set.of()))
            .build();
    Policy lc = Policy.preset("lao-cai-51-2015").registry(reg).build();
    PolicyDecision noFocal =
        lc.lifecycle(
            LifecycleQuestion.builder(Operation.RENEW, LC_DAY).organisation(PROVINCE).build());
    warns(noFocal, "LC-21", "51/2015");
    SignerRegistry withFocal =
        MapSignerRegistry.builder()
            .organisation(
                new OrganisationRecord(
                        PROVINCE, "ubnd-tinh", Regime.COLLECTIVE, Set.of(), Set.of(), Set.of())
                    .withHead("p-chair")
                    .withFocalOfficer("p-it"))
            .build();
    PolicyDecision focal =
        Policy.preset("lao-cai-51-2015")
            .registry(withFocal)
            .build()
            .lifecycle(
                LifecycleQuestion.builder(Operation.RENEW, LC_DAY)
                    .organisation(PROVINCE)
                    .completed(true)
                    .build());
    assertThat(focal.satisfied())
        .anyMatch(f -> f.ruleId().equals("LC-21") && f.messageEn().contains("p-it"));
    warns(focal, "LC-22", "51/2015");
    PolicyDecision filed =
        lc.lifecycle(
            LifecycleQuestion.builder(Operation.REVOKE, LC_DAY)
                .completed(true)
                .recordReference("BB-12/2018")
                .build());
    assertThat(filed.satisfied()).anyMatch(f -> f.ruleId().equals("LC-22"));
  }

  @Test
  void tb22_kg12_recordsAreKept_kg13_twoStepReturn() {
    PolicyDecision tb =
        TB.lifecycle(
            LifecycleQuestion.builder(Operation.REVOKE, TB_DAY)
                .event(HrEvent.RETIREMENT, TB_DAY)
                .completed(true)
                .build());
    warns(tb, "TB-22", "08/2016");
    Policy kg = preset("kien-giang-2024-draft");
    LocalDate kgDay = LocalDate.of(2025, 3, 3);
    PolicyDecision kgRecords =
        kg.lifecycle(
            LifecycleQuestion.builder(Operation.REVOKE, kgDay)
                .event(HrEvent.RETIREMENT, kgDay)
                .completed(true)
                .build());
    warns(kgRecords, "KG-12", "Kiên Giang");
    EventAdvice overdue =
        kg.eventAdvice(
            LifecycleQuestion.builder(Operation.REVOKE, kgDay.plusDays(20))
                .event(HrEvent.RETIREMENT, kgDay)
                .revocationNoticeDate(kgDay)
                .build());
    assertThat(overdue.findings())
        .anyMatch(f -> f.ruleId().equals("KG-13") && f.code().equals("DEVICE_RETURN_OVERDUE"));
  }

  @Test
  void hb06_kg14_reportingReminders_areParameters() {
    assertThat(preset("hoa-binh-13-2020").reportingDeadlines(2024)).isEmpty();
    Policy withDate =
        Policy.preset("hoa-binh-13-2020")
            .parameter("hoa-binh-13-2020", "unknown-status", "as-written")
            .build();
    assertThat(
            PolicyPack.builtIn("hoa-binh-13-2020").rules().stream()
                .filter(r -> r.id().equals("HB-06"))
                .findFirst()
                .orElseThrow()
                .list("content"))
        .contains("kế hoạch năm sau");
    assertThat(withDate.reportingDeadlines(2024)).isEmpty();
    assertThat(
            PolicyPack.builtIn("kien-giang-2024-draft").rules().stream()
                .anyMatch(r -> r.id().equals("KG-14")))
        .isTrue();
  }

  @Test
  void aPackWithoutProvisionOnTheOperation_saysSo() {
    PolicyDecision d =
        preset("kien-giang-2024-draft")
            .lifecycle(
                LifecycleQuestion.builder(Operation.REQUEST_CERTIFICATE, LocalDate.of(2025, 3, 3))
                    .build());
    assertThat(d.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    PolicyDecision hb =
        Policy.preset("hoa-binh-13-2020")
            .build()
            .lifecycle(
                LifecycleQuestion.builder(Operation.RENEW, LocalDate.of(2024, 5, 6)).build());
    assertThat(hb.findings())
        .anyMatch(
            f ->
                f.code().equals("OPERATION_NOT_REGULATED")
                    && f.packId().equals("hoa-binh-13-2020"));
  }
}
