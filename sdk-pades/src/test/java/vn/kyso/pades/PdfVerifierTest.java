package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.kyso.testkit.ValidationReportAssertions.assertThatSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.BERTaggedObject;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** Verification, including the attack classes of SECURITY.md built by hand in the tests. */
class PdfVerifierTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(9).build();

  private static PdfVerifier verifier() {
    return PdfVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build();
  }

  private static Path signed(Path dir, String name, Path in, TestIdentity who, PadesLevel level)
      throws Exception {
    Path out = dir.resolve(name);
    try (SigningToken token = PKI.pki().credential(who).signingToken()) {
      PdfSigner.builder()
          .timestampClient(PKI.tsaClient())
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(level).fieldName(who.name()).build(),
              token.keys().get(0));
    }
    return out;
  }

  /** The test letter signed B-B by the chairman, as {@code s.pdf} in {@code dir}. */
  private static Path chairmansLetter(Path dir) throws Exception {
    return signed(
        dir, "s.pdf", TestPdfs.letter(dir, "l.pdf", null), TestIdentity.CHAIRMAN, PadesLevel.B_B);
  }

  @Test
  void leaderAndClerk_bothPassAtBT(@TempDir Path dir) throws Exception {
    Path one =
        signed(
            dir,
            "one.pdf",
            TestPdfs.letter(dir, "l.pdf", null),
            TestIdentity.CHAIRMAN,
            PadesLevel.B_T);
    Path two = signed(dir, "two.pdf", one, TestIdentity.PROVINCE_ORGANISATION, PadesLevel.B_T);

    ValidationReport report = verifier().verify(two);

    assertThat(report.signatures()).hasSize(2);
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_PASSED);
    SignatureResult leader = report.signatures().get(0);
    assertThat(leader.format()).isEqualTo(SignatureFormat.PADES_BASELINE);
    assertThat(leader.level()).isEqualTo(SignatureLevel.B_T);
    assertThat(leader.bestSignatureTime()).contains(PKI.pki().clock().instant());
    assertThat(leader.scope()).startsWith("revision 2 of 3"); // the unsigned letter is revision 1
    assertThat(leader.scope(Locale.forLanguageTag("vi"))).startsWith("phiên bản 2/3, byte 0-");
    assertThat(report.toText(Locale.forLanguageTag("vi")))
        .contains("phiên bản 3/3")
        .doesNotContain("revision");
    assertThatSignature(leader).hasFinding("PDF_ALLOWED_CHANGES");
    assertThat(leader.signer().orElseThrow().name()).isEqualTo("Nguyễn Văn An");
    assertThat(report.signatures().get(1).scope()).contains("the whole document");
  }

  @Test
  void encryptedPdf_verifiesWithItsPassword_andWithoutItIsTyped(@TempDir Path dir)
      throws Exception {
    Path in = TestPdfs.encrypted(dir, "chu-so-huu", "mo-van-ban");
    Path out = dir.resolve("signed.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .ownerPassword("chu-so-huu".toCharArray())
                  .build(),
              token.keys().get(0));
    }

    assertThatThrownBy(() -> verifier().verify(out))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_ENCRYPTED));
    assertThatThrownBy(() -> verifier().verify(out, "sai".toCharArray()))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_ENCRYPTED));
    ValidationReport withUser = verifier().verify(out, "mo-van-ban".toCharArray());
    ValidationReport withOwner = verifier().verify(out, "chu-so-huu".toCharArray());

    assertThat(withUser.overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(withUser.signatures())
        .singleElement()
        .satisfies(s -> assertThat(s.scope()).contains("the whole document"));
    assertThat(withOwner.overall()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @ParameterizedTest(name = "{0}-bit key, AES: {1}")
  @CsvSource({"40,false", "128,false", "128,true", "256,true"})
  void encryptedPdf_withAnEmptyUserPassword_needsNoPassword_andAChangeIsStillCaught(
      int keyLength, boolean aes, @TempDir Path dir) throws Exception {
    Path in = TestPdfs.encrypted(dir, "chu-so-huu", "", keyLength, aes);
    Path out = dir.resolve("signed.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .ownerPassword("chu-so-huu".toCharArray())
                  .build(),
              token.keys().get(0));
    }
    byte[] bytes = Files.readAllBytes(out);
    Path tampered = dir.resolve("tampered.pdf");
    byte[] copy = bytes.clone();
    int at =
        new String(copy, StandardCharsets.ISO_8859_1).indexOf("stream")
            + 20; // inside the first (encrypted) stream
    copy[at] ^= 0x01;
    Files.write(tampered, copy);

    assertThat(verifier().verify(out).overall()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(verifier().verify(tampered).overall()).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void revokedSigner_fails(@TempDir Path dir) throws Exception {
    Path pdf =
        signed(
            dir,
            "s.pdf",
            TestPdfs.letter(dir, "l.pdf", null),
            TestIdentity.REVOKED,
            PadesLevel.B_B);

    SignatureResult s = verifier().verify(pdf).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(s.subIndication()).contains(SubIndication.REVOKED);
  }

  @Test
  void signatureByAnotherTool_adbePkcs7Detached_verifies(@TempDir Path dir) throws Exception {
    Path out =
        signedByHand(
            dir, ci -> ci, ASN1Encoding.DER); // plain PDFBox + Bouncy Castle, as other tools do

    SignatureResult s = verifier().verify(out).signatures().get(0);

    assertThat(s.format()).isEqualTo(SignatureFormat.PDF_PKCS7_DETACHED);
    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThatSignature(s).hasFinding("PDF_LEGACY_FORMAT");
    assertThatSignature(s)
        .hasFinding("PDF_SIGNING_CERTIFICATE_ATTRIBUTE"); // BC adds none: a finding, not a crash
  }

  /** Signs with a CMS built by Bouncy Castle, then rewritten by {@code rewrite}. */
  private static Path signedByHand(
      Path dir, Function<ContentInfo, ASN1Encodable> rewrite, String encoding) throws Exception {
    Path in = TestPdfs.letter(dir, "l.pdf", null);
    Path out = dir.resolve("by-hand.pdf");
    TestCredential c = PKI.pki().credential(TestIdentity.DIRECTOR);
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      sig.setSignDate(Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));
      doc.addSignature(
          sig,
          (InputStream content) -> {
            try {
              CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
              gen.addSignerInfoGenerator(
                  new JcaSignerInfoGeneratorBuilder(
                          new JcaDigestCalculatorProviderBuilder().build())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(c.privateKey()),
                          c.certificate()));
              gen.addCertificates(new JcaCertStore(c.chain()));
              ContentInfo ci =
                  gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false)
                      .toASN1Structure();
              return rewrite.apply(ci).toASN1Primitive().getEncoded(encoding);
            } catch (Exception e) {
              throw new IOException(e);
            }
          });
      doc.saveIncremental(os);
    }
    return out;
  }

  @Test
  void attack_signedAttributesNotDer_fail_thoughTheirDerFormIsWhatWasSigned(@TempDir Path dir)
      throws Exception {
    // The signer signed the DER SET; the file holds the same attributes in another order (a DL
    // SET).
    // A verifier that re-encodes before checking (as Bouncy Castle does) would accept it.
    Path pdf =
        signedByHand(
            dir,
            ci -> {
              // Built from DL parts: Bouncy Castle's own SignerInfo would write the SET as DER
              // again.
              ASN1Encodable[] sd = ASN1Sequence.getInstance(ci.getContent()).toArray();
              ASN1Encodable[] si =
                  ASN1Sequence.getInstance(ASN1Set.getInstance(sd[sd.length - 1]).getObjectAt(0))
                      .toArray();
              ASN1Set attrs = ASN1Set.getInstance((ASN1TaggedObject) si[3], false);
              ASN1EncodableVector reversed = new ASN1EncodableVector();
              for (int i = attrs.size() - 1; i >= 0; i--) {
                reversed.add(attrs.getObjectAt(i));
              }
              si[3] = new DLTaggedObject(false, 0, new DLSet(reversed));
              sd[sd.length - 1] = new DLSet(new DLSequence(si));
              return new DLSequence(
                  new ASN1Encodable[] {
                    ci.getContentType(), new DLTaggedObject(true, 0, new DLSequence(sd))
                  });
            },
            ASN1Encoding.DL);
    String hex = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    assertThat(hex)
        .doesNotContain("A08196301806092A864886F70D010903"); // contentType is no longer first

    SignatureResult s = verifier().verify(pdf).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(s.subIndication()).contains(SubIndication.FORMAT_FAILURE);
    assertThat(s.findings()).anySatisfy(f -> assertThat(f.messageEn()).contains("not DER"));
  }

  @Test
  void berContainer_withDerSignedAttributes_verifies(@TempDir Path dir) throws Exception {
    // Indefinite lengths outside the signed attributes are allowed BER (RFC 5652).
    Path pdf =
        signedByHand(
            dir,
            ci ->
                new BERSequence(
                    new ASN1Encodable[] {
                      ci.getContentType(),
                      new BERTaggedObject(
                          true,
                          0,
                          new BERSequence(ASN1Sequence.getInstance(ci.getContent()).toArray()))
                    }),
            ASN1Encoding.BER);
    byte[] all = Files.readAllBytes(pdf);
    assertThat(new String(all, StandardCharsets.ISO_8859_1)).contains("/Contents <3080");

    SignatureResult s = verifier().verify(pdf).signatures().get(0);

    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void attack_incrementalUpdateChangesPageContent_fails(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    Path evil = dir.resolve("evil.pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.toFile());
        OutputStream os = Files.newOutputStream(evil)) {
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs =
          new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 30);
        cs.newLineAtOffset(100, 400);
        cs.showText("SO TIEN: 999.000.000 VND");
        cs.endText();
      }
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    SignatureResult s = verifier().verify(evil).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_DISALLOWED_CHANGE");
    assertThat(
            s.findings().stream()
                .filter(f -> f.code().equals("PDF_DISALLOWED_CHANGE"))
                .findFirst()
                .orElseThrow()
                .messageEn())
        .contains("page entries [Contents]");
  }

  @Test
  void attack_annotationAddedAfterSigning_fails(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    Path evil = dir.resolve("evil.pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.toFile());
        OutputStream os = Files.newOutputStream(evil)) {
      PDPage page = doc.getPage(0);
      PDAnnotationText note = new PDAnnotationText();
      note.setRectangle(new PDRectangle(50, 500, 400, 100));
      note.setContents("Da duyet chi 999 trieu");
      page.getAnnotations().add(note);
      page.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    SignatureResult s = verifier().verify(evil).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_DISALLOWED_CHANGE");
  }

  @Test
  void attack_objectRedefinedByAnAppendedRevision_isCaughtAndALaterSignatureDoesNotHelp(
      @TempDir Path dir) throws Exception {
    // Shadow "replace": the next revision redefines the page's content stream object number; then
    // a second, valid signature is added on top. The first signature must still fail.
    Path pdf = chairmansLetter(dir);
    Path shadow = dir.resolve("shadow.pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.toFile());
        OutputStream os = Files.newOutputStream(shadow)) {
      var contents = doc.getPage(0).getCOSObject().getCOSStream(COSName.CONTENTS);
      try (OutputStream w = contents.createOutputStream()) {
        w.write(
            "BT /F1 24 Tf 100 700 Td (NOI DUNG DA BI THAY) Tj ET"
                .getBytes(StandardCharsets.US_ASCII));
      }
      contents.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    Path countersigned =
        signed(
            dir, "countersigned.pdf", shadow, TestIdentity.PROVINCE_ORGANISATION, PadesLevel.B_B);

    ValidationReport report = verifier().verify(countersigned);

    SignatureResult first = report.signatures().get(0);
    assertThat(first.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(first).hasFinding("PDF_DISALLOWED_CHANGE");
    assertThat(report.signatures().get(1).indication()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(report.overall()).isEqualTo(Indication.TOTAL_FAILED);
  }

  @Test
  void attack_contentsZeroed_isAFailedSignatureNotAMissingOne(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    byte[] b = Files.readAllBytes(pdf);
    String text = new String(b, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("/Contents <") + "/Contents <".length();
    for (int i = start; b[i] != '>'; i++) {
      b[i] = '0';
    }
    Path evil = dir.resolve("zeroed.pdf");
    Files.write(evil, b);

    SignatureResult s = verifier().verify(evil).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(s.subIndication()).contains(SubIndication.FORMAT_FAILURE);
  }

  @Test
  void attack_byteRangeMoved_wrapping_fails(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    byte[] b = Files.readAllBytes(pdf);
    String text = new String(b, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("/ByteRange [0 ") + "/ByteRange [0 ".length();
    // Shorten the first range by one digit's worth: the gap no longer is the /Contents string.
    int end = text.indexOf(' ', at);
    long first = Long.parseLong(text.substring(at, end));
    String replacement = String.valueOf(first - 10);
    while (replacement.length() < end - at) {
      replacement = "0" + replacement;
    }
    byte[] rep = replacement.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(rep, 0, b, at, rep.length);
    Path evil = dir.resolve("wrapped.pdf");
    Files.write(evil, b);

    SignatureResult s = verifier().verify(evil).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThatSignature(s).hasFinding("PDF_BYTE_RANGE_INVALID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lower", "upper", "mixed"})
  void contentsInEitherCase_isTheSameSignature(String spelling, @TempDir Path dir)
      throws Exception {
    Path pdf = chairmansLetter(dir);
    byte[] b = Files.readAllBytes(pdf);
    String text = new String(b, StandardCharsets.ISO_8859_1);
    // The gap is not signed: the same bytes in hex digits of another case are the same /Contents.
    int from = text.indexOf("/Contents <") + "/Contents <".length();
    int to = text.indexOf('>', from);
    int letters = 0;
    for (int i = from; i < to; i++) {
      char c = (char) b[i];
      if (Character.isLetter(c)) {
        boolean upper =
            switch (spelling) {
              case "lower" -> false;
              case "upper" -> true;
              default -> letters % 2 == 0;
            };
        b[i] = (byte) (upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        letters++;
      }
    }
    Path respelled = dir.resolve("respelled.pdf");
    Files.write(respelled, b);

    SignatureResult before = verifier().verify(pdf).signatures().get(0);
    SignatureResult after = verifier().verify(respelled).signatures().get(0);

    assertThat(letters).isGreaterThan(100);
    assertThat(after.indication())
        .isEqualTo(before.indication())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(after.findings()).extracting(f -> f.code()).doesNotContain("PDF_BYTE_RANGE_INVALID");
  }

  @Test
  void attack_contentsRedefinedLaterWithTheGapsLength_fails(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    Path evil = dir.resolve("evil.pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.toFile());
        OutputStream os = Files.newOutputStream(evil)) {
      // The signature dictionary again in a later update, its /Contents one byte different and as
      // long: the gap the byte range leaves is no longer this dictionary's /Contents.
      COSDictionary sig = doc.getLastSignatureDictionary().getCOSObject();
      byte[] contents = ((COSString) sig.getDictionaryObject(COSName.CONTENTS)).getBytes();
      contents[contents.length - 1] ^= 0x01;
      sig.setItem(COSName.CONTENTS, new COSString(contents, true));
      sig.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }

    SignatureResult s = verifier().verify(evil).signatures().get(0);

    assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(s.findings())
        .anySatisfy(
            f -> {
              assertThat(f.code()).isEqualTo("PDF_BYTE_RANGE_INVALID");
              assertThat(f.messageEn()).contains("not the /Contents of this signature dictionary");
            });
  }

  @Test
  void signedByteChanged_isAHashFailure(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    byte[] b = Files.readAllBytes(pdf);
    b[7] = (byte) (b[7] == '7' ? '6' : '7'); // %PDF-1.x: still parses, no longer what was signed
    Path evil = dir.resolve("changed.pdf");
    Files.write(evil, b);

    SignatureResult s = verifier().verify(evil).signatures().get(0);

    assertThat(s.subIndication()).contains(SubIndication.HASH_FAILURE);
  }

  /**
   * A letter carrying 5 MiB of incompressible data in a stream the catalog references: large enough
   * for the verifier to hash it on another thread. Returns the signed file; {@code dataAt[0]}
   * receives the offset of the data in it.
   */
  private static Path largeSignedLetter(Path dir, long[] dataAt) throws Exception {
    Path in = TestPdfs.letter(dir, "l.pdf", null);
    byte[] data = new byte[5 << 20];
    new java.util.Random(24).nextBytes(data);
    Path large = dir.resolve("large.pdf");
    try (PDDocument doc = Loader.loadPDF(in.toFile())) {
      org.apache.pdfbox.cos.COSStream stream = doc.getDocument().createCOSStream();
      try (OutputStream out = stream.createRawOutputStream()) {
        out.write(data);
      }
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("KysoData"), stream);
      doc.save(large.toFile());
    }
    Path pdf = signed(dir, "large-signed.pdf", large, TestIdentity.CHAIRMAN, PadesLevel.B_B);
    byte[] b = Files.readAllBytes(pdf);
    dataAt[0] = TestPdfs.indexOf(b, Arrays.copyOf(data, 64));
    assertThat(dataAt[0]).isPositive();
    return pdf;
  }

  @ParameterizedTest
  @ValueSource(strings = {"common pool", "caller", "refusing", "never starting"})
  void largeFile_hashedOnAnotherThread_passes_andAChangedByteIsAHashFailure(
      String where, @TempDir Path dir) throws Exception {
    java.util.concurrent.Executor executor =
        switch (where) {
          case "common pool" -> java.util.concurrent.ForkJoinPool.commonPool();
          case "caller" -> Runnable::run;
          case "refusing" ->
              r -> {
                throw new java.util.concurrent.RejectedExecutionException("busy");
              };
          default -> r -> {};
        };
    PdfVerifier v =
        PdfVerifier.builder(PKI.verifier())
            .clock(PKI.pki().clock())
            .digestExecutor(executor)
            .build();
    long[] dataAt = new long[1];
    Path pdf = largeSignedLetter(dir, dataAt);
    assertThat(Files.size(pdf)).isGreaterThan(4L << 20);

    assertThatSignature(v.verify(pdf).signatures().get(0)).isTotalPassed();

    // a byte in the middle of the data, then its last byte (past the last SHA-256 state kept)
    byte[] b = Files.readAllBytes(pdf);
    byte[] middle = b.clone();
    middle[(int) dataAt[0] + (2 << 20) + 12345] ^= 0x01;
    Path evil = dir.resolve("changed.pdf");
    Files.write(evil, middle);
    assertThat(v.verify(evil).signatures().get(0).subIndication())
        .contains(SubIndication.HASH_FAILURE);

    byte[] last = b.clone();
    last[(int) dataAt[0] + (5 << 20) - 1] ^= 0x01;
    Files.write(evil, last);
    assertThat(v.verify(evil).signatures().get(0).subIndication())
        .contains(SubIndication.HASH_FAILURE);
  }

  @Test
  void bytesAfterTheLastRevision_areAFinding(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    Files.write(
        pdf,
        "\n1 0 obj (hidden) endobj\n".getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.APPEND);

    ValidationReport report = verifier().verify(pdf);

    assertThat(report.documentFindings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("PDF_TRAILING_BYTES"));
  }

  @Test
  void notAPdf_isTyped(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.pdf");
    Files.writeString(junk, "GIF89a not a pdf at all");

    assertThatThrownBy(() -> verifier().verify(junk))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void truncatedSignedFile_isNeverPassed(@TempDir Path dir) throws Exception {
    Path pdf = chairmansLetter(dir);
    byte[] b = Files.readAllBytes(pdf);
    Path cut = dir.resolve("cut.pdf");
    Files.write(cut, Arrays.copyOf(b, b.length - 200));

    try {
      ValidationReport r = verifier().verify(cut);
      assertThat(r.overall()).isNotEqualTo(Indication.TOTAL_PASSED);
    } catch (DocumentException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }
  }

  @Test
  void unsignedDocument_isIndeterminateWithAFinding(@TempDir Path dir) throws Exception {
    ValidationReport r = verifier().verify(TestPdfs.letter(dir, "l.pdf", null));

    assertThat(r.signatures()).isEmpty();
    assertThat(r.overall()).isEqualTo(Indication.INDETERMINATE);
  }
}
