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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.asic.AsicOptions;
import vn.kyso.asic.AsicSignatureForm;
import vn.kyso.asic.AsicSigner;
import vn.kyso.asic.AsicType;
import vn.kyso.cades.CadesLevel;
import vn.kyso.cades.CadesPackaging;
import vn.kyso.cades.CadesSignatureOptions;
import vn.kyso.cades.CadesSigner;
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

  static List<Arguments> asicCases() {
    List<Arguments> cases = new ArrayList<>();
    for (AsicSignatureForm form : AsicSignatureForm.values()) {
      cases.add(Arguments.of(AsicType.S, form, SignatureLevel.B_T));
      cases.add(Arguments.of(AsicType.E, form, SignatureLevel.B_T));
      cases.add(Arguments.of(AsicType.E, form, SignatureLevel.B_LTA));
    }
    return cases;
  }

  static List<Arguments> cadesCases() {
    List<Arguments> cases = new ArrayList<>();
    for (CadesLevel level : CadesLevel.values()) {
      for (CadesPackaging packaging : CadesPackaging.values()) {
        cases.add(Arguments.of(level, packaging));
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
    Path report =
        Files.write(
            dir.resolve("bao-cao.docx"), Xml.RECORD.repeat(50).getBytes(StandardCharsets.UTF_8));
    CadesSigner cades =
        CadesSigner.builder()
            .timestampClient(PKI.tsaClient())
            .certificateVerifier(PKI.verifier())
            .build();
    for (Arguments a : cadesCases()) {
      CadesLevel level = (CadesLevel) a.get()[0];
      CadesPackaging packaging = (CadesPackaging) a.get()[1];
      String id = "cades-" + level + "-" + packaging;
      boolean detached = packaging == CadesPackaging.DETACHED;
      Path signed = dir.resolve(id + (detached ? ".p7s" : ".p7m"));
      try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        cades.sign(
            report,
            signed,
            CadesSignatureOptions.builder(level, packaging).build(),
            token.keys().get(0));
      }
      checks.add(
          new Dss.Check(id, signed, detached ? "bao-cao.docx" : null, detached ? report : null));
    }
    // Two parallel signers, the first counter-signed (B-T each).
    Path first = dir.resolve("cades-first.p7s");
    Path both = dir.resolve("cades-parallel.p7s");
    Path countered = dir.resolve("cades-counter.p7s");
    try (SigningToken a = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken b = PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).signingToken();
        SigningToken c = PKI.pki().credential(TestIdentity.CHIEF_OF_OFFICE).signingToken()) {
      cades.sign(
          report,
          first,
          CadesSignatureOptions.builder(CadesLevel.B_T, CadesPackaging.DETACHED).build(),
          a.keys().get(0));
      cades.sign(
          report,
          both,
          CadesSignatureOptions.builder(CadesLevel.B_T, CadesPackaging.DETACHED)
              .parallelTo(first)
              .build(),
          b.keys().get(0));
      cades.counterSign(
          both,
          countered,
          0,
          CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
          c.keys().get(0));
    }
    Path annex =
        Files.write(dir.resolve("phu-luc.xlsx"), Xml.RECORD.getBytes(StandardCharsets.UTF_8));
    AsicSigner asic =
        AsicSigner.builder()
            .cades(cades)
            .xades(
                XmlSigner.builder()
                    .timestampClient(PKI.tsaClient())
                    .certificateVerifier(PKI.verifier())
                    .build())
            .build();
    for (Arguments a : asicCases()) {
      AsicType type = (AsicType) a.get()[0];
      AsicSignatureForm form = (AsicSignatureForm) a.get()[1];
      SignatureLevel level = (SignatureLevel) a.get()[2];
      String id = "asic-" + type + "-" + form + "-" + level;
      Path container = dir.resolve(id + (type == AsicType.S ? ".asics" : ".asice"));
      try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        asic.create(
            type == AsicType.S ? List.of(report) : List.of(report, annex),
            container,
            AsicOptions.builder(type, form).level(level).build(),
            token.keys().get(0));
      }
      checks.add(new Dss.Check(id, container, null, null));
    }
    checks.add(new Dss.Check("cades-parallel", both, "bao-cao.docx", report));
    checks.add(new Dss.Check("cades-counter", countered, "bao-cao.docx", report));
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
          signedXml,
          report,
          dir.resolve("remote-" + adapter + ".p7s"));
      checks.add(new Dss.Check("remote-pades-" + adapter, pdf, null, null));
      checks.add(new Dss.Check("remote-xades-" + adapter, signedXml, null, null));
      checks.add(
          new Dss.Check(
              "remote-cades-" + adapter,
              dir.resolve("remote-" + adapter + ".p7s"),
              "bao-cao.docx",
              report));
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

  @ParameterizedTest(name = "remote {0}: PAdES B-T, XAdES B-B and CAdES B-B")
  @MethodSource("remoteCases")
  void remote(String adapter) {
    for (String format : List.of("pades", "xades", "cades")) {
      List<Dss.Verdict> v = verdicts.get("remote-" + format + "-" + adapter);
      assertThat(v).hasSize(1);
      assertThat(v.get(0).passed()).as(v.get(0).toString()).isTrue();
      Conformance.record(
          "Kyso " + format + " signed remotely via " + adapter + " -> DSS", v.toString(), true);
    }
  }

  @ParameterizedTest(name = "CAdES {0} {1}")
  @MethodSource("cadesCases")
  void cades(CadesLevel level, CadesPackaging packaging) {
    List<Dss.Verdict> v = verdicts.get("cades-" + level + "-" + packaging);

    assertThat(v).hasSize(1);
    assertThat(v.get(0).passed()).as(v.get(0).toString()).isTrue();
    Conformance.record("Kyso CAdES " + level + " " + packaging + " -> DSS", v.toString(), true);
  }

  @ParameterizedTest(name = "ASiC-{0} {1} {2}")
  @MethodSource("asicCases")
  void asic(AsicType type, AsicSignatureForm form, SignatureLevel level) {
    List<Dss.Verdict> v = verdicts.get("asic-" + type + "-" + form + "-" + level);

    assertThat(v).hasSize(1);
    assertThat(v.get(0).passed()).as(v.get(0).toString()).isTrue();
    Conformance.record(
        "Kyso ASiC-" + type + " " + form + " " + level + " -> DSS", v.toString(), true);
  }

  @Test
  void cades_parallelSigners_andACounterSignature() {
    List<Dss.Verdict> parallel = verdicts.get("cades-parallel");
    List<Dss.Verdict> counter = verdicts.get("cades-counter");

    assertThat(parallel).hasSize(2).allMatch(Dss.Verdict::passed, "passed");
    // DSS lists the counter-signature as a signature of its own.
    assertThat(counter).hasSize(3).allMatch(Dss.Verdict::passed, "passed");
    Conformance.record("Kyso CAdES two parallel signers -> DSS", parallel.toString(), true);
    Conformance.record("Kyso CAdES counter-signature -> DSS", counter.toString(), true);
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
