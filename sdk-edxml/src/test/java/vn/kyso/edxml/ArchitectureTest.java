package vn.kyso.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.archtest.ArchitectureRules;

class ArchitectureTest {
  @Test
  void module_followsTheRules() throws Exception {
    assertThat(ArchitectureRules.violations("vn.kyso.edxml", Set.of(), Set.of())).isEmpty();
  }

  @Test
  void publishedModule_exportsOnlyItsApi_andNoticeNamesWhatItShips() throws Exception {
    assertThat(ArchitectureRules.publishedModuleViolations("vn.kyso.edxml")).isEmpty();
  }
}
