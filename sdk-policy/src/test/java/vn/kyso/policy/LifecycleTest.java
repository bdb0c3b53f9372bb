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
    LocalDate in2023 = LocalDate.of(2023, 6, 1);
    X509Certificate twelve = expiring(LocalDate.of(2017, 1, 1), LocalDate.of(2029, 1, 1));
    assertThat(
            has(TB.certificateAdvice(twelve, 0, in2023).findings(), "TB-04", "VALIDITY_TOO_LONG"))
        .isTrue();
    X509Certificate nine = expiring(LocalDate.of(2020, 1, 1), LocalDate.of(2029, 1, 1));
    assertThat(TB.certificateAdvice(nine, 0, in2023).findings())
        .noneMatch(f -> f.ruleId().equals("TB-04"));
    // RULES-ERRATA 3 D5: TB-04/TB-05 gave way to CD68-03 (ND68 Art 9) on 15/08/2024.
    assertThat(TB.certificateAdvice(twelve, 0, DAY).findings())
        .filteredOn(f -> f.ruleId().equals("TB-04"))
        .isNotEmpty()
        .allMatch(f -> f.severity() == vn.kyso.api.validation.Severity.INFO)
        .allMatch(f -> f.messageEn().contains("superseded by CD68-03"));

    // RULES-ERRATA 1.1 (TB-05): only certificates issued before TT08/2016 took effect, and the
    // extension (new end minus previous end) is at most 5 years.
    X509Certificate renewedOld = expiring(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 1));
    LifecycleQuestion sixYearExtension =
        LifecycleQuestion.builder(vn.kyso.api.policy.Operation.RENEW, in2023)
            .certificate(renewedOld)
            .originalIssueDate(LocalDate.of(2015, 5, 1))
            .previousNotAfter(Certs.at(LocalDate.of(2020, 1, 1)))
            .renewalsDone(1)
            .build();
    assertThat(
            has(
                TB.certificateAdvice(sixYearExtension).findings(),
                "TB-05",
                "RENEWAL_EXTENSION_TOO_LONG"))
        .isTrue();
    LifecycleQuestion issuedAfterTt08 =
        LifecycleQuestion.builder(vn.kyso.api.policy.Operation.RENEW, in2023)
            .certificate(renewedOld)
            .originalIssueDate(LocalDate.of(2017, 5, 1))
            .previousNotAfter(Certs.at(LocalDate.of(2020, 1, 1)))
            .renewalsDone(1)
            .build();
    assertThat(TB.certificateAdvice(issuedAfterTt08).findings())
        .noneMatch(f -> f.ruleId().equals("TB-05"));

    // CD68-03: a new certificate at most 5 years; a renewal extends by at most 3 years.
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
    // RULES-ERRATA 1.1 (CD68-03): a renewed certificate's whole span is not the test; without the
    // previous end of validity the extension could not be checked.
    X509Certificate fourRenewalNew = expiring(LocalDate.of(2025, 1, 1), LocalDate.of(2029, 1, 1));
    assertThat(
            has(
                NATIONAL.certificateAdvice(fourRenewalNew, 1, DAY).findings(),
                "CD68-03",
                "RENEWAL_EXTENSION_NOT_CHECKED"))
        .isTrue();
    LifecycleQuestion lawful =
        LifecycleQuestion.builder(vn.kyso.api.policy.Operation.RENEW, DAY)
            .certificate(fourRenewalNew)
            .previousNotAfter(Certs.at(LocalDate.of(2026, 1, 1)))
            .renewalsDone(1)
            .build();
    assertThat(NATIONAL.certificateAdvice(lawful).findings())
        .noneMatch(f -> f.ruleId().equals("CD68-03") && f.code().startsWith("RENEWAL_EXTENSION"));
    assertThat(NATIONAL.lifecycle(lawful).satisfied())
        .anyMatch(f -> f.ruleId().equals("CD68-03") && f.messageEn().contains("within 3 years"));
    X509Certificate shortThenLong = expiring(LocalDate.of(2025, 1, 1), LocalDate.of(2029, 6, 1));
    LifecycleQuestion overlong =
        LifecycleQuestion.builder(vn.kyso.api.policy.Operation.RENEW, DAY)
            .certificate(shortThenLong)
            .previousNotAfter(Certs.at(LocalDate.of(2026, 1, 1)))
            .renewalsDone(1)
            .build();
    assertThat(
            has(
                NATIONAL.certificateAdvice(overlong).findings(),
                "CD68-03",
                "RENEWAL_EXTENSION_TOO_LONG"))
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
    // Friday 15 June 2018: the agency notifies the Sở within 2 working days (Tue 19). RULES-ERRATA
    // 1.1 (LC-13): the device collection runs from the CA's revocation notice, not from the event.
    EventAdvice a = LC.eventAdvice(HrEvent.RETIREMENT, LocalDate.of(2018, 6, 15));
    assertThat(a.action()).isEqualTo(EventAdvice.Action.REVOKE);
    assertThat(a.notifyBy()).contains(LocalDate.of(2018, 6, 19));
    assertThat(a.returnDeviceBy()).isEmpty();
    assertThat(has(a.findings(), "LC-13", "EVENT_REVOKE_RETURN_FROM_CA_NOTICE")).isTrue();
    assertThat(has(a.findings(), "LC-13", "EVENT_AUTHORITY_STEPS")).isTrue();
    findingsCite(a.findings(), "LC-13", "QĐ 51/2015/QĐ-UBND");
    findingsCite(a.findings(), "LC-12", "QĐ 51/2015/QĐ-UBND");
    // The CA's notice on Wednesday 20 June: collected within 2 working days (Fri 22).
    EventAdvice withNotice =
        LC.eventAdvice(
            LifecycleQuestion.builder(
                    vn.kyso.api.policy.Operation.REVOKE, LocalDate.of(2018, 6, 15))
                .event(HrEvent.RETIREMENT, LocalDate.of(2018, 6, 15))
                .caRevocationNoticeDate(LocalDate.of(2018, 6, 20))
                .build());
    assertThat(withNotice.returnDeviceBy()).contains(LocalDate.of(2018, 6, 22));
  }

  @Test
  void lc12_lc19_lc20_transferConditional_expiryAndAuthorityRequests() {
    LocalDate day = LocalDate.of(2018, 6, 15);
    EventAdvice transfer = LC.eventAdvice(HrEvent.TRANSFER_WITHIN_STATE, day);
    assertThat(has(transfer.findings(), "LC-12", "EVENT_REVOKE_IF_AFFECTED")).isTrue();
    assertThat(transfer.action()).isNotEqualTo(EventAdvice.Action.REVOKE);
    EventAdvice mismatched =
        LC.eventAdvice(
            LifecycleQuestion.builder(vn.kyso.api.policy.Operation.REVOKE, day)
                .event(HrEvent.TRANSFER_WITHIN_STATE, day)
                .certificateStillMatches(false)
                .build());
    assertThat(mismatched.action()).isEqualTo(EventAdvice.Action.REVOKE);
    findingsCite(LC.eventAdvice(HrEvent.EXPIRED_NOT_RENEWED, day).findings(), "LC-19", "51/2015");
    findingsCite(LC.eventAdvice(HrEvent.AUTHORITY_REQUEST, day).findings(), "LC-20", "51/2015");
    findingsCite(LC.eventAdvice(HrEvent.MISSING_PERSON, day).findings(), "LC-12", "51/2015");
    assertThat(LC.eventAdvice(HrEvent.CONVICTION, day).findings())
        .noneMatch(f -> f.ruleId().equals("LC-12"));
  }

  @Test
  void cd68_09_cd68_10_revocationAndDeviceReturn() {
    // RULES-ERRATA 1.1 (CD68-10): 5 working days from the revocation notice; without it the duty
    // is stated without a date.
    EventAdvice a = NATIONAL.eventAdvice(HrEvent.DEATH, DAY);
    assertThat(a.action()).isEqualTo(EventAdvice.Action.REVOKE);
    assertThat(a.returnDeviceBy()).isEmpty();
    assertThat(has(a.findings(), "CD68-10", "EVENT_REVOKE_RETURN_FROM_NOTICE")).isTrue();
    findingsCite(a.findings(), "CD68-09", "68/2024");
    findingsCite(a.findings(), "CD68-10", "68/2024");
    // Notice on Monday 15 June 2026 + 5 working days = Monday 22 June.
    EventAdvice withNotice =
        NATIONAL.eventAdvice(
            LifecycleQuestion.builder(vn.kyso.api.policy.Operation.REVOKE, DAY)
                .event(HrEvent.DEATH, DAY.minusDays(3))
                .revocationNoticeDate(DAY)
                .build());
    assertThat(withNotice.returnDeviceBy()).contains(LocalDate.of(2026, 6, 22));
    // Expiry: counted from the expiry date.
    X509Certificate expired = expiring(LocalDate.of(2021, 1, 1), DAY);
    EventAdvice expiry =
        NATIONAL.eventAdvice(
            LifecycleQuestion.builder(vn.kyso.api.policy.Operation.REVOKE, DAY)
                .event(HrEvent.EXPIRED_NOT_RENEWED, DAY)
                .certificate(expired)
                .build());
    assertThat(expiry.action()).isEqualTo(EventAdvice.Action.REVOKE);
    assertThat(expiry.returnDeviceBy()).contains(LocalDate.of(2026, 6, 22));
  }

  @Test
  void cd68_09_aTitleChange_revokesOnlyACertificateThatCarriesATitle() {
    // RULES-ERRATA 1.1 (CD68-09): ND68 certificates carry no title.
    X509Certificate noTitle = Certs.person("Nguyễn Văn An").build();
    EventAdvice none =
        NATIONAL.eventAdvice(
            LifecycleQuestion.builder(vn.kyso.api.policy.Operation.REVOKE, DAY)
                .event(HrEvent.TITLE_CHANGE, DAY)
                .certificate(noTitle)
                .build());
    assertThat(none.action()).isEqualTo(EventAdvice.Action.NONE);
    assertThat(has(none.findings(), "CD68-09", "EVENT_CERTIFICATE_UNAFFECTED")).isTrue();
    X509Certificate titled = Certs.person("Nguyễn Văn An").title("Phó Chủ tịch").build();
    EventAdvice titledAdvice =
        NATIONAL.eventAdvice(
            LifecycleQuestion.builder(vn.kyso.api.policy.Operation.REVOKE, DAY)
                .event(HrEvent.TITLE_CHANGE, DAY)
                .certificate(titled)
                .build());
    assertThat(titledAdvice.action()).isEqualTo(EventAdvice.Action.REVOKE);
    EventAdvice unknown = NATIONAL.eventAdvice(HrEvent.TITLE_CHANGE, DAY);
    assertThat(has(unknown.findings(), "CD68-09", "EVENT_REVOKE_IF_AFFECTED")).isTrue();
    findingsCite(
        NATIONAL.eventAdvice(HrEvent.SERVICE_STOPPED, DAY).findings(), "CD68-09", "68/2024");
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
    LocalDate in2023 = LocalDate.of(2023, 6, 1);
    EventAdvice transfer = TB.eventAdvice(HrEvent.TRANSFER_WITHIN_STATE, in2023);
    assertThat(transfer.action()).isEqualTo(EventAdvice.Action.REVOKE);
    findingsCite(transfer.findings(), "TB-07", "QĐ 08/2016");
    findingsCite(transfer.findings(), "TB-18", "QĐ 08/2016");
    // RULES-ERRATA 3 D5: from 15/08/2024 ND68 Art 15(a) asks for a change (CD68-08) and wins.
    EventAdvice later = TB.eventAdvice(HrEvent.TRANSFER_WITHIN_STATE, LocalDate.of(2024, 9, 3));
    assertThat(later.action()).isEqualTo(EventAdvice.Action.CHANGE_INFORMATION);
    assertThat(later.findings())
        .filteredOn(f -> f.ruleId().equals("TB-07"))
        .isNotEmpty()
        .allMatch(f -> f.messageEn().contains("superseded by CD68-08"));
    findingsCite(
        TB.eventAdvice(HrEvent.ORGANISATION_RENAMED, in2023).findings(), "TB-06", "QĐ 08/2016");
    findingsCite(TB.eventAdvice(HrEvent.DEVICE_DAMAGED, in2023).findings(), "TB-06", "QĐ 08/2016");
    // RULES-ERRATA 1.2 (TB-08): tampering, damage, custody; loss is a duty to report.
    findingsCite(TB.eventAdvice(HrEvent.DEVICE_TAMPERED, in2023).findings(), "TB-08", "QĐ 08/2016");
    findingsCite(TB.eventAdvice(HrEvent.CUSTODY_BREACH, in2023).findings(), "TB-08", "QĐ 08/2016");
    assertThat(TB.eventAdvice(HrEvent.DEVICE_LOST, in2023).findings())
        .noneMatch(f -> f.ruleId().equals("TB-08"));
    assertThat(TB.eventAdvice(HrEvent.EMAIL_CHANGE, in2023).findings())
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
