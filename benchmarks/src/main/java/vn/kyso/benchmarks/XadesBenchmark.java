package vn.kyso.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerification;
import vn.kyso.xades.XmlVerifier;

/**
 * XAdES B-B enveloped signing and offline verification of a whole XML document by Kyso, and SHA-256
 * over the same bytes. DSS's side is {@link DssXadesBenchmark}, on the same files and key in a JVM
 * of its own (the two libraries need different major versions of Santuario).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class XadesBenchmark {
  @Param({"10k", "1m"})
  public String size;

  private Path dir;
  private Path input;
  private Path kysoOut;
  private Path kysoSigned;
  private byte[] bytes;
  private SigningToken token;
  private SigningKey key;
  private XmlSigner signer;
  private XmlSignatureOptions options;
  private XmlVerifier verifier;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("kyso-bench-xades");
    input = dir.resolve("in.xml");
    Inputs.xml(Inputs.bytes(size), input);
    bytes = Files.readAllBytes(input);
    kysoOut = dir.resolve("kyso-out.xml");
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    TestCredential credential = pki.credential(TestIdentity.CHAIRMAN);
    token = credential.signingToken();
    key = token.keys().get(0);
    signer = XmlSigner.builder().build();
    options = XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build();
    verifier =
        XmlVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .build();

    kysoSigned = dir.resolve("kyso-signed.xml");
    signer.sign(input, kysoSigned, options, key);
    XmlVerification own = verifier.verify(kysoSigned, Map.of());
    if (!own.report().signatures().get(0).isPassed()) {
      throw new IllegalStateException(
          "Kyso does not pass its own signature: " + own.report().toText(Locale.ENGLISH));
    }
  }

  /** Each signature goes to a new file. */
  @Setup(Level.Invocation)
  public void freshOutputs() throws Exception {
    Files.deleteIfExists(kysoOut);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    token.close();
    Inputs.deleteFolder(dir);
  }

  @Benchmark
  public Path kysoSign() throws Exception {
    signer.sign(input, kysoOut, options, key);
    return kysoOut;
  }

  @Benchmark
  public XmlVerification kysoVerify() throws Exception {
    return verifier.verify(kysoSigned, Map.of());
  }

  /** The floor: SHA-256 over the document's bytes, in memory. */
  @Benchmark
  public byte[] floorSha256() throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
