package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.validation.Severity;

/**
 * An ALLOW explains itself: the rules that were checked and met are listed with their citations,
 * beside any warnings (issue "Policy, round two": decisions that explain an ALLOW).
 */
class ExplainedDecisionTest {
  private static final Policy NATIONAL = preset("national");

  @Test
  void anAllowedOrganisationSignature_citesTheRulesThatAllowedIt() {
    PolicyDecision d = NATIONAL.evaluate(organisationAfterChairman(letter().build()).build());

    assertThat(d.verdict()).isNotEqualTo(PolicyDecision.Verdict.DENY);
    PolicyFinding vt3009 =
        d.satisfied().stream().filter(f -> f.ruleId().equals("VT30-09")).findFirst().orElseThrow();
    assertThat(vt3009.code()).isEqualTo("SATISFIED");
    assertThat(vt3009.severity()).isEqualTo(Severity.INFO);
    assertThat(vt3009.citation().document()).contains("30/2020");
    assertThat(vt3009.citation().article()).contains("Điều 32");
    assertThat(vt3009.messageVi()).startsWith("đáp ứng: Văn thư chỉ ký số của cơ quan");
    assertThat(vt3009.messageEn()).startsWith("met: The organisation signature only after");
    assertThat(d.toText(Locale.forLanguageTag("vi")))
        .contains("Được phép vì đã đáp ứng:")
        .contains("VT30-09: đáp ứng:")
        .contains("Nghị định 30/2020");
    assertThat(d.toText(Locale.ENGLISH)).contains("Allowed because these rules are met:");
  }

  @Test
  void aRuleWithAFindingAgainst_isNeverListedAsMet_andADenialExplainsNoAllow() {
    PolicyDecision alone =
        NATIONAL.evaluate(request(PROVINCE_ORG, letter().build()).operator("p-clerk").build());

    assertThat(alone.verdict()).isEqualTo(PolicyDecision.Verdict.DENY);
    assertThat(alone.satisfied()).noneMatch(f -> f.ruleId().equals("VT30-09"));
    assertThat(alone.satisfied())
        .as("every denial's rule is absent from the met list")
        .noneMatch(f -> alone.denials().stream().anyMatch(x -> x.ruleId().equals(f.ruleId())));
    assertThat(alone.toText(Locale.ENGLISH)).doesNotContain("Allowed because");
  }

  @Test
  void rulesNotInForceOnTheDay_areNotListedAsMet() {
    // VT30-09 takes effect on 2020-03-05 (Nghị định 30/2020): a day before, it decided nothing.
    PolicyDecision before =
        NATIONAL.evaluate(
            organisationAfterChairman(letter().build()).build(), LocalDate.of(2020, 3, 4));
    assertThat(before.satisfied()).noneMatch(f -> f.ruleId().equals("VT30-09"));
    PolicyDecision after =
        NATIONAL.evaluate(
            organisationAfterChairman(letter().build()).build(), LocalDate.of(2020, 3, 5));
    assertThat(after.satisfied()).anyMatch(f -> f.ruleId().equals("VT30-09"));
  }

  @Test
  void theReviewOfAVerifiedDocument_explainsEachSignatureAndTheDocument() {
    var report =
        NATIONAL.review(
            vn.kyso.api.validation.ValidationReport.builder("cong-van.pdf", NOW)
                .signature(
                    vn.kyso.api.validation.SignatureResult.builder(
                            "Sig1", vn.kyso.api.validation.SignatureFormat.PADES_BASELINE)
                        .level(vn.kyso.api.validation.SignatureLevel.B_T)
                        .passed()
                        .signingCertificate(CHAIRMAN)
                        .claimedSigningTime(NOW.minusSeconds(600))
                        .build())
                .signature(
                    vn.kyso.api.validation.SignatureResult.builder(
                            "Sig2", vn.kyso.api.validation.SignatureFormat.PADES_BASELINE)
                        .level(vn.kyso.api.validation.SignatureLevel.B_T)
                        .passed()
                        .signingCertificate(PROVINCE_ORG)
                        .claimedSigningTime(NOW)
                        .build())
                .build(),
            letter().build());
    assertThat(report.signatures().get(1).policyDecision().orElseThrow().satisfied())
        .anyMatch(f -> f.ruleId().equals("VT30-09"));
    assertThat(report.policyDecision().orElseThrow().satisfied())
        .as("the document's own rules, e.g. VT30-01 on originals")
        .isNotEmpty();
    assertThat(report.toJson()).contains("\"satisfied\"");
  }
}
