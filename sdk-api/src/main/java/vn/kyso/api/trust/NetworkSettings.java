package vn.kyso.api.trust;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how the SDK may go to the network for OCSP, CRLs and issuer certificates (AIA).
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NetworkSettings {
  private final boolean online;
  private final boolean aiaFetching;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final long maxResponseBytes;

  private NetworkSettings(Builder b) {
    this.online = b.online;
    this.aiaFetching = b.aiaFetching;
    this.connectTimeout = b.connectTimeout;
    this.timeout = b.timeout;
    this.maxResponseBytes = b.maxResponseBytes;
  }

  /**
   * Returns settings that never touch the network: only material given by the host or embedded in
   * the document is used.
   *
   * @return offline settings
   */
  public static NetworkSettings offline() {
    return new Builder(false).build();
  }

  /**
   * Returns online settings with the defaults: connect within 5 s, whole exchange within 15 s,
   * responses up to 10 MiB, no AIA fetching.
   *
   * @return online settings
   */
  public static NetworkSettings online() {
    return new Builder(true).build();
  }

  /**
   * Returns a builder for online settings.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(true);
  }

  /**
   * Says whether network access is allowed.
   *
   * @return whether online
   */
  public boolean isOnline() {
    return online;
  }

  /**
   * Says whether missing issuer certificates may be fetched from the AIA caIssuers URL.
   *
   * @return whether AIA fetching is on (only when online)
   */
  public boolean isAiaFetchingAllowed() {
    return online && aiaFetching;
  }

  /**
   * Returns the time allowed to connect.
   *
   * @return the connect time-out
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns the time allowed for a whole request and response.
   *
   * @return the time-out
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns the largest response accepted.
   *
   * @return the limit in bytes
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** Builds {@link NetworkSettings}. */
  public static final class Builder {
    private final boolean online;
    private boolean aiaFetching;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(15);
    private long maxResponseBytes = 10L * 1024 * 1024;

    private Builder(boolean online) {
      this.online = online;
    }

    /**
     * Allows fetching issuer certificates from AIA caIssuers URLs.
     *
     * @param allowed whether to fetch
     * @return this builder
     */
    public Builder aiaFetching(boolean allowed) {
      this.aiaFetching = allowed;
      return this;
    }

    /**
     * Sets the connect time-out.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /**
     * Sets the time-out for a whole exchange.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder timeout(Duration value) {
      this.timeout = positive(value, "timeout");
      return this;
    }

    /**
     * Sets the largest response accepted.
     *
     * @param bytes a positive size
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public NetworkSettings build() {
      return new NetworkSettings(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
