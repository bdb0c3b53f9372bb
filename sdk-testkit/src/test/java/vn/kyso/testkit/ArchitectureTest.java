package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.kyso.api.ArchitectureRules;

class ArchitectureTest {
  @Test
  void module_followsTheRules() throws Exception {
    assertThat(ArchitectureRules.violations("vn.kyso.testkit", Set.of(), Set.of("org.junit.")))
        .isEmpty();
  }
}
