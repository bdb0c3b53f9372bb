package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.ServiceException;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** B-LT and B-LTA: validation data in a DSS and document time-stamps, verified offline. */
class LongTermTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(21).build();

  private static PdfSigner signer() {
    return PdfSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  /** Offline: only what the document carries. */
  private static PdfVerifier offline() {
    return PdfVerifier.builder(
            CertificateVerifier.builder(PKI.pki().trustAnchors())
                .clock(PKI.pki().clock())
                .network(NetworkSettings.offline())
                .build())
        .build();
  }

  private static Path sign(Path dir, String name, Path in, PadesLevel level) throws Exception {
    Path out = dir.resolve(name);
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer().sign(in, out, PdfSignatureOptions.builder(level).build(), token.keys().get(0));
    }
    return out;
  }

  @Test
  void blt_verifiesOfflineFromTheDss(@TempDir Path dir) throws Exception {
    Path lt = sign(dir, "lt.pdf", TestPdfs.letter(dir, "l.pdf", null), PadesLevel.B_LT);

    ValidationReport report = offline().verify(lt);

    SignatureResult s = report.signatures().get(0);
    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.level()).isEqualTo(SignatureLevel.B_LT);
    assertThat(new String(Files.readAllBytes(lt), StandardCharsets.ISO_8859_1))
        .contains("/DSS", "/VRI");
  }

  @Test
  void aSignerThatHasSeenAToken_reservesItsSize_andTheLetterStillVerifies(@TempDir Path dir)
      throws Exception {
    PdfSigner one = signer();
    Path first = dir.resolve("first.pdf");
    Path second = dir.resolve("second.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSignatureOptions lta = PdfSignatureOptions.builder(PadesLevel.B_LTA).build();
      one.sign(TestPdfs.letter(dir, "a.pdf", null), first, lta, token.keys().get(0));
      one.sign(TestPdfs.letter(dir, "b.pdf", null), second, lta, token.keys().get(0));
    }

    List<Integer> before = contentsHexLengths(first);
    List<Integer> after = contentsHexLengths(second);
    // The first signature: 32 KiB (as hex, twice that). Its time-stamp token is then known, so
    // the document time-stamp right after it, and the next signature, reserve what they need: the
    // largest token seen and a margin (and the chain), well under the fixed 24 and 32 KiB.
    assertThat(before.get(0)).isEqualTo(64 * 1024);
    assertThat(before.get(1)).isLessThan(48 * 1024);
    assertThat(after.get(0)).isLessThan(before.get(0));
    assertThat(after.get(1)).isLessThan(48 * 1024);
    for (Path p : List.of(first, second)) {
      ValidationReport report = offline().verify(p);
      SignatureResult sig = report.signatures().get(0);
      SignatureResult ts = report.documentTimestamps().get(0);
      assertThat(sig.indication()).as(sig.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
      assertThat(sig.level()).isEqualTo(SignatureLevel.B_LTA);
      assertThat(ts.indication()).as(ts.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    }
  }

  private static List<Integer> contentsHexLengths(Path pdf) throws Exception {
    Matcher m =
        Pattern.compile("/Contents\\s*<([0-9A-Fa-f]*)>")
            .matcher(new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1));
    List<Integer> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).length());
    }
    return out;
  }

  @Test
  void bt_withoutDss_isIndeterminateOffline(@TempDir Path dir) throws Exception {
    Path bt = sign(dir, "bt.pdf", TestPdfs.letter(dir, "l.pdf", null), PadesLevel.B_T);

    SignatureResult s = offline().verify(bt).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.INDETERMINATE);
  }

  @Test
  void blta_hasAValidDocumentTimestamp_andTheSignatureReachesLta(@TempDir Path dir)
      throws Exception {
    Path lta = sign(dir, "lta.pdf", TestPdfs.letter(dir, "l.pdf", null), PadesLevel.B_LTA);

    ValidationReport report = offline().verify(lta);

    // A document time-stamp is evidence, not a signature: it is listed apart.
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.documentTimestamps()).hasSize(1);
    SignatureResult sig = report.signatures().get(0);
    SignatureResult ts = report.documentTimestamps().get(0);
    assertThat(sig.format()).isEqualTo(SignatureFormat.PADES_BASELINE);
    assertThat(ts.format()).isEqualTo(SignatureFormat.PDF_DOCUMENT_TIMESTAMP);
    assertThat(ts.indication()).as(ts.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(sig.indication()).as(sig.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(sig.level()).isEqualTo(SignatureLevel.B_LTA);
    assertThat(sig.validationDataUsable()).isTrue();
    // The signature carries its own time-stamp and the archive time-stamp over it.
    assertThat(sig.timestamps())
        .extracting(TimestampResult::kind)
        .containsExactly(TimestampResult.Kind.SIGNATURE, TimestampResult.Kind.ARCHIVE);
    assertThat(sig.timestamps()).allMatch(TimestampResult::isPassed);
    assertThat(sig.timestamps().get(1).id()).isEqualTo(ts.id());
    assertThat(sig.timestamps().get(0).tsaName()).startsWith("CN=");
  }

  @Test
  void blta_whoseValidationDataCannotBeUsed_keepsItsStructuralLevel(@TempDir Path dir)
      throws Exception {
    Path lta = sign(dir, "lta.pdf", TestPdfs.letter(dir, "l.pdf", null), PadesLevel.B_LTA);
    // With revocation checking off, the signer's status does not come from the material the file
    // carries: the structure is still B-LTA (it was labelled B-T or B-B before); its data did not
    // hold here, and the report says so apart.
    PdfVerifier blind =
        PdfVerifier.builder(
                CertificateVerifier.builder(PKI.pki().trustAnchors())
                    .clock(PKI.pki().clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .build();

    SignatureResult sig = blind.verify(lta).signatures().get(0);

    assertThat(sig.level()).isEqualTo(SignatureLevel.B_LTA);
    assertThat(sig.validationDataUsable()).isFalse();
  }

  @Test
  void blta_ofAnAes256EncryptedPdf_verifiesOffline(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.encrypted(dir, "chu-so-huu", "", 256, true);
    Path lta = dir.resolve("lta.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              lta,
              PdfSignatureOptions.builder(PadesLevel.B_LTA)
                  .ownerPassword("chu-so-huu".toCharArray())
                  .build(),
              token.keys().get(0));
    }

    ValidationReport report = offline().verify(lta);

    assertThat(report.overall())
        .as(report.toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.documentTimestamps()).hasSize(1);
    assertThat(report.signatures().get(0).level()).isEqualTo(SignatureLevel.B_LTA);
  }

  @Test
  void extendingBlta_addsAnotherArchiveTimestamp(@TempDir Path dir) throws Exception {
    Path lta = sign(dir, "lta.pdf", TestPdfs.letter(dir, "l.pdf", null), PadesLevel.B_LTA);
    Path again = dir.resolve("lta2.pdf");

    signer().extend(lta, again, PadesLevel.B_LTA, null);

    ValidationReport report = offline().verify(again);
    assertThat(report.documentTimestamps()).hasSize(2);
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.signatures().get(0).timestamps())
        .filteredOn(t -> t.kind() == TimestampResult.Kind.ARCHIVE)
        .hasSize(2);
    assertThat(report.overall())
        .as(report.toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void extendingBt_toBlt(@TempDir Path dir) throws Exception {
    Path bt = sign(dir, "bt.pdf", TestPdfs.letter(dir, "l.pdf", null), PadesLevel.B_T);
    Path lt = dir.resolve("lt.pdf");

    signer().extend(bt, lt, PadesLevel.B_LT, null);

    SignatureResult s = offline().verify(lt).signatures().get(0);
    assertThat(s.level()).isEqualTo(SignatureLevel.B_LT);
    assertThat(s.isPassed()).isTrue();
  }

  @Test
  void revocationServersDown_bltIsRefused_andNothingIsWritten(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "l.pdf", null);
    PKI.ocsp().mode(ServerMode.ERROR_STATUS);
    PKI.crl().mode(ServerMode.ERROR_STATUS);

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          dir.resolve("lt.pdf"),
                          PdfSignatureOptions.builder(PadesLevel.B_LT).build(),
                          token.keys().get(0)))
          .isInstanceOf(ServiceException.class);
    }
    assertThat(dir.resolve("lt.pdf")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".part"));
    }
  }
}
