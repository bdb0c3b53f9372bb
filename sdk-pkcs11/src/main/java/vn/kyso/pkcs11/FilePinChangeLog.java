package vn.kyso.pkcs11;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import vn.kyso.api.shared.OutputFiles;

/**
 * The default {@link PinChangeLog}: a properties file {@code <serial>=<ISO instant>}, rewritten
 * atomically (temporary file then move) on every change. Thread-safe within one JVM.
 *
 * @since 0.1
 */
public final class FilePinChangeLog implements PinChangeLog {
  private final Path file;

  /**
   * Creates a log backed by a file (created on the first change).
   *
   * @param file the file
   */
  public FilePinChangeLog(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public synchronized Optional<Instant> lastChanged(String tokenSerial) {
    String v = read().getProperty(Objects.requireNonNull(tokenSerial, "tokenSerial"));
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void recordChange(String tokenSerial, Instant when) {
    Properties p = read();
    p.setProperty(
        Objects.requireNonNull(tokenSerial, "tokenSerial"),
        Objects.requireNonNull(when, "when").toString());
    try {
      OutputFiles.write(
          file,
          out -> p.store(out, "Kyso PIN change log: token serial = time of the last PIN change"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PIN change log " + file, e);
    }
  }

  private Properties read() {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the PIN change log " + file, e);
      }
    }
    return p;
  }
}
