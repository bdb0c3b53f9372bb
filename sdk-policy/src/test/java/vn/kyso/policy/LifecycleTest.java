package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.PolicyFinding;

/**
 * Certificate lifecycle advice: renewal windows, validity-length lint, HR events, PIN age,
 * reporting dates.
 */
class LifecycleTest {
  private static final Policy NATIONAL = preset("national");
  private static final Policy TB = preset("thai-binh-08-2016");
  private static final Policy LC = preset("lao-cai-51-2015");

  private static X509Certificate expiring(LocalDate from, LocalDate last) {
    return Certs.person("Nguyễn Văn An").valid(from, last).build();
  }

  private static boolean has(List<PolicyFinding> f, String rule, String code) {
    return f.stream().anyMatch(x -> x.ruleId().equals(rule) && x.code().equals(code));
  }

  @Test
  void tb03_renewalOnlyOnceAndWithSixtyDaysLeft() {
    X509Certificate fifty = expiring(LocalDate.of(2022, 1, 1), DAY.plusDays(50));
    CertificateAdvice late = TB.certificateAdvice(fifty, 0, DAY);
    assertThat(late.daysToExpiry()).isEqualTo(50);
    assertThat(late.renewalWindowOpen()).isFalse();
    assertThat(has(late.findings(), "TB-03", "RENEWAL_WINDOW_CLOSED")).isTrue();
    findingsCite(late.findings(), "TB-03", "QĐ 08/2016/QĐ-UBND");

    X509Certificate hundred = expiring(LocalDate.of(2022, 1, 1), DAY.plusDays(100));
    CertificateAdvice ok = TB.certificateAdvice(hundred, 0, DAY);
    assertThat(ok.renewalWindowOpen()).isTrue();
    assertThat(ok.renewalsLeft()).contains(1L);
    assertThat(has(ok.findings(), "TB-03", "RENEWAL_WINDOW_CLOSED")).isFalse();

    CertificateAdvice again = TB.certificateAdvice(hundred, 1, DAY);
    assertThat(again.renewalWindowOpen()).isFalse();
    assertThat(again.renewalsLeft()).contains(0L);
    assertThat(has(again.findings(), "TB-03", "RENEWALS_EXHAUSTED")).isTrue();
  }

  @Test
  void lc10_dossierThirtyDaysBeforeExpiry_remindsFromTheLeadTime() {
    LocalDate day = LocalDate.of(2018, 6, 15);
    CertificateAdvice due =
        LC.certificateAdvice(expiring(LocalDate.of(2016, 1, 1), day.plusDays(40)), 0, day);
    assertThat(has(due.findings(), "LC-10", "RENEWAL_DUE")).isTrue();
    assertThat(due.renewalWindowOpen()).isTrue();
    CertificateAdvice closed =
        LC.certificateAdvice(expiring(LocalDate.of(2016, 1, 1), day.plusDays(20)), 0, day);
    assertThat(has(closed.findings(), "LC-10", "RENEWAL_WINDOW_CLOSED")).isTrue();
    CertificateAdvice early =
        LC.certificateAdvice(expiring(LocalDate.of(2016, 1, 1), day.plusDays(200)), 0, day);
    assertThat(early.findings()).noneMatch(f -> f.ruleId().equals("LC-10"));
  }

  @Test
  void cd68_06_unconfirmedRenewalRule_isAdviceOnly() {
    CertificateAdvice a =
        NATIONAL.certificateAdvice(expiring(LocalDate.of(2025, 1, 1), DAY.plusDays(30)), 0, DAY);
    assertThat(a.findings())
        .anyMatch(f -> f.ruleId().equals("CD68-06") && f.citation().confidence().equals("U"));
    CertificateAdvice b =
        NATIONAL.certificateAdvice(expiring(LocalDate.of(2025, 1, 1), DAY.plusDays(300)), 0, DAY);
    assertThat(b.findings()).noneMatch(f -> f.ruleId().equals("CD68-06"));
  }

  @Test
  void cd68_07_changeOfInformation_needsSixtyDaysLeft() {
    CertificateAdvice late =
        NATIONAL.certificateAdvice(expiring(LocalDate.of(2025, 1, 1), DAY.plusDays(40)), 0, DAY);
    assertThat(has(late.findings(), "CD68-07", "CHANGE_WINDOW_CLOSED")).isTrue();
    CertificateAdvice early =
        NATIONAL.certificateAdvice(expiring(LocalDate.of(2025, 1, 1), DAY.plusDays(90)), 0, DAY);
    assertThat(early.findings()).noneMatch(f -> f.ruleId().equals("CD68-07"));
  }

  @Test
  void tb04_tb05_cd68_03_validityLengthLint() {
    X509Certificate twelve = expiring(LocalDate.of(2017, 1, 1), LocalDate.of(2029, 1, 1));
    assertThat(has(TB.certificateAdvice(twelve, 0, DAY).findings(), "TB-04", "VALIDITY_TOO_LONG"))
        .isTrue();
    X509Certificate nine = expiring(LocalDate.of(2020, 1, 1), LocalDate.of(2029, 1, 1));
    assertThat(TB.certificateAdvice(nine, 0, DAY).findings())
        .noneMatch(f -> f.ruleId().equals("TB-04"));
    X509Certificate sixRenewed = expiring(LocalDate.of(2021, 1, 1), LocalDate.of(2027, 6, 1));
    assertThat(
            has(TB.certificateAdvice(sixRenewed, 1, DAY).findings(), "TB-05", "VALIDITY_TOO_LONG"))
        .isTrue();
    assertThat(TB.certificateAdvice(nine, 1, DAY).findings())
        .anyMatch(f -> f.ruleId().equals("TB-05"));
    X509Certificate fourRenewed = expiring(LocalDate.of(2024, 1, 1), LocalDate.of(2028, 1, 1));
    assertThat(TB.certificateAdvice(fourRenewed, 1, DAY).findings())
        .noneMatch(f -> f.ruleId().equals("TB-05"));

    X509Certificate sixNew = expiring(LocalDate.of(2025, 1, 1), LocalDate.of(2031, 1, 1));
    assertThat(
            has(
                NATIONAL.certificateAdvice(sixNew, 0, DAY).findings(),
                "CD68-03",
                "VALIDITY_TOO_LONG"))
        .isTrue();
    X509Certificate sixOld = expiring(LocalDate.of(2024, 1, 1), LocalDate.of(2030, 1, 1));
    assertThat(NATIONAL.certificateAdvice(sixOld, 0, DAY).findings())
        .noneMatch(f -> f.ruleId().equals("CD68-03"));
    X509Certificate fourRenewalNew = expiring(LocalDate.of(2025, 1, 1), LocalDate.of(2029, 1, 1));
    assertThat(
            has(
                NATIONAL.certificateAdvice(fourRenewalNew, 1, DAY).findings(),
                "CD68-03",
                "VALIDITY_TOO_LONG"))
        .isTrue();
  }

  @Test
  void expiredCertificate_isSaidPlainly() {
    CertificateAdvice a =
        NATIONAL.certificateAdvice(expiring(LocalDate.of(2020, 1, 1), DAY.minusDays(3)), 0, DAY);
    assertThat(a.daysToExpiry()).isEqualTo(-3);
    assertThat(a.renewalWindowOpen()).isFalse();
  }

  @Test
  void lc12_lc13_revocationDeadlinesInWorkingDays() {
    // Friday 15 June 2018: notify the Sở within 2 working days (Tue 19), device collected 3 working
    // days later (Fri 22).
    EventAdvice a = LC.eventAdvice(HrEvent.RETIREMENT, LocalDate.of(2018, 6, 15));
    assertThat(a.action()).isEqualTo(EventAdvice.Action.REVOKE);
    assertThat(a.notifyBy()).contains(LocalDate.of(2018, 6, 19));
    assertThat(a.returnDeviceBy()).contains(LocalDate.of(2018, 6, 22));
    findingsCite(a.findings(), "LC-13", "QĐ 51/2015/QĐ-UBND");
    findingsCite(a.findings(), "LC-12", "QĐ 51/2015/QĐ-UBND");
  }

  @Test
  void cd68_09_cd68_10_revocationAndDeviceReturn() {
    // Monday 15 June 2026 + 5 working days = Monday 22 June.
    EventAdvice a = NATIONAL.eventAdvice(HrEvent.DEATH, DAY);
    assertThat(a.action()).isEqualTo(EventAdvice.Action.REVOKE);
    assertThat(a.returnDeviceBy()).contains(LocalDate.of(2026, 6, 22));
    findingsCite(a.findings(), "CD68-09", "68/2024");
    findingsCite(a.findings(), "CD68-10", "68/2024");
  }

  @Test
  void cd68_08_cd68_20_changesKeepTheCertificate() {
    EventAdvice mail = NATIONAL.eventAdvice(HrEvent.EMAIL_CHANGE, DAY);
    assertThat(mail.action()).isEqualTo(EventAdvice.Action.CHANGE_INFORMATION);
    findingsCite(mail.findings(), "CD68-08", "68/2024");
    EventAdvice transfer = NATIONAL.eventAdvice(HrEvent.TRANSFER_WITHIN_STATE, DAY);
    assertThat(transfer.action()).isEqualTo(EventAdvice.Action.CHANGE_INFORMATION);
    assertThat(transfer.findings()).anyMatch(f -> f.ruleId().equals("CD68-20"));
    EventAdvice transferBefore =
        NATIONAL.eventAdvice(HrEvent.TRANSFER_WITHIN_STATE, LocalDate.of(2025, 11, 26));
    assertThat(transferBefore.findings()).noneMatch(f -> f.ruleId().equals("CD68-20"));
  }

  @Test
  void tb06_tb07_tb08_tb18_thaiBinhRevokesOnTransferAndRenaming() {
    EventAdvice transfer = TB.eventAdvice(HrEvent.TRANSFER_WITHIN_STATE, DAY);
    assertThat(transfer.action()).isEqualTo(EventAdvice.Action.REVOKE);
    findingsCite(transfer.findings(), "TB-07", "QĐ 08/2016");
    findingsCite(transfer.findings(), "TB-18", "QĐ 08/2016");
    findingsCite(
        TB.eventAdvice(HrEvent.ORGANISATION_RENAMED, DAY).findings(), "TB-06", "QĐ 08/2016");
    findingsCite(TB.eventAdvice(HrEvent.DEVICE_LOST, DAY).findings(), "TB-08", "QĐ 08/2016");
    assertThat(TB.eventAdvice(HrEvent.EMAIL_CHANGE, DAY).findings())
        .noneMatch(f -> f.ruleId().startsWith("TB-"));
  }

  @Test
  void hb02_kg07_eventsInTheOtherPacks() {
    findingsCite(
        preset("hoa-binh-13-2020").eventAdvice(HrEvent.DEVICE_LOST, DAY).findings(),
        "HB-02",
        "QĐ 13/2020");
    EventAdvice kg = preset("kien-giang-2024-draft").eventAdvice(HrEvent.RESIGNATION, DAY);
    findingsCite(kg.findings(), "KG-07", "Kiên Giang");
    assertThat(preset("hoa-binh-13-2020").eventAdvice(HrEvent.EMAIL_CHANGE, DAY).findings())
        .noneMatch(f -> f.ruleId().equals("HB-02"));
  }

  @Test
  void lc14_pinAgeReminder() {
    LocalDate day = LocalDate.of(2018, 6, 15);
    List<PolicyFinding> old = LC.pinAdvice(Optional.of(Certs.at(day.minusMonths(7))), day);
    assertThat(old).anyMatch(f -> f.ruleId().equals("LC-14") && f.code().equals("PIN_TOO_OLD"));
    assertThat(LC.pinAdvice(Optional.of(Certs.at(day.minusMonths(2))), day))
        .noneMatch(f -> f.ruleId().equals("LC-14"));
    assertThat(LC.pinAdvice(Optional.empty(), day))
        .anyMatch(f -> f.code().equals("PIN_AGE_UNKNOWN"));
  }

  @Test
  void tb17_lc16_reportingCalendar() {
    assertThat(TB.reportingDeadlines(2026))
        .extracting(ReportingDeadline::date)
        .containsExactly(LocalDate.of(2026, 11, 30));
    assertThat(TB.reportingDeadlines(2026))
        .extracting(ReportingDeadline::ruleId)
        .containsExactly("TB-17");
    assertThat(TB.reportingDeadlines(2026).get(0).citation().document())
        .contains("QĐ 08/2016/QĐ-UBND");
    assertThat(LC.reportingDeadlines(2018))
        .extracting(ReportingDeadline::ruleId)
        .containsOnly("LC-16");
    assertThat(LC.reportingDeadlines(2018))
        .extracting(ReportingDeadline::date)
        .containsExactly(LocalDate.of(2018, 6, 19), LocalDate.of(2018, 11, 19));
    assertThat(LC.reportingDeadlines(2021)).as("repealed").isEmpty();
  }
}
