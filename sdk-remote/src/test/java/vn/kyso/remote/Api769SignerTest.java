package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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

  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890"; the base32 below is that secret.
  private static final String TOTP_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void totp_matchesRfc6238TestVectors() {
    byte[] secret = vn.kyso.api.shared.Totp.base32(TOTP_BASE32);
    assertThat(new String(secret, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("12345678901234567890");
    // RFC 6238 gives 8 digits (94287082, 07081804, 14050471, 89005924); 6 digits are the tail.
    assertThat(vn.kyso.api.shared.Totp.code(secret, java.time.Instant.ofEpochSecond(59)))
        .isEqualTo("287082");
    assertThat(vn.kyso.api.shared.Totp.code(secret, java.time.Instant.ofEpochSecond(1111111109)))
        .isEqualTo("081804");
    assertThat(vn.kyso.api.shared.Totp.code(secret, java.time.Instant.ofEpochSecond(1111111111)))
        .isEqualTo("050471");
    assertThat(vn.kyso.api.shared.Totp.code(secret, java.time.Instant.ofEpochSecond(1234567890)))
        .isEqualTo("005924");
  }

  @Test
  void v2_passwordAndTotp_signAtOnce_andWrongCodesOrExpiredSadAreTyped() throws Exception {
    server.userSecrets(USER, "mat-khau".toCharArray(), vn.kyso.api.shared.Totp.base32(TOTP_BASE32));
    Api769Signer s = smartCa().totpSecret("mat-khau".toCharArray(), TOTP_BASE32).build();
    RemoteCredential c = s.credentials().get(0);
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest("v2".getBytes(StandardCharsets.UTF_8));
    Digest d = new Digest(DigestAlgorithm.SHA256, hash);
    var tx = s.submit(c, List.of(d), SignatureAlgorithm.RSA_SHA256, "x");
    var r = s.poll(tx);
    assertThat(r.status()).isEqualTo(vn.kyso.api.remote.RemoteStatus.APPROVED);
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(c.chain().get(0).getPublicKey());
    v.update("v2".getBytes(StandardCharsets.UTF_8));
    assertThat(v.verify(r.signatures().get(0).value())).isTrue();

    // A code the user mistyped, or the wrong password: refused credentials, nothing signed.
    Api769Signer typo = smartCa().passwordAndOtp("mat-khau".toCharArray(), () -> "000000").build();
    assertThatThrownBy(() -> typo.submit(c, List.of(d), SignatureAlgorithm.RSA_SHA256, "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID));
    Api769Signer wrongPassword =
        smartCa().totpSecret("khong-dung".toCharArray(), TOTP_BASE32).build();
    assertThatThrownBy(
            () -> wrongPassword.submit(c, List.of(d), SignatureAlgorithm.RSA_SHA256, "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID));
    // Not digits: a programming error before anything is sent.
    Api769Signer letters = smartCa().passwordAndOtp("mat-khau".toCharArray(), () -> "abc").build();
    assertThatThrownBy(() -> letters.submit(c, List.of(d), SignatureAlgorithm.RSA_SHA256, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    // The SAD expires before the confirmation.
    server.sadLifetime(Duration.ZERO);
    assertThatThrownBy(() -> s.submit(c, List.of(d), SignatureAlgorithm.RSA_SHA256, "x"))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
              assertThat(e.getMessage()).contains("sad expired");
            });
  }

  @Test
  void neacGateway_signV2RoutesWithCaName() throws Exception {
    try (Api769Server neac =
        Api769Server.neac("sp-eoffice", "mat-khau-sp".toCharArray(), "FPT-CA")) {
      neac.user(USER, PKI.pki().credential(TestIdentity.VICE_CHAIRMAN));
      neac.pollsBeforeApproval(1);
      Api769Signer s =
          Api769Signer.builder(neac.base())
              .serviceProvider("sp-eoffice", "mat-khau-sp".toCharArray())
              .userId(USER)
              .neac("FPT-CA")
              .build();
      RemoteCredential c = s.credentials().get(0);
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest("neac".getBytes(StandardCharsets.UTF_8));
      List<SignatureValue> values = sign(s, c, List.of(new Digest(DigestAlgorithm.SHA256, hash)));
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(c.chain().get(0).getPublicKey());
      v.update("neac".getBytes(StandardCharsets.UTF_8));
      assertThat(v.verify(values.get(0).value())).isTrue();
      // Another CA name is refused by the gateway; the SmartCA routes are not served there.
      Api769Signer other =
          Api769Signer.builder(neac.base())
              .serviceProvider("sp-eoffice", "mat-khau-sp".toCharArray())
              .userId(USER)
              .neac("VNPT-CA")
              .build();
      assertThatThrownBy(other::credentials).isInstanceOf(RemoteSigningException.class);
      Api769Signer smartCaPaths =
          Api769Signer.builder(neac.base())
              .serviceProvider("sp-eoffice", "mat-khau-sp".toCharArray())
              .userId(USER)
              .build();
      assertThatThrownBy(smartCaPaths::credentials).isInstanceOf(RemoteSigningException.class);
    }
  }
}
