package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.policy.Policy;
import vn.kyso.remote.UploadDecision.Reason;
import vn.kyso.testkit.CallbackEndpoint;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.VgcaPluginServer;
import vn.kyso.testkit.VgcaPluginServer.Fault;

/**
 * The government plug-in's two modes against the loopback fake: hash mode through {@link
 * VgcaPlugin} (two-phase signing), file mode through {@link UploadReceiver}, with the faults.
 */
class VgcaPluginTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(23).build();

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  private VgcaPluginServer plugin;
  private CallbackEndpoint app;
  private UploadReceiver receiver;
  private final BlockingQueue<UploadDecision> decisions = new LinkedBlockingQueue<>();
  private Path original;
  private DocumentInfo info = DocumentInfo.builder("Công văn").build();

  @BeforeEach
  void start() throws Exception {
    plugin = new VgcaPluginServer(PKI.pki().credential(TestIdentity.CHAIRMAN));
    original = letter(dir.resolve("cv-42.pdf"));
    receiver =
        UploadReceiver.builder(KEY, PdfVerifier.builder(PKI.verifier()).build()::verify)
            .policy(Policy.preset("national").build())
            .build();
    app =
        new CallbackEndpoint(
            (path, headers, body) -> {
              Matcher m = Pattern.compile("/upload/([^?]+)\\?token=(.*)").matcher(path);
              if (!m.matches()) {
                return new CallbackEndpoint.Reply(404, new byte[0]);
              }
              UploadDecision d =
                  receiver.receive(
                      m.group(2),
                      m.group(1),
                      original,
                      headers.getOrDefault("Content-Type", List.of("")).get(0),
                      new ByteArrayInputStream(body),
                      dir.resolve("signed-" + m.group(1) + ".pdf"),
                      info);
              decisions.add(d);
              return new CallbackEndpoint.Reply(200, d.reply(Locale.forLanguageTag("vi")));
            });
    app.serveFile("files/cv-42.pdf", Files.readAllBytes(original));
    plugin.fileSigner(VgcaPluginTest::signAsThePluginWould);
  }

  /**
   * Each call is answered once and recorded once: the fake answers and closes at once, and a client
   * that saw the connection closed before it looked must take the answer, not call again.
   */
  @Test
  void manyQuickCalls_eachRecordedOnce() throws Exception {
    plugin.reset();
    for (int i = 0; i < 100; i++) {
      VgcaPlugin.certificate(plugin.call("GetCertInfo", "get_cert_info"));
    }
    assertThat(plugin.calls()).hasSize(100);
  }

  /**
   * Surefire runs with assertions on; an assertion in Java-WebSocket's TLS handshake that the JDK's
   * engine can fail once ended the fake's selector thread, and every later call was refused.
   */
  @Test
  void theFakesTlsHandshake_runsWithoutJavaWebSocketsAssertions() throws Exception {
    assertThat(VgcaPluginTest.class.desiredAssertionStatus()).as("assertions on here").isTrue();
    Class<?> handshake =
        Class.forName(
            "org.java_websocket.SSLSocketChannel2", false, VgcaPluginServer.class.getClassLoader());
    assertThat(handshake.desiredAssertionStatus()).isFalse();
  }

  @AfterEach
  void stop() {
    plugin.close();
    app.close();
  }

  private static Path letter(Path p) throws Exception {
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(p.toFile());
    }
    return p;
  }

  /** The plug-in's own engine in file mode: a PAdES signature with the key it holds. */
  static byte[] signAsThePluginWould(
      byte[] pdf, String verb, Map<String, Object> params, SigningKey key) throws Exception {
    Path d = Files.createTempDirectory("vgca-engine");
    try {
      Path in = Files.write(d.resolve("in.pdf"), pdf);
      Path out = d.resolve("out.pdf");
      PdfSigner.builder()
          .build()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), key);
      return Files.readAllBytes(out);
    } finally {
      try (var files = Files.list(d)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(d);
    }
  }

  // ------------------------------------------------------------------ hash mode

  @Test
  void hashMode_certificateFirst_thenSignMsg_completesAndVerifies() throws Exception {
    X509Certificate cert = VgcaPlugin.certificate(plugin.call("GetCertInfo", "get_cert_info"));
    assertThat(cert).isEqualTo(PKI.pki().credential(TestIdentity.CHAIRMAN).certificate());
    // The server knows the sub-CAs (the trust folder ships them) and builds the chain.
    var path =
        PKI.verifierBuilder()
            .intermediates(List.of(PKI.pki().intermediate().certificate()))
            .build()
            .verify(cert);
    assertThat(path.chain()).as(path.toString()).isNotEmpty();
    List<X509Certificate> chain = path.chain();
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature p =
        signer.prepare(original, PdfSignatureOptions.builder(PadesLevel.B_B).build(), chain);
    String request = VgcaPlugin.signMsgRequest(p.dataToSign());
    assertThat(request).contains("\"HashAlg\":\"SHA256\"", "\"Encode\":\"RSA\"");
    SignatureValue v = VgcaPlugin.signature(plugin.call("SignMsg", request), p.dataToSign(), cert);
    Path out = dir.resolve("hash-mode.pdf");
    signer.complete(p, original, out, v);
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(plugin.calls()).containsExactly("GetCertInfo", "SignMsg");
  }

  @Test
  void hashMode_faults_areTypedErrors() throws Exception {
    X509Certificate cert = PKI.pki().credential(TestIdentity.CHAIRMAN).certificate();
    PdfSigner signer = PdfSigner.builder().build();
    PreparedSignature p =
        signer.prepare(
            original,
            PdfSignatureOptions.builder(PadesLevel.B_B).build(),
            PKI.pki().credential(TestIdentity.CHAIRMAN).chain());
    String request = VgcaPlugin.signMsgRequest(p.dataToSign());

    plugin.fault(Fault.CANCEL);
    plugin.cancelStatus(-2);
    assertThatThrownBy(
            () -> VgcaPlugin.signature(plugin.call("SignMsg", request), p.dataToSign(), cert))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.USER_REJECTED);
              assertThat(e.serviceCode()).contains("-2");
            });
    plugin.fault(Fault.TOKEN_REMOVED);
    assertThatThrownBy(
            () -> VgcaPlugin.signature(plugin.call("SignMsg", request), p.dataToSign(), cert))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID));
    plugin.fault(Fault.GARBAGE);
    assertThatThrownBy(
            () -> VgcaPlugin.signature(plugin.call("SignMsg", request), p.dataToSign(), cert))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR));
    // Another official's certificate at the plug-in: said clearly, before completing.
    X509Certificate other = PKI.pki().credential(TestIdentity.CLERK).certificate();
    plugin.fault(Fault.NONE);
    String answer = plugin.call("SignMsg", request);
    assertThatThrownBy(() -> VgcaPlugin.signature(answer, p.dataToSign(), other))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIAL_INVALID);
              assertThat(e.getMessage()).contains("another certificate");
            });
    // A value made with another key under the right certificate: complete refuses it.
    plugin.fault(Fault.WRONG_KEY);
    SignatureValue wrong =
        VgcaPlugin.signature(plugin.call("SignMsg", request), p.dataToSign(), cert);
    Path out = dir.resolve("wrong.pdf");
    assertThatThrownBy(() -> signer.complete(p, original, out, wrong))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID));
    assertThat(out).doesNotExist();
    // A digest of the wrong length for its algorithm: the plug-in refuses it.
    assertThat(plugin.call("SignMsg", "{\"HashAlg\":\"SHA256\",\"HashValue\":\"AAAA\"}"))
        .contains("\"Status\":2");
    assertThatThrownBy(() -> VgcaPlugin.algorithm(DigestAlgorithm.SHA1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void helperScript_isTheEsModule() {
    String js = VgcaPlugin.helperScript();
    assertThat(js)
        .contains("export function createPlugin", "export class PluginError", "SignMsg")
        .contains("NOT_INSTALLED", "CANCELLED", "TOKEN_REMOVED", "Người ký đã hủy");
  }

  // ------------------------------------------------------------------ file mode

  private String signFile(String verb, String token) throws Exception {
    return plugin.call(
        verb,
        "{\"FileUploadHandler\":\""
            + app.uri("upload/cv-42?token=" + token)
            + "\",\"FileName\":\""
            + app.uri("files/cv-42.pdf")
            + "\",\"SessionId\":\"\",\"MetaData\":[]}");
  }

  private UploadDecision next() throws InterruptedException {
    UploadDecision d = decisions.poll(30, TimeUnit.SECONDS);
    assertThat(d).as("an upload within 30 s").isNotNull();
    return d;
  }

  @Test
  void fileMode_theLeadersUpload_isVerifiedThenStored_andTheTokenIsUsedOnce() throws Exception {
    X509Certificate leader = PKI.pki().credential(TestIdentity.CHAIRMAN).certificate();
    String token = receiver.ticket("cv-42", original, leader);
    String answer = signFile("SignApproved", token);
    UploadDecision d = next();
    assertThat(d.reason()).as(d.toString()).isEqualTo(Reason.ACCEPTED);
    assertThat(answer).contains("\"Status\":0", "signed-cv-42.pdf");
    Path stored = dir.resolve("signed-cv-42.pdf");
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(stored).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(d.report().orElseThrow().signatures()).hasSize(1);
    // The same link again.
    String again = signFile("SignApproved", token);
    assertThat(next().reason()).isEqualTo(Reason.TOKEN_USED);
    assertThat(again).contains("\"Status\":7", "đã được sử dụng");
  }

  @Test
  void fileMode_anotherSigner_aForgedOrExpiredToken_aChangedDocument_areRefused() throws Exception {
    X509Certificate clerk = PKI.pki().credential(TestIdentity.CLERK).certificate();
    // The plug-in holds the chairman's key but the clerk was expected.
    signFile("SignIssued", receiver.ticket("cv-42", original, clerk));
    UploadDecision wrong = next();
    assertThat(wrong.reason()).isEqualTo(Reason.WRONG_SIGNER);
    assertThat(dir.resolve("signed-cv-42.pdf")).doesNotExist();

    X509Certificate leader = PKI.pki().credential(TestIdentity.CHAIRMAN).certificate();
    String token = receiver.ticket("cv-42", original, leader);
    String forged =
        token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    signFile("SignApproved", forged);
    assertThat(next().reason()).isEqualTo(Reason.TOKEN_INVALID);
    // A token of another document.
    signFile("SignApproved", receiver.ticket("cv-43", original, leader));
    assertThat(next().reason()).isEqualTo(Reason.TOKEN_INVALID);

    UploadReceiver later =
        UploadReceiver.builder(KEY, PdfVerifier.builder(PKI.verifier()).build()::verify)
            .clock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(16)), ZoneOffset.UTC))
            .build();
    assertThat(
            later
                .receive(
                    token,
                    "cv-42",
                    original,
                    "application/pdf",
                    new ByteArrayInputStream(new byte[10]),
                    dir.resolve("x.pdf"),
                    info)
                .reason())
        .isEqualTo(Reason.TOKEN_EXPIRED);

    String fresh = receiver.ticket("cv-42", original, leader);
    Files.write(original, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
    signFile("SignApproved", fresh);
    assertThat(next().reason()).isEqualTo(Reason.DOCUMENT_CHANGED);
    assertThat(dir.resolve("signed-cv-42.pdf")).doesNotExist();
  }

  @Test
  void fileMode_notTheDocumentSent_twoSignatures_tampered_orDenied_areRefused() throws Exception {
    X509Certificate leader = PKI.pki().credential(TestIdentity.CHAIRMAN).certificate();
    // The engine signs another document.
    plugin.fileSigner(
        (pdf, verb, params, key) ->
            signAsThePluginWould(
                Files.readAllBytes(letter(dir.resolve("other.pdf"))), verb, params, key));
    signFile("SignApproved", receiver.ticket("cv-42", original, leader));
    assertThat(next().reason()).isEqualTo(Reason.NOT_THE_DOCUMENT_SENT);
    // The engine signs twice.
    plugin.fileSigner(
        (pdf, verb, params, key) ->
            signAsThePluginWould(signAsThePluginWould(pdf, verb, params, key), verb, params, key));
    signFile("SignApproved", receiver.ticket("cv-42", original, leader));
    assertThat(next().reason()).isEqualTo(Reason.NOT_ONE_NEW_SIGNATURE);
    // A byte of the signed revision changed after signing.
    plugin.fileSigner(
        (pdf, verb, params, key) -> {
          byte[] signed = signAsThePluginWould(pdf, verb, params, key);
          int at = pdf.length + 40;
          signed[at] = (byte) (signed[at] == ' ' ? '\n' : ' ');
          return signed;
        });
    signFile("SignApproved", receiver.ticket("cv-42", original, leader));
    UploadDecision tampered = next();
    assertThat(tampered.reason())
        .isIn(Reason.SIGNATURE_NOT_PASSED, Reason.UNREADABLE, Reason.NOT_ONE_NEW_SIGNATURE);
    assertThat(tampered.accepted()).isFalse();
    // A secret (Mật) document may not be signed electronically: the policy denies it.
    plugin.fileSigner(VgcaPluginTest::signAsThePluginWould);
    info = DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
    signFile("SignApproved", receiver.ticket("cv-42", original, leader));
    UploadDecision denied = next();
    assertThat(denied.reason()).isEqualTo(Reason.POLICY_DENIED);
    assertThat(denied.details()).isNotEmpty();
    assertThat(dir.resolve("signed-cv-42.pdf")).doesNotExist();
  }

  @Test
  void fileMode_downloadFailures_andBadUploads() throws Exception {
    X509Certificate leader = PKI.pki().credential(TestIdentity.CHAIRMAN).certificate();
    String answer =
        plugin.call(
            "SignApproved",
            "{\"FileUploadHandler\":\""
                + app.uri("upload/cv-42?token=x")
                + "\",\"FileName\":\""
                + app.uri("files/missing.pdf")
                + "\"}");
    assertThat(answer).contains("\"Status\":5", "HTTP 404");
    String token = receiver.ticket("cv-42", original, leader);
    assertThat(
            receiver
                .receive(
                    token,
                    "cv-42",
                    original,
                    "multipart/form-data; boundary=abc",
                    new ByteArrayInputStream(
                        "--abc\r\n\r\nnothing\r\n--abc--".getBytes(StandardCharsets.UTF_8)),
                    dir.resolve("y.pdf"),
                    info)
                .reason())
        .isEqualTo(Reason.NO_FILE);
    UploadReceiver small =
        UploadReceiver.builder(KEY, PdfVerifier.builder(PKI.verifier()).build()::verify)
            .maxBytes(100)
            .build();
    assertThat(
            small
                .receive(
                    small.ticket("cv-42", original, leader),
                    "cv-42",
                    original,
                    "application/pdf",
                    new ByteArrayInputStream(new byte[1000]),
                    dir.resolve("z.pdf"),
                    info)
                .reason())
        .isEqualTo(Reason.TOO_LARGE);
    assertThat(
            receiver
                .receive(
                    null,
                    "cv-42",
                    original,
                    "",
                    new ByteArrayInputStream(new byte[0]),
                    dir.resolve("n.pdf"),
                    info)
                .reason())
        .isEqualTo(Reason.TOKEN_INVALID);
    assertThat(dir.resolve("y.pdf")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no temporary upload is left behind")
          .noneMatch(n -> n.endsWith(".upload"));
    }
  }
}
