package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.validation.Severity;

/**
 * The law as it stands (RULES-ERRATA 3): pre-merger provincial acts apply only in their former
 * territory, an act whose status is unknown warns instead of denying and says so, a lapsed draft
 * informs, and a rule a later one took over reports itself superseded.
 */
class StatusAndTerritoryTest {
  private static final LocalDate AFTER_MERGER = LocalDate.of(2026, 6, 15);
  private static final LocalDate BEFORE_MERGER = LocalDate.of(2025, 6, 30);

  @Test
  void unknownStatusSinceTheMerger_capsDenialsAtWarnings_andSaysSoInEveryFinding() {
    Policy tb = preset("thai-binh-08-2016");
    PolicyDecision before =
        tb.evaluate(
            requestOn(BEFORE_MERGER, CHAIRMAN, letter().classification(Classification.MAT).build())
                .build());
    assertThat(before.denials()).anyMatch(f -> f.ruleId().equals("TB-10"));

    PolicyDecision after =
        tb.evaluate(
            requestOn(AFTER_MERGER, CHAIRMAN, letter().classification(Classification.MAT).build())
                .build());
    assertThat(after.denials()).noneMatch(f -> f.ruleId().equals("TB-10"));
    assertThat(after.findings())
        .filteredOn(f -> f.ruleId().equals("TB-10"))
        .isNotEmpty()
        .allMatch(f -> f.severity() == Severity.WARNING)
        .allMatch(f -> f.messageEn().contains("unknown since 2025-07-01"))
        .allMatch(f -> f.messageVi().contains("chưa rõ hiệu lực"));
    assertThat(after.findings()).anyMatch(f -> f.code().equals("PACK_STATUS_UNKNOWN"));
    assertThat(after.isAllowed()).as("the national X-01 still denies on the same ground").isFalse();
    assertThat(after.denials()).anyMatch(f -> f.ruleId().equals("X-01"));

    PolicyDecision confirmedAfter =
        confirmed("thai-binh-08-2016")
            .evaluate(
                requestOn(
                        AFTER_MERGER, CHAIRMAN, letter().classification(Classification.MAT).build())
                    .build());
    assertThat(confirmedAfter.denials()).anyMatch(f -> f.ruleId().equals("TB-10"));
  }

  @Test
  void aPreMergerPack_appliesOnlyInItsFormerTerritory_asTheRegistrySays() {
    X509Certificate chair = Certs.person("Trần Văn Bình").build();
    SignerRecord rec = SignerRecord.of("p-b", "Trần Văn Bình", PROVINCE, Position.HEAD, "Chủ tịch");
    OrganisationRecord org =
        new OrganisationRecord(
            PROVINCE, "ubnd-tinh", Regime.COLLECTIVE, Set.of(), Set.of(), Set.of());
    Policy inHungYen =
        Policy.preset("thai-binh-08-2016")
            .registry(
                MapSignerRegistry.builder()
                    .signer(chair, rec)
                    .organisation(org.withFormerProvince("Hưng Yên"))
                    .build())
            .build();
    PolicyDecision outside =
        inHungYen.evaluate(
            requestOn(AFTER_MERGER, chair, letter().classification(Classification.MAT).build())
                .build());
    assertThat(outside.findings())
        .anyMatch(
            f ->
                f.code().equals("OUTSIDE_TERRITORY")
                    && f.severity() == Severity.INFO
                    && f.messageEn().contains("Thái Bình"));
    assertThat(outside.findings()).noneMatch(f -> f.ruleId().startsWith("TB-"));

    Policy inThaiBinh =
        Policy.preset("thai-binh-08-2016")
            .registry(
                MapSignerRegistry.builder()
                    .signer(chair, rec)
                    .organisation(org.withFormerProvince("Thái Bình"))
                    .build())
            .build();
    PolicyDecision inside =
        inThaiBinh.evaluate(
            requestOn(AFTER_MERGER, chair, letter().classification(Classification.MAT).build())
                .build());
    assertThat(inside.findings()).anyMatch(f -> f.code().equals("IN_TERRITORY"));
    assertThat(inside.findings()).anyMatch(f -> f.ruleId().equals("TB-10"));

    // Before the merger the province was itself: no territory question.
    PolicyDecision old =
        inHungYen.evaluate(
            requestOn(BEFORE_MERGER, chair, letter().classification(Classification.MAT).build())
                .build());
    assertThat(old.denials()).anyMatch(f -> f.ruleId().equals("TB-10"));
  }

  @Test
  void kienGiangDraft_lapsedWithTheMerger_onlyInforms() {
    Policy kg = preset("kien-giang-2024-draft");
    PolicyDecision after =
        kg.evaluate(
            requestOn(AFTER_MERGER, CHAIRMAN, letter().classification(Classification.MAT).build())
                .build());
    assertThat(after.findings()).anyMatch(f -> f.code().equals("PACK_DRAFT_LAPSED"));
    assertThat(after.findings())
        .filteredOn(f -> f.ruleId().equals("KG-01"))
        .isNotEmpty()
        .allMatch(f -> f.severity() == Severity.INFO);
    assertThat(PolicyPack.builtIn("kien-giang-2024-draft").status())
        .isEqualTo(PackStatus.DRAFT_LAPSED);
  }

  @Test
  void x12_certificateValidity_isCheckedBefore2020_andSupersededByVT3002After() {
    X509Certificate expired =
        Certs.person("Nguyễn Văn An")
            .valid(LocalDate.of(2015, 1, 1), LocalDate.of(2017, 12, 31))
            .build();
    Policy national = preset("national");
    PolicyDecision in2018 =
        national.evaluate(requestOn(LocalDate.of(2018, 5, 2), expired, letter().build()).build());
    assertThat(in2018.denials())
        .anyMatch(f -> f.ruleId().equals("X-12") && f.code().equals("CERT_EXPIRED"));

    PolicyDecision in2021 =
        national.evaluate(requestOn(LocalDate.of(2021, 5, 4), expired, letter().build()).build());
    assertThat(in2021.denials()).anyMatch(f -> f.ruleId().equals("VT30-02"));
    // X-12 is superseded by VT30-02, which found the same: X-12 adds nothing (no duplicate, and
    // it decides nothing). TB-04 in LifecycleTest shows a superseded rule's information.
    assertThat(in2021.findings()).noneMatch(f -> f.ruleId().equals("X-12"));
    assertThat(in2021.satisfied()).noneMatch(f -> f.ruleId().equals("X-12"));
    assertThat(PolicyPack.builtIn("national").rules())
        .filteredOn(r -> r.id().equals("X-12"))
        .allMatch(r -> r.supersededBy().orElseThrow().rule().equals("VT30-02"));
  }

  @Test
  void listAndYaml_keepTerritoryStatusAndSupersession() throws Exception {
    for (String id : List.of("thai-binh-08-2016", "national", "kien-giang-2024-draft")) {
      PolicyPack p = PolicyPack.builtIn(id);
      PolicyPack again = PolicyPack.parse(id + ".yaml", p.toYaml());
      assertThat(again.territory()).isEqualTo(p.territory());
      assertThat(again.statusSince()).isEqualTo(p.statusSince());
      assertThat(again.rules().stream().map(PolicyRule::supersededBy).toList())
          .isEqualTo(p.rules().stream().map(PolicyRule::supersededBy).toList());
    }
    assertThat(PolicyPack.builtIn("thai-binh-08-2016").territory())
        .contains(new Territory("Thái Bình", "Hưng Yên", LocalDate.of(2025, 7, 1)));
    assertThat(Optional.of(PolicyPack.builtIn("lao-cai-51-2015").effectiveUntil().orElseThrow()))
        .contains(LocalDate.of(2020, 12, 31));
  }
}
