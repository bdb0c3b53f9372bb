package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatSignature;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** Which later revisions keep a signature valid: form filling, locks, DocMDP and annotations. */
class RevisionRulesTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(33).build();

  private static Path sign(Path in, Path out, PdfSignatureOptions options) throws Exception {
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(in, out, options, token.keys().get(0));
    }
    return out;
  }

  private static SignatureResult first(Path pdf) throws Exception {
    return PdfVerifier.builder(PKI.verifier()).build().verify(pdf).signatures().get(0);
  }

  private static Path addNote(Path signed, Path out, float x, float y) throws Exception {
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      PDPage page = doc.getPage(0);
      PDAnnotationText note = new PDAnnotationText();
      note.setRectangle(new PDRectangle(x, y, 20, 20));
      note.setContents("ghi chú");
      page.getAnnotations().add(note);
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    return out;
  }

  @Test
  void numberWrittenIntoAFreeFieldAfterTheLeaderSigns_isAllowed(@TempDir Path dir)
      throws Exception {
    Path signed =
        sign(
            TestPdfs.letterWithNumberField(dir, "l.pdf", false),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B).build());

    SignatureResult s =
        first(TestPdfs.fillNumber(signed, dir.resolve("filled.pdf"), "123/UBND-VP"));

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThatSignature(s).hasFinding("PDF_ALLOWED_CHANGES");
  }

  @Test
  void readOnlyField_changedAfterSigning_fails(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letterWithNumberField(dir, "l.pdf", true),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B).build());

    SignatureResult s =
        first(TestPdfs.fillNumber(signed, dir.resolve("filled.pdf"), "999/UBND-VP"));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(
            s.findings().stream()
                .filter(f -> f.code().equals("PDF_DISALLOWED_CHANGE"))
                .findFirst()
                .orElseThrow()
                .messageEn())
        .contains("read-only");
  }

  @Test
  void formFillUnderCertificationNoChanges_fails(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letterWithNumberField(dir, "l.pdf", false),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B)
                .certification(DocMdpPermission.NO_CHANGES)
                .build());

    SignatureResult s =
        first(TestPdfs.fillNumber(signed, dir.resolve("filled.pdf"), "123/UBND-VP"));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void formFillUnderCertificationFormFill_isAllowed(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letterWithNumberField(dir, "l.pdf", false),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B)
                .certification(DocMdpPermission.FORM_FILL_AND_SIGN)
                .build());

    SignatureResult s =
        first(TestPdfs.fillNumber(signed, dir.resolve("filled.pdf"), "123/UBND-VP"));

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void noteInAnEmptyMargin_afterAnApprovalSignature_isAllowed(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letter(dir, "l.pdf", null),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B).build());

    SignatureResult s = first(addNote(signed, dir.resolve("noted.pdf"), 5, 5));

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void noteOverTheText_fails(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letter(dir, "l.pdf", null),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B).build());

    SignatureResult s = first(addNote(signed, dir.resolve("noted.pdf"), 100, 700));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void noteInTheMargin_underCertificationP2_fails(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letter(dir, "l.pdf", null),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B)
                .certification(DocMdpPermission.FORM_FILL_AND_SIGN)
                .build());

    SignatureResult s = first(addNote(signed, dir.resolve("noted.pdf"), 5, 5));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void noteInTheMargin_underCertificationP3_isAllowed(@TempDir Path dir) throws Exception {
    Path signed =
        sign(
            TestPdfs.letter(dir, "l.pdf", null),
            dir.resolve("s.pdf"),
            PdfSignatureOptions.builder(PadesLevel.B_B)
                .certification(DocMdpPermission.ANNOTATE_FORM_FILL_AND_SIGN)
                .build());

    SignatureResult s = first(addNote(signed, dir.resolve("noted.pdf"), 5, 5));

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
  }
}
