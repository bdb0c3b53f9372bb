package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.archtest.ArchitectureRules;

class ArchitectureTest {
  @Test
  void module_followsTheRules_andImportsNoSibling() throws Exception {
    assertThat(
            ArchitectureRules.violations(
                "vn.kyso.remote",
                Set.of(
                    "vn.kyso.pades",
                    "vn.kyso.xades",
                    "vn.kyso.pkcs11",
                    "vn.kyso.policy",
                    "vn.kyso.testkit",
                    "vn.kyso.report"),
                Set.of()))
        .isEmpty();
  }

  @Test
  void publishedModule_exportsOnlyItsApi_andNoticeNamesWhatItShips() throws Exception {
    assertThat(ArchitectureRules.publishedModuleViolations("vn.kyso.remote")).isEmpty();
  }
}
