package vn.kyso.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts the four loopback remote signing services ({@link CscServer},
 * {@link Api769Server}, {@link MySignServer}, {@link MssServer}) before the test class, gives one
 * user the key of a {@link TestPki} identity on each, resets their misbehaviour after each test,
 * and stops them after the class. The integrator's credentials and the user ids are the constants
 * below.
 *
 * <pre>{@code
 * @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().build();
 * @RegisterExtension static final RemoteSigningExtension REMOTE = RemoteSigningExtension.of(PKI);
 *
 * @Test
 * void signsThroughSmartCa() throws Exception {
 *   Api769Signer smartCa = Api769Signer.builder(REMOTE.api769().base())
 *       .serviceProvider(RemoteSigningExtension.CLIENT_ID, RemoteSigningExtension.secret())
 *       .userId(RemoteSigningExtension.API769_USER).build();
 *   ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class RemoteSigningExtension
    implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  /** The integrator's client id (CSC, MySign), service provider id ("769") and AP id (MSS). */
  public static final String CLIENT_ID = "kyso-test-sp";

  /** The user at the CSC service. */
  public static final String CSC_USER = "CCCD:001080000001";

  /** The user at the "769" service. */
  public static final String API769_USER = "001080000001";

  /** The user at MySign. */
  public static final String MYSIGN_USER = "CMT_001080000001";

  /** The user's phone number at the MSS service. */
  public static final String MSISDN = "84900000001";

  private static final String SECRET = "kyso-test-secret";

  private final TestPkiExtension pki;
  private final TestIdentity identity;
  private CscServer csc;
  private Api769Server api769;
  private MySignServer mySign;
  private MssServer mss;

  private RemoteSigningExtension(TestPkiExtension pki, TestIdentity identity) {
    this.pki = Objects.requireNonNull(pki, "pki");
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  /**
   * The services, where the user holds the chairman's key.
   *
   * @param pki the PKI extension (register it first)
   * @return the extension
   */
  public static RemoteSigningExtension of(TestPkiExtension pki) {
    return new RemoteSigningExtension(pki, TestIdentity.CHAIRMAN);
  }

  /**
   * The services, where the user holds the key of {@code identity}.
   *
   * @param pki the PKI extension (register it first)
   * @param identity whose key the user holds
   * @return the extension
   */
  public static RemoteSigningExtension of(TestPkiExtension pki, TestIdentity identity) {
    return new RemoteSigningExtension(pki, identity);
  }

  /**
   * @return a fresh copy of the integrator's secret (client secret, SP and AP password)
   */
  public static char[] secret() {
    return SECRET.toCharArray();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (csc != null) {
      csc.reset();
      api769.reset();
      mySign.reset();
      mss.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Starts the services; idempotent. Called by JUnit before the class. */
  public synchronized void start() {
    if (csc != null) {
      return;
    }
    pki.start();
    TestCredential key = pki.pki().credential(identity);
    csc = new CscServer(CLIENT_ID, secret());
    csc.pki(pki.pki());
    csc.user(CSC_USER, key);
    api769 = new Api769Server(CLIENT_ID, secret());
    api769.user(API769_USER, key);
    mySign = new MySignServer(CLIENT_ID, secret());
    mySign.user(MYSIGN_USER, key);
    mss = new MssServer(CLIENT_ID, secret());
    mss.user(MSISDN, key);
  }

  /** Stops the services; idempotent. Called by JUnit after the class. */
  public synchronized void stop() {
    if (csc != null) {
      csc.close();
      api769.close();
      mySign.close();
      mss.close();
    }
    csc = null;
    api769 = null;
    mySign = null;
    mss = null;
  }

  /**
   * @return the CSC service (v1 and v2)
   */
  public CscServer csc() {
    return started(csc);
  }

  /**
   * @return the "769" service
   */
  public Api769Server api769() {
    return started(api769);
  }

  /**
   * @return the MySign service
   */
  public MySignServer mySign() {
    return started(mySign);
  }

  /**
   * @return the MSS service
   */
  public MssServer mss() {
    return started(mss);
  }

  /**
   * @return the chain of the user's certificate (MSS does not serve it; pass it to the adapter)
   */
  public java.util.List<java.security.cert.X509Certificate> chain() {
    return pki.pki().credential(identity).chain();
  }

  private static <T> T started(T server) {
    if (server == null) {
      throw new IllegalStateException("the remote signing services are not started");
    }
    return server;
  }
}
