package vn.kyso.benchmarks;

import eu.europa.esig.dss.token.Pkcs11SignatureToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfBatchResult;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pkcs11.BatchResult;
import vn.kyso.pkcs11.PinCallback;
import vn.kyso.pkcs11.Pkcs11Key;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.Pkcs11Token;
import vn.kyso.pkcs11.TokenDescription;
import vn.kyso.pkcs11.TokenSelector;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * Batch signing on SoftHSM2 with one login, against the token's raw rate: {@code C_SignInit} +
 * {@code C_Sign} with {@code CKM_RSA_PKCS} over a precomputed DigestInfo, straight through the
 * wrapper, on one logged-in session. Cases: Kyso's {@code Pkcs11Token.signBatch} over 200 digests;
 * 200 small PDFs signed PAdES B-B by Kyso with the token's key, and by the EU DSS library with its
 * PKCS#11 token (SunPKCS11) on the same token and key. All run in the same JVM; the score is
 * signatures per second. Needs {@code SOFTHSM2_CONF} in the environment (benchmarks/run.sh sets
 * it). The whole-PDF cases warm up for 12 x 2 s: with four workers the JIT takes about 20 s to
 * compile PDFBox, Bouncy Castle and Kyso, and a shorter warm-up measured a rising rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Pkcs11BatchBenchmark {
  private static final int BATCH = 200;

  /**
   * A label of this trial's own: every fork creates a token in the same SoftHSM2 folder, and a
   * token left by an earlier (or interrupted) run under a shared label was found first.
   */
  private final String label =
      "kyso-bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private static final String PIN = "123456";

  private Pkcs11Module module;
  private Pkcs11Token token;
  private Pkcs11Key key;
  private List<Digest> digests;
  private List<byte[]> digestInfos;
  private Path dir;
  private int batches;
  private List<Path> pdfs;
  private List<Path> kysoOuts;
  private List<Path> dssOuts;
  private PdfSigner signer;
  private PdfSignatureOptions pdfOptions;
  private Dss dss;
  private PKCS11Module raw;
  private Session rawSession;
  private long rawKey;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String why = SoftHsm.unavailableReason().orElse(null);
    if (why != null) {
      throw new IllegalStateException("SoftHSM2 benchmark needs: " + why);
    }
    SoftHsm hsm = SoftHsm.assumeAvailable();
    hsm.createToken(label, "12345678", PIN);
    hsm.importCredential(
        label,
        PIN,
        TestPki.builder().clock(Clock.systemUTC()).build().credential(TestIdentity.CLERK),
        "01",
        "clerk");
    digests = new ArrayList<>();
    digestInfos = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      Digest d =
          DigestAlgorithm.SHA256.digest(("Giấy mời họp số " + i).getBytes(StandardCharsets.UTF_8));
      digests.add(d);
      digestInfos.add(d.digestInfo());
    }
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

    raw = PKCS11Module.getInstance(hsm.module().toString());
    try {
      raw.initialize();
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw e;
      }
    }
    for (Slot s : raw.getSlotList(true)) {
      if (s.getToken().getTokenInfo().getLabel().trim().equals(label)) {
        rawSession = s.getToken().openSession(false);
      }
    }
    try {
      rawSession.login(PKCS11Constants.CKU_USER, PIN.toCharArray());
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN) {
        throw e;
      }
    }
    rawKey = rawSession.findObjectsSingle(AttributeVector.newPrivateKey().id(new byte[] {1}), 1)[0];

    dir = Files.createTempDirectory("kyso-bench-batch");
    pdfs = new ArrayList<>();
    kysoOuts = new ArrayList<>();
    dssOuts = new ArrayList<>();
    Path letter = dir.resolve("letter.pdf");
    Inputs.pdf(Inputs.bytes("30k"), letter);
    for (int i = 0; i < BATCH; i++) {
      pdfs.add(Files.copy(letter, dir.resolve("cv-" + i + ".pdf")));
      kysoOuts.add(dir.resolve("cv-" + i + "-kyso.pdf"));
      dssOuts.add(dir.resolve("cv-" + i + "-dss.pdf"));
    }
    signer = PdfSigner.builder().build();
    pdfOptions = PdfSignatureOptions.builder(PadesLevel.B_B).build();
    // DSS's PKCS#11 token: SunPKCS11 over the same library, the first initialised slot, one login.
    dss =
        Dss.withToken(
            new Pkcs11SignatureToken(hsm.module().toString(), () -> PIN.toCharArray(), -1, 0, null),
            null);
  }

  /**
   * Each batch writes new files, into a folder of its own: nothing is removed until the trial ends.
   * Removing the last batch's 400 outputs just before the next one made every file the next batch
   * created cost about 0.7 ms on this machine's disk (ext4 without a journal skips, reading each,
   * the inodes freed within the last minutes: {@code recently_deleted} in {@code perf}), which is
   * the benchmark's own cleanup, not the signers' work; both libraries' outputs are placed alike.
   */
  @Setup(Level.Invocation)
  public void freshOutputs() throws Exception {
    Path batch = Files.createDirectory(dir.resolve("batch-" + batches++));
    for (int i = 0; i < BATCH; i++) {
      kysoOuts.set(i, batch.resolve("cv-" + i + "-kyso.pdf"));
      dssOuts.set(i, batch.resolve("cv-" + i + "-dss.pdf"));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    dss.close();
    Inputs.deleteFolder(dir);
    rawSession.closeSession();
    token.close();
    module.close();
  }

  /** The floor: the token's raw signature rate through the wrapper. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int tokenRaw() throws Exception {
    int n = 0;
    for (byte[] info : digestInfos) {
      rawSession.signInit(new Mechanism(PKCS11Constants.CKM_RSA_PKCS), rawKey);
      n += rawSession.sign(info).length;
    }
    return n;
  }

  /** Kyso: one batch of 200 with one login and one key lookup. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public BatchResult kysoBatch() throws Exception {
    BatchResult r = token.signBatch(key, digests, SignatureAlgorithm.RSA_SHA256);
    if (!r.isComplete()) {
      throw new IllegalStateException("batch failed", r.failure().orElseThrow());
    }
    return r;
  }

  /**
   * Kyso: 200 small PDFs signed PAdES B-B with the token's key, one login, as one batch ({@code
   * PdfSigner.signAll}: the key signs one document at a time, the work around it overlapped).
   */
  @Benchmark
  @Warmup(iterations = 12, time = 2)
  @OperationsPerInvocation(BATCH)
  public PdfBatchResult kysoPdfBatch() throws Exception {
    List<PdfSigner.BatchItem> items = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      items.add(new PdfSigner.BatchItem(pdfs.get(i), kysoOuts.get(i)));
    }
    PdfBatchResult r = signer.signAll(items, pdfOptions, key);
    if (!r.isComplete()) {
      throw new IllegalStateException("batch failed", r.failures().get(0).failure().orElseThrow());
    }
    return r;
  }

  /** Kyso: the same 200 PDFs one {@code PdfSigner.sign} after the other, for comparison. */
  @Benchmark
  @Warmup(iterations = 12, time = 2)
  @OperationsPerInvocation(BATCH)
  public int kysoPdfOneByOne() throws Exception {
    for (int i = 0; i < BATCH; i++) {
      signer.sign(pdfs.get(i), kysoOuts.get(i), pdfOptions, key);
    }
    return BATCH;
  }

  /** DSS: the same 200 PDFs with its PKCS#11 token on the same key, one login. */
  @Benchmark
  @Warmup(iterations = 12, time = 2)
  @OperationsPerInvocation(BATCH)
  public int dssPdfBatch() throws Exception {
    for (int i = 0; i < BATCH; i++) {
      dss.signPdf(
          pdfs.get(i),
          dssOuts.get(i),
          eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B);
    }
    return BATCH;
  }
}
