package vn.kyso.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TsaClient;

/**
 * A JUnit 5 extension that starts a loopback OCSP responder, CRL distribution point and TSA before
 * the test class, builds a {@link TestPki} whose certificates point at them, resets every server to
 * {@link ServerMode#NORMAL} after each test, and stops them after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestPkiExtension PKI = TestPkiExtension.builder().seed(42).build();
 *
 * @Test
 * void chairmanChainsToTheRoot() {
 *   var result = PKI.verifier().verify(PKI.pki().credential(TestIdentity.CHAIRMAN).certificate());
 *   assertThat(result.isPassed()).isTrue();
 * }
 * }</pre>
 *
 * <p>Register it as a {@code static} field so that it lives for the whole class.
 *
 * @since 0.1
 */
public final class TestPkiExtension
    implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private final long seed;
  private final Clock clock;
  private final String generation;
  private OcspServer ocsp;
  private CrlServer crl;
  private TsaServer tsa;
  private TestPki pki;

  private TestPkiExtension(Builder b) {
    this.seed = b.seed;
    this.clock = b.clock;
    this.generation = b.generation;
  }

  /**
   * @return a builder with seed 1 and the {@link TestPki} default fixed clock
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (ocsp != null) {
      ocsp.reset();
      crl.reset();
      tsa.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Starts the servers and builds the PKI; idempotent. Called by JUnit before the class. */
  public synchronized void start() {
    if (pki != null) {
      return;
    }
    ocsp = new OcspServer();
    crl = new CrlServer();
    tsa = new TsaServer();
    TestPki.Builder b =
        TestPki.builder()
            .seed(seed)
            .generation(generation)
            .ocspUrl(ocsp.uri())
            .crlBaseUrl(crl.uri());
    if (clock != null) {
      b.clock(clock);
    }
    pki = b.build();
    ocsp.pki(pki);
    crl.pki(pki);
    tsa.pki(pki);
  }

  /** Stops the servers; idempotent. Called by JUnit after the class. */
  public synchronized void stop() {
    if (ocsp != null) {
      ocsp.close();
      crl.close();
      tsa.close();
    }
    ocsp = null;
    crl = null;
    tsa = null;
    pki = null;
  }

  /**
   * @return the PKI
   */
  public TestPki pki() {
    return require(pki);
  }

  /**
   * @return the OCSP responder
   */
  public OcspServer ocsp() {
    return require(ocsp);
  }

  /**
   * @return the CRL distribution point
   */
  public CrlServer crl() {
    return require(crl);
  }

  /**
   * @return the TSA
   */
  public TsaServer tsa() {
    return require(tsa);
  }

  /**
   * Returns an online verifier trusting the PKI's root, on the PKI's clock, with 2-second time-outs
   * and no revocation cache (so that each test sees the servers' current mode).
   *
   * @return a new verifier
   */
  public CertificateVerifier verifier() {
    return verifierBuilder().build();
  }

  /**
   * @return a verifier builder preset like {@link #verifier()}, to adjust
   */
  public CertificateVerifier.Builder verifierBuilder() {
    return CertificateVerifier.builder(pki().trustAnchors())
        .clock(pki().clock())
        .revocationCacheSize(0)
        .network(
            NetworkSettings.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .timeout(Duration.ofSeconds(2))
                .build());
  }

  /**
   * @return a TSA client for the loopback TSA that validates its certificate with {@link
   *     #verifier()}
   */
  public TsaClient tsaClient() {
    return TsaClient.builder(tsa().uri())
        .verifier(verifier())
        .timeout(Duration.ofSeconds(2))
        // Production-like retries, with short waits so that fault tests stay quick.
        .backoff(Duration.ofMillis(20), Duration.ofMillis(100))
        .budget(Duration.ofSeconds(5))
        .build();
  }

  private static <T> T require(T value) {
    if (value == null) {
      throw new IllegalStateException(
          "TestPkiExtension not started: register it as a static @RegisterExtension field");
    }
    return value;
  }

  /** Builds a {@link TestPkiExtension}. */
  public static final class Builder {
    private long seed = 1;
    private Clock clock;
    private String generation = "";

    private Builder() {}

    /**
     * Names a later generation of the hierarchy ({@link TestPki.Builder#generation(String)}).
     *
     * @param value e.g. {@code "G2"}
     * @return this builder
     */
    public Builder generation(String value) {
      this.generation = Objects.requireNonNull(value, "generation");
      return this;
    }

    /**
     * Sets the PKI seed.
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the PKI clock.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @return the extension
     */
    public TestPkiExtension build() {
      return new TestPkiExtension(this);
    }
  }
}
