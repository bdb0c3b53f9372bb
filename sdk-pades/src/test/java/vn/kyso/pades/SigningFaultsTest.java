package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.ServiceException;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.TsaServer;

/**
 * Faults while signing: the TSA or the revocation servers down, slow or answering garbage; an
 * output folder where nothing can be written; a file-size limit hit mid-write (what a full disk
 * looks like to the writer); the process killed with SIGKILL while the revision is half written. In
 * every case the signer ends with a typed error (or, killed, with nothing), the input is
 * byte-for-byte untouched and nothing is left at the output path.
 */
class SigningFaultsTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(4407).build();

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Signs with the given signer and level, expecting a typed failure that leaves no trace. */
  private static KysoException failsCleanly(PdfSigner signer, PadesLevel level, Path dir)
      throws Exception {
    Path in = TestPdfs.letter(dir, "cong-van.pdf", null);
    byte[] before = sha256(in);
    Path out = dir.resolve("cong-van-ky.pdf");
    KysoException[] thrown = new KysoException[1];
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
            signer.sign(in, out, PdfSignatureOptions.builder(level).build(), token.keys().get(0));
          } catch (KysoException e) {
            thrown[0] = e;
          }
        });
    assertThat(thrown[0]).as("a typed failure").isNotNull();
    assertThat(sha256(in)).isEqualTo(before);
    assertThat(names(dir)).containsExactly("cong-van.pdf");
    return thrown[0];
  }

  @ParameterizedTest(name = "TSA {0}")
  @EnumSource(
      value = ServerMode.class,
      names = {"SLOW", "MALFORMED", "ERROR_STATUS", "WRONG_IMPRINT"})
  void tsaFault_bt(ServerMode mode, @TempDir Path dir) throws Exception {
    PKI.tsa().mode(mode);
    PdfSigner signer =
        PdfSigner.builder().timestampClient(PKI.tsaClient()).clock(PKI.pki().clock()).build();

    assertThat(failsCleanly(signer, PadesLevel.B_T, dir)).isInstanceOf(ServiceException.class);
  }

  /** A loopback port that was free a moment ago and is closed again. */
  private static int portNothingListensOn() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void tsaDown_bt(@TempDir Path dir) throws Exception {
    int port = portNothingListensOn();
    TsaClient down =
        TsaClient.builder(URI.create("http://127.0.0.1:" + port + "/tsa"))
            .verifier(PKI.verifier())
            .timeout(Duration.ofSeconds(2))
            .build();
    PdfSigner signer = PdfSigner.builder().timestampClient(down).clock(PKI.pki().clock()).build();

    assertThat(failsCleanly(signer, PadesLevel.B_T, dir)).isInstanceOf(ServiceException.class);
  }

  @ParameterizedTest(name = "OCSP and CRL {0}")
  @EnumSource(
      value = ServerMode.class,
      names = {"SLOW", "MALFORMED", "ERROR_STATUS"})
  void revocationFault_blt(ServerMode mode, @TempDir Path dir) throws Exception {
    PKI.ocsp().mode(mode);
    PKI.crl().mode(mode);
    PdfSigner signer =
        PdfSigner.builder()
            .timestampClient(PKI.tsaClient())
            .certificateVerifier(PKI.verifier())
            .clock(PKI.pki().clock())
            .build();

    assertThat(failsCleanly(signer, PadesLevel.B_LT, dir)).isInstanceOf(ServiceException.class);
  }

  @Test
  void revocationServersDown_blt(@TempDir Path dir) throws Exception {
    int port = portNothingListensOn();
    URI down = URI.create("http://127.0.0.1:" + port + "/");
    TestPki pki =
        TestPki.builder().seed(4408).ocspUrl(down.resolve("ocsp")).crlBaseUrl(down).build();
    try (TsaServer tsa = new TsaServer()) {
      tsa.pki(pki);
      CertificateVerifier verifier =
          CertificateVerifier.builder(pki.trustAnchors())
              .clock(pki.clock())
              .network(
                  NetworkSettings.builder()
                      .connectTimeout(Duration.ofSeconds(2))
                      .timeout(Duration.ofSeconds(2))
                      .build())
              .build();
      PdfSigner signer =
          PdfSigner.builder()
              .clock(pki.clock())
              .certificateVerifier(verifier)
              .timestampClient(
                  TsaClient.builder(tsa.uri())
                      .verifier(verifier)
                      .timeout(Duration.ofSeconds(2))
                      .build())
              .build();
      Path in = TestPdfs.letter(dir, "cong-van.pdf", null);
      byte[] before = sha256(in);

      try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
        assertThatThrownBy(
                () ->
                    signer.sign(
                        in,
                        dir.resolve("cong-van-ky.pdf"),
                        PdfSignatureOptions.builder(PadesLevel.B_LT).build(),
                        token.keys().get(0)))
            .isInstanceOf(ServiceException.class);
      }
      assertThat(sha256(in)).isEqualTo(before);
      assertThat(names(dir)).containsExactly("cong-van.pdf");
    }
  }

  @Test
  void outputFolderNotWritable(@TempDir Path dir) throws Exception {
    // /proc/self takes no new files, even for root (a chmod'ed folder would not stop root).
    Path in = TestPdfs.letter(dir, "cong-van.pdf", null);
    byte[] before = sha256(in);
    Path out = Path.of("/proc/self/cong-van-ky.pdf");
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  PdfSigner.builder()
                      .build()
                      .sign(
                          in,
                          out,
                          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                          token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_FAILED));
    }
    assertThat(sha256(in)).isEqualTo(before);
    assertThat(Files.exists(out)).isFalse();
  }

  /** A PDF of about {@code megabytes} MB: pages with incompressible images. */
  private static void large(Path out, int megabytes) throws Exception {
    Random random = new Random(7);
    try (PDDocument doc = new PDDocument()) {
      for (int p = 0; p < megabytes * 4 / 3 + 1; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        BufferedImage img = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 512; y++) {
          for (int x = 0; x < 512; x++) {
            img.setRGB(x, y, random.nextInt());
          }
        }
        var image = LosslessFactory.createFromImage(doc, img);
        try (var cs = new PDPageContentStream(doc, page)) {
          cs.drawImage(image, 50, 300, 400, 400);
        }
      }
      doc.save(out.toFile());
    }
  }

  private static Process child(Path dir, String mode, Path in, Path out, String fileSizeLimitKb)
      throws Exception {
    Path p12 = dir.resolve("signer.p12");
    if (!Files.exists(p12)) {
      Files.write(
          p12, PKI.pki().credential(TestIdentity.CHAIRMAN).toPkcs12("faults".toCharArray()));
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    if (fileSizeLimitKb != null) {
      // RLIMIT_FSIZE: a write past the limit fails with EFBIG, as a write to a full disk fails.
      command.addAll(
          List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + "; exec \"$0\" \"$@\"", java));
    } else {
      command.add(java);
    }
    command.addAll(
        List.of(
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            FaultChild.class.getName(),
            mode,
            in.toString(),
            out.toString(),
            p12.toString(),
            "faults"));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void diskFullMidWrite(@TempDir Path dir) throws Exception {
    ExternalTools.requireCommand("bash", "bash");
    Path in = dir.resolve("ho-so.pdf");
    large(in, 3); // about 3 MB, more than the limit below
    byte[] before = sha256(in);
    Path out = dir.resolve("out").resolve("ho-so-ky.pdf");
    Files.createDirectories(out.getParent());

    Process p = child(dir, "sign", in, out, "1024"); // 1 MB
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isNotZero();
    assertThat(output).contains("DocumentException").doesNotContain("SIGNED");
    assertThat(sha256(in)).isEqualTo(before);
    assertThat(names(out.getParent())).as("no output and no temporary file").isEmpty();
  }

  @Test
  void killedMidWrite(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("ho-so.pdf");
    large(in, 3);
    byte[] before = sha256(in);
    Path out = dir.resolve("out").resolve("ho-so-ky.pdf");
    Files.createDirectories(out.getParent());

    Process p = child(dir, "stall", in, out, null);
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = r.readLine();
      } while (line != null && !line.equals("SIGNING"));
      assertThat(line).as("the child reached the key").isEqualTo("SIGNING");
      // The original has been written into the temporary file; the signature has not.
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(sha256(in)).isEqualTo(before);
    assertThat(Files.exists(out)).as("nothing at the output path").isFalse();
    // Only the temporary file may remain (no process is left to remove it); it never has the
    // output's name.
    assertThat(names(out.getParent())).allSatisfy(n -> assertThat(n).endsWith(".part"));
  }
}
