package vn.kyso.examples.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a PIN or password comes from: {@code --pin-file FILE}, else the {@code KYSO_PIN}
 * environment variable, else a prompt without echo. Never a command-line value (it would show in
 * the process list and the shell history).
 */
final class Pins {
  private Pins() {}

  static char[] read(Path pinFile, String prompt) {
    if (pinFile != null) {
      try {
        byte[] raw = Files.readAllBytes(Files2.existing(pinFile));
        String s = new String(raw, StandardCharsets.UTF_8).strip();
        Arrays.fill(raw, (byte) 0);
        return s.toCharArray();
      } catch (IOException e) {
        throw new Kyso.UsageException("pinFileUnreadable", pinFile);
      }
    }
    String env = System.getenv("KYSO_PIN");
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new Kyso.UsageException("noPinSource");
    }
    char[] pin = console.readPassword("%s: ", prompt);
    if (pin == null) {
      throw new Kyso.UsageException("noPin");
    }
    return pin;
  }
}
