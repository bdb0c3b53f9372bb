package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyOverride;
import vn.kyso.api.validation.Severity;

/** Pack files: located errors, host packs and parameters, writing back. */
class PackFormatTest {
  private static final String HOST_PACK =
      String.join(
          "\n",
          "kyso-policy-pack: 1",
          "id: so-noi-vu",
          "version: '1'",
          "title: {vi: Quy định nội bộ Sở Nội vụ, en: Department of Home Affairs internal rules}",
          "jurisdiction: Sở Nội vụ",
          "document: QĐ 99/QĐ-SNV",
          "effective: {from: 2026-01-01}",
          "status: in-force",
          "parameters:",
          "  domains: [snv.thunghiem.gov.vn]",
          "rules:",
          "  - id: SNV-01",
          "    check: email-domain",
          "    severity: deny",
          "    article: Điều 3",
          "    confidence: C",
          "    title: {vi: Hộp thư công vụ của Sở, en: The department's official mailbox}",
          "    params: {domains: '${domains}'}",
          "");

  private static PolicyFormatException error(String yaml) {
    try {
      PolicyPack.parse("host.yaml", yaml);
    } catch (PolicyFormatException e) {
      return e;
    }
    throw new AssertionError("no error for:\n" + yaml);
  }

  @Test
  void hostPack_isReadAndEvaluatedWithTheBuiltInOnes() throws Exception {
    PolicyPack pack = PolicyPack.parse("host.yaml", HOST_PACK);
    Policy policy = Policy.preset("national").pack(pack).registry(Fixture.REGISTRY).build();
    assertThat(policy.packs()).extracting(PolicyPack::id).containsExactly("national", "so-noi-vu");
    Fixture.denies(
        policy.evaluate(Fixture.request(Fixture.CHAIRMAN, Fixture.letter().build()).build()),
        "SNV-01",
        "QĐ 99/QĐ-SNV");
    Policy moved =
        Policy.preset("national")
            .pack(pack.withParameter("domains", List.of("laocai.gov.vn")))
            .registry(Fixture.REGISTRY)
            .build();
    Fixture.passes(
        moved.evaluate(Fixture.request(Fixture.CHAIRMAN, Fixture.letter().build()).build()),
        "SNV-01");
  }

  @Test
  void loadFromFile_andWriteBack_givesTheSamePack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("so-noi-vu.yaml");
    Files.writeString(file, HOST_PACK, StandardCharsets.UTF_8);
    PolicyPack pack = PolicyPack.load(file);
    assertThat(pack.source()).isEqualTo(file.toString());
    PolicyPack again = PolicyPack.parse("again", pack.toYaml());
    assertThat(again.toYaml()).isEqualTo(pack.toYaml());
    for (String id : PolicyPack.builtInIds()) {
      PolicyPack builtIn = PolicyPack.builtIn(id);
      assertThat(PolicyPack.parse(id, builtIn.toYaml()).toYaml()).isEqualTo(builtIn.toYaml());
    }
  }

  @Test
  void errors_sayFileLineAndColumn() {
    PolicyFormatException unknownCheck =
        error(HOST_PACK.replace("check: email-domain", "check: run-shell"));
    assertThat(unknownCheck.file()).isEqualTo("host.yaml");
    assertThat(unknownCheck.line()).isEqualTo(13);
    assertThat(unknownCheck.column()).isEqualTo(12);
    assertThat(unknownCheck.problem()).contains("run-shell");
    assertThat(unknownCheck.code()).isEqualTo(ErrorCode.POLICY_INVALID);
    assertThat(unknownCheck.message(Locale.forLanguageTag("vi"))).contains("dòng 13, cột 12");

    PolicyFormatException badSeverity =
        error(HOST_PACK.replace("severity: deny", "severity: maybe"));
    assertThat(badSeverity.line()).isEqualTo(14);

    PolicyFormatException missingParam =
        error(HOST_PACK.replace("    params: {domains: '${domains}'}\n", ""));
    assertThat(missingParam.problem()).contains("needs parameter 'domains'");
    assertThat(missingParam.line()).isEqualTo(12);

    PolicyFormatException unknownReference =
        error(HOST_PACK.replace("'${domains}'", "'${mailboxes}'"));
    assertThat(unknownReference.problem()).contains("mailboxes");

    PolicyFormatException badYaml = error(HOST_PACK.replace("rules:", "rules: [unclosed"));
    assertThat(badYaml.line()).isGreaterThanOrEqualTo(11);

    PolicyFormatException badDate = error(HOST_PACK.replace("2026-01-01", "01/01/2026"));
    assertThat(badDate.line()).isEqualTo(7);

    PolicyFormatException unknownKey =
        error(HOST_PACK.replace("status: in-force", "status: in-force\nscript: rm -rf /"));
    assertThat(unknownKey.problem()).contains("unknown key 'script'");

    assertThat(error("").problem()).contains("empty");
    assertThat(
            error("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]")
                .problem())
        .contains("nested");
    assertThat(error("a: &x [1]\nb: *x\n").problem()).isNotEmpty();
    assertThat(error("!!java.lang.Runtime x").problem()).isNotEmpty();
    assertThat(
            error(
                    HOST_PACK
                        .replace("forms", "x")
                        .replace("domains: [snv", "domains: [snv")
                        .replace("check: email-domain", "check: authority-form")
                        .replace("{domains: '${domains}'}", "{forms: [KX]}"))
                .problem())
        .contains("'KX' is not allowed");
  }

  @Test
  void duplicateRule_andWrongParameterOverride_areRefused() {
    String twice = HOST_PACK + HOST_PACK.substring(HOST_PACK.indexOf("  - id: SNV-01"));
    assertThat(error(twice).problem()).contains("appears twice");
    PolicyPack pack = PolicyPack.builtIn("lao-cai-51-2015");
    assertThatThrownBy(() -> pack.withParameter("no-such", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pack.withParameter("official-email-domains", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyPack.builtIn("ha-noi"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notUtf8_isALocatedError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "id: s\u00f4".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> PolicyPack.load(file))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void hostOverride_isExplicitAndRecorded() {
    Policy policy = Fixture.preset("national");
    var decision =
        policy.evaluate(
            Fixture.request(
                    Fixture.CHAIRMAN, Fixture.letter().classification(Classification.MAT).build())
                .build());
    assertThat(decision.isAllowed()).isFalse();
    var overridden =
        decision.withOverride(
            new PolicyOverride(Set.of("X-01"), "Giám đốc Sở", "thử nghiệm nội bộ", Fixture.NOW));
    assertThat(overridden.isAllowed()).isTrue();
    assertThat(overridden.verdict()).isEqualTo(PolicyDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(overridden.override()).isPresent();
    assertThat(overridden.toText(Locale.forLanguageTag("vi")))
        .contains("Ghi đè")
        .contains("Giám đốc Sở");
    assertThat(overridden.findings())
        .anyMatch(f -> f.ruleId().equals("X-01") && f.severity() == Severity.ERROR);
    var partial =
        decision.withOverride(new PolicyOverride(Set.of("VT30-09"), "x", "y", Fixture.NOW));
    assertThat(partial.isAllowed()).isFalse();
  }

  @Test
  void unknownDocument_isNotDeniedForLackOfFacts() {
    var d =
        Fixture.preset("national")
            .evaluate(Fixture.request(Fixture.CHAIRMAN, DocumentInfo.unknown()).build());
    assertThat(d.isAllowed()).isTrue();
  }
}
