package vn.kyso.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.kyso.api.internal.Messages;

/** Every user-facing text exists in Vietnamese and English. */
class MessagesTest {

  @Test
  void bothLanguages_haveTheSameKeys() {
    assertThat(Messages.API.keys(true)).isEqualTo(Messages.API.keys(false)).isNotEmpty();
  }

  @Test
  void everyErrorCode_hasATextInBothLanguages() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(Messages.API.keys(false)).as(code.name()).contains("error." + code.name());
    }
  }

  @Test
  void everyFindingCodeUsedInTheSources_hasATextInBothLanguages() throws IOException {
    Pattern p = Pattern.compile("Findings\\.of\\(\"([A-Z0-9_]+)\"");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
        Matcher m = p.matcher(Files.readString(f));
        while (m.find()) {
          used.add("finding." + m.group(1));
        }
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(Messages.API.keys(false)).containsAll(used);
  }

  @Test
  void exception_speaksBothLanguages() {
    TokenException e = new TokenException(ErrorCode.PIN_LOCKED, null);

    assertThat(e.getMessage()).contains("locked");
    assertThat(e.message(Locale.forLanguageTag("vi"))).contains("bị khóa");
  }
}
