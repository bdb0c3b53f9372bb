package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every finding the engine can emit has its text in English and Vietnamese. */
class MessagesTest {
  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (var in =
        new InputStreamReader(
            MessagesTest.class.getResourceAsStream("/vn/kyso/policy/" + name),
            StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  @Test
  void bothLanguages_haveTheSameKeys_andEveryCodeUsedIsThere() throws Exception {
    Properties en = load("messages.properties");
    Properties vi = load("messages_vi.properties");
    assertThat(vi.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    String source =
        Files.readString(Path.of("src/main/java/vn/kyso/policy/internal/Evaluator.java"));
    Matcher m = Pattern.compile("(?:add|packInfo|Text\\.of)\\(\"([A-Z_]+)\"").matcher(source);
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      used.add("finding." + m.group(1));
    }
    assertThat(used).isNotEmpty();
    assertThat(en.stringPropertyNames()).containsAll(used);
  }
}
