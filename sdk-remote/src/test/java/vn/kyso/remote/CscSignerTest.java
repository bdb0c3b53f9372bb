package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteResult;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.UserAnswer;
import vn.kyso.xades.PreparedXmlSignature;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerifier;

/**
 * The CSC adapter against the loopback CSC service: PAdES and XAdES signatures made with a key the
 * machine never holds, and every failure a typed error with nothing written.
 */
class CscSignerTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(7).build();

  private static final String USER = "CCCD:001080000001";
  private CscServer server;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = new CscServer("e-office", "bi-mat".toCharArray());
    server.pki(PKI.pki());
    server.user(USER, PKI.pki().credential(TestIdentity.CHAIRMAN));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CscSigner.Builder csc() {
    return CscSigner.builder(server.v2())
        .clientCredentials("e-office", "bi-mat".toCharArray())
        .userId(USER)
        .timeout(Duration.ofSeconds(10));
  }

  private Path pdf() throws Exception {
    Path p = dir.resolve("cong-van.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(p.toFile());
    }
    return p;
  }

  @Test
  void padesBB_signedWithARemoteKey_verifies() throws Exception {
    CscSigner remote = csc().build();
    RemoteCredential c = remote.credentials().get(0);
    assertThat(c.certificate())
        .isEqualTo(PKI.pki().credential(TestIdentity.CHAIRMAN).certificate());
    assertThat(c.chain()).hasSizeGreaterThan(1);

    Path in = pdf();
    Path out = dir.resolve("signed.pdf");
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature prepared =
        signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain());
    byte[] state = prepared.toBytes();
    List<SignatureValue> values =
        remote.signAndWait(
            c,
            List.of(prepared.dataToSign()),
            SignatureAlgorithm.RSA_SHA256,
            "Cong van 12/UBND-VP",
            Duration.ofSeconds(10),
            Duration.ofMillis(50));
    signer.complete(PreparedSignature.fromBytes(state), in, out, values.get(0));

    ValidationReport r = PdfVerifier.builder(PKI.verifier()).build().verify(out);
    assertThat(r.signatures())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.indication())
                    .as(s.findings().toString())
                    .isEqualTo(Indication.TOTAL_PASSED));
  }

  @Test
  void xadesBB_asynchronous_approvedAfterPolls_fromSavedState() throws Exception {
    server.pollsBeforeApproval(3);
    CscSigner remote = csc().asynchronous(true).build();
    RemoteCredential c = remote.credentials().get(0);
    Path in = dir.resolve("ho-so.xml");
    Files.writeString(
        in, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hoSo><ten>Hồ sơ</ten></hoSo>");
    Path out = dir.resolve("ho-so-ky.xml");
    XmlSigner signer = XmlSigner.builder().build();
    PreparedXmlSignature prepared =
        signer.prepare(
            in,
            XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
            c.chain());
    RemoteTransaction tx =
        remote.submit(c, List.of(prepared.dataToSign()), SignatureAlgorithm.RSA_SHA256, "Ho so");
    byte[] saved = tx.toBytes();
    // Another JVM, minutes later: a fresh adapter polls the saved transaction.
    CscSigner later = csc().asynchronous(true).build();
    List<RemoteStatus> seen = new ArrayList<>();
    RemoteResult result;
    do {
      result = later.poll(RemoteTransaction.fromBytes(saved));
      seen.add(result.status());
    } while (result.status() == RemoteStatus.PENDING && seen.size() < 10);
    assertThat(seen)
        .containsExactly(
            RemoteStatus.PENDING,
            RemoteStatus.PENDING,
            RemoteStatus.PENDING,
            RemoteStatus.APPROVED);
    signer.complete(prepared, in, out, result.signatures().get(0));
    var report = XmlVerifier.builder(PKI.verifier()).build().verify(out, Map.of()).report();
    assertThat(report.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void aBatchOfDigests_isOneApproval_andValuesComeInOrder() throws Exception {
    CscSigner remote = csc().build();
    RemoteCredential c = remote.credentials().get(0);
    assertThat(c.multisign()).isEqualTo(50);
    List<Digest> digests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      digests.add(
          new Digest(
              vn.kyso.api.DigestAlgorithm.SHA256,
              java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {(byte) i})));
    }
    List<SignatureValue> values =
        remote.signAndWait(
            c,
            digests,
            SignatureAlgorithm.RSA_SHA256,
            "50 cong van",
            Duration.ofSeconds(5),
            Duration.ofMillis(20));
    assertThat(values).hasSize(5);
    for (int i = 0; i < 5; i++) {
      java.security.Signature v = java.security.Signature.getInstance("NONEwithRSA");
      v.initVerify(c.certificate().getPublicKey());
      v.update(digests.get(i).digestInfo());
      assertThat(v.verify(values.get(i).value())).as("value %d", i).isTrue();
    }
  }

  @Test
  void theUserRefusing_orNeverAnswering_isATypedError() throws Exception {
    CscSigner remote = csc().asynchronous(true).build();
    RemoteCredential c = remote.credentials().get(0);
    Digest d = new Digest(vn.kyso.api.DigestAlgorithm.SHA256, new byte[32]);
    server.outcome(UserAnswer.REJECT);
    assertThatThrownBy(
            () ->
                remote.signAndWait(
                    c,
                    List.of(d),
                    SignatureAlgorithm.RSA_SHA256,
                    "x",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(20)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.USER_REJECTED);
              assertThat(e.serviceCode()).contains("access_denied");
            });
    server.outcome(UserAnswer.EXPIRE);
    assertThatThrownBy(
            () ->
                remote.signAndWait(
                    c,
                    List.of(d),
                    SignatureAlgorithm.RSA_SHA256,
                    "x",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(20)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_TIMEOUT));
    // An approval that never comes within the caller's budget.
    server.outcome(UserAnswer.APPROVE);
    server.pollsBeforeApproval(1_000);
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                remote.signAndWait(
                    c,
                    List.of(d),
                    SignatureAlgorithm.RSA_SHA256,
                    "x",
                    Duration.ofMillis(300),
                    Duration.ofMillis(20)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void afterARefusalOrAFault_theSavedPreparedStateIsSubmittedAgain_andCompletes() throws Exception {
    CscSigner remote = csc().asynchronous(true).build();
    RemoteCredential c = remote.credentials().get(0);
    Path in = pdf();
    Path out = dir.resolve("retried.pdf");
    PdfSigner signer = PdfSigner.builder().build();
    byte[] state =
        signer
            .prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain())
            .toBytes();
    // First the user refuses, then the service fails: nothing is written.
    server.outcome(UserAnswer.REJECT);
    assertThatThrownBy(() -> signAndWait(remote, c, PreparedSignature.fromBytes(state)))
        .isInstanceOf(RemoteSigningException.class);
    server.outcome(UserAnswer.APPROVE);
    server.failNext(1, ServerMode.MALFORMED);
    assertThatThrownBy(() -> signAndWait(remote, c, PreparedSignature.fromBytes(state)))
        .isInstanceOf(RemoteSigningException.class);
    assertThat(out).doesNotExist();
    // The same saved state, submitted again, completes.
    PreparedSignature again = PreparedSignature.fromBytes(state);
    signer.complete(again, in, out, signAndWait(remote, c, again));
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  private static SignatureValue signAndWait(
      CscSigner remote, RemoteCredential c, PreparedSignature p) throws Exception {
    return remote
        .signAndWait(
            c,
            List.of(p.dataToSign()),
            SignatureAlgorithm.RSA_SHA256,
            "x",
            Duration.ofSeconds(5),
            Duration.ofMillis(20))
        .get(0);
  }

  @Test
  void aSignatureByAnotherKey_isRefusedBeforeAnythingIsWritten() throws Exception {
    server.outcome(UserAnswer.WRONG_KEY);
    CscSigner remote = csc().build();
    RemoteCredential c = remote.credentials().get(0);
    Path in = pdf();
    Path out = dir.resolve("signed.pdf");
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature prepared =
        signer.prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), c.chain());
    SignatureValue wrong =
        remote
            .signAndWait(
                c,
                List.of(prepared.dataToSign()),
                SignatureAlgorithm.RSA_SHA256,
                "x",
                Duration.ofSeconds(5),
                Duration.ofMillis(20))
            .get(0);
    assertThatThrownBy(() -> signer.complete(prepared, in, out, wrong))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID));
    assertThat(out).doesNotExist();
  }

  @Test
  void expiredTokens_rateLimits_badSecrets_andGarbage() throws Exception {
    CscSigner remote = csc().build();
    remote.credentials();
    server.expireTokens();
    // A new token is fetched once, transparently.
    assertThat(remote.credentials()).hasSize(1);

    server.retryAfter(1);
    server.failNext(1, ServerMode.TOO_MANY_REQUESTS);
    assertThat(remote.credentials()).hasSize(1);

    CscSigner wrongSecret =
        CscSigner.builder(server.v2())
            .clientCredentials("e-office", "sai".toCharArray())
            .userId(USER)
            .build();
    assertThatThrownBy(wrongSecret::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID);
              assertThat(e.getMessage()).doesNotContain("sai");
            });

    server.mode(ServerMode.MALFORMED);
    assertThatThrownBy(remote::credentials)
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR));
    server.mode(ServerMode.NORMAL);

    server.delay(Duration.ofSeconds(5));
    server.mode(ServerMode.SLOW);
    CscSigner impatient = csc().timeout(Duration.ofMillis(500)).build();
    long start = System.nanoTime();
    assertThatThrownBy(impatient::credentials).isInstanceOf(vn.kyso.api.ServiceException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void cscV1_withBasicLogin() throws Exception {
    CscSigner v1 =
        CscSigner.builder(server.v1())
            .version(CscSigner.Version.V1)
            .basic("e-office", "bi-mat".toCharArray())
            .userId(USER)
            .build();
    RemoteCredential c = v1.credentials().get(0);
    Digest d =
        new Digest(
            vn.kyso.api.DigestAlgorithm.SHA256,
            java.security.MessageDigest.getInstance("SHA-256")
                .digest("x".getBytes(StandardCharsets.UTF_8)));
    SignatureValue v =
        v1.signAndWait(
                c,
                List.of(d),
                SignatureAlgorithm.RSA_SHA256,
                "x",
                Duration.ofSeconds(5),
                Duration.ofMillis(20))
            .get(0);
    java.security.Signature check = java.security.Signature.getInstance("NONEwithRSA");
    check.initVerify(c.certificate().getPublicKey());
    check.update(d.digestInfo());
    assertThat(check.verify(v.value())).isTrue();
  }

  @Test
  void transactionState_roundTrips_andGarbageIsATypedError() throws Exception {
    RemoteTransaction tx =
        new RemoteTransaction(
            "csc", "resp-1", "cred-1", 2, SignatureAlgorithm.RSA_SHA256, java.time.Instant.EPOCH);
    assertThat(RemoteTransaction.fromBytes(tx.toBytes())).isEqualTo(tx);
    assertThatThrownBy(() -> RemoteTransaction.fromBytes("rac".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PREPARED_STATE_INVALID));
  }

  @Test
  void aRemoteCredential_asASigningKey_signsInOneStep_andARefusalIsATokenError() throws Exception {
    CscSigner remote = csc().asynchronous(true).build();
    server.pollsBeforeApproval(1);
    RemoteCredential c = remote.credentials().get(0);
    RemoteSigningKey key =
        RemoteSigningKey.of(remote, c, "Cong van", Duration.ofSeconds(10), Duration.ofMillis(20));
    assertThat(key.supportedAlgorithms()).contains(SignatureAlgorithm.RSA_SHA256);
    Path in = pdf();
    Path out = dir.resolve("one-step.pdf");
    PdfSigner.builder()
        .build()
        .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), key);
    assertThat(
            PdfVerifier.builder(PKI.verifier())
                .build()
                .verify(out)
                .signatures()
                .get(0)
                .indication())
        .isEqualTo(Indication.TOTAL_PASSED);
    server.outcome(UserAnswer.REJECT);
    Path refused = dir.resolve("refused.pdf");
    assertThatThrownBy(
            () ->
                PdfSigner.builder()
                    .build()
                    .sign(in, refused, PdfSignatureOptions.builder(PadesLevel.B_B).build(), key))
        .isInstanceOfSatisfying(
            vn.kyso.api.TokenException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SIGNING_FAILED);
              assertThat(e.getCause()).isInstanceOf(RemoteSigningException.class);
            });
    assertThat(refused).doesNotExist();
  }
}
