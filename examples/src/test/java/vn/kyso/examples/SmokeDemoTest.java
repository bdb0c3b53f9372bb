package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;

class SmokeDemoTest {
  @Test
  void demo_signsTimestampsAndValidates(@TempDir Path out) throws Exception {
    ValidationReport report = SmokeDemo.run(out);

    assertThat(report.overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.signatures().get(0).bestSignatureTime()).isPresent();
    assertThat(out.resolve("report.json")).exists();
    assertThat(Files.readString(out.resolve("report.json"))).contains("TOTAL_PASSED");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }
}
