package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatSignature;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** More of SECURITY.md's PDF attack classes, each file built by hand in the test. */
class MoreAttacksTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(55).build();

  private static Path sign(Path in, Path out) throws Exception {
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
    }
    return out;
  }

  private static SignatureResult verify(Path pdf) throws Exception {
    return PdfVerifier.builder(PKI.verifier()).build().verify(pdf).signatures().get(0);
  }

  private static Path patch(Path pdf, Path out, String find, String replace) throws Exception {
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    assertThat(replace.length()).isEqualTo(find.length());
    assertThat(text).contains(find);
    Files.write(out, text.replace(find, replace).getBytes(StandardCharsets.ISO_8859_1));
    return out;
  }

  @Test
  void universalForgery_byteRangeRenamedAway(@TempDir Path dir) throws Exception {
    Path signed = sign(TestPdfs.letter(dir, "l.pdf", null), dir.resolve("s.pdf"));

    SignatureResult s = verify(patch(signed, dir.resolve("e.pdf"), "/ByteRange", "/ByteRangX"));

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_BYTE_RANGE_INVALID");
  }

  @Test
  void universalForgery_contentsNotCms(@TempDir Path dir) throws Exception {
    Path signed = sign(TestPdfs.letter(dir, "l.pdf", null), dir.resolve("s.pdf"));
    byte[] b = Files.readAllBytes(signed);
    String text = new String(b, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("/Contents <") + "/Contents <".length();
    byte[] junk = "4B59534F".repeat(8).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(junk, 0, b, start, junk.length);
    Path evil = dir.resolve("e.pdf");
    Files.write(evil, b);

    SignatureResult s = verify(evil);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_CMS_INVALID");
  }

  @Test
  void wrapping_duplicateByteRangeKey_fails(@TempDir Path dir) throws Exception {
    Path signed = sign(TestPdfs.letter(dir, "l.pdf", null), dir.resolve("s.pdf"));
    // Rename /Filter to a second /ByteRange key of the same length: one reader sees each value.
    String text = new String(Files.readAllBytes(signed), StandardCharsets.ISO_8859_1);
    int sig = text.indexOf("/ByteRange");
    int dict = text.lastIndexOf("obj", sig);
    int filter = text.indexOf("/Filter /Adobe.PPKLite", dict);
    assertThat(filter).isBetween(dict, text.indexOf("endobj", sig));
    String evil =
        text.substring(0, filter)
            + String.format(Locale.ROOT, "%-22s", "/ByteRange [0 1 2 3]")
            + text.substring(filter + "/Filter /Adobe.PPKLite".length());
    Path out = dir.resolve("dup.pdf");
    Files.write(out, evil.getBytes(StandardCharsets.ISO_8859_1));

    SignatureResult s = verify(out);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(s.findings())
        .anySatisfy(f -> assertThat(f.messageEn()).contains("/ByteRange more than once"));
  }

  @Test
  void shadowHide_overlayRemovedAfterSigning(@TempDir Path dir) throws Exception {
    // The signed revision shows a white box over part of the text; a later revision removes it.
    Path letter = TestPdfs.letter(dir, "l.pdf", null);
    Path withOverlay = dir.resolve("overlay.pdf");
    try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
      PDAnnotationSquare box = new PDAnnotationSquare();
      box.setRectangle(new PDRectangle(60, 600, 300, 60));
      box.setPrinted(true);
      doc.getPage(0).getAnnotations().add(box);
      doc.save(withOverlay.toFile());
    }
    Path signed = sign(withOverlay, dir.resolve("s.pdf"));
    Path revealed = dir.resolve("revealed.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(revealed)) {
      PDPage page = doc.getPage(0);
      page.setAnnotations(
          new ArrayList<>(page.getAnnotations().subList(1, page.getAnnotations().size())));
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    SignatureResult s = verify(revealed);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_DISALLOWED_CHANGE");
  }

  @Test
  void catalogEntryAddedAfterSigning_openAction(@TempDir Path dir) throws Exception {
    Path signed = sign(TestPdfs.letter(dir, "l.pdf", null), dir.resolve("s.pdf"));
    Path evil = dir.resolve("e.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(evil)) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary ocProps = new COSDictionary();
      ocProps.setItem(COSName.getPDFName("OCGs"), new COSArray());
      catalog.setItem(COSName.getPDFName("OCProperties"), ocProps);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    SignatureResult s = verify(evil);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(
            s.findings().stream()
                .filter(f -> f.code().equals("PDF_DISALLOWED_CHANGE"))
                .findFirst()
                .orElseThrow()
                .messageEn())
        .contains("catalog");
  }

  @Test
  void objectAppendedWithoutCrossReference_onlyRepairingParsersSeeIt(@TempDir Path dir)
      throws Exception {
    Path signed = sign(TestPdfs.letter(dir, "l.pdf", null), dir.resolve("s.pdf"));
    Files.write(
        signed,
        "\n4 0 obj << /Type /Page /Contents 99 0 R >> endobj\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1),
        StandardOpenOption.APPEND);

    SignatureResult s = verify(signed);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_UNCLEAN_REVISION");
  }
}
