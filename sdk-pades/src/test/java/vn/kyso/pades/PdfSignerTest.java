package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** PAdES signing, checked independently with plain PDFBox and Bouncy Castle. */
class PdfSignerTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(3).build();

  private static PdfSigner signer() {
    return PdfSigner.builder().timestampClient(PKI.tsaClient()).clock(PKI.pki().clock()).build();
  }

  private static byte[] sha256(Path p) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
  }

  @Test
  void bb_isACadesDetachedSignatureWithSigningCertificateV2(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");
    byte[] before = sha256(in);

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B).reason("Phê duyệt").build(),
              token.keys().get(0));
    }

    List<TestPdfs.Checked> sigs = TestPdfs.check(out);
    assertThat(sigs).hasSize(1);
    TestPdfs.Checked s = sigs.get(0);
    assertThat(s.subFilter()).isEqualTo("ETSI.CAdES.detached");
    assertThat(s.cmsValid()).isTrue();
    assertThat(s.hasSigningCertificateV2()).isTrue();
    assertThat(s.hasSigningTimeAttribute()).isFalse();
    assertThat(s.coversWholeRevision()).isTrue();
    assertThat(s.signer()).isEqualTo(PKI.pki().credential(TestIdentity.CHAIRMAN).certificate());
    assertThat(sha256(in)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void bt_carriesATimestampOverTheSignatureValue(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_T).build(), token.keys().get(0));
    }

    TestPdfs.Checked s = TestPdfs.check(out).get(0);
    assertThat(s.cmsValid()).isTrue();
    assertThat(s.timestamp()).isNotNull();
    assertThat(s.timestamp().getTimeStampInfo().getGenTime().toInstant())
        .isEqualTo(PKI.pki().clock().instant());
  }

  @Test
  void containerSpace_isSizedToTheChainForBB_andLeftAt32KiBWithATimestamp(@TempDir Path dir)
      throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path bb = dir.resolve("bb.pdf");
    Path bt = dir.resolve("bt.pdf");
    Path set = dir.resolve("set.pdf");
    int chain = 0;
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      for (X509Certificate c : token.keys().get(0).chain()) {
        chain += c.getEncoded().length;
      }
      signer()
          .sign(in, bb, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
      signer()
          .sign(in, bt, PdfSignatureOptions.builder(PadesLevel.B_T).build(), token.keys().get(0));
      signer()
          .sign(
              in,
              set,
              PdfSignatureOptions.builder(PadesLevel.B_B).reservedBytes(20_000).build(),
              token.keys().get(0));
    }

    assertThat(contentsBytes(bb)).isGreaterThanOrEqualTo(chain + 4096).isLessThan(32 * 1024);
    assertThat(contentsBytes(bt)).isEqualTo(32 * 1024);
    assertThat(contentsBytes(set)).isEqualTo(20_000);
    for (Path p : List.of(bb, bt, set)) {
      assertThat(TestPdfs.check(p).get(0).cmsValid()).isTrue();
    }
  }

  @Test
  void containerLargerThanTheSpace_isRefused_andNothingIsWritten(@TempDir Path dir)
      throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          out,
                          PdfSignatureOptions.builder(PadesLevel.B_T).reservedBytes(4096).build(),
                          token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_TOO_LARGE));
    }
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  /** The length of the space for the container: the /Contents string's bytes. */
  private static int contentsBytes(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return ((COSString)
              doc.getLastSignatureDictionary().getCOSObject().getDictionaryObject(COSName.CONTENTS))
          .getBytes()
          .length;
    }
  }

  @Test
  void leaderThenClerk_twoRevisions_bothValid(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path one = dir.resolve("one.pdf");
    Path two = dir.resolve("two.pdf");

    try (SigningToken leader = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken clerk =
            PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      signer()
          .sign(
              in,
              one,
              PdfSignatureOptions.builder(PadesLevel.B_T).fieldName("LanhDao").build(),
              leader.keys().get(0));
      signer()
          .sign(
              one,
              two,
              PdfSignatureOptions.builder(PadesLevel.B_T).fieldName("VanThu").build(),
              clerk.keys().get(0));
    }

    List<TestPdfs.Checked> sigs = TestPdfs.check(two);
    assertThat(sigs)
        .hasSize(2)
        .allSatisfy(
            s -> {
              assertThat(s.cmsValid()).isTrue();
              assertThat(s.coversWholeRevision()).isTrue();
            });
    assertThat(Files.readAllBytes(two)).startsWith(Files.readAllBytes(one));
  }

  @Test
  void pssAndSha512_signAndVerify(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");

    try (SigningToken token = PKI.pki().credential(TestIdentity.DIRECTOR).signingToken()) {
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .pss(true)
                  .digest(DigestAlgorithm.SHA512)
                  .build(),
              token.keys().get(0));
    }

    assertThat(TestPdfs.check(out).get(0).cmsValid()).isTrue();
  }

  /**
   * A large input (5 MiB of incompressible data in a stream): the signer copies it, forces the copy
   * early, takes the SHA-256 from the copy's limit scan (on the executor or on the signing thread)
   * and skips PDFBox's own copy of the original; SHA-512 has no kept state, so the original's
   * digest is taken as PDFBox copies it. Every way gives a whole-revision signature whose first
   * bytes are the input's, and leaves no temporary file.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SHA-256, common pool", "SHA-256, caller", "SHA-512"})
  void largeInput_signedFromItsCopy(String how, @TempDir Path dir) throws Exception {
    Path letter = TestPdfs.letter(dir, "letter.pdf", null);
    byte[] data = new byte[5 << 20];
    new Random(31).nextBytes(data);
    Path in = dir.resolve("large.pdf");
    try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
      COSStream stream = doc.getDocument().createCOSStream();
      try (OutputStream out = stream.createRawOutputStream()) {
        out.write(data);
      }
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("KysoData"), stream);
      doc.save(in.toFile());
    }
    byte[] original = Files.readAllBytes(in);
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Path out = outDir.resolve("signed.pdf");
    PdfSigner signer =
        PdfSigner.builder()
            .clock(PKI.pki().clock())
            .digestExecutor(how.endsWith("caller") ? Runnable::run : ForkJoinPool.commonPool())
            .build();

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer.sign(
          in,
          out,
          PdfSignatureOptions.builder(PadesLevel.B_B)
              .digest(how.startsWith("SHA-512") ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA256)
              .build(),
          token.keys().get(0));
    }

    TestPdfs.Checked s = TestPdfs.check(out).get(0);
    assertThat(s.cmsValid()).isTrue();
    assertThat(s.coversWholeRevision()).isTrue();
    byte[] signed = Files.readAllBytes(out);
    assertThat(Arrays.copyOf(signed, original.length)).isEqualTo(original);
    assertThat(Files.readAllBytes(in)).isEqualTo(original);
    try (var files = Files.list(outDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("signed.pdf");
    }
  }

  @Test
  void inputOverTheSizeLimit_isRefusedBeforeAnythingIsCopied(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path outDir = Files.createDirectories(dir.resolve("out"));
    PdfSigner signer =
        PdfSigner.builder()
            .clock(PKI.pki().clock())
            .limits(ResourceLimits.builder().maxPdfBytes(Files.size(in) - 1).build())
            .build();

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer.sign(
                      in,
                      outDir.resolve("signed.pdf"),
                      PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                      token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
                assertThat(e.getMessage()).contains("letter.pdf");
              });
    }
    try (var files = Files.list(outDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void existingEmptyField_isSigned_andASignedFieldIsRefused(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", "ChuKyLanhDao");
    Path out = dir.resolve("signed.pdf");

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      SigningKey key = token.keys().get(0);
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B).fieldName("ChuKyLanhDao").build(),
              key);

      assertThat(TestPdfs.check(out)).hasSize(1);
      Path again = dir.resolve("again.pdf");
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          out,
                          again,
                          PdfSignatureOptions.builder(PadesLevel.B_B)
                              .fieldName("ChuKyLanhDao")
                              .build(),
                          key))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_FIELD_SIGNED));
      assertThat(again).doesNotExist();
    }
  }

  @Test
  void certifiedNoChanges_refusesAFurtherSignature(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path certified = dir.resolve("certified.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      SigningKey key = token.keys().get(0);
      signer()
          .sign(
              in,
              certified,
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .certification(DocMdpPermission.NO_CHANGES)
                  .build(),
              key);

      assertThat(TestPdfs.check(certified).get(0).cmsValid()).isTrue();
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          certified,
                          dir.resolve("x.pdf"),
                          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                          key))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_CERTIFIED_NO_CHANGES));
    }
  }

  @Test
  void twoPhase_acrossTwoSignerInstances_withOnlyTheSerialisedState(@TempDir Path dir)
      throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");
    var chairman = PKI.pki().credential(TestIdentity.CHAIRMAN);
    PdfSignatureOptions options =
        PdfSignatureOptions.builder(PadesLevel.B_T).fieldName("LanhDao").build();

    byte[] state = signer().prepare(in, options, chairman.chain()).toBytes(); // request 1
    PreparedSignature restored = PreparedSignature.fromBytes(state); // request 2
    SignatureValue value;
    try (SigningToken token = chairman.signingToken()) {
      value = token.keys().get(0).sign(restored.dataToSign(), restored.algorithm()); // the plug-in
    }
    PdfSigner other = PdfSigner.builder().timestampClient(PKI.tsaClient()).build();
    other.complete(restored, in, out, value);

    TestPdfs.Checked s = TestPdfs.check(out).get(0);
    assertThat(s.cmsValid()).isTrue();
    assertThat(s.timestamp()).isNotNull();
    assertThat(state.length).isLessThan(16 * 1024);
  }

  @Test
  void twoPhase_valueFromAnotherKey_isRefusedAndNothingIsWritten(@TempDir Path dir)
      throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");
    PreparedSignature prepared =
        signer()
            .prepare(
                in,
                PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                PKI.pki().credential(TestIdentity.CHAIRMAN).chain());
    SignatureValue wrong;
    try (SigningToken token = PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).signingToken()) {
      wrong = token.keys().get(0).sign(prepared.dataToSign(), prepared.algorithm());
    }

    assertThatThrownBy(() -> signer().complete(prepared, in, out, wrong))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID));
    assertThat(out).doesNotExist();
  }

  @Test
  void twoPhase_otherDocument_isRefused(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path other = TestPdfs.letter(dir, "other.pdf", "Field");
    var chairman = PKI.pki().credential(TestIdentity.CHAIRMAN);
    PreparedSignature prepared =
        signer().prepare(in, PdfSignatureOptions.builder(PadesLevel.B_B).build(), chairman.chain());
    SignatureValue value;
    try (SigningToken token = chairman.signingToken()) {
      value = token.keys().get(0).sign(prepared.dataToSign(), prepared.algorithm());
    }

    assertThatThrownBy(() -> signer().complete(prepared, other, dir.resolve("out.pdf"), value))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PREPARED_STATE_INVALID));
    assertThat(dir.resolve("out.pdf")).doesNotExist();
  }

  @Test
  void damagedState_isTyped() {
    assertThatThrownBy(
            () -> PreparedSignature.fromBytes("not a state".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PREPARED_STATE_INVALID));
  }

  @Test
  void encrypted_needsTheOwnerPassword(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.encrypted(dir, "chu-so-huu");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      SigningKey key = token.keys().get(0);

      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          dir.resolve("a.pdf"),
                          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                          key))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_ENCRYPTED));
      signer()
          .sign(
              in,
              dir.resolve("b.pdf"),
              PdfSignatureOptions.builder(PadesLevel.B_B)
                  .ownerPassword("chu-so-huu".toCharArray())
                  .build(),
              key);
    }

    assertThat(dir.resolve("a.pdf")).doesNotExist();
    assertThat(dir.resolve("b.pdf")).exists();
  }

  @Test
  void notAPdf_isTyped_andLeavesNoOutput(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("fake.pdf");
    Files.writeString(in, "%PDF-1.7\nthis is not a pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          dir.resolve("out.pdf"),
                          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                          token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
    }
    assertThat(dir.resolve("out.pdf")).doesNotExist();
  }

  @Test
  void sameFileAsInputAndOutput_isRefused(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          in,
                          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
                          token.keys().get(0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void signingTime_isTheClaimedTimeInVietnamTime(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");
    PdfSigner fixed =
        PdfSigner.builder()
            .clock(Clock.fixed(Instant.parse("2026-06-15T03:00:00Z"), ZoneOffset.UTC))
            .build();

    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      fixed.sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
    }

    assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1))
        .contains("/M (D:20260615100000+07'00')");
  }
}
