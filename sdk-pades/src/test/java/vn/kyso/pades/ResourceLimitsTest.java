package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.internal.BoundedDecode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * The verifier's resource limits: file size, object count, and a ceiling on what one stream may
 * decompress to. Runs with -Xmx256m (the parent POM's bounded-heap execution): the compression
 * bombs below decompress to 1 GiB, so decoding them without a ceiling would fail the run.
 */
class ResourceLimitsTest {
  private static final TestPki PKI = TestPki.builder().seed(61).build();

  @TempDir static Path dir;

  private static Path signed;
  private static byte[] bomb;

  @BeforeAll
  static void setUp() throws Exception {
    signed = dir.resolve("signed.pdf");
    try (SigningToken token = PKI.credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.clock())
          .build()
          .sign(
              TestPdfs.letter(dir, "l.pdf", null),
              signed,
              PdfSignatureOptions.builder(PadesLevel.B_B).build(),
              token.keys().get(0));
    }
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream d =
        new DeflaterOutputStream(z, new Deflater(Deflater.BEST_COMPRESSION))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        d.write(zeros); // 1 GiB of zeros, about 1 MB deflated
      }
    }
    bomb = z.toByteArray();
  }

  private static PdfVerifier verifier(ResourceLimits limits) {
    return PdfVerifier.builder(
            CertificateVerifier.builder(PKI.trustAnchors())
                .clock(PKI.clock())
                .network(NetworkSettings.offline())
                .insecureSkipRevocationCheck()
                .build())
        .clock(PKI.clock())
        .limits(limits)
        .build();
  }

  @Test
  void fileLargerThanTheLimit_isRefusedBeforeParsing() {
    assertThatThrownBy(
            () -> verifier(ResourceLimits.builder().maxPdfBytes(1000).build()).verify(signed))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }

  @Test
  void moreObjectsThanTheLimit_isRefused() {
    assertThatThrownBy(
            () -> verifier(ResourceLimits.builder().maxPdfObjects(3).build()).verify(signed))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
              assertThat(e.getMessage()).contains("PDF objects");
            });
  }

  @Test
  void withinTheDefaults_theSignaturePasses() throws Exception {
    assertThat(verifier(ResourceLimits.defaults()).verify(signed).signatures().get(0).isPassed())
        .isTrue();
  }

  @Test
  void compressionBombInTheDss_isNotDecompressed() throws Exception {
    // An update after signing adds a DSS whose CRL stream inflates to 1 GiB.
    Path bombed = dir.resolve("bombed.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(bombed)) {
      COSStream crl = doc.getDocument().createCOSStream();
      crl.setItem(COSName.FILTER, COSName.FLATE_DECODE);
      try (OutputStream raw = crl.createRawOutputStream()) {
        raw.write(bomb);
      }
      COSArray crls = new COSArray();
      crls.add(crl);
      COSDictionary dss = new COSDictionary();
      dss.setItem(COSName.getPDFName("CRLs"), crls);
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      catalog.setItem(COSName.getPDFName("DSS"), dss);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    long start = System.nanoTime();

    ValidationReport report = verifier(ResourceLimits.defaults()).verify(bombed);

    assertThat(report.signatures()).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void compressionBombInAnObjectStream_isRefusedBeforePdfBoxParses() throws Exception {
    // PDFBox inflates object streams whole while it parses; the verifier and the signer look first.
    Path bombed = dir.resolve("objstm-bomb.pdf");
    try (OutputStream os = Files.newOutputStream(bombed)) {
      os.write(Files.readAllBytes(signed));
      os.write(
          ("\n99 0 obj\n<< /Type /Obj#53tm /N 1 /First 5 /Filter /FlateDecode /Length "
                  + bomb.length
                  + " >>\nstream\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      os.write(bomb);
      os.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    long start = System.nanoTime();

    assertThatThrownBy(() -> verifier(ResourceLimits.defaults()).verify(bombed))
        .isInstanceOfSatisfying(
            DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    try (SigningToken token = PKI.credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  PdfSigner.builder()
                      .clock(PKI.clock())
                      .build()
                      .sign(
                          bombed,
                          dir.resolve("out.pdf"),
                          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                          token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }
    assertThat(Files.exists(dir.resolve("out.pdf"))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void boundedDecode_stopsAtTheCeiling_andDecodesOrdinaryStreamsAsPdfBoxDoes() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      COSStream bombStream = doc.getDocument().createCOSStream();
      bombStream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
      try (OutputStream raw = bombStream.createRawOutputStream()) {
        raw.write(bomb);
      }
      assertThatThrownBy(() -> BoundedDecode.decode(bombStream, 16 << 20))
          .isInstanceOf(BoundedDecode.LimitExceeded.class);

      COSStream ordinary = doc.getDocument().createCOSStream();
      byte[] text =
          "BT /F1 12 Tf 72 720 Td (Ho so so 12) Tj ET"
              .repeat(50)
              .getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = ordinary.createOutputStream(COSName.FLATE_DECODE)) {
        out.write(text);
      }
      assertThat(BoundedDecode.decode(ordinary, 1 << 20)).isEqualTo(text);
      try (var in = ordinary.createInputStream()) {
        assertThat(BoundedDecode.decode(ordinary, 1 << 20)).isEqualTo(in.readAllBytes());
      }
    }
  }
}
