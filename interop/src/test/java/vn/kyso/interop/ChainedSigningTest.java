package vn.kyso.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.Placement;
import vn.kyso.pades.SignatureImage;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Documents signed in turn by Kyso and by the EU DSS library, on a tagged PDF/A letter, as a leader
 * and then the organisation sign with different tools: DSS signs (visibly) after Kyso's B-LTA, and
 * Kyso signs after DSS. Both libraries pass every signature (and Kyso the document time-stamp).
 */
class ChainedSigningTest {
  @RegisterExtension
  static final TestPkiExtension PKI =
      TestPkiExtension.builder().seed(3303).clock(Clock.systemUTC()).build();

  @TempDir static Path dir;

  private static final String PASSWORD = "interop";
  private static Map<String, List<Dss.Verdict>> theirs;

  private static PdfSigner kyso() {
    return PdfSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .build();
  }

  private static Path p12(TestIdentity who) throws Exception {
    Path p = dir.resolve(who + ".p12");
    if (!Files.exists(p)) {
      Files.write(p, PKI.pki().credential(who).toPkcs12(PASSWORD.toCharArray()));
    }
    return p;
  }

  @BeforeAll
  static void signInTurns() throws Exception {
    Path letter = Pdfs.taggedPdfA(dir.resolve("cong-van-pdfa.pdf"));
    Dss dss = new Dss(PKI.pki().root(), PKI.tsa().uri(), dir);
    // Kyso first: the leader's visible B-LTA, then DSS's ordinary visible B-B; and Kyso B-T.
    Path kysoLta = dir.resolve("kyso-lta.pdf");
    Path kysoBt = dir.resolve("kyso-bt.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      kyso()
          .sign(
              letter,
              kysoLta,
              PdfSignatureOptions.builder(PadesLevel.B_LTA)
                  .visible(VisibleSignature.copy(CopyForm.SAO_Y, "Sở Nội vụ tỉnh Thử Nghiệm"))
                  .build(),
              token.keys().get(0));
      kyso()
          .sign(
              letter,
              kysoBt,
              PdfSignatureOptions.builder(PadesLevel.B_T).build(),
              token.keys().get(0));
    }
    // The demo's letter (`kyso demo`): not PDF/A, the leader's visible B-T with a handwritten
    // signature picture, the organisation's visible B-LTA with its seal; DSS then adds an output
    // intent for its own appearance.
    Path demo = dir.resolve("kyso-demo.pdf");
    Path leader = dir.resolve("kyso-demo-leader.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      kyso()
          .sign(
              Pdfs.letter(dir.resolve("cong-van-demo.pdf")),
              leader,
              PdfSignatureOptions.builder(PadesLevel.B_T)
                  .visible(
                      VisibleSignature.personal(
                          SignatureImage.png(picture(false)),
                          Placement.rectangle(
                              0,
                              100,
                              300,
                              150,
                              60,
                              Placement.Unit.POINT,
                              Placement.Origin.BOTTOM_LEFT)))
                  .build(),
              token.keys().get(0));
    }
    try (SigningToken token =
        PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      kyso()
          .sign(
              leader,
              demo,
              PdfSignatureOptions.builder(PadesLevel.B_LTA)
                  .visible(VisibleSignature.organisation(SignatureImage.png(picture(true)), 36, 36))
                  .build(),
              token.keys().get(0));
    }
    Map<String, String> made =
        dss.sign(
            List.of(
                job("dss-after-kyso-demo", "PAdES_BASELINE_B", demo),
                job("dss-after-kyso-lta", "PAdES_BASELINE_B", kysoLta),
                job("dss-after-kyso-bt", "PAdES_BASELINE_T", kysoBt),
                job("dss-first", "PAdES_BASELINE_T", letter)));
    assertThat(made).allSatisfy((id, error) -> assertThat(error).as(id).isNull());
    // Then Kyso after DSS, and after DSS-after-Kyso (a third signature).
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      kyso()
          .sign(
              dir.resolve("dss-first.pdf"),
              dir.resolve("kyso-after-dss.pdf"),
              PdfSignatureOptions.builder(PadesLevel.B_T).build(),
              token.keys().get(0));
      kyso()
          .sign(
              dir.resolve("dss-after-kyso-bt.pdf"),
              dir.resolve("kyso-after-dss-after-kyso.pdf"),
              PdfSignatureOptions.builder(PadesLevel.B_LT).build(),
              token.keys().get(0));
    }
    theirs =
        dss.validate(
            CASES.stream()
                .map(id -> new Dss.Check(id, dir.resolve(id + ".pdf"), null, null))
                .toList());
  }

  private static final List<String> CASES =
      List.of(
          "dss-after-kyso-demo",
          "dss-after-kyso-lta",
          "dss-after-kyso-bt",
          "kyso-after-dss",
          "kyso-after-dss-after-kyso");

  /** A handwritten signature (blue strokes) or a red round seal, with transparency. */
  private static byte[] picture(boolean seal) throws Exception {
    BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setStroke(new BasicStroke(8));
    if (seal) {
      g.setColor(new Color(200, 20, 20, 220));
      g.drawOval(10, 10, 220, 220);
      g.drawOval(40, 40, 160, 160);
    } else {
      g.setColor(new Color(20, 40, 160, 255));
      g.drawLine(20, 180, 120, 40);
      g.drawLine(120, 40, 220, 200);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static Dss.Job job(String id, String level, Path in) throws Exception {
    return new Dss.Job(
        id,
        "pades",
        level,
        "VISIBLE",
        p12(TestIdentity.VICE_CHAIRMAN),
        PASSWORD,
        in,
        dir.resolve(id + ".pdf"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "dss-after-kyso-demo",
        "dss-after-kyso-lta",
        "dss-after-kyso-bt",
        "kyso-after-dss",
        "kyso-after-dss-after-kyso"
      })
  void bothLibrariesPassEverySignature(String id) throws Exception {
    ValidationReport ours =
        PdfVerifier.builder(PKI.verifier()).build().verify(dir.resolve(id + ".pdf"));
    List<Dss.Verdict> v = theirs.get(id);

    assertThat(ours.overall()).as(ours.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(ours.signatures())
        .hasSize(
            id.equals("kyso-after-dss-after-kyso") || id.equals("dss-after-kyso-demo") ? 3 : 2);
    assertThat(v).hasSameSizeAs(ours.signatures());
    assertThat(v).allSatisfy(s -> assertThat(s.passed()).as(s.toString()).isTrue());
    Conformance.record(
        "chained " + id + (id.endsWith("demo") ? " (the demo letter)" : " (tagged PDF/A)"),
        "Kyso " + ours.overall() + ", DSS " + v,
        true);
  }
}
