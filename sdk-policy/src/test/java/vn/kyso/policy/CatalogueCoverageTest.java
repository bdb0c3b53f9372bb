package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the "every rule is tested" promise: each built-in rule id is asserted somewhere in these
 * tests.
 */
class CatalogueCoverageTest {
  @Test
  void everyBuiltInRule_isNamedByATest() throws Exception {
    StringBuilder tests = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("src/test/java/vn/kyso/policy"))) {
      for (Path f :
          files
              .filter(p -> !p.getFileName().toString().equals("CatalogueCoverageTest.java"))
              .toList()) {
        tests.append(Files.readString(f));
      }
    }
    Set<String> missing = new TreeSet<>();
    for (String id : PolicyPack.builtInIds()) {
      for (PolicyRule r : PolicyPack.builtIn(id).rules()) {
        if (!tests.toString().contains("\"" + r.id() + "\"")) {
          missing.add(r.id());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyRule_citesADocumentAndAnArticleOrSaysWhyNot() {
    for (String id : PolicyPack.builtInIds()) {
      for (PolicyRule r : PolicyPack.builtIn(id).rules()) {
        assertThat(r.citation().document()).as(r.id()).isNotBlank();
        assertThat(r.citation().confidence()).isIn("C", "S", "U");
        assertThat(r.titleVi()).as(r.id()).isNotBlank().isNotEqualTo(r.titleEn());
      }
    }
  }
}
