package vn.kyso.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A fault-injecting PKCS#11 module for tests, built from C with gcc at test time: it forwards to
 * SoftHSM2 and adds a PIN retry counter (COUNT_LOW, FINAL_TRY, LOCKED, {@code CKR_PIN_LOCKED}),
 * unlock by the SO's {@code C_InitPIN}, a to-be-changed flag, and removal and re-insertion that
 * close open sessions, as a real USB token does. SoftHSM2 itself simulates none of these.
 *
 * <p>The shim loads its own copy of the SoftHSM2 library, so it never shares state with a SoftHSM2
 * loaded directly in the same JVM. Needs gcc and the p11-kit headers ({@code apt-get install gcc
 * libp11-kit-dev}).
 *
 * @since 0.1
 */
public final class Pkcs11Shim {
  private final Path library;
  private final Path state;

  private Pkcs11Shim(Path library, Path state) {
    this.library = library;
    this.state = state;
  }

  /**
   * @return why the shim cannot be built here, or empty when it can
   */
  public static Optional<String> unavailableReason() {
    Optional<String> hsm = SoftHsm.unavailableReason();
    if (hsm.isPresent()) {
      return hsm;
    }
    if (!SoftHsm.onPath("gcc")) {
      return Optional.of("gcc not found (apt-get install gcc libc6-dev)");
    }
    if (!Files.exists(Path.of("/usr/include/p11-kit-1/p11-kit/pkcs11.h"))) {
      return Optional.of("PKCS#11 headers not found (apt-get install libp11-kit-dev)");
    }
    return Optional.empty();
  }

  /**
   * Builds the shim in a folder, in front of SoftHSM2; skips or (under {@code CI=true}) fails the
   * calling test when the tools are missing.
   *
   * @param folder a work folder (created)
   * @return the shim, with a fresh state: 3 tries, not removed
   */
  public static Pkcs11Shim build(Path folder) {
    Optional<String> why = unavailableReason();
    ExternalTools.require(why.isEmpty(), "the PKCS#11 shim", why.orElse(""));
    try {
      Files.createDirectories(folder);
      Path state = folder.resolve("state");
      Files.createDirectories(state);
      Path underlying = folder.resolve("libsofthsm2-copy.so");
      Files.copy(
          SoftHsm.findModule().orElseThrow(), underlying, StandardCopyOption.REPLACE_EXISTING);
      Path source = folder.resolve("p11shim.c");
      try (InputStream in = Pkcs11Shim.class.getResourceAsStream("p11shim.c")) {
        Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
      }
      Path library = folder.resolve("libkysoshim.so");
      Process p =
          new ProcessBuilder(
                  List.of(
                      "gcc",
                      "-shared",
                      "-fPIC",
                      "-O2",
                      "-o",
                      library.toString(),
                      source.toString(),
                      "-I/usr/include/p11-kit-1",
                      "-DSTATE_DIR=\"" + state + "\"",
                      "-DUNDERLYING=\"" + underlying + "\"",
                      "-ldl",
                      "-lpthread"))
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("gcc failed: " + new String(out, StandardCharsets.UTF_8));
      }
      Pkcs11Shim shim = new Pkcs11Shim(library, state);
      shim.reset();
      return shim;
    } catch (IOException e) {
      throw new IllegalStateException("cannot build the PKCS#11 shim", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return the shim library to load instead of SoftHSM2
   */
  public Path library() {
    return library;
  }

  /** Pulls the token out: it is no longer present and every open session is closed. */
  public void remove() {
    write("removed", "1");
  }

  /** Puts the token back in. */
  public void insert() {
    delete("removed");
  }

  /**
   * Sets how many wrong PINs lock the token.
   *
   * @param tries at least 1
   */
  public void maxTries(int tries) {
    write("max_tries", Integer.toString(tries));
  }

  /**
   * @return how many wrong PINs were entered since the last success
   */
  public int failures() {
    try {
      Path f = state.resolve("failures");
      return Files.exists(f) ? Integer.parseInt(Files.readString(f).trim()) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Sets or clears the to-be-changed flag.
   *
   * @param on whether the token demands a PIN change
   */
  public void toBeChanged(boolean on) {
    if (on) {
      write("to_be_changed", "1");
    } else {
      delete("to_be_changed");
    }
  }

  /** Back to: 3 tries, no failures, present, no forced PIN change. */
  public void reset() {
    write("max_tries", "3");
    write("failures", "0");
    delete("removed");
    delete("to_be_changed");
  }

  private void write(String name, String value) {
    try {
      Files.writeString(state.resolve(name), value + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void delete(String name) {
    try {
      Files.deleteIfExists(state.resolve(name));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
