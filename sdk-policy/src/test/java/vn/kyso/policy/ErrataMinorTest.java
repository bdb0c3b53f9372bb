package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.validation.Severity;

/** The remaining rows of RULES-ERRATA 1.2 and section 3, each with the behaviour it corrects. */
class ErrataMinorTest {

  private static PolicyRule rule(String pack, String id, String check) {
    return PolicyPack.builtIn(pack).rules().stream()
        .filter(r -> r.id().equals(id) && r.check().yamlName().equals(check))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void kt01_noActingHead() {
    // RULES-ERRATA 1.1 (KT-01): KT Art 2 names no acting head.
    X509Certificate acting = Certs.person("Đinh Văn Quyền").build();
    SignerRegistry reg =
        MapSignerRegistry.builder()
            .signer(
                acting,
                SignerRecord.of(
                    "p-q", "Đinh Văn Quyền", PROVINCE, Position.ACTING_HEAD, "Quyền Chủ tịch"))
            .build();
    Policy kt =
        Policy.preset("kon-tum-284-2018")
            .registry(reg)
            .parameter("kon-tum-284-2018", "unknown-status", "as-written")
            .parameter("kon-tum-284-2018", "scope-organisations", List.of(PROVINCE))
            .build();
    denies(
        kt.evaluate(
            requestOn(
                    LocalDate.of(2019, 5, 6), acting, letter().signerName("Đinh Văn Quyền").build())
                .build()),
        "KT-01",
        "284");
  }

  @Test
  void lc10_statesTheDeadlineWithoutInferringANewCertificate() {
    Policy lc = preset("lao-cai-51-2015");
    LocalDate day = LocalDate.of(2018, 6, 15);
    CertificateAdvice closed =
        lc.certificateAdvice(
            Certs.person("Nguyễn Văn An").valid(LocalDate.of(2016, 1, 1), day.plusDays(20)).build(),
            0,
            day);
    assertThat(closed.findings())
        .filteredOn(f -> f.ruleId().equals("LC-10"))
        .isNotEmpty()
        .allMatch(
            f -> !f.messageEn().contains("new certificate") && !f.messageVi().contains("cấp mới"));
  }

  @Test
  void cd68_20_isNinhBinhPractice_cd68_01_cd68_18_citeTheirRealSource() {
    assertThat(rule("national", "CD68-20", "hr-event").citation().document())
        .contains("Ninh Bình")
        .contains("thực tiễn");
    assertThat(rule("national", "CD68-20", "hr-event").severity()).isEqualTo(Severity.INFO);
    for (String id : List.of("CD68-01", "CD68-18")) {
      PolicyRule r =
          PolicyPack.builtIn("national").rules().stream()
              .filter(x -> x.id().equals(id))
              .findFirst()
              .orElseThrow();
      assertThat(r.citation().document()).contains("dự thảo Quy chế Kiên Giang");
      assertThat(r.citation().article()).doesNotContain("Điều 3");
    }
  }

  @Test
  void kg07_hasNoBehaviourOfItsOwn_itRestatesCd68() {
    PolicyRule kg07 = rule("kien-giang-2024-draft", "KG-07", "hr-event");
    assertThat(kg07.severity()).isEqualTo(Severity.INFO);
    assertThat(kg07.parameters()).doesNotContainKey("device-return-working-days");
    EventAdvice a =
        preset("kien-giang-2024-draft").eventAdvice(HrEvent.RESIGNATION, LocalDate.of(2025, 3, 3));
    assertThat(a.findings())
        .filteredOn(f -> f.ruleId().equals("KG-07"))
        .isNotEmpty()
        .allMatch(f -> f.severity() == Severity.INFO);
  }

  @Test
  void d9_tt41IsHistoryFrom15November2026_d11_gd23IsFlaggedFromMarch2027() {
    PolicyDecision before =
        preset("national")
            .evaluate(
                organisationAfterChairman(letter().build()).operator("p-vice").build(),
                LocalDate.of(2026, 11, 14));
    assertThat(before.denials()).anyMatch(f -> f.ruleId().equals("TT41-02"));
    PolicyDecision after =
        preset("national")
            .evaluate(
                organisationAfterChairman(letter().build()).operator("p-vice").build(),
                LocalDate.of(2026, 11, 15));
    assertThat(after.denials()).noneMatch(f -> f.ruleId().equals("TT41-02"));
    PolicyDecision in2027 =
        preset("national")
            .evaluate(request(CHAIRMAN, letter().build()).build(), LocalDate.of(2027, 3, 1));
    assertThat(in2027.findings())
        .anyMatch(f -> f.code().equals("PACK_NOTICE") && f.messageEn().contains("20/2026/QH16"));
    PolicyDecision in2026 =
        preset("national").evaluate(request(CHAIRMAN, letter().build()).build());
    assertThat(in2026.findings()).noneMatch(f -> f.messageEn().contains("20/2026/QH16"));
  }

  @Test
  void anAllowWithNoFinding_onlyWhenNoRuleApplied() {
    PolicyDecision d = preset("national").evaluate(request(CHAIRMAN, letter().build()).build());
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.satisfied()).isNotEmpty();
    assertThat(
            Set.copyOf(
                d.satisfied().stream().map(PolicyFinding -> PolicyFinding.ruleId()).toList()))
        .contains("VT30-07", "X-01");
  }
}
