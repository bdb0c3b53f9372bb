package vn.kyso.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;

/**
 * Every kind of signature Kyso produces validates TOTAL_PASSED in the EU DSS library (6.4, its
 * default policy) given the same trust anchor and the same revocation servers: PAdES B-B, B-T, B-LT
 * and B-LTA, single and signed again by a second signer, invisible and visible; XAdES B-B to B-LTA
 * in the three packagings; and PAdES B-T and XAdES B-B signed through each remote signing adapter
 * (CSC, "769", MySign, MSS) and its loopback service, and through the government browser plug-in's
 * hash mode (its loopback fake). Kyso signs on its own shipped dependencies; DSS validates every
 * file in one child JVM on its own.
 */
class KysoSignsDssValidatesTest {
  @RegisterExtension
  static final TestPkiExtension PKI =
      TestPkiExtension.builder().seed(1107).clock(Clock.systemUTC()).build();

  @TempDir static Path dir;

  private static Map<String, List<Dss.Verdict>> verdicts;

  enum Shape {
    INVISIBLE,
    VISIBLE,
    TWO_SIGNERS
  }

  static List<Arguments> padesCases() {
    List<Arguments> cases = new ArrayList<>();
    for (PadesLevel level : PadesLevel.values()) {
      for (Shape shape : Shape.values()) {
        cases.add(Arguments.of(level, shape));
      }
    }
    return cases;
  }

  static List<Arguments> xadesCases() {
    List<Arguments> cases = new ArrayList<>();
    for (XadesLevel level : XadesLevel.values()) {
      for (XadesPackaging packaging : XadesPackaging.values()) {
        cases.add(Arguments.of(level, packaging));
      }
    }
    return cases;
  }

  private static PdfSigner pdfSigner() {
    return PdfSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .build();
  }

  @BeforeAll
  static void signEverythingThenAskDss() throws Exception {
    List<Dss.Check> checks = new ArrayList<>();
    Path letter = Pdfs.letter(dir.resolve("cong-van.pdf"));
    for (Arguments a : padesCases()) {
      PadesLevel level = (PadesLevel) a.get()[0];
      Shape shape = (Shape) a.get()[1];
      String id = "pades-" + level + "-" + shape;
      Path signed = dir.resolve(id + ".pdf");
      PdfSignatureOptions.Builder options =
          PdfSignatureOptions.builder(level).reason("Phát hành / Issued");
      if (shape == Shape.VISIBLE) {
        options.visible(VisibleSignature.copy(CopyForm.SAO_Y, "Sở Nội vụ tỉnh Thử Nghiệm"));
      }
      try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        pdfSigner().sign(letter, signed, options.build(), token.keys().get(0));
      }
      if (shape == Shape.TWO_SIGNERS) {
        Path twice = dir.resolve(id + "-2.pdf");
        try (SigningToken token = PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).signingToken()) {
          pdfSigner()
              .sign(signed, twice, PdfSignatureOptions.builder(level).build(), token.keys().get(0));
        }
        signed = twice;
      }
      checks.add(new Dss.Check(id, signed, null, null));
    }
    byte[] record = Xml.RECORD.getBytes(StandardCharsets.UTF_8);
    Path xml = Files.write(dir.resolve("ho-so.xml"), record);
    Path detachedPdf = Files.write(dir.resolve("ho-so.pdf"), record);
    for (Arguments a : xadesCases()) {
      XadesLevel level = (XadesLevel) a.get()[0];
      XadesPackaging packaging = (XadesPackaging) a.get()[1];
      String id = "xades-" + level + "-" + packaging;
      Path signed = dir.resolve(id + ".xml");
      boolean detached = packaging == XadesPackaging.DETACHED;
      try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        XmlSigner.builder()
            .timestampClient(PKI.tsaClient())
            .certificateVerifier(PKI.verifier())
            .build()
            .sign(
                detached ? detachedPdf : xml,
                signed,
                XmlSignatureOptions.builder(level, packaging).build(),
                token.keys().get(0));
      }
      checks.add(
          new Dss.Check(id, signed, detached ? "ho-so.pdf" : null, detached ? detachedPdf : null));
    }
    for (String adapter : RemoteSigned.ADAPTERS) {
      Path pdf = dir.resolve("remote-" + adapter + ".pdf");
      Path signedXml = dir.resolve("remote-" + adapter + ".xml");
      RemoteSigned.sign(
          adapter,
          PKI.pki(),
          PKI.pki().credential(TestIdentity.VICE_CHAIRMAN),
          pdfSigner(),
          letter,
          pdf,
          xml,
          signedXml);
      checks.add(new Dss.Check("remote-pades-" + adapter, pdf, null, null));
      checks.add(new Dss.Check("remote-xades-" + adapter, signedXml, null, null));
    }
    verdicts = new Dss(PKI.pki().root(), PKI.tsa().uri(), dir).validate(checks);
  }

  @ParameterizedTest(name = "PAdES {0} {1}")
  @MethodSource("padesCases")
  void pades(PadesLevel level, Shape shape) {
    List<Dss.Verdict> v = verdicts.get("pades-" + level + "-" + shape);

    assertThat(v).hasSize(shape == Shape.TWO_SIGNERS ? 2 : 1);
    assertThat(v).allSatisfy(s -> assertThat(s.passed()).as(s.toString()).isTrue());
    Conformance.record("Kyso PAdES " + level + " " + shape + " -> DSS", v.toString(), true);
  }

  static List<String> remoteCases() {
    return RemoteSigned.ADAPTERS;
  }

  @ParameterizedTest(name = "remote {0}: PAdES B-T and XAdES B-B")
  @MethodSource("remoteCases")
  void remote(String adapter) {
    for (String format : List.of("pades", "xades")) {
      List<Dss.Verdict> v = verdicts.get("remote-" + format + "-" + adapter);
      assertThat(v).hasSize(1);
      assertThat(v.get(0).passed()).as(v.get(0).toString()).isTrue();
      Conformance.record(
          "Kyso " + format + " signed remotely via " + adapter + " -> DSS", v.toString(), true);
    }
  }

  @ParameterizedTest(name = "XAdES {0} {1}")
  @MethodSource("xadesCases")
  void xades(XadesLevel level, XadesPackaging packaging) {
    List<Dss.Verdict> v = verdicts.get("xades-" + level + "-" + packaging);

    assertThat(v).hasSize(1);
    assertThat(v.get(0).passed()).as(v.get(0).toString()).isTrue();
    Conformance.record("Kyso XAdES " + level + " " + packaging + " -> DSS", v.toString(), true);
  }
}
