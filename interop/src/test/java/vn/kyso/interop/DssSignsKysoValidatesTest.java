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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.asic.AsicVerifier;
import vn.kyso.cades.CadesVerifier;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XmlVerifier;

/**
 * Signatures the EU DSS library produces validate TOTAL_PASSED in Kyso at every baseline level and
 * packaging, and DSS-made signatures with a revoked, expired or foreign-root certificate get the
 * same indication from both libraries.
 */
class DssSignsKysoValidatesTest {
  @RegisterExtension
  static final TestPkiExtension PKI =
      TestPkiExtension.builder().seed(2207).clock(Clock.systemUTC()).build();

  @TempDir static Path dir;

  private static final String PASSWORD = "interop";
  private static final List<String> PADES =
      List.of("PAdES_BASELINE_B", "PAdES_BASELINE_T", "PAdES_BASELINE_LT", "PAdES_BASELINE_LTA");
  private static final List<String> XADES =
      List.of("XAdES_BASELINE_B", "XAdES_BASELINE_T", "XAdES_BASELINE_LT", "XAdES_BASELINE_LTA");
  private static final List<String> PACKAGINGS = List.of("ENVELOPED", "ENVELOPING", "DETACHED");
  private static final List<String> CADES =
      List.of("CAdES_BASELINE_B", "CAdES_BASELINE_T", "CAdES_BASELINE_LT", "CAdES_BASELINE_LTA");
  private static byte[] record;
  private static Map<String, String> made;
  private static Map<String, List<Dss.Verdict>> theirVerdicts;

  static List<Arguments> cadesCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String level : CADES) {
      for (String packaging : List.of("DETACHED", "ENVELOPING")) {
        cases.add(Arguments.of(level, packaging));
      }
    }
    return cases;
  }

  static List<Arguments> asicCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String format : List.of("asic-cades", "asic-xades")) {
      cases.add(Arguments.of(format, "ASiC_S", "B"));
      cases.add(Arguments.of(format, "ASiC_E", "B"));
      cases.add(Arguments.of(format, "ASiC_E", "LTA"));
    }
    return cases;
  }

  static List<Arguments> xadesCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String level : XADES) {
      for (String packaging : PACKAGINGS) {
        cases.add(Arguments.of(level, packaging));
      }
    }
    return cases;
  }

  private static Path p12(TestIdentity who) throws Exception {
    Path p = dir.resolve(who + ".p12");
    if (!Files.exists(p)) {
      Files.write(p, PKI.pki().credential(who).toPkcs12(PASSWORD.toCharArray()));
    }
    return p;
  }

  @BeforeAll
  static void dssSignsEverything() throws Exception {
    Path letter = Pdfs.letter(dir.resolve("cong-van.pdf"));
    record = Xml.RECORD.getBytes(StandardCharsets.UTF_8);
    Path xml = Files.write(dir.resolve("ho-so.xml"), record);
    Path detachedPdf = Files.write(dir.resolve("ho-so.pdf"), record);
    List<Dss.Job> jobs = new ArrayList<>();
    for (String level : PADES) {
      jobs.add(
          new Dss.Job(
              level,
              "pades",
              level,
              "-",
              p12(TestIdentity.CHAIRMAN),
              PASSWORD,
              letter,
              dir.resolve(level + ".pdf")));
    }
    for (String level : XADES) {
      for (String packaging : PACKAGINGS) {
        jobs.add(
            new Dss.Job(
                level + "-" + packaging,
                "xades",
                level,
                packaging,
                p12(TestIdentity.CHAIRMAN),
                PASSWORD,
                packaging.equals("DETACHED") ? detachedPdf : xml,
                dir.resolve(level + "-" + packaging + ".xml")));
      }
    }
    for (Arguments a : cadesCases()) {
      String level = (String) a.get()[0];
      String packaging = (String) a.get()[1];
      jobs.add(
          new Dss.Job(
              level + "-" + packaging,
              "cades",
              level,
              packaging,
              p12(TestIdentity.CHAIRMAN),
              PASSWORD,
              detachedPdf,
              dir.resolve(level + "-" + packaging + ".p7")));
    }
    for (Arguments a : asicCases()) {
      String format = (String) a.get()[0];
      String type = (String) a.get()[1];
      String level = (String) a.get()[2];
      String id = format + "-" + type + "-" + level;
      jobs.add(
          new Dss.Job(
              id,
              format,
              (format.equals("asic-cades") ? "CAdES" : "XAdES") + "_BASELINE_" + level,
              type,
              p12(TestIdentity.CHAIRMAN),
              PASSWORD,
              detachedPdf,
              dir.resolve(id + (type.equals("ASiC_S") ? ".asics" : ".asice"))));
    }
    List<Dss.Check> broken = new ArrayList<>();
    for (TestIdentity who :
        List.of(TestIdentity.REVOKED, TestIdentity.EXPIRED, TestIdentity.FOREIGN_ROOT)) {
      Path out = dir.resolve("broken-" + who + ".pdf");
      jobs.add(
          new Dss.Job(
              "broken-" + who, "pades", "PAdES_BASELINE_T", "-", p12(who), PASSWORD, letter, out));
      broken.add(new Dss.Check("broken-" + who, out, null, null));
      // without a time-stamp nothing proves when it was signed: no deliberate difference is left
      Path bb = dir.resolve("broken-bb-" + who + ".pdf");
      jobs.add(
          new Dss.Job(
              "broken-bb-" + who,
              "pades",
              "PAdES_BASELINE_B",
              "-",
              p12(who),
              PASSWORD,
              letter,
              bb));
      broken.add(new Dss.Check("broken-bb-" + who, bb, null, null));
    }
    Dss dss = new Dss(PKI.pki().root(), PKI.tsa().uri(), dir);
    made = dss.sign(jobs);
    theirVerdicts = dss.validate(broken);
  }

  @ParameterizedTest(name = "DSS {0}")
  @ValueSource(
      strings = {"PAdES_BASELINE_B", "PAdES_BASELINE_T", "PAdES_BASELINE_LT", "PAdES_BASELINE_LTA"})
  void pades(String level) throws Exception {
    assertThat(made).containsEntry(level, null);

    ValidationReport report =
        PdfVerifier.builder(PKI.verifier()).build().verify(dir.resolve(level + ".pdf"));
    List<SignatureResult> results = new ArrayList<>(report.signatures());

    // B-LTA adds a document time-stamp, which Kyso lists apart from the signature.
    assertThat(results)
        .singleElement()
        .extracting(SignatureResult::format)
        .isEqualTo(SignatureFormat.PADES_BASELINE);
    assertThat(report.documentTimestamps()).hasSize(level.equals("PAdES_BASELINE_LTA") ? 1 : 0);
    results.addAll(report.documentTimestamps());
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.indication())
                    .as(r.findings().toString())
                    .isEqualTo(Indication.TOTAL_PASSED));
    Conformance.record("DSS " + level + " -> Kyso", results.get(0).indication().toString(), true);
  }

  @ParameterizedTest(name = "DSS {0} {1}")
  @MethodSource("xadesCases")
  void xades(String level, String packaging) throws Exception {
    String id = level + "-" + packaging;
    assertThat(made).containsEntry(id, null);
    boolean detached = packaging.equals("DETACHED");

    List<SignatureResult> results =
        XmlVerifier.builder(PKI.verifier())
            .build()
            .verify(dir.resolve(id + ".xml"), detached ? Map.of("ho-so.pdf", record) : Map.of())
            .report()
            .signatures();

    assertThat(results).hasSize(1);
    assertThat(results.get(0).indication())
        .as(results.get(0).findings().toString())
        .isEqualTo(Indication.TOTAL_PASSED);
    Conformance.record("DSS " + id + " -> Kyso", results.get(0).indication().toString(), true);
  }

  @ParameterizedTest(name = "DSS {0} {1}")
  @MethodSource("cadesCases")
  void cades(String level, String packaging) throws Exception {
    String id = level + "-" + packaging;
    assertThat(made).containsEntry(id, null);
    boolean detached = packaging.equals("DETACHED");

    ValidationReport report =
        CadesVerifier.builder(PKI.verifier())
            .build()
            .verify(dir.resolve(id + ".p7"), detached ? dir.resolve("ho-so.pdf") : null);

    assertThat(report.signatures()).hasSize(1);
    SignatureResult r = report.signatures().get(0);
    assertThat(r.indication()).as(r.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.level().name()).isEqualTo(level.replace("CAdES_BASELINE_", "B_"));
    Conformance.record("DSS " + id + " -> Kyso", r.indication().toString(), true);
  }

  @ParameterizedTest(name = "DSS {0} {1} {2}")
  @MethodSource("asicCases")
  void asic(String format, String type, String level) throws Exception {
    String id = format + "-" + type + "-" + level;
    assertThat(made).containsEntry(id, null);

    ValidationReport report =
        AsicVerifier.builder(PKI.verifier())
            .build()
            .verify(dir.resolve(id + (type.equals("ASiC_S") ? ".asics" : ".asice")));

    assertThat(report.signatures()).hasSize(1);
    SignatureResult r = report.signatures().get(0);
    assertThat(report.overall())
        .as(report.toText(java.util.Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.level().name()).isEqualTo("B_" + level);
    Conformance.record("DSS " + id + " -> Kyso", r.indication().toString(), true);
  }

  @ParameterizedTest(name = "{0} signer, PAdES B-T made by DSS")
  @EnumSource(
      value = TestIdentity.class,
      names = {"FOREIGN_ROOT"})
  void brokenSigner_sameIndicationFromBoth(TestIdentity who) throws Exception {
    assertSameIndication("broken-" + who, who + " signer (DSS-made B-T): same indication");
  }

  @ParameterizedTest(name = "{0} signer, PAdES B-B made by DSS: same indication")
  @EnumSource(
      value = TestIdentity.class,
      names = {"EXPIRED", "FOREIGN_ROOT"})
  void brokenSignerWithoutTimestamp_sameIndicationFromBoth(TestIdentity who) throws Exception {
    assertSameIndication("broken-bb-" + who, who + " signer (DSS-made B-B): same indication");
  }

  /** DSS made the signature; neither library passes it, and both give the same indication. */
  private static void assertSameIndication(String id, String caseName) throws Exception {
    assertThat(made).containsEntry(id, null);
    Dss.Verdict theirs = theirVerdicts.get(id).get(0);

    SignatureResult ours = kyso(id);

    assertThat(theirs.passed()).as(theirs.toString()).isFalse();
    assertThat(ours.indication().name())
        .as("DSS said %s; Kyso %s", theirs, ours.findings())
        .isEqualTo(theirs.indication());
    Conformance.record(
        caseName,
        "DSS "
            + theirs
            + " / Kyso "
            + ours.indication()
            + ours.subIndication().map(s -> "/" + s).orElse(""),
        true);
  }

  /**
   * A deliberate disagreement: the signing certificate was revoked, or had expired, before the
   * time-stamp that proves the signature existed (B-T), or was revoked before the signing time the
   * signer itself signed (B-B, the signature dictionary's /M). Kyso fails it (TOTAL_FAILED with
   * REVOKED or EXPIRED: SECURITY.md, "revoked before the proven signing time is fatal", ETSI EN 319
   * 102-1's EXPIRED, and a signer's own signed claim to have signed after the revocation is not a
   * doubt in its favour); DSS's default policy stops earlier, at the negative revocation answer,
   * and leaves it INDETERMINATE. Neither passes it.
   */
  @ParameterizedTest(name = "{0}: Kyso fails, DSS indeterminate")
  @ValueSource(strings = {"broken-REVOKED", "broken-EXPIRED", "broken-bb-REVOKED"})
  void brokenSigner_deliberatelyStricter(String id) throws Exception {
    boolean revoked = id.endsWith("REVOKED");
    assertThat(made).containsEntry(id, null);
    Dss.Verdict theirs = theirVerdicts.get(id).get(0);

    SignatureResult ours = kyso(id);

    assertThat(theirs.indication()).as(theirs.toString()).isEqualTo("INDETERMINATE");
    assertThat(ours.indication()).as(ours.findings().toString()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(ours.findings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo(revoked ? "CERT_REVOKED" : "CERT_EXPIRED"));
    String what =
        id.startsWith("broken-bb-")
            ? " signer revoked before its own signed signing time (DSS-made B-B)"
            : (revoked ? " REVOKED" : " EXPIRED") + " signer before the time-stamp (DSS-made B-T)";
    Conformance.record(
        "deliberate:" + what,
        "DSS "
            + theirs
            + " / Kyso "
            + ours.indication()
            + ours.subIndication().map(s -> "/" + s).orElse(""),
        true);
  }

  private static SignatureResult kyso(String id) throws Exception {
    return PdfVerifier.builder(PKI.verifier())
        .build()
        .verify(dir.resolve(id + ".pdf"))
        .signatures()
        .get(0);
  }
}
