package vn.kyso.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * One step of the memory benchmark, run in its own JVM by benchmarks/memory.sh with a given {@code
 * -Xmx}: {@code generate SIZE_MB FILE}, {@code sign IN OUT}, {@code verify FILE}, and the same with
 * the EU DSS library: {@code dss-sign IN OUT}, {@code dss-verify FILE}; {@code p12 FILE PASSWORD}
 * writes the test signer's key for the start-up probes. Prints one line {@code OK <ms>} and exits
 * 0, or exits non-zero (an OutOfMemoryError included).
 */
public final class MemoryProbe {
  /** The password of the PKCS#12 files the probes write. */
  static final String P12_PASSWORD = "kyso-bench";

  private MemoryProbe() {}

  /**
   * The XAdES inputs for {@link DssXadesBenchmark}: the same XML files and key as XadesBenchmark's.
   */
  static void xadesInputs(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (String size : new String[] {"10k", "1m"}) {
      Inputs.xml(Inputs.bytes(size), dir.resolve("in-" + size + ".xml"));
    }
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    Files.write(
        dir.resolve("signer.p12"),
        pki.credential(TestIdentity.CHAIRMAN).toPkcs12(P12_PASSWORD.toCharArray()));
    Files.writeString(
        dir.resolve("root.pem"),
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pki.root().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
  }

  /**
   * Runs one step.
   *
   * @param args the step and its arguments
   * @throws Exception when the step fails
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    switch (args[0]) {
      case "generate" -> Inputs.generatePdf(Inputs.bytes(args[1] + "m"), Path.of(args[2]));
      case "sign" -> sign(Path.of(args[1]), Path.of(args[2]));
      case "verify" -> verify(Path.of(args[1]));
      case "xades-inputs" -> xadesInputs(Path.of(args[1]));
      case "generate-small" -> Inputs.pdf(Inputs.bytes("30k"), Path.of(args[1]));
      case "p12" ->
          Files.write(
              Path.of(args[1]),
              TestPki.builder()
                  .clock(Clock.systemUTC())
                  .build()
                  .credential(TestIdentity.CHAIRMAN)
                  .toPkcs12(args[2].toCharArray()));
      case "dss-sign" -> dssSign(Path.of(args[1]), Path.of(args[2]));
      case "dss-verify" -> dssVerify(Path.of(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("OK " + Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  static void sign(Path in, Path out) throws Exception {
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .build()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
    }
  }

  static void verify(Path file) throws Exception {
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    ValidationReport r =
        PdfVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .build()
            .verify(file);
    if (r.signatures().isEmpty() || !r.signatures().get(0).isPassed()) {
      throw new IllegalStateException("verification did not pass: " + r.toText(Locale.ENGLISH));
    }
  }

  static void dssSign(Path in, Path out) throws Exception {
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    try (Dss dss = Dss.withPkcs12(pki.credential(TestIdentity.CHAIRMAN), pki.root(), null)) {
      dss.signPdf(in, out, eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B);
    }
  }

  /**
   * DSS has no revocation sources here (offline), so any indication that names the signature
   * counts.
   */
  static void dssVerify(Path file) throws Exception {
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    try (Dss dss = Dss.withPkcs12(pki.credential(TestIdentity.CHAIRMAN), pki.root(), null)) {
      if (dss.verify(file) == null) {
        throw new IllegalStateException("DSS found no signature");
      }
    }
  }
}
