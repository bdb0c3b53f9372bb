package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.Citation;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.validation.Severity;

/**
 * A small province: people, organisations, a registry and the presets, shared by the policy tests.
 */
final class Fixture {
  static final LocalDate DAY = LocalDate.of(2026, 6, 15);
  static final Instant NOW = Certs.at(DAY);
  static final String PROVINCE = "Ủy ban nhân dân tỉnh Thử Nghiệm";
  static final String DEPARTMENT = "Sở Nội vụ tỉnh Thử Nghiệm";
  static final String KT_OFFICE = "Văn phòng Ủy ban nhân dân tỉnh Kon Tum";

  static final X509Certificate CHAIRMAN =
      Certs.person("Nguyễn Văn An").title("Chủ tịch").email("nvan@laocai.gov.vn").build();
  static final X509Certificate VICE =
      Certs.person("Trần Thị Bình").email("ttbinh@thunghiem.gov.vn").build();
  static final X509Certificate UNIT_HEAD =
      Certs.person("Lê Văn Cường").email("lvcuong@laocai.gov.vn").build();
  static final X509Certificate UNIT_DEPUTY = Certs.person("Phạm Thị Dung").build();
  static final X509Certificate CLERK = Certs.person("Hoàng Thị Én").build();
  static final X509Certificate RETIRED = Certs.person("Đỗ Văn Hưu").build();
  static final X509Certificate STRANGER = Certs.person("Người Lạ").build();
  static final X509Certificate PROVINCE_ORG = Certs.organisation(PROVINCE).build();
  static final X509Certificate DEPARTMENT_ORG = Certs.organisation(DEPARTMENT).build();
  static final X509Certificate KT_OFFICE_ORG = Certs.organisation(KT_OFFICE).build();

  static final SignerRegistry REGISTRY =
      MapSignerRegistry.builder()
          .signer(
              CHAIRMAN,
              new SignerRecord(
                  "p-chair",
                  "Nguyễn Văn An",
                  PROVINCE,
                  Position.HEAD,
                  "Chủ tịch",
                  Set.of(),
                  Optional.of("nvan@laocai.gov.vn"),
                  true,
                  List.of(),
                  Optional.empty()))
          .signer(
              VICE,
              new SignerRecord(
                  "p-vice",
                  "Trần Thị Bình",
                  PROVINCE,
                  Position.DEPUTY_HEAD,
                  "Phó Chủ tịch",
                  Set.of("Công văn", "Quyết định"),
                  Optional.of("ttbinh@thunghiem.gov.vn"),
                  true,
                  List.of(),
                  Optional.empty()))
          .signer(
              UNIT_HEAD,
              new SignerRecord(
                  "p-unit",
                  "Lê Văn Cường",
                  PROVINCE,
                  Position.UNIT_HEAD,
                  "Chánh Văn phòng",
                  Set.of(),
                  Optional.of("lvcuong@laocai.gov.vn"),
                  true,
                  List.of(
                      new Delegation(
                          "p-chair",
                          "p-unit",
                          Set.of("Giấy mời"),
                          LocalDate.of(2026, 1, 1),
                          LocalDate.of(2026, 12, 31))),
                  Optional.empty()))
          .signer(
              UNIT_DEPUTY,
              new SignerRecord(
                  "p-unitdep",
                  "Phạm Thị Dung",
                  PROVINCE,
                  Position.UNIT_DEPUTY,
                  "Phó Chánh Văn phòng",
                  Set.of(),
                  Optional.empty(),
                  true,
                  List.of(),
                  Optional.of("p-unit")))
          .signer(
              CLERK,
              SignerRecord.of("p-clerk", "Hoàng Thị Én", PROVINCE, Position.CLERK, "Văn thư"))
          .signer(
              RETIRED,
              new SignerRecord(
                  "p-ret",
                  "Đỗ Văn Hưu",
                  PROVINCE,
                  Position.DEPUTY_HEAD,
                  "Phó Chủ tịch",
                  Set.of(),
                  Optional.empty(),
                  false,
                  List.of(),
                  Optional.empty()))
          .organisation(
              new OrganisationRecord(
                  PROVINCE,
                  "ubnd-tinh",
                  Regime.COLLECTIVE,
                  Set.of("Thông báo"),
                  Set.of("p-clerk"),
                  Set.of("p-clerk-2")))
          .organisation(
              new OrganisationRecord(
                  DEPARTMENT,
                  "so",
                  Regime.HEAD_OF_AGENCY,
                  Set.of(),
                  Set.of("p-clerk-so"),
                  Set.of()))
          .organisation(
              new OrganisationRecord(
                  KT_OFFICE,
                  "van-phong",
                  Regime.HEAD_OF_AGENCY,
                  Set.of(),
                  Set.of("p-kt"),
                  Set.of()))
          .usedNumber(PROVINCE, 2026, "11/UBND-VP")
          .build();

  private Fixture() {}

  static Policy preset(String id) {
    return Policy.preset(id).registry(REGISTRY).build();
  }

  /**
   * A preset as a host uses it that confirmed its provincial act is still applied after the 2025
   * merger (pack parameter {@code unknown-status: as-written}): the rules decide as written.
   */
  static Policy confirmed(String id) {
    return Policy.preset(id)
        .registry(REGISTRY)
        .parameter(id, "unknown-status", "as-written")
        .build();
  }

  /**
   * The Kon Tum preset as the fixture's province uses it: confirmed, and with the fixture's UBND
   * and Office as the bodies QĐ 284/2018 governs (pack parameter {@code scope-organisations}).
   */
  static Policy kontum() {
    return Policy.preset("kon-tum-284-2018")
        .registry(REGISTRY)
        .parameter("kon-tum-284-2018", "unknown-status", "as-written")
        .parameter("kon-tum-284-2018", "scope-organisations", List.of(PROVINCE, KT_OFFICE))
        .build();
  }

  /** A request made on a given day (09:00 Vietnam time). */
  static SigningRequest.Builder requestOn(LocalDate day, X509Certificate cert, DocumentInfo doc) {
    return SigningRequest.builder(cert, doc, Certs.at(day));
  }

  static DocumentInfo.Builder letter() {
    return DocumentInfo.builder("Công văn")
        .numberSymbol("12/UBND-VP")
        .issueDate(DAY)
        .issuingOrganisation(PROVINCE)
        .signerName("Nguyễn Văn An")
        .titleLine("CHỦ TỊCH");
  }

  static SigningRequest.Builder request(X509Certificate cert, DocumentInfo doc) {
    return SigningRequest.builder(cert, doc, NOW);
  }

  static SigningRequest.Builder organisationAfterChairman(DocumentInfo doc) {
    return request(PROVINCE_ORG, doc)
        .kind(SignatureKind.ORGANISATION)
        .operator("p-clerk")
        .priorSignature(
            new PriorSignature(SignatureKind.PERSONAL, CHAIRMAN, NOW.minusSeconds(600), true));
  }

  /** The rule fires and denies, cited to its source. */
  static void denies(PolicyDecision d, String rule, String document) {
    assertThat(d.isAllowed()).as("%s should deny: %s", rule, d.toText(null)).isFalse();
    assertThat(d.denials()).as(d.toText(null)).anyMatch(f -> f.ruleId().equals(rule));
    cites(d, rule, document);
  }

  /** The rule fires with a warning (or stronger), cited to its source. */
  static void warns(PolicyDecision d, String rule, String document) {
    assertThat(d.findings())
        .as(d.toText(null))
        .anyMatch(f -> f.ruleId().equals(rule) && f.severity() != Severity.INFO);
    cites(d, rule, document);
  }

  /** The rule fires, at any severity. */
  static void informs(PolicyDecision d, String rule) {
    assertThat(d.findings()).as(d.toText(null)).anyMatch(f -> f.ruleId().equals(rule));
  }

  /** The rule does not fire (not even as information). */
  static void passes(PolicyDecision d, String rule) {
    assertThat(d.findings()).as(d.toText(null)).noneMatch(f -> f.ruleId().equals(rule));
  }

  /** The rule raises nothing above information. */
  static void quiet(PolicyDecision d, String rule) {
    assertThat(d.findings())
        .as(d.toText(null))
        .noneMatch(f -> f.ruleId().equals(rule) && f.severity() != Severity.INFO);
  }

  /** The rule fires only as information (e.g. after repeal). */
  static void onlyInforms(PolicyDecision d, String rule) {
    assertThat(d.findings())
        .as(d.toText(null))
        .anyMatch(f -> f.ruleId().equals(rule))
        .noneMatch(f -> f.ruleId().equals(rule) && f.severity() != Severity.INFO);
  }

  static void cites(PolicyDecision d, String rule, String document) {
    PolicyFinding f =
        d.findings().stream().filter(x -> x.ruleId().equals(rule)).findFirst().orElseThrow();
    Citation c = f.citation();
    assertThat(c.document()).contains(document);
    assertThat(c.article()).as("article of " + rule).isNotNull();
    assertThat(f.messageVi()).isNotBlank().isNotEqualTo(f.messageEn());
  }

  static void findingsCite(List<PolicyFinding> findings, String rule, String document) {
    assertThat(findings)
        .anyMatch(f -> f.ruleId().equals(rule) && f.citation().document().contains(document));
  }
}
