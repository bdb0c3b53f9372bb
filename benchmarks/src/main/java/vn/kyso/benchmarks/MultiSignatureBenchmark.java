package vn.kyso.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Full validation of a letter with four signatures (B-T, B-LT, B-LT, B-LTA: the drafter, two
 * leaders and the organisation's B-LTA), offline from the material it carries: chain, embedded
 * revocation data and time-stamps, every revision compared. Kyso and DSS side by side, and Kyso on
 * one thread and on two (the same immutable verifier shared, as a server would): the speed-up is 2
 * × the one-thread time ÷ the two-thread time per operation.
 *
 * <p>"Warm" is the steady state, which this case reaches late: validating a letter runs several
 * thousand methods of PDFBox, Bouncy Castle, the JDK's PKIX and Kyso, and on two cores the JIT
 * compiler threads compile them while the workers run (and with two workers, take cores from them).
 * Measured per 2-s iteration on this machine, one thread settles after about 20 s and two threads
 * after 30 to 45 s; a 2-s warm-up measured the compiler (two threads then looked slower than one).
 * Hence 30 × 2 s of warm-up for the libraries (the raw RSA scale warms at once), which {@code
 * benchmarks/run.sh} uses in quick mode too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 30, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class MultiSignatureBenchmark {
  private Path dir;
  private Path letter;
  private PdfVerifier verifier;
  private eu.europa.esig.dss.model.x509.CertificateToken anchor;
  private java.security.PrivateKey rsaKey;
  private final byte[] letterDigest = new byte[32];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsaKey = g.generateKeyPair().getPrivate();
    TestPkiExtension servers = TestPkiExtension.builder().clock(Clock.systemUTC()).build();
    servers.start();
    try {
      dir = Files.createTempDirectory("kyso-bench-multi");
      Path in = dir.resolve("letter.pdf");
      Inputs.pdf(Inputs.bytes("100k"), in);
      PdfSigner signer =
          PdfSigner.builder()
              .timestampClient(
                  TsaClient.builder(servers.tsa().uri())
                      .verifier(servers.verifier())
                      .timeout(Duration.ofSeconds(5))
                      .build())
              .certificateVerifier(servers.verifier())
              .build();
      Path current = in;
      Object[][] steps = {
        {TestIdentity.CLERK, PadesLevel.B_T},
        {TestIdentity.VICE_CHAIRMAN, PadesLevel.B_LT},
        {TestIdentity.CHAIRMAN, PadesLevel.B_LT},
        {TestIdentity.PROVINCE_ORGANISATION, PadesLevel.B_LTA}
      };
      for (int i = 0; i < steps.length; i++) {
        Path next = dir.resolve("letter-" + (i + 1) + ".pdf");
        try (SigningToken t = servers.pki().credential((TestIdentity) steps[i][0]).signingToken()) {
          signer.sign(
              current,
              next,
              PdfSignatureOptions.builder((PadesLevel) steps[i][1]).build(),
              t.keys().get(0));
        }
        current = next;
      }
      letter = current;
      verifier =
          PdfVerifier.builder(
                  CertificateVerifier.builder(servers.pki().trustAnchors())
                      .network(NetworkSettings.offline())
                      .build())
              .build();
      anchor = new eu.europa.esig.dss.model.x509.CertificateToken(servers.pki().root());
    } finally {
      servers.stop(); // from here on, only what the letter carries
    }
    ValidationReport r = verifier.verify(letter);
    if (r.signatures().size() != 4) {
      throw new IllegalStateException("not four signatures: " + r.toText(Locale.ENGLISH));
    }
    System.err.println(
        "Kyso offline: "
            + r.signatures().stream().map(s -> s.indication() + "/" + s.level()).toList()
            + "; DSS offline (first signature): "
            + DssXadesBenchmark.offlineIndication(letter, anchor));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    Inputs.deleteFolder(dir);
  }

  @Benchmark
  public ValidationReport kysoVerifyFourSignatures() throws Exception {
    return verifier.verify(letter);
  }

  @Benchmark
  @Threads(2)
  public ValidationReport kysoVerifyFourSignaturesTwoThreads() throws Exception {
    return verifier.verify(letter);
  }

  /**
   * The machine's own scaling, for scale: one raw RSA-2048 signature (JCA), on one thread and on
   * two. Two threads of pure arithmetic on this machine's two cores set the ceiling any
   * verification's speed-up can reach here.
   */
  @Benchmark
  @Warmup(iterations = 3, time = 2)
  public byte[] floorRsa() throws Exception {
    return rsa();
  }

  @Benchmark
  @Threads(2)
  @Warmup(iterations = 3, time = 2)
  public byte[] floorRsaTwoThreads() throws Exception {
    return rsa();
  }

  private byte[] rsa() throws Exception {
    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
    s.initSign(rsaKey);
    s.update(letterDigest);
    return s.sign();
  }

  @Benchmark
  public Object dssVerifyFourSignatures() {
    return DssXadesBenchmark.offlineIndication(letter, anchor);
  }
}
