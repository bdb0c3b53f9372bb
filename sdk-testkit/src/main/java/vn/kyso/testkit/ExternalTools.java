package vn.kyso.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a tool from the operating system (poppler's {@code pdfsig} and {@code pdftoppm},
 * {@code xmlsec1}, SoftHSM2, a font): skipped with a clear message on a developer's machine without
 * it, failed when {@code CI=true}, where a missing tool must never pass silently.
 *
 * <pre>{@code
 * @BeforeAll
 * static void tools() {
 *   ExternalTools.requireCommand("pdftoppm", "poppler-utils");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class ExternalTools {
  private ExternalTools() {}

  /**
   * Requires an executable on the {@code PATH}.
   *
   * @param command the command, e.g. {@code pdfsig}
   * @param debianPackage the package that installs it, e.g. {@code poppler-utils}
   */
  public static void requireCommand(String command, String debianPackage) {
    require(onPath(command), command, "apt-get install " + debianPackage);
  }

  /**
   * Tells whether an executable is on the {@code PATH}.
   *
   * @param command the command
   * @return whether found
   */
  public static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Skips the test (or fails it when {@code CI=true}) unless something is available.
   *
   * @param available whether it is
   * @param what what is needed, e.g. {@code SoftHSM2}
   * @param howToGetIt what to do, e.g. {@code apt-get install softhsm2}
   */
  public static void require(boolean available, String what, String howToGetIt) {
    if (available) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(what + " is required when CI=true (" + howToGetIt + ")");
    }
    Assumptions.abort(what + " not available, test skipped: " + howToGetIt);
  }
}
