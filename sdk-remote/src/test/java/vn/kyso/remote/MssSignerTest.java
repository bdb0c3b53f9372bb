package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.testkit.MssServer;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.UserAnswer;

/** SIM-PKI signing through the ETSI TS 102 204 adapter and its loopback MSSP. */
class MssSignerTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(10).build();

  private static final String MSISDN = "84912345678";
  private MssServer server;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = new MssServer("http://eoffice.example.vn", "ap-pwd".toCharArray());
    server.user(MSISDN, PKI.pki().credential(TestIdentity.CHAIRMAN));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MssSigner.Builder mss() {
    return MssSigner.builder(server.signaturePort())
        .applicationProvider("http://eoffice.example.vn", "ap-pwd".toCharArray())
        .msisdn(MSISDN)
        .timeout(Duration.ofSeconds(10));
  }

  @Test
  void padesBB_withTheKeyOnTheSim_registrationGivesTheCertificate() throws Exception {
    server.successCode("408");
    MssSigner s = mss().build();
    RemoteCredential c = s.credentials().get(0);
    assertThat(c.certificate())
        .isEqualTo(PKI.pki().credential(TestIdentity.CHAIRMAN).certificate());
    RemoteCredential withChain =
        mss()
            .certificateChain(PKI.pki().credential(TestIdentity.CHAIRMAN).chain())
            .build()
            .credentials()
            .get(0);
    Path in = dir.resolve("in.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(in.toFile());
    }
    Path out = dir.resolve("out.pdf");
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature p =
        signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), withChain.chain());
    signer.complete(
        p,
        in,
        out,
        s.signAndWait(
                withChain,
                List.of(p.dataToSign()),
                SignatureAlgorithm.RSA_SHA256,
                "Ký công văn số 12 <UBND>",
                Duration.ofSeconds(10),
                Duration.ofMillis(10))
            .get(0));
    assertThat(server.lastDisplayed()).isEqualTo("Ký công văn số 12 <UBND>");
    assertThat(
            PdfVerifier.builder(PKI.verifier())
                .build()
                .verify(out)
                .signatures()
                .get(0)
                .indication())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void statusCodes_faults_andDeadServices_areTypedErrors() throws Exception {
    MssSigner s = mss().build();
    RemoteCredential c = s.credentials().get(0);
    Digest d = new Digest(DigestAlgorithm.SHA256, new byte[32]);
    server.answer(UserAnswer.REJECT);
    assertThatThrownBy(
            () ->
                s.signAndWait(
                    c,
                    List.of(d),
                    SignatureAlgorithm.RSA_SHA256,
                    "x",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(10)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.USER_REJECTED);
              assertThat(e.serviceCode()).contains("401");
            });
    server.answer(UserAnswer.EXPIRE);
    assertThatThrownBy(
            () ->
                s.signAndWait(
                    c,
                    List.of(d),
                    SignatureAlgorithm.RSA_SHA256,
                    "x",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(10)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_TIMEOUT));
    server.answer(UserAnswer.APPROVE);
    MssSigner wrongAp =
        MssSigner.builder(server.signaturePort())
            .applicationProvider("http://eoffice.example.vn", "sai".toCharArray())
            .msisdn(MSISDN)
            .build();
    assertThatThrownBy(wrongAp::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID);
              assertThat(e.serviceCode()).contains("104");
              assertThat(e.getMessage()).doesNotContain("sai");
            });
    MssSigner unknown = mss().msisdn("84900000000").build();
    assertThatThrownBy(unknown::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class, e -> assertThat(e.serviceCode()).contains("105"));
    server.mode(ServerMode.MALFORMED);
    assertThatThrownBy(s::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR));
    server.mode(ServerMode.NORMAL);
    assertThatThrownBy(() -> s.submit(c, List.of(d, d), SignatureAlgorithm.RSA_SHA256, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    // A service that is down: a typed error in bounded time.
    server.close();
    long start = System.nanoTime();
    assertThatThrownBy(s::credentials).isInstanceOf(vn.kyso.api.ServiceException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
