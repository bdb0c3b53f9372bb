package vn.kyso.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * The foundation's end-to-end smoke run, until the {@code kyso} command-line tool lands: starts a
 * government-shaped test PKI with loopback OCSP, CRL and TSA servers, signs the digest of a
 * sample official letter with the chairman's PKCS#12 token, time-stamps the signature, validates
 * the certificate path and revocation online against the loopback servers, prints the report in
 * Vietnamese and English, and writes it as JSON.
 *
 * <p>Usage: {@code SmokeDemo [output-folder]} (default: a new temporary folder).
 */
public final class SmokeDemo {
  private SmokeDemo() {}

  /**
   * Runs the demo.
   *
   * @param args an optional output folder
   * @throws Exception when something in the run fails
   */
  public static void main(String[] args) throws Exception {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kyso-demo-");
    ValidationReport report = run(out);
    System.out.println(report.toText(Locale.forLanguageTag("vi")));
    System.out.println(report.toText(Locale.ENGLISH));
    System.out.println("Output: " + out.toAbsolutePath());
    if (!report.signatures().get(0).isPassed()) {
      throw new IllegalStateException("the demo signature did not pass validation");
    }
  }

  /**
   * Runs the demo and returns the report.
   *
   * @param outputFolder where the letter, signature and report are written
   * @return the report
   * @throws KysoException when signing or time-stamping fails
   * @throws IOException when the output cannot be written
   */
  public static ValidationReport run(Path outputFolder) throws KysoException, IOException {
    TestPkiExtension services = TestPkiExtension.builder().seed(2026).clock(java.time.Clock.systemUTC()).build();
    services.start();
    try {
      byte[] letter = ("ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM\nSố: 123/UBND-VP\n"
          + "V/v triển khai chữ ký số chuyên dùng Chính phủ\n").getBytes(StandardCharsets.UTF_8);
      Digest digest = DigestAlgorithm.SHA256.digest(letter);
      SignatureValue value;
      SigningKey key;
      try (SigningToken token = services.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        key = token.keys().get(0);
        value = key.sign(digest, SignatureAlgorithm.RSA_SHA256);
      }
      TimestampToken timestamp = services.tsaClient().timestamp(DigestAlgorithm.SHA256.digest(value.value()));
      CertificateResult certificate = services.verifier().verify(key.certificate(), ValidationContext.builder()
          .certificates(key.chain()).at(timestamp.genTime(), true).build());
      SignatureResult.Builder sig = SignatureResult.builder("demo-signature", SignatureFormat.CADES)
          .level(SignatureLevel.B_T)
          .signingCertificate(key.certificate())
          .bestSignatureTime(timestamp.genTime())
          .scope("raw RSA PKCS#1 signature over the SHA-256 of cong-van.txt (" + letter.length
              + " bytes); PDF and XML containers come with sdk-pades and sdk-xades")
          .certificateResult(certificate)
          .findings(certificate.findings());
      if (certificate.isPassed()) {
        sig.passed();
      } else {
        sig.notPassed(certificate.subIndication().orElseThrow());
      }
      ValidationReport report = ValidationReport.builder("cong-van.txt", Instant.now()).signature(sig.build()).build();
      Files.createDirectories(outputFolder);
      write(outputFolder.resolve("cong-van.txt"), letter);
      write(outputFolder.resolve("cong-van.txt.sig"), value.value());
      write(outputFolder.resolve("cong-van.txt.tst"), timestamp.encoded());
      write(outputFolder.resolve("report.json"), report.toJson().getBytes(StandardCharsets.UTF_8));
      return report;
    } finally {
      services.stop();
    }
  }

  /** Writes to a temporary file in the same folder, then moves it into place. */
  private static void write(Path target, byte[] data) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      Files.write(tmp, data);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
