package vn.kyso.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.cades.CadesSigner;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.XmlSigner;

/** ASiC-S and ASiC-E with CAdES and XAdES: created, extended, verified, and hostile zips. */
class AsicTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(133).build();

  private static AsicSigner signer() {
    return AsicSigner.builder()
        .cades(
            CadesSigner.builder()
                .timestampClient(PKI.tsaClient())
                .certificateVerifier(PKI.verifier())
                .clock(PKI.pki().clock())
                .build())
        .xades(
            XmlSigner.builder()
                .timestampClient(PKI.tsaClient())
                .certificateVerifier(PKI.verifier())
                .clock(PKI.pki().clock())
                .build())
        .build();
  }

  private static AsicVerifier verifier() {
    return AsicVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build();
  }

  private static List<Path> files(Path dir) throws Exception {
    return List.of(
        Files.writeString(dir.resolve("to-trinh.docx"), "Tờ trình số 5/TTr-UBND"),
        Files.writeString(dir.resolve("phu-luc.xlsx"), "Phụ lục kinh phí"));
  }

  private static void create(
      List<Path> files,
      Path out,
      AsicType type,
      AsicSignatureForm form,
      SignatureLevel level,
      TestIdentity who)
      throws Exception {
    try (SigningToken t = PKI.pki().credential(who).signingToken()) {
      signer()
          .create(
              files, out, AsicOptions.builder(type, form).level(level).build(), t.keys().get(0));
    }
  }

  @ParameterizedTest
  @EnumSource(AsicSignatureForm.class)
  void asicE_twoFiles_passes_andCoversBoth(AsicSignatureForm form, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("ho-so.asice");

    create(files(dir), out, AsicType.E, form, SignatureLevel.B_LT, TestIdentity.DIRECTOR);

    ValidationReport r = verifier().verify(out);
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.signatures()).hasSize(1);
    assertThat(r.signatures().get(0).level()).isEqualTo(SignatureLevel.B_LT);
    assertThat(r.signatures().get(0).scope()).contains("to-trinh.docx", "phu-luc.xlsx");
    assertThat(r.documentFindings()).isEmpty();
    try (ZipFile z = new ZipFile(out.toFile())) {
      ZipEntry first = z.entries().nextElement();
      assertThat(first.getName()).isEqualTo("mimetype");
      assertThat(first.getMethod()).isEqualTo(ZipEntry.STORED);
    }
  }

  @ParameterizedTest
  @EnumSource(AsicSignatureForm.class)
  void asicS_secondSignature_joinsTheFirst(AsicSignatureForm form, @TempDir Path dir)
      throws Exception {
    Path one = dir.resolve("one.asics");
    Path two = dir.resolve("two.asics");
    create(
        files(dir).subList(0, 1), one, AsicType.S, form, SignatureLevel.B_T, TestIdentity.DIRECTOR);
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .addSignature(
              one,
              two,
              AsicOptions.builder(AsicType.S, form).level(SignatureLevel.B_T).build(),
              t.keys().get(0));
    }

    ValidationReport r = verifier().verify(two);

    assertThat(r.signatures()).hasSize(2);
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
  }

  @Test
  void asicE_addSignature_makesASecondManifest(@TempDir Path dir) throws Exception {
    Path one = dir.resolve("one.asice");
    Path two = dir.resolve("two.asice");
    create(
        files(dir),
        one,
        AsicType.E,
        AsicSignatureForm.CADES,
        SignatureLevel.B_B,
        TestIdentity.DIRECTOR);
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .addSignature(
              one,
              two,
              AsicOptions.builder(AsicType.E, AsicSignatureForm.CADES).build(),
              t.keys().get(0));
    }

    ValidationReport r = verifier().verify(two);

    assertThat(r.signatures())
        .extracting(SignatureResult::id)
        .containsExactly(
            "META-INF/signature001.p7s#Signature1", "META-INF/signature002.p7s#Signature1");
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(entries(two))
        .containsKeys("META-INF/ASiCManifest001.xml", "META-INF/ASiCManifest002.xml");
  }

  @ParameterizedTest
  @EnumSource(AsicSignatureForm.class)
  void aFileAddedAfterSigning_isReportedUnsigned(AsicSignatureForm form, @TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("a.asice");
    create(files(dir), out, AsicType.E, form, SignatureLevel.B_B, TestIdentity.DIRECTOR);
    Map<String, byte[]> e = entries(out);
    e.put("them-vao.pdf", "added later".getBytes(StandardCharsets.UTF_8));
    Path added = write(dir.resolve("added.asice"), e);

    ValidationReport r = verifier().verify(added);

    assertThat(r.signatures()).allMatch(SignatureResult::isPassed);
    assertThat(r.documentFindings())
        .anySatisfy(
            f -> {
              assertThat(f.code()).isEqualTo("ASIC_UNSIGNED_FILES");
              assertThat(f.messageEn()).contains("them-vao.pdf");
            });
    assertThat(r.overall()).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  @ParameterizedTest
  @EnumSource(AsicSignatureForm.class)
  void aChangedFile_failsTheSignature(AsicSignatureForm form, @TempDir Path dir) throws Exception {
    Path out = dir.resolve("a.asice");
    create(files(dir), out, AsicType.E, form, SignatureLevel.B_B, TestIdentity.DIRECTOR);
    Map<String, byte[]> e = entries(out);
    e.put("phu-luc.xlsx", "Phụ lục kinh phí (sửa)".getBytes(StandardCharsets.UTF_8));
    Path changed = write(dir.resolve("changed.asice"), e);

    ValidationReport r = verifier().verify(changed);

    assertThat(r.signatures()).noneMatch(SignatureResult::isPassed);
    if (form == AsicSignatureForm.CADES) {
      assertThat(r.signatures().get(0).subIndication()).contains(SubIndication.HASH_FAILURE);
    }
  }

  @Test
  void pathTraversal_andRepeatedNames_areMalformed(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("a.asice");
    create(
        files(dir),
        out,
        AsicType.E,
        AsicSignatureForm.CADES,
        SignatureLevel.B_B,
        TestIdentity.DIRECTOR);
    for (String evil : List.of("../../etc/passwd", "/abs.txt", "a\\b.txt", "C:x.txt", "a/./b")) {
      Map<String, byte[]> e = entries(out);
      e.put(evil, new byte[] {1});
      Path bad = write(dir.resolve("bad.asice"), e);
      assertThatThrownBy(() -> verifier().verify(bad))
          .as(evil)
          .isInstanceOfSatisfying(
              DocumentException.class,
              x -> assertThat(x.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
    }
    Map<String, byte[]> e = entries(out);
    e.put("TO-TRINH.DOCX", new byte[] {1});
    Path twice = write(dir.resolve("twice.asice"), e);
    assertThatThrownBy(() -> verifier().verify(twice))
        .isInstanceOfSatisfying(
            DocumentException.class,
            x -> assertThat(x.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void zipBomb_tooManyEntries_andGarbage_areTypedErrors(@TempDir Path dir) throws Exception {
    Map<String, byte[]> bomb = new LinkedHashMap<>();
    bomb.put("mimetype", AsicType.E.mimeType().getBytes(StandardCharsets.US_ASCII));
    bomb.put("zeros.bin", new byte[64 << 20]);
    Path b = write(dir.resolve("bomb.asice"), bomb);
    assertThat(Files.size(b)).isLessThan(1 << 20);
    assertThatThrownBy(() -> verifier().verify(b))
        .isInstanceOfSatisfying(
            DocumentException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));

    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      many.put("f" + i + ".txt", new byte[] {(byte) i});
    }
    Path m = write(dir.resolve("many.asice"), many);
    assertThatThrownBy(
            () ->
                AsicVerifier.builder(PKI.verifier())
                    .limits(ResourceLimits.builder().maxContainerEntries(20).build())
                    .build()
                    .verify(m))
        .isInstanceOfSatisfying(
            DocumentException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));

    Path junk = Files.writeString(dir.resolve("junk.asice"), "PK not really");
    assertThatThrownBy(() -> verifier().verify(junk))
        .isInstanceOfSatisfying(
            DocumentException.class,
            x -> assertThat(x.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void aFileNameThatCannotStandInAContainer_isRefusedWhenCreating(@TempDir Path dir)
      throws Exception {
    Path meta = Files.writeString(dir.resolve("mimetype"), "x");
    try (SigningToken t = PKI.pki().credential(TestIdentity.DIRECTOR).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .create(
                          List.of(meta),
                          dir.resolve("o.asics"),
                          AsicOptions.builder(AsicType.S, AsicSignatureForm.CADES).build(),
                          t.keys().get(0)))
          .isInstanceOf(DocumentException.class);
    }
    assertThat(dir.resolve("o.asics")).doesNotExist();
  }

  /**
   * An ASiC archive manifest (as DSS writes ASiC-E CAdES B-LTA): a time-stamp over it makes the
   * signatures it preserves B-LTA; a preserved file changed afterwards fails it.
   */
  @Test
  void asicArchiveManifest_raisesToBlta_andAChangedFileFailsIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("a.asice");
    create(
        files(dir),
        out,
        AsicType.E,
        AsicSignatureForm.CADES,
        SignatureLevel.B_LT,
        TestIdentity.DIRECTOR);
    Map<String, byte[]> e = entries(out);
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><asic:ASiCManifest"
                + " xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><asic:SigReference"
                + " MimeType=\"application/vnd.etsi.timestamp-token\""
                + " URI=\"META-INF/timestamp.tst\"/>");
    for (String name : e.keySet()) {
      if (name.equals("mimetype")) {
        continue;
      }
      xml.append("<asic:DataObjectReference URI=\"")
          .append(name)
          .append("\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>")
          .append("<ds:DigestValue>")
          .append(
              java.util.Base64.getEncoder()
                  .encodeToString(vn.kyso.api.DigestAlgorithm.SHA256.digest(e.get(name)).value()))
          .append("</ds:DigestValue></asic:DataObjectReference>");
    }
    xml.append("</asic:ASiCManifest>");
    byte[] manifest = xml.toString().getBytes(StandardCharsets.UTF_8);
    e.put("META-INF/ASiCArchiveManifest.xml", manifest);
    e.put(
        "META-INF/timestamp.tst",
        PKI.tsaClient().timestamp(vn.kyso.api.DigestAlgorithm.SHA256.digest(manifest)).encoded());
    Path archived = write(dir.resolve("archived.asice"), e);

    SignatureResult r = verifier().verify(archived).signatures().get(0);

    assertThat(r.indication()).as(r.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.level()).isEqualTo(SignatureLevel.B_LTA);
    assertThat(r.timestamps())
        .filteredOn(t -> t.kind() == vn.kyso.api.validation.TimestampResult.Kind.ARCHIVE)
        .singleElement()
        .matches(vn.kyso.api.validation.TimestampResult::isPassed);

    Map<String, byte[]> changed = new LinkedHashMap<>(e);
    changed.put(
        "META-INF/ASiCManifest001.xml",
        (new String(e.get("META-INF/ASiCManifest001.xml"), StandardCharsets.UTF_8) + " ")
            .getBytes(StandardCharsets.UTF_8));
    SignatureResult c =
        verifier().verify(write(dir.resolve("changed.asice"), changed)).signatures().get(0);
    assertThat(c.findings()).extracting(f -> f.code()).contains("ASIC_ARCHIVE_TIMESTAMP_INVALID");
    assertThat(c.validationDataUsable()).isFalse();
  }

  static Map<String, byte[]> entries(Path zip) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        out.put(e.getName(), z.getInputStream(e).readAllBytes());
      }
    }
    return out;
  }

  static Path write(Path zip, Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (e.getKey().equals("mimetype")) {
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setCrc(crc.getValue());
        }
        z.putNextEntry(entry);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return Files.write(zip, bytes.toByteArray());
  }
}
