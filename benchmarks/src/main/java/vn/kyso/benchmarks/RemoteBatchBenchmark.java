package vn.kyso.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.kyso.api.Digest;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.pkcs11.PinCallback;
import vn.kyso.pkcs11.Pkcs11Key;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.Pkcs11Token;
import vn.kyso.pkcs11.TokenDescription;
import vn.kyso.pkcs11.TokenSelector;
import vn.kyso.remote.CscSigner;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * A clerk issues 50 letters: 50 small PDFs (30 KB) signed PAdES B-B with one approval through the
 * loopback CSC service (prepare all, one {@code credentials/authorize} and one {@code signHash} for
 * the 50 digests over HTTP, complete all), against the same 50 PDFs signed with the same key on
 * SoftHSM2 through PKCS#11 (one login). The score is PDFs per second; the difference is the remote
 * round trips and the service's own signing. Needs {@code SOFTHSM2_CONF} (benchmarks/run.sh sets
 * it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RemoteBatchBenchmark {
  private static final int BATCH = 50;

  /**
   * A label of this trial's own: every fork creates a token in the same SoftHSM2 folder, and a
   * token left by an earlier (or interrupted) run under a shared label was found first.
   */
  private final String label =
      "kyso-bench-remote-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private static final String PIN = "123456";

  private CscServer server;
  private CscSigner remote;
  private RemoteCredential credential;
  private Pkcs11Module module;
  private Pkcs11Token token;
  private Pkcs11Key key;
  private Path dir;
  private List<Path> pdfs;
  private List<Path> remoteOuts;
  private List<Path> tokenOuts;
  private PdfSigner signer;
  private PdfSignatureOptions options;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String why = SoftHsm.unavailableReason().orElse(null);
    if (why != null) {
      throw new IllegalStateException("the remote batch benchmark compares with SoftHSM2: " + why);
    }
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    server = new CscServer("e-office", "bi-mat".toCharArray());
    server.pki(pki);
    server.user("clerk", pki.credential(TestIdentity.CLERK));
    remote =
        CscSigner.builder(server.v2())
            .clientCredentials("e-office", "bi-mat".toCharArray())
            .userId("clerk")
            .build();
    credential = remote.credentials().get(0);

    SoftHsm hsm = SoftHsm.assumeAvailable();
    hsm.createToken(label, "12345678", PIN);
    hsm.importCredential(label, PIN, pki.credential(TestIdentity.CLERK), "01", "clerk");
    module = Pkcs11Module.load(hsm.module());
    token =
        module.open(
            TokenSelector.byLabel(label),
            new PinCallback() {
              @Override
              public char[] pin(TokenDescription t, Purpose p) {
                return PIN.toCharArray();
              }
            });
    key = token.allKeys().get(0);

    dir = Files.createTempDirectory("kyso-bench-remote");
    Path letter = dir.resolve("letter.pdf");
    Inputs.pdf(Inputs.bytes("30k"), letter);
    pdfs = new ArrayList<>();
    remoteOuts = new ArrayList<>();
    tokenOuts = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      pdfs.add(Files.copy(letter, dir.resolve("gm-" + i + ".pdf")));
      remoteOuts.add(dir.resolve("gm-" + i + "-remote.pdf"));
      tokenOuts.add(dir.resolve("gm-" + i + "-token.pdf"));
    }
    signer = PdfSigner.builder().build();
    options = PdfSignatureOptions.builder(PadesLevel.B_B).build();
  }

  /** Each batch writes new files. */
  @Setup(Level.Invocation)
  public void freshOutputs() throws Exception {
    for (int i = 0; i < BATCH; i++) {
      Files.deleteIfExists(remoteOuts.get(i));
      Files.deleteIfExists(tokenOuts.get(i));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    Inputs.deleteFolder(dir);
    token.close();
    module.close();
    server.close();
  }

  /** 50 PDFs, one approval at the remote service. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int remoteCscOneApproval() throws Exception {
    List<PreparedSignature> prepared = new ArrayList<>();
    List<Digest> digests = new ArrayList<>();
    for (Path pdf : pdfs) {
      PreparedSignature p = signer.prepare(pdf, options, credential.chain());
      prepared.add(p);
      digests.add(p.dataToSign());
    }
    List<SignatureValue> values =
        remote.signAndWait(
            credential,
            digests,
            SignatureAlgorithm.RSA_SHA256,
            "50 giay moi",
            Duration.ofSeconds(30),
            Duration.ofMillis(10));
    for (int i = 0; i < BATCH; i++) {
      signer.complete(prepared.get(i), pdfs.get(i), remoteOuts.get(i), values.get(i));
    }
    return values.size();
  }

  /** The same 50 PDFs with the key on SoftHSM2, one login. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int softHsmToken() throws Exception {
    for (int i = 0; i < BATCH; i++) {
      signer.sign(pdfs.get(i), tokenOuts.get(i), options, key);
    }
    return BATCH;
  }
}
