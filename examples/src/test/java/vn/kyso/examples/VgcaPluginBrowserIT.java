package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.shared.Json;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.VgcaPluginServer;
import vn.kyso.testkit.VgcaPluginServer.Fault;

/**
 * The browser signing example in Debian's headless Chromium: the page's helper talks to the fake
 * plug-in over WSS, the server prepares and completes (hash mode, the leader) or verifies the
 * upload (file mode, the văn thư with the organisation's certificate); the document ends signed
 * twice, verified and allowed. Also the plug-in missing or slow to open, a garbage answer, a
 * cancellation, a removed token, a value by another key, and the văn thư issuing before the leader
 * signed (the policy refuses the upload).
 */
class VgcaPluginBrowserIT {
  @RegisterExtension
  static final TestPkiExtension PKI =
      TestPkiExtension.builder().seed(31).clock(Clock.systemUTC()).build();

  private static final byte[] KEY =
      "browser-it-upload-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir static Path work;
  private static DevTools chromium;

  @TempDir Path dir;
  private VgcaPluginServer leader;
  private VgcaPluginServer clerk;
  private BrowserSigningApp app;

  @BeforeAll
  static void browser() throws Exception {
    ExternalTools.requireCommand("chromium", "chromium");
    chromium = DevTools.launch(work);
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    leader = new VgcaPluginServer(PKI.pki().credential(TestIdentity.CHAIRMAN));
    clerk = new VgcaPluginServer(PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION));
    clerk.fileSigner(VgcaPluginBrowserIT::signAsThePluginWould);
    Path letter = dir.resolve("cong-van.pdf");
    try (PDDocument d = new PDDocument()) {
      d.addPage(new PDPage());
      d.save(letter.toFile());
    }
    app =
        BrowserSigningApp.start(
            dir.resolve("app"),
            letter,
            verifier(),
            Policy.preset("national").build(),
            DocumentInfo.builder("Công văn").build(),
            DocumentInfo.builder("Công văn")
                .numberSymbol("12/UBND-VP")
                .issueDate(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")))
                .build(),
            KEY,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    app.close();
    leader.close();
    clerk.close();
  }

  private static CertificateVerifier verifier() {
    return PKI.verifierBuilder()
        .intermediates(List.of(PKI.pki().intermediate().certificate()))
        .build();
  }

  /** The plug-in's own engine in file mode: a PAdES signature with the key it holds. */
  static byte[] signAsThePluginWould(
      byte[] pdf, String verb, Map<String, Object> params, SigningKey key) throws Exception {
    Path d = Files.createTempDirectory(work, "engine");
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

  private Map<String, Object> run(VgcaPluginServer plugin, String step) throws Exception {
    chromium.open(app.uri() + "?plugin=" + plugin.base(), "typeof window.kyso === 'object'");
    String json = chromium.evaluate("window.kyso." + step + "().then(r => JSON.stringify(r))");
    return Json.object(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLeaderSignsInHashMode_thenTheClerkIssuesInFileMode() throws Exception {
    Map<String, Object> signed = run(leader, "leaderSigns");
    assertThat(signed).as(signed.toString()).containsEntry("ok", true);
    assertThat(signed.get("overall")).isEqualTo("TOTAL_PASSED");
    assertThat(leader.calls()).containsExactly("GetCertInfo", "SignMsg");

    Map<String, Object> issued = run(clerk, "clerkIssues");
    assertThat(issued).as(issued.toString()).containsEntry("ok", true);
    Map<String, Object> state = Json.object(issued, "state");
    assertThat(state.get("overall")).as(state.toString()).isEqualTo("TOTAL_PASSED");
    assertThat(Json.list(state, "signatures")).hasSize(2);
    assertThat(state.get("policy")).as(state.toString()).isEqualTo("ALLOW");
    assertThat(clerk.calls()).containsExactly("GetCertInfo", "SignIssued");

    var report = PdfVerifier.builder(verifier()).build().verify(app.current());
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.signatures()).hasSize(2);
  }

  @Test
  void pluginMissing_cancelled_andAValueByAnotherKey_areTold() throws Exception {
    chromium.open(
        app.uri() + "?plugin=wss://127.0.0.1:1&lang=en", "typeof window.kyso === 'object'");
    assertThat(chromium.evaluate("window.kyso.probe().then(r => String(r.installed))"))
        .isEqualTo("false");
    Map<String, Object> missing =
        Json.object(
            chromium
                .evaluate("window.kyso.leaderSigns().then(r => JSON.stringify(r))")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(missing).containsEntry("ok", false).containsEntry("code", "NOT_INSTALLED");

    // A service that takes longer than 3 s to open counts as absent; one that answers garbage.
    leader.fault(Fault.SLOW_OPEN);
    chromium.open(app.uri() + "?plugin=" + leader.base(), "typeof window.kyso === 'object'");
    assertThat(chromium.evaluate("window.kyso.probe().then(r => String(r.installed))"))
        .isEqualTo("false");
    leader.fault(Fault.GARBAGE);
    assertThat(run(leader, "leaderSigns")).containsEntry("code", "GARBAGE");
    leader.fault(Fault.CANCEL);
    assertThat(run(leader, "leaderSigns")).containsEntry("code", "CANCELLED");
    leader.fault(Fault.TOKEN_REMOVED);
    assertThat(run(leader, "leaderSigns")).containsEntry("code", "TOKEN_REMOVED");
    leader.fault(Fault.WRONG_KEY);
    Map<String, Object> wrong = run(leader, "leaderSigns");
    assertThat(wrong).containsEntry("ok", false).containsEntry("code", "SERVER_422");
    assertThat(Json.object(wrong, "body")).containsEntry("code", "SIGNATURE_VALUE_INVALID");
    assertThat(PdfVerifier.builder(verifier()).build().verify(app.current()).signatures())
        .as("nothing was signed")
        .isEmpty();
  }

  @Test
  void theClerkIssuingBeforeTheLeaderSigned_isRefusedByThePolicy() throws Exception {
    Map<String, Object> issued = run(clerk, "clerkIssues");
    assertThat(issued)
        .as(issued.toString())
        .containsEntry("ok", false)
        .containsEntry("code", "FAILED");
    assertThat(String.valueOf(issued.get("message"))).contains("không cho phép");
    assertThat(PdfVerifier.builder(verifier()).build().verify(app.current()).signatures())
        .isEmpty();
  }
}
