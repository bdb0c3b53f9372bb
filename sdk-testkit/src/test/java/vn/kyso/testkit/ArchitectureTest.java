package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.archtest.ArchitectureRules;

class ArchitectureTest {
  @Test
  void module_followsTheRules() throws Exception {
    assertThat(ArchitectureRules.violations("vn.kyso.testkit", Set.of(), Set.of("org.junit.")))
        .isEmpty();
  }

  @Test
  void moduleDescriptor_exportsOnlyThePublicPackages() throws Exception {
    assertThat(ArchitectureRules.moduleDescriptorViolations("vn.kyso.testkit")).isEmpty();
  }

  @Test
  void notice_namesEveryThirdPartyArtifactTheModuleShipsWith() throws Exception {
    assertThat(ArchitectureRules.noticeViolations()).isEmpty();
  }
}
