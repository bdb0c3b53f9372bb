package vn.kyso.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pades.Placement;
import vn.kyso.pades.SignatureImage;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;
import vn.kyso.xades.XmlVerifier;

/** Real signed documents, verified, to render reports of: honest ones and a tampered one. */
final class Documents {
  static final DocumentInfo LETTER =
      DocumentInfo.builder("Công văn")
          .numberSymbol("123/UBND-VP")
          .issuingOrganisation(TestPki.PROVINCE)
          .authorityForm(AuthorityForm.TM)
          .signerName("Nguyễn Văn An")
          .titleLine("CHỦ TỊCH")
          .build();

  private Documents() {}

  /** A one-page letter in Vietnamese. */
  static Path letter(Path dir) throws IOException {
    Path file = dir.resolve("cong-van.pdf");
    try (PDDocument doc = new PDDocument();
        InputStream font =
            Documents.class.getResourceAsStream("/vn/kyso/report/fonts/DejaVuSans.ttf")) {
      PDType0Font f = PDType0Font.load(doc, font, true);
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(f, 12);
        cs.newLineAtOffset(70, 760);
        cs.showText("ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM — Số: 123/UBND-VP");
        for (int l = 0; l < 20; l++) {
          cs.newLineAtOffset(0, -20);
          cs.showText("Nội dung công văn, dòng " + l + ": triển khai chữ ký số chuyên dùng.");
        }
        cs.endText();
        cs.beginText();
        cs.setFont(f, 12);
        cs.newLineAtOffset(360, 300);
        cs.showText("CHỦ TỊCH");
        cs.newLineAtOffset(0, -90);
        cs.showText("Nguyễn Văn An");
        cs.endText();
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /** The letter signed by the chairman, visibly, at B-T. */
  static Path signed(TestPkiExtension pki, Path dir) throws Exception {
    Path in = letter(dir);
    Path out = dir.resolve("cong-van-ky.pdf");
    PdfSigner signer =
        PdfSigner.builder()
            .timestampClient(pki.tsaClient())
            .certificateVerifier(pki.verifier())
            .build();
    try (SigningToken token = pki.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer.sign(
          in,
          out,
          PdfSignatureOptions.builder(PadesLevel.B_T)
              .visible(
                  VisibleSignature.personal(
                      SignatureImage.png(signaturePng()),
                      Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")))
              .build(),
          token.keys().get(0));
    }
    return out;
  }

  /** The signed letter with a sum written over the page after signing. */
  static Path tampered(Path signed, Path dir) throws IOException {
    Path evil = dir.resolve("cong-van-sua.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(evil)) {
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs =
          new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
        cs.setNonStrokingColor(Color.BLACK);
        cs.addRect(100, 420, 300, 40);
        cs.fill();
      }
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    return evil;
  }

  static ValidationReport verify(TestPkiExtension pki, Path pdf) throws Exception {
    return PdfVerifier.builder(pki.verifier()).build().verify(pdf);
  }

  static ValidationReport reviewed(TestPkiExtension pki, ValidationReport report) {
    return Policy.preset("national")
        .registry(pki.pki().signerRegistry())
        .build()
        .review(report, LETTER);
  }

  /** An administrative record signed enveloped at B-LT, verified. */
  static ValidationReport xml(TestPkiExtension pki, Path dir) throws Exception {
    Path in = dir.resolve("ho-so.xml");
    Files.writeString(
        in,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo xmlns=\"urn:kyso:test\" Id=\"hs-1\">"
            + "<ThuTuc>Cấp giấy phép xây dựng</ThuTuc></HoSo>\n",
        StandardCharsets.UTF_8);
    Path out = dir.resolve("ho-so-ky.xml");
    XmlSigner signer =
        XmlSigner.builder()
            .timestampClient(pki.tsaClient())
            .certificateVerifier(pki.verifier())
            .build();
    try (SigningToken token = pki.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer.sign(
          in,
          out,
          XmlSignatureOptions.builder(XadesLevel.B_LT, XadesPackaging.ENVELOPED).build(),
          token.keys().get(0));
    }
    return XmlVerifier.builder(pki.verifier()).build().verify(out, Map.of()).report();
  }

  static byte[] signaturePng() throws IOException {
    BufferedImage img = new BufferedImage(240, 90, BufferedImage.TYPE_INT_ARGB);
    var g = img.createGraphics();
    g.setColor(new Color(20, 40, 160));
    g.drawArc(20, 20, 200, 50, 10, 160);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
