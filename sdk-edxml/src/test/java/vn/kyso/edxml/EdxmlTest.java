package vn.kyso.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XmlSigner;

/** edXML messages: written and read back, verified with their letters, and the national shapes. */
class EdxmlTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(139).build();

  @TempDir static Path dir;
  private static byte[] issued;
  private static byte[] leaderOnly;

  @BeforeAll
  static void signTheLetter() throws Exception {
    Path letter = dir.resolve("cong-van.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        cs.newLineAtOffset(72, 760);
        cs.showText("UBND TINH THU NGHIEM - So: 123/UBND-VP");
        cs.endText();
      }
      doc.save(letter.toFile());
    }
    Path personal = dir.resolve("personal.pdf");
    Path sealed = dir.resolve("issued.pdf");
    PdfSigner signer =
        PdfSigner.builder().timestampClient(PKI.tsaClient()).clock(PKI.pki().clock()).build();
    try (SigningToken chair = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken org =
            PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      signer.sign(
          letter,
          personal,
          PdfSignatureOptions.builder(PadesLevel.B_T).build(),
          chair.keys().get(0));
      signer.sign(
          personal, sealed, PdfSignatureOptions.builder(PadesLevel.B_T).build(), org.keys().get(0));
    }
    issued = Files.readAllBytes(sealed);
    leaderOnly = Files.readAllBytes(personal);
  }

  private static EdxmlPackage.Builder message(byte[] pdf) {
    return EdxmlPackage.builder(
            new Organ("000.00.31.H58", TestPki.PROVINCE, "", "Số 1", "", "", "", ""))
        .to(Organ.of("000.00.00.G22", "Văn phòng Chính phủ"))
        .code("123", "UBND-VP")
        .promulgation("Thử Nghiệm", LocalDate.of(2026, 12, 1))
        .documentType("1", "Công văn")
        .subject("V/v thử nghiệm liên thông")
        .signer(new SignerInfo("", "Chủ tịch", "Nguyễn Văn An"))
        .traceTime(LocalDateTime.of(2026, 12, 1, 9, 0))
        .attachment("123-UBND-VP.pdf", "application/pdf", pdf);
  }

  private static EdxmlVerifier verifier() {
    return EdxmlVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build();
  }

  private static EdxmlSender sender() {
    return EdxmlSender.builder(PKI.verifier())
        .clock(PKI.pki().clock())
        .headerSigner(XmlSigner.builder().clock(PKI.pki().clock()).build())
        .build();
  }

  @Test
  void outgoingMessage_readsBack_andVerifiesWithItsLetter() throws Exception {
    Path out = dir.resolve("di.edxml");

    sender().send(message(issued).build(), out, null);

    EdxmlVerification v = verifier().verify(out, message(issued).build().documentInfo());
    EdxmlPackage p = v.message();
    assertThat(p.from().organId()).isEqualTo("000.00.31.H58");
    assertThat(p.to()).extracting(Organ::organName).containsExactly("Văn phòng Chính phủ");
    assertThat(p.numberSymbol()).contains("123/UBND-VP");
    assertThat(p.documentId()).contains("000.00.31.H58,2026/12/01,123/UBND-VP");
    assertThat(p.promulgationDate()).contains("2026/12/01");
    assertThat(p.signer().map(SignerInfo::fullName)).contains("Nguyễn Văn An");
    assertThat(p.headerSignature()).isEqualTo(EdxmlPackage.HeaderSignature.NONE);
    assertThat(p.attachments().get(0).data()).isEqualTo(issued);
    assertThat(p.documentInfo().numberSymbol()).contains("123/UBND-VP");
    ValidationReport r = v.report();
    assertThat(r.signatures())
        .extracting(SignatureResult::id)
        .allMatch(id -> id.startsWith("123-UBND-VP.pdf#"));
    assertThat(r.signatures()).hasSize(2);
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.documentFindings()).isEmpty();
  }

  @Test
  void signedHeader_isVerified_andCoversTheWholeMessage() throws Exception {
    Path out = dir.resolve("di-ky.edxml");
    try (SigningToken org =
        PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      sender().send(message(issued).build(), out, org.keys().get(0));
    }

    EdxmlVerification v = verifier().verify(out, null);

    assertThat(v.message().headerSignature()).isEqualTo(EdxmlPackage.HeaderSignature.XMLDSIG);
    assertThat(v.report().signatures()).anyMatch(s -> s.id().startsWith("header#") && s.isPassed());
    assertThat(v.report().overall())
        .as(v.report().toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
    // Any change to the message, attachments included, breaks the header signature.
    String xml = Files.readString(out, StandardCharsets.UTF_8);
    Path changed = dir.resolve("changed.edxml");
    Files.writeString(
        changed, xml.replace("V/v thử nghiệm liên thông", "V/v khác"), StandardCharsets.UTF_8);
    EdxmlVerification c = verifier().verify(changed, null);
    assertThat(c.report().signatures())
        .filteredOn(s -> s.id().startsWith("header#"))
        .noneMatch(SignatureResult::isPassed);
  }

  @Test
  void aLetterWithoutTheOrganisationSignature_isNotSent() {
    Path out = dir.resolve("not-sent.edxml");

    assertThatThrownBy(() -> sender().send(message(leaderOnly).build(), out, null))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_NOT_READY);
              assertThat(e.getMessage()).contains("organisation signature");
            });
    assertThat(out).doesNotExist();
  }

  @Test
  void headerAgainstTheDocuments_andTheHostsExpectation() throws Exception {
    Path out = dir.resolve("mismatch.edxml");
    Files.write(
        out,
        EdxmlPackage.builder(Organ.of("000.00.00.X99", "Sở Tài chính tỉnh Khác"))
            .code("9", "STC-VP")
            .signer(new SignerInfo("", "Giám đốc", "Trần Văn Bình"))
            .attachment("9-STC.pdf", "application/pdf", issued)
            .build()
            .xml());

    ValidationReport r =
        verifier()
            .verify(out, DocumentInfo.builder("Công văn").numberSymbol("123/UBND-VP").build())
            .report();

    assertThat(r.documentFindings())
        .extracting(f -> f.code())
        .contains(
            "EDXML_ORGANISATION_MISMATCH", "EDXML_SIGNER_MISMATCH", "EDXML_EXPECTED_MISMATCH");
    assertThat(r.overall()).isEqualTo(Indication.TOTAL_FAILED);
  }

  /** The shapes of the national samples (QCVN 102:2016 SDK resources) and their faults. */
  private static String sample(String headerSignature, String payload, String contentType) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
        + "<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
        + "<edXML:edXMLHeader><edXML:MessageHeader>"
        + "<edXML:From><edXML:OrganId>000.00.31.H58</edXML:OrganId><edXML:OrganName>"
        + TestPki.PROVINCE
        + "</edXML:OrganName></edXML:From>"
        + "<edXML:Code><edXML:CodeNumber>123</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>"
        + "<edXML:SteeringType>1</edXML:SteeringType><edXML:NewThing>kept</edXML:NewThing>"
        + "</edXML:MessageHeader>"
        + headerSignature
        + "</edXML:edXMLHeader><edXML:edXMLBody><edXML:edXMLManifest version=\"1.0\">"
        + "<edXML:Reference><edXML:ContentId>cid:209</edXML:ContentId><edXML:ContentType>"
        + contentType
        + "</edXML:ContentType><edXML:AttachmentName>cv.pdf</edXML:AttachmentName></edXML:Reference><edXML:Reference><edXML:ContentId>cid:210</edXML:ContentId></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody></edXML:edXMLEnvelope>\n"
        + "<AttachmentEncoded><Attachment><ContentId>cid:209</ContentId><AttachmentName>cv.pdf</AttachmentName>"
        + "<ContentType>"
        + contentType
        + "</ContentType><edXML:ContentTransferEncoded"
        + " xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"
        + payload
        + "</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded>\n</edXML>\n";
  }

  private static byte[] zip(String name, byte[] data) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(data);
      z.closeEntry();
    }
    return b.toByteArray();
  }

  @Test
  void nationalSampleShape_zippedPdf_signatureInTheEdxmlNamespace_missingAttachment()
      throws Exception {
    Path f = dir.resolve("vpcp.edxml");
    Files.writeString(
        f,
        sample(
            "<Signature><SignedInfo/></Signature>",
            Base64.getMimeEncoder().encodeToString(zip("32da2890.pdf", issued)),
            "application/pdf"),
        StandardCharsets.UTF_8);

    EdxmlVerification v = verifier().verify(f, null);

    assertThat(v.message().headerSignature()).isEqualTo(EdxmlPackage.HeaderSignature.NOT_XMLDSIG);
    assertThat(v.message().attachments().get(0).zipped()).isTrue();
    assertThat(v.message().unknownElements()).containsExactly("NewThing");
    assertThat(v.report().signatures()).hasSize(2).allMatch(SignatureResult::isPassed);
    assertThat(v.report().documentFindings())
        .extracting(x -> x.code())
        .contains("EDXML_HEADER_SIGNATURE_NOT_XMLDSIG", "EDXML_ATTACHMENT_MISSING");
  }

  @Test
  void strayBytes_undeclaredPrefix_zipBomb_andBadBase64_areTypedErrors() throws Exception {
    String good = sample("", Base64.getEncoder().encodeToString(issued), "application/pdf");
    Path stray =
        Files.writeString(dir.resolve("stray.edxml"), "1212" + good, StandardCharsets.UTF_8);
    Path xlink =
        Files.writeString(
            dir.resolve("xlink.edxml"),
            good.replace("<edXML:Reference>", "<edXML:Reference xlink:href=\"\">"),
            StandardCharsets.UTF_8);
    Path bomb =
        Files.writeString(
            dir.resolve("bomb.edxml"),
            sample(
                "",
                Base64.getEncoder().encodeToString(zip("z.pdf", new byte[40 << 20])),
                "application/zip"),
            StandardCharsets.UTF_8);
    Path notBase64 =
        Files.writeString(
            dir.resolve("b64.edxml"),
            sample("", "%%%not base64%%%", "application/pdf"),
            StandardCharsets.UTF_8);

    for (Path p : new Path[] {stray, xlink, notBase64}) {
      assertThatThrownBy(() -> verifier().verify(p, null))
          .as(p.getFileName().toString())
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
    }
    assertThatThrownBy(
            () ->
                EdxmlVerifier.builder(PKI.verifier())
                    .limits(ResourceLimits.builder().maxXmlBytes(16 << 20).build())
                    .build()
                    .verify(bomb, null))
        .isInstanceOfSatisfying(
            DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
  }

  @Test
  void aPdfDamagedByTextDecoding_isAnErrorOfThatAttachment_notOfTheReader() throws Exception {
    byte[] damaged = new String(issued, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    Path f =
        Files.writeString(
            dir.resolve("damaged.edxml"),
            sample("", Base64.getEncoder().encodeToString(damaged), "application/pdf"),
            StandardCharsets.UTF_8);

    ValidationReport r = verifier().verify(f, null).report();

    assertThat(r.overall()).isNotEqualTo(Indication.TOTAL_PASSED);
  }
}
