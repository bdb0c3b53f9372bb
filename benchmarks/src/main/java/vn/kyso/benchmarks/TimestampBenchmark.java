package vn.kyso.benchmarks;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Warmup;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * PAdES B-T signing of a 1 MB PDF with the testkit's loopback TSA (a real HTTP server on
 * 127.0.0.1), Kyso and DSS side by side with the same key and the same TSA. Kyso validates the
 * TSA's token and certificate as it should; DSS's online TSP source checks the token's imprint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class TimestampBenchmark {
  private TestPkiExtension servers;
  private Path dir;
  private Path input;
  private Path kysoOut;
  private Path dssOut;
  private SigningToken token;
  private SigningKey key;
  private PdfSigner signer;
  private PdfSignatureOptions options;
  private Dss dss;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    servers = TestPkiExtension.builder().clock(Clock.systemUTC()).build();
    servers.start();
    dir = Files.createTempDirectory("kyso-bench-bt");
    input = dir.resolve("in.pdf");
    Inputs.pdf(Inputs.bytes("1m"), input);
    kysoOut = dir.resolve("kyso-out.pdf");
    dssOut = dir.resolve("dss-out.pdf");
    TestCredential credential = servers.pki().credential(TestIdentity.CHAIRMAN);
    token = credential.signingToken();
    key = token.keys().get(0);
    signer =
        PdfSigner.builder()
            .timestampClient(
                TsaClient.builder(servers.tsa().uri())
                    .verifier(CertificateVerifier.builder(servers.pki().trustAnchors()).build())
                    .timeout(Duration.ofSeconds(5))
                    .build())
            .build();
    options = PdfSignatureOptions.builder(PadesLevel.B_T).build();
    dss = Dss.withPkcs12(credential, servers.pki().root(), servers.tsa().uri());
  }

  @Setup(Level.Invocation)
  public void freshOutputs() throws Exception {
    Files.deleteIfExists(kysoOut);
    Files.deleteIfExists(dssOut);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    token.close();
    dss.close();
    servers.stop();
    Inputs.deleteFolder(dir);
  }

  @Benchmark
  public Path kysoSignBt() throws Exception {
    signer.sign(input, kysoOut, options, key);
    return kysoOut;
  }

  @Benchmark
  public Path dssSignBt() throws Exception {
    dss.signPdf(input, dssOut, SignatureLevel.PAdES_BASELINE_T);
    return dssOut;
  }
}
