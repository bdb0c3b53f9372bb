package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** The appearance hook and the legacy SHA-1 format. */
class MoreFormatsTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(41).build();

  static byte[] template() throws IOException {
    try (PDDocument t = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage(new PDRectangle(200, 80));
      t.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(t, page)) {
        cs.setNonStrokingColor(0f, 0f, 0.8f);
        cs.addRect(10, 10, 180, 60);
        cs.fill();
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        cs.setNonStrokingColor(1f, 1f, 1f);
        cs.newLineAtOffset(20, 35);
        cs.showText("Da ky so");
        cs.endText();
      }
      t.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void appearanceTemplate_becomesTheWidgetAppearance(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "l.pdf", null);
    Path out = dir.resolve("visible.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .build()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .placement(2, 350, 100, 200, 80)
                  .appearance(template())
                  .build(),
              token.keys().get(0));
    }

    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      var field = doc.getDocumentCatalog().getAcroForm().getFields().get(0);
      var widget = field.getWidgets().get(0);
      assertThat(widget.getAppearance().getNormalAppearance().getAppearanceStream()).isNotNull();
      assertThat(widget.getRectangle().getWidth()).isEqualTo(200);
      assertThat(widget.isPrinted()).isTrue();
      assertThat(doc.getPage(2).getAnnotations()).contains(widget);
    }
    assertThat(
            PdfVerifier.builder(PKI.verifier()).build().verify(out).signatures().get(0).isPassed())
        .isTrue();
  }

  @Test
  void legacyAdbePkcs7Sha1_isVerifiedAndReportedWeak(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "l.pdf", null);
    Path out = dir.resolve("sha1.pdf");
    TestCredential c = PKI.pki().credential(TestIdentity.DIRECTOR);
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(COSName.getPDFName("adbe.pkcs7.sha1"));
      sig.setSignDate(Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));
      doc.addSignature(
          sig,
          (InputStream content) -> {
            try {
              byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(content.readAllBytes());
              CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
              gen.addSignerInfoGenerator(
                  new JcaSignerInfoGeneratorBuilder(
                          new JcaDigestCalculatorProviderBuilder().build())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(c.privateKey()),
                          c.certificate()));
              gen.addCertificates(new JcaCertStore(c.chain()));
              return gen.generate(new CMSProcessableByteArray(sha1), true).getEncoded();
            } catch (Exception e) {
              throw new IOException(e);
            }
          });
      doc.saveIncremental(os);
    }

    SignatureResult s = PdfVerifier.builder(PKI.verifier()).build().verify(out).signatures().get(0);

    assertThat(s.format()).isEqualTo(SignatureFormat.PDF_PKCS7_SHA1);
    assertThat(s.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(s.subIndication()).contains(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE);
    assertThat(s.findings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("PDF_FORMAT_SHA1_WEAK"));
    assertThat(s.findings()).noneSatisfy(f -> assertThat(f.code()).isEqualTo("PDF_CMS_INVALID"));
    assertThat(s.signingCertificate()).contains(c.certificate());
  }
}
