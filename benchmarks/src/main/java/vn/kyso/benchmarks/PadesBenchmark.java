package vn.kyso.benchmarks;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.Locale;
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
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * PAdES B-B signing and offline verification, Kyso and the EU DSS library side by side on the same
 * generated PDFs with the same RSA-2048 key and the same trust anchor, and the floor: SHA-256 over
 * the same bytes and one raw RSA-2048 signature with the same key (JCA). Each signature is written
 * to a file through a temporary file, by both. Verification is offline: Kyso with its revocation
 * check switched off, DSS with no revocation sources.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class PadesBenchmark {
  @Param({"100k", "1m", "10m"})
  public String size;

  private Path dir;
  private Path input;
  private Path kysoOut;
  private Path dssOut;
  private Path kysoSigned;
  private Path kysoSignedTwice;
  private Path dssSigned;
  private byte[] bytes;
  private TestCredential credential;
  private SigningToken token;
  private SigningKey key;
  private PdfSigner signer;
  private PdfSignatureOptions options;
  private PdfVerifier verifier;
  private Dss dss;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("kyso-bench-pades");
    input = dir.resolve("in.pdf");
    Inputs.pdf(Inputs.bytes(size), input);
    bytes = Files.readAllBytes(input);
    kysoOut = dir.resolve("kyso-out.pdf");
    dssOut = dir.resolve("dss-out.pdf");
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    credential = pki.credential(TestIdentity.CHAIRMAN);
    token = credential.signingToken();
    key = token.keys().get(0);
    signer = PdfSigner.builder().build();
    options = PdfSignatureOptions.builder(PadesLevel.B_B).reason("Phát hành / Issued").build();
    verifier =
        PdfVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .build();
    dss = Dss.withPkcs12(credential, pki.root(), null);

    kysoSigned = dir.resolve("kyso-signed.pdf");
    signer.sign(input, kysoSigned, options, key);
    kysoSignedTwice = dir.resolve("kyso-signed-twice.pdf");
    signer.sign(kysoSigned, kysoSignedTwice, options, key);
    dssSigned = dir.resolve("dss-signed.pdf");
    dss.signPdf(input, dssSigned, SignatureLevel.PAdES_BASELINE_B);
    ValidationReport own = verifier.verify(kysoSigned);
    if (!own.signatures().get(0).isPassed()) {
      throw new IllegalStateException(
          "Kyso does not pass its own signature: " + own.toText(Locale.ENGLISH));
    }
    if (dss.verify(dssSigned) == null) {
      throw new IllegalStateException("DSS found no signature in its own output");
    }
  }

  /** Each signature goes to a new file, as in use: replacing a large file costs its removal. */
  @Setup(Level.Invocation)
  public void freshOutputs() throws Exception {
    Files.deleteIfExists(kysoOut);
    Files.deleteIfExists(dssOut);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    token.close();
    dss.close();
    Inputs.deleteFolder(dir);
  }

  @Benchmark
  public Path kysoSign() throws Exception {
    signer.sign(input, kysoOut, options, key);
    return kysoOut;
  }

  @Benchmark
  public Path dssSign() throws Exception {
    dss.signPdf(input, dssOut, SignatureLevel.PAdES_BASELINE_B);
    return dssOut;
  }

  @Benchmark
  public ValidationReport kysoVerify() throws Exception {
    return verifier.verify(kysoSigned);
  }

  /**
   * Two signatures: the earlier one's revision is read again and compared object by object with the
   * final document.
   */
  @Benchmark
  public ValidationReport kysoVerifyTwoSignatures() throws Exception {
    return verifier.verify(kysoSignedTwice);
  }

  @Benchmark
  public Object dssVerify() {
    return dss.verify(dssSigned);
  }

  /** The floor, part 1: SHA-256 over the document's bytes, in memory. */
  @Benchmark
  public byte[] floorSha256() throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  /**
   * The floor, part 2: one RSA-2048 signature with the same key (JCA, SHA256withRSA over 32 bytes).
   */
  @Benchmark
  public byte[] floorRsa() throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(credential.privateKey());
    s.update(bytes, 0, 32);
    return s.sign();
  }
}
