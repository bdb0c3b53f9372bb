package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.policy.Policy;
import vn.kyso.remote.CallbackOutcome;
import vn.kyso.remote.CallbackRequest;
import vn.kyso.remote.CscSigner;
import vn.kyso.testkit.CallbackEndpoint;
import vn.kyso.testkit.CscServer;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;

/** Every example runs as a test. */
class ExamplesTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(41).build();

  private static PdfSigner signer() {
    return PdfSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static Path letter(Path dir) throws Exception {
    return SmokeDemo.run(dir.resolve("demo")).folder().resolve("cong-van.pdf");
  }

  @Test
  void twoPhaseWebSigning_prepareThenComplete(@TempDir Path dir) throws Exception {
    Path pdf = letter(dir);
    Path out = dir.resolve("signed.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      SigningKey key = token.keys().get(0);
      TwoPhaseWebSigning.Prepared p = TwoPhaseWebSigning.prepare(signer(), pdf, key.chain());
      // the browser plug-in signs the digest with the token; here the same key does
      byte[] digestInfo = Base64.getDecoder().decode(p.digestBase64());
      assertThat(digestInfo).isNotEmpty();
      var value =
          key.sign(
              PreparedSignature.fromBytes(p.state()).dataToSign(),
              SignatureAlgorithm.valueOf(p.algorithm()));
      TwoPhaseWebSigning.complete(signer(), p.state(), pdf, out, value.value());
    }
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void remoteSigningWorkflow_startPollFinish_acrossRequests(@TempDir Path dir) throws Exception {
    Path pdf = letter(dir);
    Path out = dir.resolve("signed-remote.pdf");
    try (CscServer csc = new CscServer("e-office", "bi-mat".toCharArray())) {
      csc.pki(PKI.pki());
      csc.user("CCCD:001080000001", PKI.pki().credential(TestIdentity.CHAIRMAN));
      csc.pollsBeforeApproval(2);
      CscSigner remote =
          CscSigner.builder(csc.v2())
              .clientCredentials("e-office", "bi-mat".toCharArray())
              .userId("CCCD:001080000001")
              .asynchronous(true)
              .build();
      PdfSigner signer = PdfSigner.builder().clock(PKI.pki().clock()).build();
      RemoteSigningWorkflow.Started s = RemoteSigningWorkflow.start(remote, signer, pdf);
      List<RemoteStatus> seen = new ArrayList<>();
      RemoteStatus st;
      do {
        st = RemoteSigningWorkflow.finish(remote, signer, s.prepared(), s.transaction(), pdf, out);
        seen.add(st);
        if (st == RemoteStatus.PENDING) {
          assertThat(out).as("nothing is written while waiting").doesNotExist();
        }
      } while (st == RemoteStatus.PENDING && seen.size() < 10);
      assertThat(seen)
          .containsExactly(RemoteStatus.PENDING, RemoteStatus.PENDING, RemoteStatus.APPROVED);
    }
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
  void remoteSigningWorkflow_callbackCompletes_andAReplayIsRefused(@TempDir Path dir)
      throws Exception {
    Path pdf = letter(dir);
    Path out = dir.resolve("signed-callback.pdf");
    Map<String, RemoteSigningWorkflow.Started> db = new ConcurrentHashMap<>();
    BlockingQueue<CallbackOutcome> answered = new LinkedBlockingQueue<>();
    PdfSigner signer = PdfSigner.builder().clock(PKI.pki().clock()).build();
    CscSigner[] remote = new CscSigner[1];
    try (CscServer csc = new CscServer("e-office", "bi-mat".toCharArray());
        CallbackEndpoint endpoint =
            new CallbackEndpoint(
                (path, headers, body) -> {
                  CallbackOutcome o =
                      RemoteSigningWorkflow.onCallback(
                          remote[0],
                          signer,
                          CallbackRequest.of(headers, body),
                          id -> Optional.ofNullable(db.get(id)),
                          pdf,
                          out);
                  answered.add(o);
                  return new CallbackEndpoint.Reply(o.httpStatus(), o.responseBody());
                })) {
      csc.pki(PKI.pki());
      csc.user("CCCD:001080000001", PKI.pki().credential(TestIdentity.CHAIRMAN));
      csc.callbackDelay(Duration.ofMillis(200));
      remote[0] =
          CscSigner.builder(csc.v2())
              .clientCredentials("e-office", "bi-mat".toCharArray())
              .userId("CCCD:001080000001")
              .responseUri(endpoint.uri("remote/callback"))
              .build();
      RemoteSigningWorkflow.Started s = RemoteSigningWorkflow.start(remote[0], signer, pdf);
      db.put(RemoteTransaction.fromBytes(s.transaction()).id(), s);
      CallbackOutcome first = answered.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.kind()).isEqualTo(CallbackOutcome.Kind.RESULT);
      assertThat(out).exists();
      byte[] signed = Files.readAllBytes(out);
      var replay = csc.awaitDeliveries(1, Duration.ofSeconds(10)).get(0);
      assertThat(csc.send(replay.target(), replay.headers(), replay.body()).status())
          .isEqualTo(409);
      assertThat(Files.readAllBytes(out)).as("the replay wrote nothing").isEqualTo(signed);
    }
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void batchSignFolder_signsEachFile_andReportsTheBadOne(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("ho-so"));
    Path original = letter(dir);
    Files.copy(original, folder.resolve("a.pdf"));
    Files.copy(original, folder.resolve("b.pdf"));
    Files.writeString(folder.resolve("c.pdf"), "not a pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CLERK).signingToken()) {
      BatchSignFolder.Result r = BatchSignFolder.signAll(signer(), folder, token.keys().get(0));
      assertThat(r.signed())
          .extracting(p -> p.getFileName().toString())
          .containsExactly("a-ky.pdf", "b-ky.pdf");
      assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f).startsWith("c.pdf"));
    }
    assertThat(Files.readAllBytes(folder.resolve("a.pdf"))).isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void verifyIncoming_acceptsTheDemoLetter_andReturnsATamperedOne(@TempDir Path dir)
      throws Exception {
    Path folder = SmokeDemo.run(dir.resolve("demo")).folder();
    Policy policy = Policy.preset("national").build();
    DocumentInfo info = DocumentInfo.builder("Công văn").build();
    VerifyIncoming.Decision ok =
        VerifyIncoming.check(PKI.verifier(), policy, folder.resolve("ho-so-ky.xml"), info);
    assertThat(ok.text()).isNotBlank();
    byte[] pdf = Files.readAllBytes(folder.resolve("cong-van-ban-hanh.pdf"));
    int at = new String(pdf, StandardCharsets.ISO_8859_1).indexOf("stream\n") + 20;
    pdf[at] ^= 1;
    Path tampered = dir.resolve("tampered.pdf");
    Files.write(tampered, pdf);
    VerifyIncoming.Decision bad = VerifyIncoming.check(PKI.verifier(), policy, tampered, info);
    assertThat(bad.accept()).isFalse();
    assertThat(bad.text()).contains("VT30-12");
  }

  @Test
  void policyInWorkflow_issuesAfterTheLeader_refusesASecretDocument(@TempDir Path dir)
      throws Exception {
    Path pdf = letter(dir);
    Path leaderSigned = dir.resolve("leader.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              pdf,
              leaderSigned,
              PdfSignatureOptions.builder(PadesLevel.B_T).build(),
              token.keys().get(0));
    }
    Policy policy = Policy.preset("national").registry(PKI.pki().signerRegistry()).build();
    DocumentInfo letter =
        DocumentInfo.builder("Công văn")
            .numberSymbol("123/UBND-VP")
            .issuingOrganisation(TestPki.PROVINCE)
            .authorityForm(AuthorityForm.TM)
            .build();
    try (SigningToken token =
        PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      PolicyInWorkflow.Outcome ok =
          PolicyInWorkflow.issue(
              signer(),
              policy,
              leaderSigned,
              dir.resolve("issued.pdf"),
              letter,
              TestPki.registryId(TestIdentity.CLERK),
              token.keys().get(0));
      assertThat(ok.issued()).as(ok.reasons().toString()).isTrue();
      DocumentInfo secret =
          DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
      PolicyInWorkflow.Outcome refused =
          PolicyInWorkflow.issue(
              signer(),
              policy,
              leaderSigned,
              dir.resolve("secret.pdf"),
              secret,
              TestPki.registryId(TestIdentity.CLERK),
              token.keys().get(0));
      assertThat(refused.issued()).isFalse();
      assertThat(refused.reasons()).anyMatch(r -> r.startsWith("X-01"));
      assertThat(dir.resolve("secret.pdf")).doesNotExist();
    }
  }
}
