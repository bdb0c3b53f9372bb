package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.ToolLikeUpdates.Extra;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * A signature stays valid when a later tool writes what honest tools write on every signing, and
 * fails with DISALLOWED_CHANGE (never HASH_FAILURE: its bytes are intact) when a later revision
 * changes what the signed revision showed or did. The later revisions are real signings made the
 * way other tools make them ({@link ToolLikeUpdates}) or PDFBox incremental saves.
 */
class HonestToolsTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(1919).build();

  private static PdfVerifier verifier() {
    return PdfVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build();
  }

  private static Path kysoSigns(Path in, Path out, PadesLevel level, DocMdpPermission certify)
      throws Exception {
    PdfSignatureOptions.Builder o = PdfSignatureOptions.builder(level);
    if (certify != null) {
      o.certification(certify);
    }
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .certificateVerifier(PKI.verifier())
          .timestampClient(PKI.tsaClient())
          .clock(PKI.pki().clock())
          .build()
          .sign(in, out, o.build(), token.keys().get(0));
    }
    return out;
  }

  /** The tagged PDF/A letter with Kyso's B-B approval signature. */
  private static Path signedLetter(Path dir) throws Exception {
    return kysoSigns(
        ToolLikeUpdates.taggedPdfA(dir.resolve("a.pdf")),
        dir.resolve("1.pdf"),
        PadesLevel.B_B,
        null);
  }

  private static Path toolSigns(Path in, Path out, float x, List<Extra> extras) throws Exception {
    return ToolLikeUpdates.sign(
        in,
        out,
        PKI.pki().credential(TestIdentity.VICE_CHAIRMAN),
        "ETSI.CAdES.detached",
        x,
        extras);
  }

  private static void assertAllPassed(ValidationReport report) {
    assertThat(report.overall())
        .as(report.toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  private static String messages(SignatureResult s) {
    return String.join(" | ", s.findings().stream().map(Finding::messageEn).toList());
  }

  @ParameterizedTest
  @EnumSource(Extra.class)
  void eachThingAnotherToolWritesWhenItSigns_keepsTheEarlierSignatureValid(
      Extra extra, @TempDir Path dir) throws Exception {
    Path first =
        kysoSigns(
            ToolLikeUpdates.taggedPdfA(dir.resolve("a.pdf"), extra != Extra.OUTPUT_INTENT),
            dir.resolve("1.pdf"),
            PadesLevel.B_T,
            null);
    Path second = toolSigns(first, dir.resolve("2.pdf"), 300, List.of(extra));

    ValidationReport report = verifier().verify(second);

    assertAllPassed(report);
    assertThat(report.signatures()).hasSize(2);
    SignatureResult earlier = report.signatures().get(0);
    assertThat(earlier.findings())
        .filteredOn(f -> f.code().equals("PDF_ALLOWED_CHANGES"))
        .singleElement()
        .satisfies(f -> assertThat(f.messageEn()).contains(" R ("));
  }

  @Test
  void aLetterSignedFourTimesByTwoTools_withEverythingTheyWrite_passesThroughout(@TempDir Path dir)
      throws Exception {
    List<Extra> all = List.copyOf(EnumSet.allOf(Extra.class));
    Path a = ToolLikeUpdates.taggedPdfA(dir.resolve("a.pdf"));
    Path s1 = kysoSigns(a, dir.resolve("1.pdf"), PadesLevel.B_T, null);
    Path s2 = toolSigns(s1, dir.resolve("2.pdf"), 60, all);
    Path s3 = kysoSigns(s2, dir.resolve("3.pdf"), PadesLevel.B_LTA, null);
    Path s4 = toolSigns(s3, dir.resolve("4.pdf"), 300, all);

    ValidationReport report = verifier().verify(s4);

    assertAllPassed(report);
    assertThat(report.signatures()).hasSize(4);
    assertThat(report.documentTimestamps()).hasSize(1);
    String allowed = messages(report.signatures().get(0));
    assertThat(allowed).contains("XMP metadata").contains("structure tree").contains("appearance");
  }

  @Test
  void anEmptyFieldSignedLaterByAnotherTool_keepsTheEarlierSignatureValid(@TempDir Path dir)
      throws Exception {
    Path letter = TestPdfs.letter(dir, "l.pdf", "LanhDao");
    Path first = kysoSigns(letter, dir.resolve("1.pdf"), PadesLevel.B_T, null);
    Path second =
        ToolLikeUpdates.signEmptyField(
            first,
            dir.resolve("2.pdf"),
            PKI.pki().credential(TestIdentity.VICE_CHAIRMAN),
            "LanhDao");

    ValidationReport report = verifier().verify(second);

    assertAllPassed(report);
    assertThat(report.signatures()).hasSize(2);
  }

  @Test
  void pageBoxChangedAfterSigning_isADisallowedChange_notAHashFailure(@TempDir Path dir)
      throws Exception {
    Path signed = signedLetter(dir);
    Path changed =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              PDPage page = doc.getPage(0);
              page.setMediaBox(new PDRectangle(0, 0, 595, 500)); // crops the letter's last lines
              page.getCOSObject().setNeedToBeUpdated(true);
            });

    ValidationReport report = verifier().verify(changed);

    SignatureResult s = report.signatures().get(0);
    assertThat(s.subIndication()).contains(SubIndication.DISALLOWED_CHANGE);
    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(messages(s)).contains("MediaBox").contains("revision 2");
    assertThat(report.documentFindings())
        .extracting(Finding::code)
        .contains("PDF_DISALLOWED_CHANGE");
  }

  @Test
  void documentJavaScriptAdded_isRefused_namingTheRule(@TempDir Path dir) throws Exception {
    Path signed = signedLetter(dir);
    Path changed =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              COSDictionary names =
                  doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.NAMES);
              COSDictionary action = new COSDictionary();
              action.setName(COSName.S, "JavaScript");
              action.setString(COSName.JS, "app.alert('Văn bản đã được phê duyệt');");
              COSArray pairs = new COSArray();
              pairs.add(new COSString("a"));
              pairs.add(action);
              COSDictionary tree = new COSDictionary();
              tree.setItem(COSName.NAMES, pairs);
              names.setItem(COSName.JAVA_SCRIPT, tree);
              names.setNeedToBeUpdated(true);
              doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            });

    SignatureResult s = verifier().verify(changed).signatures().get(0);

    assertThat(s.subIndication()).contains(SubIndication.DISALLOWED_CHANGE);
    assertThat(messages(s)).contains("JavaScript").contains("12.8.2.2");
  }

  @Test
  void embeddedFileAdded_isAllowedAfterApproval_butNotUnderCertificationP2(@TempDir Path dir)
      throws Exception {
    Path approval = signedLetter(dir);
    Path certified =
        kysoSigns(
            ToolLikeUpdates.taggedPdfA(dir.resolve("b.pdf")),
            dir.resolve("c.pdf"),
            PadesLevel.B_B,
            DocMdpPermission.FORM_FILL_AND_SIGN);

    SignatureResult afterApproval =
        verifier()
            .verify(incremental(approval, dir.resolve("1e.pdf"), HonestToolsTest::attach))
            .signatures()
            .get(0);
    SignatureResult afterCertification =
        verifier()
            .verify(incremental(certified, dir.resolve("ce.pdf"), HonestToolsTest::attach))
            .signatures()
            .get(0);

    assertThat(afterApproval.indication())
        .as(messages(afterApproval))
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(messages(afterApproval)).contains("embedded file added");
    assertThat(afterCertification.subIndication()).contains(SubIndication.DISALLOWED_CHANGE);
    assertThat(messages(afterCertification)).contains("P=3");
  }

  private static void attach(PDDocument doc) throws Exception {
    COSDictionary names = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.NAMES);
    COSStream file = doc.getDocument().createCOSStream();
    ToolLikeUpdates.rewrite(file, "Phu luc kem theo");
    file.setItem(COSName.TYPE, COSName.EMBEDDED_FILE);
    COSDictionary ef = new COSDictionary();
    ef.setItem(COSName.F, file);
    COSDictionary spec = new COSDictionary();
    spec.setItem(COSName.TYPE, COSName.FILESPEC);
    spec.setString(COSName.F, "phu-luc.txt");
    spec.setItem(COSName.EF, ef);
    COSArray pairs = new COSArray();
    pairs.add(new COSString("phu-luc.txt"));
    pairs.add(spec);
    COSDictionary tree = new COSDictionary();
    tree.setItem(COSName.NAMES, pairs);
    names.setItem(COSName.EMBEDDED_FILES, tree);
    names.setNeedToBeUpdated(true);
    doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
  }

  @Test
  void actualTextPutOverSignedContent_isRefused(@TempDir Path dir) throws Exception {
    Path signed = signedLetter(dir);
    // What a screen reader reads for the signed paragraph changes; nothing on the page does.
    Path changed =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
              PDStructureElement document = (PDStructureElement) root.getKids().get(0);
              PDStructureElement span = new PDStructureElement("Span", document);
              span.setActualText("Số: 99/UBND-VP (đã sửa)");
              span.setPage(doc.getPage(0));
              span.appendKid(0);
              document.appendKid(span);
              document.getCOSObject().setNeedToBeUpdated(true);
              if (document.getCOSObject().getDictionaryObject(COSName.K) instanceof COSArray k) {
                k.setNeedToBeUpdated(true);
              }
            });

    SignatureResult s = verifier().verify(changed).signatures().get(0);

    assertThat(s.subIndication()).as(messages(s)).contains(SubIndication.DISALLOWED_CHANGE);
  }

  @Test
  void existingDestinationRedirected_isRefused_aNewOneIsNot(@TempDir Path dir) throws Exception {
    Path signed = signedLetter(dir);
    Path redirected =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              COSDictionary dests =
                  doc.getDocumentCatalog()
                      .getCOSObject()
                      .getCOSDictionary(COSName.NAMES)
                      .getCOSDictionary(COSName.DESTS);
              COSArray pairs = dests.getCOSArray(COSName.NAMES);
              COSArray target = (COSArray) pairs.getObject(1);
              target.set(1, COSName.getPDFName("FitH"));
              doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
              doc.getDocumentCatalog()
                  .getCOSObject()
                  .getCOSDictionary(COSName.NAMES)
                  .setNeedToBeUpdated(true);
              dests.setNeedToBeUpdated(true);
              pairs.setNeedToBeUpdated(true);
              target.setNeedToBeUpdated(true);
            });
    Path added = toolSigns(signed, dir.resolve("3.pdf"), 300, List.of(Extra.DESTINATION));

    assertThat(verifier().verify(redirected).signatures().get(0).subIndication())
        .contains(SubIndication.DISALLOWED_CHANGE);
    assertAllPassed(verifier().verify(added));
  }

  @Test
  void resourceAddedUnderANameTheSignedContentAlreadyDraws_isRefused(@TempDir Path dir)
      throws Exception {
    // The signed page draws /Fx9, which it does not have: nothing shows until it is added.
    Path letter = ToolLikeUpdates.taggedPdfA(dir.resolve("a.pdf"));
    Path drawsMissing = dir.resolve("m.pdf");
    try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
      PDPage page = doc.getPage(0);
      try (var cs =
          new org.apache.pdfbox.pdmodel.PDPageContentStream(
              doc, page, org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode.APPEND, false)) {
        cs.appendRawCommands("q /Fx9 Do Q\n");
      }
      doc.save(drawsMissing.toFile());
    }
    Path signed = kysoSigns(drawsMissing, dir.resolve("1.pdf"), PadesLevel.B_B, null);
    Path changed =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              PDPage page = doc.getPage(0);
              var form = new org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject(doc);
              form.setBBox(new PDRectangle(595, 842));
              ToolLikeUpdates.rewrite(
                  form.getCOSObject(), "BT /F1 40 Tf 100 400 Td (DA DUYET) Tj ET");
              page.getResources().put(COSName.getPDFName("Fx9"), form);
              page.getResources().getCOSObject().setNeedToBeUpdated(true);
              page.getCOSObject().setNeedToBeUpdated(true);
              if (page.getResources().getCOSObject().getDictionaryObject(COSName.XOBJECT)
                  instanceof COSDictionary x) {
                x.setNeedToBeUpdated(true);
              }
            });

    SignatureResult s = verifier().verify(changed).signatures().get(0);

    assertThat(s.subIndication()).as(messages(s)).contains(SubIndication.DISALLOWED_CHANGE);
  }

  @Test
  void anExistingOutputIntentReplaced_isRefused(@TempDir Path dir) throws Exception {
    Path signed = signedLetter(dir);
    // A different colour profile changes how device colours print; only adding one is allowed.
    Path changed =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              COSDictionary intent = new COSDictionary();
              intent.setItem(COSName.TYPE, COSName.getPDFName("OutputIntent"));
              intent.setItem(COSName.S, COSName.getPDFName("GTS_PDFA1"));
              intent.setString(COSName.getPDFName("OutputConditionIdentifier"), "FOGRA39");
              COSArray intents = new COSArray();
              intents.add(intent);
              doc.getDocumentCatalog().getCOSObject().setItem(COSName.OUTPUT_INTENTS, intents);
              doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            });

    SignatureResult s = verifier().verify(changed).signatures().get(0);

    assertThat(s.subIndication()).as(messages(s)).contains(SubIndication.DISALLOWED_CHANGE);
    assertThat(messages(s)).contains("OutputIntents");
  }

  @Test
  void oneSignatureReferencedByTwoFields_isListedOnce(@TempDir Path dir) throws Exception {
    Path signed = signedLetter(dir);
    Path twice =
        incremental(
            signed,
            dir.resolve("2.pdf"),
            doc -> {
              var form = doc.getDocumentCatalog().getAcroForm(null);
              var original =
                  (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField)
                      form.getFields().get(0);
              var copy = new org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField(form);
              copy.setPartialName("BanSao");
              copy.getCOSObject().setItem(COSName.V, original.getSignature());
              form.getFields().add(copy);
              form.getCOSObject().setNeedToBeUpdated(true);
              doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            });

    ValidationReport report = verifier().verify(twice);

    assertThat(report.signatures()).hasSize(1);
    assertThat(report.signatures().get(0).findings())
        .extracting(Finding::code)
        .contains("PDF_SIGNATURE_SHARED");
  }

  private interface Change {
    void apply(PDDocument doc) throws Exception;
  }

  private static Path incremental(Path in, Path out, Change change) throws Exception {
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      change.apply(doc);
      doc.saveIncremental(os);
    }
    return out;
  }
}
