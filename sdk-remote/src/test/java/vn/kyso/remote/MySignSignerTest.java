package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
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
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.testkit.MySignServer;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.UserAnswer;

/** The Viettel MySign adapter against its loopback service. */
class MySignSignerTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(9).build();
  private static final String USER = "CMT_001080000001";
  private MySignServer server;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = new MySignServer("eoffice-client", "vt-secret".toCharArray());
    server.user(USER, PKI.pki().credential(TestIdentity.CHAIRMAN));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MySignSigner.Builder mysign() {
    return MySignSigner.builder(server.base())
        .client("eoffice-client", "vt-secret".toCharArray())
        .userId(USER)
        .timeout(Duration.ofSeconds(10));
  }

  private static List<SignatureValue> sign(
      MySignSigner s, RemoteCredential c, List<Digest> d, String text) throws Exception {
    return s.signAndWait(
        c, d, SignatureAlgorithm.RSA_SHA256, text, Duration.ofSeconds(10), Duration.ofMillis(20));
  }

  @Test
  void padesBB_polledThrough4000And6000_withVietnameseTextTransliterated() throws Exception {
    server.pollsBeforeApproval(2);
    MySignSigner s = mysign().build();
    RemoteCredential c = s.credentials().get(0);
    assertThat(c.chain()).hasSize(3);
    Path in = dir.resolve("in.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(in.toFile());
    }
    Path out = dir.resolve("out.pdf");
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature p =
        signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain());
    signer.complete(
        p, in, out, sign(s, c, List.of(p.dataToSign()), "Công văn số 12/UBND-VP về đường").get(0));
    assertThat(server.lastDescription()).isEqualTo("Cong van so 12 UBND-VP ve duong");
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
  void displayText_isAsciiAndFitsTheService() {
    String shown = MySignSigner.displayText("Đề nghị phê duyệt hồ sơ " + "rất dài ".repeat(20));
    assertThat(shown)
        .matches("[A-Za-z0-9_\\- ]*")
        .hasSizeLessThanOrEqualTo(72)
        .startsWith("De nghi phe duyet");
  }

  @Test
  void synchronousMode_valuesWithLineBreaks_areRead() throws Exception {
    MySignSigner s = mysign().asynchronous(false).build();
    RemoteCredential c = s.credentials().get(0);
    Digest d =
        new Digest(
            DigestAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(new byte[3]));
    SignatureValue v = sign(s, c, List.of(d), "x").get(0);
    Signature check = Signature.getInstance("NONEwithRSA");
    check.initVerify(c.certificate().getPublicKey());
    check.update(d.digestInfo());
    assertThat(check.verify(v.value())).isTrue();
  }

  @Test
  void statusCodes_andLoginErrors_areTypedErrors() throws Exception {
    MySignSigner s = mysign().build();
    RemoteCredential c = s.credentials().get(0);
    Digest d = new Digest(DigestAlgorithm.SHA256, new byte[32]);
    server.answer(UserAnswer.REJECT);
    assertThatThrownBy(() -> sign(s, c, List.of(d), "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.USER_REJECTED);
              assertThat(e.serviceCode()).contains("4002");
            });
    server.answer(UserAnswer.EXPIRE);
    assertThatThrownBy(() -> sign(s, c, List.of(d), "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_TIMEOUT));
    server.answer(UserAnswer.APPROVE);
    server.failureStatus("4005");
    assertThatThrownBy(() -> sign(s, c, List.of(d), "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    server.failureStatus("13004");
    assertThatThrownBy(() -> sign(s, c, List.of(d), "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID));
    server.failureStatus(null);
    server.expireTokens();
    assertThat(sign(s, c, List.of(d), "x")).hasSize(1);

    MySignSigner badSecret =
        MySignSigner.builder(server.base())
            .client("eoffice-client", "sai".toCharArray())
            .userId(USER)
            .build();
    assertThatThrownBy(badSecret::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID);
              assertThat(e.serviceCode()).contains("59033");
            });
    MySignSigner unknownUser =
        MySignSigner.builder(server.base())
            .client("eoffice-client", "vt-secret".toCharArray())
            .userId("CMT_x")
            .build();
    assertThatThrownBy(unknownUser::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class, e -> assertThat(e.serviceCode()).contains("58008"));
    assertThatThrownBy(() -> s.submit(c, List.of(d), SignatureAlgorithm.ECDSA_SHA256, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
