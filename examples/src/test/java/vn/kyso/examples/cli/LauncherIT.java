package vn.kyso.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code examples/target/kyso} launcher: a class-data-sharing archive written on the first run
 * into the cache folder, used by later runs, ignored when the JVM refuses it; the same output
 * whichever way the JVM started.
 */
class LauncherIT {
  static KysoCliIT.Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", Path.of("target", "kyso").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return KysoCliIT.run(pb);
  }

  private static List<Path> filesIn(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void firstRunWritesTheArchive_laterRunsUseIt_aRefusedArchiveIsIgnored(@TempDir Path cache)
      throws Exception {
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    Path folder = cache.resolve("kyso");

    KysoCliIT.Run version = launch(env, "--version");
    KysoCliIT.Run first = launch(env, "verify", "--help");
    List<Path> archives = filesIn(folder);
    Path verifyArchive =
        archives.stream()
            .filter(p -> p.getFileName().toString().startsWith("kyso-verify-"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no archive for verify in " + archives));
    KysoCliIT.Run second = launch(env, "verify", "--help");
    Files.write(verifyArchive, "not an archive".getBytes(StandardCharsets.US_ASCII));
    KysoCliIT.Run refused = launch(env, "verify", "--help");

    assertThat(version.exit()).as(version.err()).isZero();
    for (KysoCliIT.Run r : List.of(first, second, refused)) {
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo(first.out()).contains("Usage: kyso verify");
      assertThat(r.err()).as("no JVM warnings").isEmpty();
    }
    assertThat(archives)
        .as("one archive per command: --version's does not stand in for verify's")
        .extracting(p -> p.getFileName().toString())
        .hasSize(2)
        .allMatch(n -> n.matches("kyso-(none|verify)-\\d+\\.jsa"));
    assertThat(filesIn(folder)).as("no half-written archive left").hasSize(2);
  }

  @Test
  void withoutTheArchive_andWithTheJarElsewhere(@TempDir Path cache) throws Exception {
    KysoCliIT.Run off =
        launch(Map.of("XDG_CACHE_HOME", cache.toString(), "KYSO_CDS", "off"), "--version");
    KysoCliIT.Run missing =
        launch(
            Map.of(
                "XDG_CACHE_HOME", cache.toString(), "KYSO_JAR", cache.resolve("no.jar").toString()),
            "--version");

    assertThat(off.exit()).isZero();
    assertThat(off.out().strip()).isEqualTo("kyso 0.1.0");
    assertThat(filesIn(cache.resolve("kyso"))).isEmpty();
    assertThat(missing.exit()).isEqualTo(64);
    assertThat(missing.err()).contains("kyso.jar not found");
  }

  @Test
  void onlyTheNamedCommandIsBuilt_butHelpListsThemAll() throws Exception {
    assertThat(Kyso.commandNamed(new String[] {"--lang", "en", "verify", "x.pdf"}))
        .isEqualTo("verify");
    assertThat(Kyso.commandNamed(new String[] {"--debug", "sign", "pdf"})).isEqualTo("sign");
    assertThat(Kyso.commandNamed(new String[] {"help", "verify"})).isNull();
    assertThat(Kyso.commandNamed(new String[] {"verfy"})).isNull();
    assertThat(Kyso.commandNamed(new String[] {"--help"})).isNull();

    KysoCliIT.Run help = launch(Map.of("KYSO_CDS", "off"), "--help");
    KysoCliIT.Run typo = launch(Map.of("KYSO_CDS", "off"), "verfy");
    assertThat(help.out()).contains("demo", "sign", "verify", "policy", "token", "cert", "archive");
    assertThat(typo.exit()).isEqualTo(Kyso.USAGE);
  }

  @Test
  void verifyingAPdfWarmsUpOnASecondThread_whichTheCommandWaitsFor() {
    Kyso root = new Kyso();
    root.startWarmUp("verify", new String[] {"verify", "--offline", "CONG-VAN.PDF"});
    Thread t = root.warmUp;
    assertThat(t).isNotNull();
    assertThat(t.getName()).isEqualTo("kyso-warm-up");
    assertThat(t.isDaemon()).as("never keeps the JVM alive").isTrue();
    root.awaitWarmUp();
    assertThat(t.isAlive()).as("done before the command reads a file").isFalse();
    assertThat(root.warmUp).isNull();
    root.awaitWarmUp(); // nothing left to wait for

    for (String[] args :
        List.of(
            new String[] {"sign", "cong-van.pdf"},
            new String[] {"verify", "ho-so.xml"},
            new String[] {"--help"})) {
      Kyso other = new Kyso();
      other.startWarmUp(Kyso.commandNamed(args), args);
      assertThat(other.warmUp).as(String.join(" ", args)).isNull();
    }
  }
}
