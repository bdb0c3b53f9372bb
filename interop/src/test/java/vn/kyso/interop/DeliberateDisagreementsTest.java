package vn.kyso.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Where Kyso deliberately disagrees with DSS's default policy. DSS reports changes made to a PDF
 * after it was signed as warnings and still gives TOTAL_PASSED; Kyso fails them
 * (PDF_DISALLOWED_CHANGE), because a Vietnamese official document must show what its signer saw
 * (SECURITY.md: shadow attacks and incremental-update attacks). Each case names the change.
 */
class DeliberateDisagreementsTest {
  @RegisterExtension
  static final TestPkiExtension PKI =
      TestPkiExtension.builder().seed(3307).clock(Clock.systemUTC()).build();

  private static Path signed(Path in, Path out) throws Exception {
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .build()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
    }
    return out;
  }

  private static void expectDisagreement(String name, Path tampered) throws Exception {
    Dss.Verdict theirs =
        new Dss(PKI.pki().root(), PKI.tsa().uri(), tampered.getParent())
            .validate(List.of(new Dss.Check("t", tampered, null, null)))
            .get("t")
            .get(0);
    SignatureResult ours =
        PdfVerifier.builder(PKI.verifier()).build().verify(tampered).signatures().get(0);

    assertThat(theirs.passed()).as("DSS: %s", theirs).isTrue();
    assertThat(ours.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(ours.findings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("PDF_DISALLOWED_CHANGE"));
    Conformance.record(
        "deliberate: " + name,
        "DSS " + theirs.indication() + ", Kyso TOTAL_FAILED (PDF_DISALLOWED_CHANGE)",
        true);
  }

  @Test
  void shadowHide_overlayRemovedAfterSigning(@TempDir Path dir) throws Exception {
    // The signer saw a box covering part of the page; a later revision removes it.
    Path letter = Pdfs.letter(dir.resolve("l.pdf"));
    Path withOverlay = dir.resolve("overlay.pdf");
    try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
      PDAnnotationSquare box = new PDAnnotationSquare();
      box.setRectangle(new PDRectangle(60, 740, 400, 40));
      box.setPrinted(true);
      doc.getPage(0).getAnnotations().add(box);
      doc.save(withOverlay.toFile());
    }
    Path signed = signed(withOverlay, dir.resolve("s.pdf"));
    Path revealed = dir.resolve("revealed.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(revealed)) {
      PDPage page = doc.getPage(0);
      page.setAnnotations(
          new ArrayList<>(page.getAnnotations().subList(1, page.getAnnotations().size())));
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    expectDisagreement(
        "shadow attack (hide): an annotation over the page removed after signing", revealed);
  }

  @Test
  void catalogChangedAfterSigning_optionalContentAdded(@TempDir Path dir) throws Exception {
    // Optional content (layers) added after signing can hide or show parts of the signed page.
    Path signed = signed(Pdfs.letter(dir.resolve("l.pdf")), dir.resolve("s.pdf"));
    Path changed = dir.resolve("changed.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(changed)) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary ocProps = new COSDictionary();
      ocProps.setItem(COSName.getPDFName("OCGs"), new COSArray());
      catalog.setItem(COSName.getPDFName("OCProperties"), ocProps);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    expectDisagreement("change after signing: optional content added to the catalog", changed);
  }
}
