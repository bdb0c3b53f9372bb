package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.policy.Fixture.*;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;

/** Policy on verified documents: each signature gets a decision, and the document one too. */
class ReviewTest {
  private static final Policy NATIONAL = preset("national");

  private static SignatureResult passed(
      String id, X509Certificate cert, Instant time, SignatureLevel level) {
    return SignatureResult.builder(id, SignatureFormat.PADES_BASELINE)
        .level(level)
        .passed()
        .signingCertificate(cert)
        .claimedSigningTime(time)
        .build();
  }

  private static SignatureResult failed(String id, X509Certificate cert, Instant time) {
    return SignatureResult.builder(id, SignatureFormat.PADES_BASELINE)
        .level(SignatureLevel.B_B)
        .notPassed(SubIndication.HASH_FAILURE)
        .signingCertificate(cert)
        .claimedSigningTime(time)
        .build();
  }

  private static ValidationReport report(SignatureResult... sigs) {
    ValidationReport.Builder b = ValidationReport.builder("cong-van.pdf", NOW);
    for (SignatureResult s : sigs) {
      b.signature(s);
    }
    return b.build();
  }

  @Test
  void vt30_01_personalThenOrganisation_isAnOriginal() {
    ValidationReport r =
        NATIONAL.review(
            report(
                passed("Sig1", CHAIRMAN, NOW.minusSeconds(600), SignatureLevel.B_T),
                passed("Sig2", PROVINCE_ORG, NOW, SignatureLevel.B_T)),
            letter().build());
    PolicyDecision doc = r.policyDecision().orElseThrow();
    assertThat(doc.outcomes()).contains(PolicyOutcome.ORIGINAL_VALUE);
    informs(doc, "VT30-01");
    assertThat(r.signatures()).allMatch(s -> s.policyDecision().isPresent());
    passes(r.signatures().get(1).policyDecision().get(), "VT30-09");
    assertThat(r.signatures())
        .extracting(SignatureResult::indication)
        .as("a policy decision never changes an indication")
        .containsOnly(Indication.TOTAL_PASSED);
  }

  @Test
  void vt30_01_personalOnly_isNotAnOriginal() {
    ValidationReport r =
        NATIONAL.review(
            report(passed("Sig1", CHAIRMAN, NOW, SignatureLevel.B_T)), letter().build());
    PolicyDecision doc = r.policyDecision().orElseThrow();
    warns(doc, "VT30-01", "Nghị định 30/2020/NĐ-CP");
    assertThat(doc.outcomes()).contains(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
  }

  @Test
  void vt30_09_organisationBeforePersonal_isDeniedOnThatSignature() {
    ValidationReport r =
        NATIONAL.review(
            report(
                passed("Org", PROVINCE_ORG, NOW.minusSeconds(600), SignatureLevel.B_T),
                passed("Chair", CHAIRMAN, NOW, SignatureLevel.B_T)),
            letter().build());
    denies(r.signatures().get(0).policyDecision().get(), "VT30-09", "Nghị định 30/2020/NĐ-CP");
    assertThat(r.policyDecision().get().outcomes())
        .contains(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
  }

  @Test
  void aDeniedSignature_deniesTheDocument_withTheSignatureNamedAndTheRuleCited() {
    ValidationReport r =
        NATIONAL.review(
            report(
                passed("Org", PROVINCE_ORG, NOW.minusSeconds(600), SignatureLevel.B_T),
                passed("Chair", CHAIRMAN, NOW, SignatureLevel.B_T)),
            letter().build());
    PolicyDecision doc = r.policyDecision().orElseThrow();
    assertThat(doc.verdict()).isEqualTo(PolicyDecision.Verdict.DENY);
    denies(doc, "VT30-09", "Nghị định 30/2020/NĐ-CP");
    assertThat(doc.denials())
        .anySatisfy(
            f -> {
              assertThat(f.messageEn()).startsWith("Signature Org: ");
              assertThat(f.messageVi()).startsWith("Chữ ký Org: ");
            });
    assertThat(
            NATIONAL
                .review(
                    report(
                        passed("Chair", CHAIRMAN, NOW.minusSeconds(600), SignatureLevel.B_T),
                        passed("Org", PROVINCE_ORG, NOW, SignatureLevel.B_T)),
                    letter().build())
                .policyDecision()
                .get()
                .verdict())
        .as("allowed signatures leave the document allowed")
        .isNotEqualTo(PolicyDecision.Verdict.DENY);
  }

  @Test
  void vt30_12_tt41_03_failingSignature_isReturnedToTheSender() {
    ValidationReport r = NATIONAL.review(report(failed("Sig1", CHAIRMAN, NOW)), letter().build());
    PolicyDecision doc = r.policyDecision().orElseThrow();
    denies(doc, "VT30-12", "Nghị định 30/2020/NĐ-CP");
    denies(doc, "TT41-03", "41/2017");
    assertThat(doc.outcomes()).contains(PolicyOutcome.RETURN_TO_SENDER);
    PolicyDecision good =
        NATIONAL
            .review(report(passed("S", CHAIRMAN, NOW, SignatureLevel.B_T)), letter().build())
            .policyDecision()
            .get();
    passes(good, "VT30-12");
    passes(good, "TT41-03");
  }

  @Test
  void tt41_04_noTimeStamp_warnsUntilTheRepeal() {
    ValidationReport bb = report(passed("S", CHAIRMAN, NOW, SignatureLevel.B_B));
    warns(NATIONAL.review(bb, letter().build()).policyDecision().get(), "TT41-04", "41/2017");
    passes(
        NATIONAL
            .review(report(passed("S", CHAIRMAN, NOW, SignatureLevel.B_LT)), letter().build())
            .policyDecision()
            .get(),
        "TT41-04");
    ValidationReport later =
        ValidationReport.builder("x.pdf", Certs.at(LocalDate.of(2026, 11, 15)))
            .signature(passed("S", CHAIRMAN, NOW, SignatureLevel.B_B))
            .build();
    onlyInforms(NATIONAL.review(later, letter().build()).policyDecision().get(), "TT41-04");
  }

  @Test
  void tb16_unsignedDocument_isNotIssuable() {
    Policy tb = confirmed("thai-binh-08-2016");
    denies(tb.review(report(), letter().build()).policyDecision().get(), "TB-16", "QĐ 08/2016");
    passes(
        tb.review(report(passed("S", CHAIRMAN, NOW, SignatureLevel.B_T)), letter().build())
            .policyDecision()
            .get(),
        "TB-16");
  }

  @Test
  void kt04_scanWithTheOrganisationSignatureAlone_isAnOriginal() {
    Policy kt = kontum();
    DocumentInfo scan = letter().digitisedFromPaper(PROVINCE, true, true).build();
    PolicyDecision d =
        kt.review(report(passed("Org", PROVINCE_ORG, NOW, SignatureLevel.B_T)), scan)
            .policyDecision()
            .get();
    assertThat(d.findings())
        .anyMatch(f -> f.ruleId().equals("KT-04") && f.code().equals("ORIGINAL"));
    PolicyDecision notScan =
        kt.review(report(passed("Org", PROVINCE_ORG, NOW, SignatureLevel.B_T)), letter().build())
            .policyDecision()
            .get();
    assertThat(notScan.findings())
        .anyMatch(f -> f.ruleId().equals("KT-04") && f.code().equals("NOT_ORIGINAL"));
    // RULES-ERRATA 1.1 (KT-04): a scan of paper that was not hand-signed and sealed is no original.
    DocumentInfo unsealed = letter().digitisedFromPaper(PROVINCE, false, true).build();
    PolicyDecision unsealedScan =
        kt.review(report(passed("Org", PROVINCE_ORG, NOW, SignatureLevel.B_T)), unsealed)
            .policyDecision()
            .get();
    assertThat(unsealedScan.findings())
        .anyMatch(f -> f.ruleId().equals("KT-04") && f.code().equals("NOT_ORIGINAL_UNSEALED_SCAN"));
    assertThat(unsealedScan.outcomes()).doesNotContain(PolicyOutcome.ORIGINAL_VALUE);
  }

  @Test
  void kt05_aPersonalSignatureAlone_equalsAHandwrittenSignature() {
    PolicyDecision d =
        kontum()
            .review(report(passed("S", CHAIRMAN, NOW, SignatureLevel.B_T)), letter().build())
            .policyDecision()
            .get();
    assertThat(d.findings())
        .anyMatch(
            f ->
                f.ruleId().equals("KT-05")
                    && f.code().equals("PERSONAL_ONLY_HANDWRITTEN")
                    && f.citation().article().contains("Điều 4 khoản 3"));
    PolicyDecision both =
        kontum()
            .review(
                report(
                    passed("S", CHAIRMAN, NOW, SignatureLevel.B_T),
                    passed("O", PROVINCE_ORG, NOW.plusSeconds(60), SignatureLevel.B_T)),
                letter().build())
            .policyDecision()
            .get();
    assertThat(both.findings()).noneMatch(f -> f.ruleId().equals("KT-05"));
  }

  @Test
  void vt30_16_attachmentWithoutOrganisationSignature() {
    DocumentInfo attachment = letter().attachmentTo("12/UBND-VP").build();
    warns(
        NATIONAL
            .review(report(passed("S", CHAIRMAN, NOW, SignatureLevel.B_T)), attachment)
            .policyDecision()
            .get(),
        "VT30-16",
        "Phụ lục I");
    passes(
        NATIONAL
            .review(report(passed("O", PROVINCE_ORG, NOW, SignatureLevel.B_T)), attachment)
            .policyDecision()
            .get(),
        "VT30-16");
  }

  @Test
  void reviewedReport_carriesDecisionsInJsonAndBothLanguages() {
    ValidationReport r =
        NATIONAL.review(
            report(passed("Sig1", CHAIRMAN, NOW, SignatureLevel.B_T)), letter().build());
    assertThat(r.toJson())
        .contains("\"policy\"")
        .contains("\"rule\" : \"VT30-01\"")
        .contains("Nghị định 30/2020/NĐ-CP");
    assertThat(r.toText(Locale.forLanguageTag("vi"))).contains("Quyết định chính sách");
    assertThat(r.toText(Locale.ENGLISH)).contains("Policy decision");
    assertThat(r.overall())
        .isEqualTo(report(passed("Sig1", CHAIRMAN, NOW, SignatureLevel.B_T)).overall());
  }
}
