package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;

class SmokeDemoTest {
  @Test
  void demo_signsTheLetterTwiceAndTheRecord_andBothVerify(@TempDir Path out) throws Exception {
    SmokeDemo.Result result = SmokeDemo.run(out);

    assertThat(result.passed()).isTrue();
    assertThat(result.pdf().overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(
            result.pdf().signatures().stream()
                .filter(s -> s.format() == SignatureFormat.PADES_BASELINE)
                // the clerk's B-LTA update (DSS and document time-stamp) raises the leader's B-T
                // signature too
                .map(SignatureResult::level))
        .containsExactly(SignatureLevel.B_LTA, SignatureLevel.B_LTA);
    assertThat(result.pdf().signatures().get(0).signer().orElseThrow().name())
        .isEqualTo("Nguyễn Văn An");
    assertThat(result.xml().overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(result.xml().signatures())
        .singleElement()
        .satisfies(s -> assertThat(s.level()).isEqualTo(SignatureLevel.B_LT));
    assertThat(result.pdf().policyDecision().orElseThrow().outcomes())
        .contains(PolicyOutcome.ORIGINAL_VALUE);
    assertThat(result.pdf().signatures())
        .allMatch(s -> s.policyDecision().orElseThrow().isAllowed());
    assertThat(result.pdf().signatures().get(0).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_IMAGE", "APPEARANCE_ABOVE_NAME");
    assertThat(result.pdf().signatures().get(1).findings())
        .extracting(f -> f.code())
        .contains("APPEARANCE_SEAL_OVERLAP");
    assertThat(result.xml().policyDecision().orElseThrow().outcomes())
        .contains(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
    assertThat(out.resolve("cong-van.pdf")).exists();
    assertThat(Files.readString(out.resolve("bao-cao-cong-van.json"))).contains("TOTAL_PASSED");
    assertThat(Files.readString(out.resolve("ho-so-ky.xml")))
        .contains("Trần Thị Bình", "SignedProperties");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void demo_withTheLeadersKeyAtARemoteService_passesTheSame(@TempDir Path out) throws Exception {
    SmokeDemo.Result result = SmokeDemo.run(out, false, true, step -> {});
    assertThat(result.passed()).isTrue();
    assertThat(result.pdf().overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(result.pdf().signatures().get(0).signer().orElseThrow().name())
        .isEqualTo("Nguyễn Văn An");
    assertThat(result.xml().overall()).isEqualTo(Indication.TOTAL_PASSED);
  }
}
