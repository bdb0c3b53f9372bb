package vn.kyso.pkcs11;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.trust.TrustAnchors;

/**
 * How a {@link Pkcs11Module} and its tokens behave. Immutable.
 *
 * @since 0.1
 */
public final class Pkcs11Options {
  private final Path nativeLibraryFolder;
  private final int maxSessions;
  private final PinChangeLog pinChangeLog;
  private final TrustAnchors issuerAnchors;
  private final Clock clock;

  private Pkcs11Options(Builder b) {
    this.nativeLibraryFolder = b.nativeLibraryFolder;
    this.maxSessions = b.maxSessions;
    this.pinChangeLog = b.pinChangeLog;
    this.issuerAnchors = b.issuerAnchors;
    this.clock = b.clock;
  }

  /**
   * @return the defaults: up to 4 sessions, no PIN change log, any issuer, system clock
   */
  public static Pkcs11Options defaults() {
    return builder().build();
  }

  /**
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return where the wrapper's native helper library is unpacked, if configured
   */
  public Optional<Path> nativeLibraryFolder() {
    return Optional.ofNullable(nativeLibraryFolder);
  }

  /**
   * @return the most sessions a token opens (further capped by the token's own limit)
   */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * @return where PIN changes are recorded, if configured
   */
  public Optional<PinChangeLog> pinChangeLog() {
    return Optional.ofNullable(pinChangeLog);
  }

  /**
   * @return the anchors a key's certificate must be issued under to be offered, if configured
   */
  public Optional<TrustAnchors> issuerAnchors() {
    return Optional.ofNullable(issuerAnchors);
  }

  /**
   * @return the clock for certificate validity and PIN change dates
   */
  public Clock clock() {
    return clock;
  }

  /** Builds {@link Pkcs11Options}. */
  public static final class Builder {
    private Path nativeLibraryFolder;
    private int maxSessions = 4;
    private PinChangeLog pinChangeLog;
    private TrustAnchors issuerAnchors;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the folder where the wrapper's JNI helper library is unpacked (default: the JVM's
     * temporary folder). It must allow executing code: a {@code noexec} folder gives the error
     * {@code NATIVE_FOLDER_NOT_EXECUTABLE}. The wrapper reads this through the JVM-wide system
     * property {@code PKCS11_TEMP_DIR}, which the SDK sets only when this option is given.
     *
     * @param folder an existing, writable, executable folder
     * @return this builder
     */
    public Builder nativeLibraryFolder(Path folder) {
      this.nativeLibraryFolder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Sets the most sessions a token opens for concurrent signing (default 4).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxSessions(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxSessions must be at least 1");
      }
      this.maxSessions = value;
      return this;
    }

    /**
     * Records the date of every successful PIN change.
     *
     * @param value the log, e.g. {@link FilePinChangeLog}
     * @return this builder
     */
    public Builder pinChangeLog(PinChangeLog value) {
      this.pinChangeLog = Objects.requireNonNull(value, "pinChangeLog");
      return this;
    }

    /**
     * Offers only keys whose certificate is issued under these anchors (as the government signing
     * plug-in offers only special-use certificates).
     *
     * @param value the anchors, e.g. {@link TrustAnchors#governmentSpecialUse()}
     * @return this builder
     */
    public Builder issuerAnchors(TrustAnchors value) {
      this.issuerAnchors = Objects.requireNonNull(value, "issuerAnchors");
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @return the options
     */
    public Pkcs11Options build() {
      return new Pkcs11Options(this);
    }
  }
}
