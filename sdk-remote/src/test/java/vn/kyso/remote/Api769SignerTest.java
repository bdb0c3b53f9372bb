package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
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
import vn.kyso.testkit.Api769Server;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.UserAnswer;

/** The "769" adapter (VNPT SmartCA pattern) against its loopback service. */
class Api769SignerTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(8).build();
  private static final String USER = "001080000001";
  private Api769Server server;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = new Api769Server("sp-eoffice", "mat-khau-sp".toCharArray());
    server.user(USER, PKI.pki().credential(TestIdentity.CHAIRMAN));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Api769Signer.Builder smartCa() {
    return Api769Signer.builder(server.base())
        .serviceProvider("sp-eoffice", "mat-khau-sp".toCharArray())
        .userId(USER)
        .timeout(Duration.ofSeconds(10));
  }

  private List<SignatureValue> sign(Api769Signer s, RemoteCredential c, List<Digest> d)
      throws Exception {
    return s.signAndWait(
        c,
        d,
        SignatureAlgorithm.RSA_SHA256,
        "Cong van",
        Duration.ofSeconds(10),
        Duration.ofMillis(20));
  }

  @Test
  void padesBB_throughTheApi_afterTheUserConfirms() throws Exception {
    server.pollsBeforeApproval(2);
    Api769Signer s = smartCa().build();
    RemoteCredential c = s.credentials().get(0);
    assertThat(c.chain()).hasSizeGreaterThan(1);
    Path in = dir.resolve("in.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(in.toFile());
    }
    Path out = dir.resolve("out.pdf");
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature p =
        signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain());
    signer.complete(p, in, out, sign(s, c, List.of(p.dataToSign())).get(0));
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
  void aBatch_isOneRequest_andAnswersAreMatchedByDocId() throws Exception {
    Api769Signer s = smartCa().upperCaseHex(true).build();
    RemoteCredential c = s.credentials().get(0);
    List<Digest> digests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      digests.add(
          new Digest(
              DigestAlgorithm.SHA256,
              MessageDigest.getInstance("SHA-256").digest(new byte[] {(byte) i})));
    }
    List<SignatureValue> values = sign(s, c, digests);
    for (int i = 0; i < 4; i++) {
      Signature v = Signature.getInstance("NONEwithRSA");
      v.initVerify(c.certificate().getPublicKey());
      v.update(digests.get(i).digestInfo());
      assertThat(v.verify(values.get(i).value())).as("value %d in submission order", i).isTrue();
    }
  }

  @Test
  void refusal_expiry_credentials_andAnswersForAnotherTransaction_areTypedErrors()
      throws Exception {
    Api769Signer s = smartCa().build();
    RemoteCredential c = s.credentials().get(0);
    Digest d = new Digest(DigestAlgorithm.SHA256, new byte[32]);
    server.answer(UserAnswer.REJECT);
    assertThatThrownBy(() -> sign(s, c, List.of(d)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_REJECTED));
    server.answer(UserAnswer.EXPIRE);
    assertThatThrownBy(() -> sign(s, c, List.of(d)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_TIMEOUT));
    server.answer(UserAnswer.APPROVE);
    server.otherTransaction(true);
    assertThatThrownBy(() -> sign(s, c, List.of(d)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
              assertThat(e.getMessage()).contains("another transaction");
            });
    server.otherTransaction(false);
    server.certificateExpired(true);
    assertThatThrownBy(() -> sign(s, c, List.of(d)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID);
              assertThat(e.serviceCode()).contains("CREDENTIAL_STATUS_INVALID");
            });
    Api769Signer wrong =
        Api769Signer.builder(server.base())
            .serviceProvider("sp-eoffice", "sai".toCharArray())
            .userId(USER)
            .build();
    assertThatThrownBy(wrong::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID);
              assertThat(e.getMessage()).doesNotContain("sai");
            });
  }
}
