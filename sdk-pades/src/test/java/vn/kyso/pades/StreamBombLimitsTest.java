package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.pades.internal.DecodeCeiling;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * Compression bombs that Kyso cannot see before PDFBox parses: the document catalog sits in an
 * object stream that PDFBox decodes whole while it loads the document, and the stream is either
 * encrypted, or compressed with LZW or run-length, or hex-encoded before it is deflated (so it does
 * not look like deflate). Each must end in {@code LIMIT_EXCEEDED}, for the verifier and the signer,
 * in bounded time and within the bounded heap this class runs in (-Xmx256m; the largest bombs
 * decode to 512 MiB).
 */
class StreamBombLimitsTest {
  private static final TestPki PKI = TestPki.builder().seed(67).build();

  @TempDir static Path dir;

  /** The head, then 512 MiB of zeros (twice the test heap), deflated: about 0.5 MB. */
  private static byte[] halfGigabyteDeflated(byte[] head) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d =
        new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED))) {
      d.write(head);
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 512; i++) {
        d.write(zeros);
      }
    }
    return out.toByteArray();
  }

  private static byte[] hex(byte[] data) {
    return (HexFormat.of().formatHex(data) + ">").getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void deflatedObjectStreamBehindAsciiHex_isStoppedInsidePdfBox() throws Exception {
    // The raw data is not deflate, so Kyso's look before parsing cannot inflate it; PDFBox can.
    Path bombed =
        ObjectStreamBombs.withCatalogInObjectStream(
            dir,
            TestPdfs.letter(dir, "plain.pdf", null),
            "hex.pdf",
            "[/ASCIIHexDecode /FlateDecode]",
            head -> hex(halfGigabyteDeflated(head)));

    assertRefusedByVerifierAndSigner(bombed, ResourceLimits.defaults(), null);
  }

  @Test
  void encryptedObjectStream_isStoppedInsidePdfBox() throws Exception {
    // AES-256, empty user password: anyone may open it, and Kyso cannot inflate the stream first.
    Path encrypted = TestPdfs.encrypted(dir, "owner", "", 256, true);
    Path bombed =
        ObjectStreamBombs.withCatalogInObjectStream(
            dir,
            encrypted,
            "encrypted-bomb.pdf",
            "/FlateDecode",
            StreamBombLimitsTest::halfGigabyteDeflated);

    assertRefusedByVerifierAndSigner(bombed, ResourceLimits.defaults(), "owner".toCharArray());
  }

  @Test
  void lzwObjectStream_isStoppedInsidePdfBox() throws Exception {
    Path bombed =
        ObjectStreamBombs.withCatalogInObjectStream(
            dir,
            TestPdfs.letter(dir, "plain-lzw.pdf", null),
            "lzw.pdf",
            "/LZWDecode",
            head -> {
              byte[] plainStream = new byte[2 << 20]; // 2 MiB, about 10 KB in LZW
              System.arraycopy(head, 0, plainStream, 0, head.length);
              ByteArrayOutputStream lzw = new ByteArrayOutputStream();
              FilterFactory.INSTANCE
                  .getFilter(COSName.LZW_DECODE)
                  .encode(new ByteArrayInputStream(plainStream), lzw, new COSDictionary(), 0);
              return lzw.toByteArray();
            });

    assertRefusedByVerifierAndSigner(
        bombed, ResourceLimits.builder().maxDecodedStreamBytes(1 << 20).build(), null);
  }

  @Test
  void runLengthObjectStream_isStoppedInsidePdfBox() throws Exception {
    Path bombed =
        ObjectStreamBombs.withCatalogInObjectStream(
            dir,
            TestPdfs.letter(dir, "plain-rle.pdf", null),
            "rle.pdf",
            "/RunLengthDecode",
            head -> {
              ByteArrayOutputStream rle = new ByteArrayOutputStream();
              rle.write(head.length - 1); // the next length + 1 bytes literally
              rle.write(head);
              for (int i = 0; i < (4 << 20) / 128; i++) {
                rle.write(129); // 257 - 129 = 128 copies of the next byte: 4 MiB of spaces
                rle.write(' ');
              }
              rle.write(128); // end of data
              return rle.toByteArray();
            });

    assertRefusedByVerifierAndSigner(
        bombed, ResourceLimits.builder().maxDecodedStreamBytes(1 << 20).build(), null);
  }

  @Test
  void theSameObjectStreamWithinTheLimit_opens() throws Exception {
    // The construction is sound: with the padding under the limit, the document verifies.
    Path fine =
        ObjectStreamBombs.withCatalogInObjectStream(
            dir,
            TestPdfs.letter(dir, "plain-fine.pdf", null),
            "fine.pdf",
            "[/ASCIIHexDecode /FlateDecode]",
            head -> hex(deflate(Arrays.copyOf(head, head.length + 1000))));

    assertThat(verifier(ResourceLimits.defaults()).verify(fine).documentFindings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("PDF_NO_SIGNATURE"));
  }

  @Test
  void outsideKyso_pdfBoxDecodesAsItAlwaysDid() throws Exception {
    assertThat(DecodeCeiling.isInstalled()).isTrue();
    byte[] text = "BT (Cong van so 15) Tj ET".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    try (PDDocument doc = new PDDocument()) {
      COSStream s = doc.getDocument().createCOSStream();
      try (OutputStream out = s.createOutputStream(COSName.FLATE_DECODE)) {
        out.write(text);
      }
      try (DecodeCeiling ceiling = DecodeCeiling.enter(100)) {
        assertThatThrownBy(() -> s.createInputStream().readAllBytes())
            .isInstanceOf(IOException.class);
        assertThat(ceiling.reached()).isTrue();
      }
      try (InputStream in = s.createInputStream()) {
        assertThat(in.readAllBytes()).isEqualTo(text);
      }
    }
  }

  private static void assertRefusedByVerifierAndSigner(
      Path bombed, ResourceLimits limits, char[] ownerPassword) throws Exception {
    long start = System.nanoTime();
    assertThatThrownBy(() -> verifier(limits).verify(bombed))
        .isInstanceOfSatisfying(
            DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    Path out = dir.resolve("signed-" + bombed.getFileName());
    PdfSignatureOptions.Builder options = PdfSignatureOptions.builder(PadesLevel.B_B);
    if (ownerPassword != null) {
      options.ownerPassword(ownerPassword);
    }
    try (SigningToken token = PKI.credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  PdfSigner.builder()
                      .clock(PKI.clock())
                      .limits(limits)
                      .build()
                      .sign(bombed, out, options.build(), token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".part"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
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

  private static byte[] deflate(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d =
        new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
      d.write(data);
    }
    return out.toByteArray();
  }
}
