package vn.kyso.benchmarks;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.util.List;
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

/**
 * The DSS side of the XAdES comparison. DSS 6.4 is built on Santuario 3 and Kyso on Santuario 4,
 * which cannot share a class path, so this class uses DSS types only and benchmarks/run.sh runs it
 * on DSS's own class path (benchmarks/footprint/dss/pom.xml) in a JVM of its own, on the same files
 * and key as {@link XadesBenchmark}: {@code MemoryProbe xades-inputs DIR} writes them, and the
 * system property {@code kyso.bench.inputs} names the folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class DssXadesBenchmark {
  @Param({"10k", "1m"})
  public String size;

  private Path input;
  private Path out;
  private Path signed;
  private Pkcs12SignatureToken token;
  private DSSPrivateKeyEntry key;
  private XAdESService service;
  private CertificateToken anchor;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Path.of(System.getProperty("kyso.bench.inputs"));
    input = dir.resolve("in-" + size + ".xml");
    out = dir.resolve("dss-out-" + size + ".xml");
    signed = dir.resolve("dss-signed-" + size + ".xml");
    token =
        new Pkcs12SignatureToken(
            dir.resolve("signer.p12").toString(),
            new KeyStore.PasswordProtection(MemoryProbe.P12_PASSWORD.toCharArray()));
    key = token.getKeys().get(0);
    anchor = DSSUtils.loadCertificate(Files.readAllBytes(dir.resolve("root.pem")));
    service = new XAdESService(new CommonCertificateVerifier());
    sign(signed);
    if (verify() == null) {
      throw new IllegalStateException("DSS found no signature in its own output");
    }
  }

  @Setup(Level.Invocation)
  public void freshOutput() throws Exception {
    Files.deleteIfExists(out);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    token.close();
  }

  private void sign(Path target) throws Exception {
    XAdESSignatureParameters p = new XAdESSignatureParameters();
    p.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
    p.setSignaturePackaging(SignaturePackaging.ENVELOPED);
    p.setDigestAlgorithm(DigestAlgorithm.SHA256);
    p.setSigningCertificate(key.getCertificate());
    p.setCertificateChain(List.of(key.getCertificateChain()));
    DSSDocument doc = new FileDocument(input.toFile());
    ToBeSigned tbs = service.getDataToSign(doc, p);
    SignatureValue value = token.sign(tbs, DigestAlgorithm.SHA256, key);
    saveAtomically(service.signDocument(doc, p, value), target);
  }

  /**
   * Writes a DSS document through a temporary file moved into place, as Kyso writes its outputs, so
   * that both libraries pay for the same disk work. DSS and JDK types only: this class also runs on
   * DSS's own class path.
   *
   * @param document what DSS produced
   * @param target where it goes
   * @throws java.io.IOException when it cannot be written
   */
  static void saveAtomically(DSSDocument document, Path target) throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), "dss-", ".part");
    try (OutputStream o = Files.newOutputStream(temp)) {
      document.writeTo(o);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Indication verify() {
    return offlineIndication(signed, anchor);
  }

  /**
   * Validates with DSS's default policy, the one anchor trusted and no revocation sources
   * (offline). DSS and JDK types only: this class also runs on DSS's own class path.
   *
   * @param file the signed file
   * @param anchor the trust anchor
   * @return the first signature's indication
   */
  static Indication offlineIndication(Path file, CertificateToken anchor) {
    Reports reports = StartupDssVerify.offline(file.toFile(), anchor);
    return reports.getSimpleReport().getIndication(reports.getSimpleReport().getFirstSignatureId());
  }

  @Benchmark
  public Path dssSign() throws Exception {
    sign(out);
    return out;
  }

  @Benchmark
  public Object dssVerify() {
    return verify();
  }
}
