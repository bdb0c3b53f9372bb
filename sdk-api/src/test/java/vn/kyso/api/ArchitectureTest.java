package vn.kyso.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.archtest.ArchitectureRules;

class ArchitectureTest {
  @Test
  void sdkApi_followsTheModuleRules() throws Exception {
    assertThat(
            ArchitectureRules.violations(
                "vn.kyso.api",
                Set.of(
                    "org.apache.pdfbox",
                    "org.apache.xml.security",
                    "org.yaml",
                    "org.snakeyaml",
                    "org.xipki",
                    "org.slf4j.simple",
                    "ch.qos.logback"),
                Set.of()))
        .isEmpty();
  }

  @Test
  void publishedModule_exportsOnlyItsApi_andNoticeNamesWhatItShips() throws Exception {
    assertThat(ArchitectureRules.publishedModuleViolations("vn.kyso.api")).isEmpty();
  }
}
