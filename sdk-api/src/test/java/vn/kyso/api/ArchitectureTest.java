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
  void moduleDescriptor_exportsOnlyThePublicPackages() throws Exception {
    assertThat(ArchitectureRules.moduleDescriptorViolations("vn.kyso.api")).isEmpty();
  }

  @Test
  void notice_namesEveryThirdPartyArtifactTheModuleShipsWith() throws Exception {
    assertThat(ArchitectureRules.noticeViolations()).isEmpty();
  }
}
