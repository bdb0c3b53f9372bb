package vn.kyso.cades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** CAdES signing and verification: levels, packaging, two phases, parallel and counter-signers. */
class CadesSignerTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(125).build();

  private static CadesSigner signer() {
    return CadesSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static CadesVerifier verifier() {
    return CadesVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build();
  }

  private static Path file(Path dir) throws Exception {
    return Files.write(
        dir.resolve("bao-cao.docx"),
        "Báo cáo tình hình kinh tế - xã hội tháng 11/2026"
            .repeat(200)
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void sign(
      Path in, Path out, CadesLevel level, CadesPackaging packaging, TestIdentity who)
      throws Exception {
    try (SigningToken t = PKI.pki().credential(who).signingToken()) {
      signer().sign(in, out, CadesSignatureOptions.builder(level, packaging).build(), key(t));
    }
  }

  private static SigningKey key(SigningToken t) throws Exception {
    return t.keys().get(0);
  }

  @ParameterizedTest
  @EnumSource(CadesLevel.class)
  void detached_everyLevel_passes_withItsLevel(CadesLevel level, @TempDir Path dir)
      throws Exception {
    Path in = file(dir);
    byte[] before = Files.readAllBytes(in);
    Path p7s = dir.resolve("bao-cao.docx.p7s");

    sign(in, p7s, level, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);

    assertThat(Files.readAllBytes(in)).isEqualTo(before);
    ValidationReport r = verifier().verify(p7s, in);
    SignatureResult s = r.signatures().get(0);
    assertThat(r.signatures()).hasSize(1);
    assertThat(s.indication()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.level()).isEqualTo(SignatureLevel.valueOf(level.name()));
    assertThat(s.validationDataUsable()).isTrue();
    assertThat(s.claimedSigningTime()).isPresent();
    assertThat(s.scope()).contains("bao-cao.docx");
    if (level == CadesLevel.B_LTA) {
      assertThat(s.timestamps())
          .extracting(TimestampResult::kind)
          .containsExactly(TimestampResult.Kind.SIGNATURE, TimestampResult.Kind.ARCHIVE);
      assertThat(s.timestamps()).allMatch(TimestampResult::isPassed);
    }
  }

  @Test
  void enveloping_holdsTheContent_andVerifiesAlone(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    Path p7m = dir.resolve("bao-cao.docx.p7m");

    sign(in, p7m, CadesLevel.B_LTA, CadesPackaging.ENVELOPING, TestIdentity.CHAIRMAN);

    ValidationReport r = verifier().verify(p7m);
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.signatures().get(0).level()).isEqualTo(SignatureLevel.B_LTA);
    assertThat(Files.size(p7m)).isGreaterThan(Files.size(in));
  }

  @Test
  void changedContent_isHashFailure_andMissingContent_isSignedDataNotFound(@TempDir Path dir)
      throws Exception {
    Path in = file(dir);
    Path p7s = dir.resolve("x.p7s");
    sign(in, p7s, CadesLevel.B_T, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);
    Path changed = Files.write(dir.resolve("changed.docx"), Files.readAllBytes(in));
    byte[] b = Files.readAllBytes(changed);
    b[100] ^= 1;
    Files.write(changed, b);

    SignatureResult tampered = verifier().verify(p7s, changed).signatures().get(0);
    SignatureResult missing = verifier().verify(p7s).signatures().get(0);

    assertThat(tampered.indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(tampered.subIndication()).contains(SubIndication.HASH_FAILURE);
    assertThat(missing.indication()).isEqualTo(Indication.INDETERMINATE);
    assertThat(missing.subIndication()).contains(SubIndication.SIGNED_DATA_NOT_FOUND);
    assertThat(missing.findings()).extracting(f -> f.code()).contains("CADES_CONTENT_MISSING");
  }

  @Test
  void twoPhase_stateSurvivesSerialisation_andAnotherKeysValueIsRefused(@TempDir Path dir)
      throws Exception {
    Path in = file(dir);
    Path out = dir.resolve("two-phase.p7s");
    TestCredential director = PKI.pki().credential(TestIdentity.DIRECTOR);
    byte[] state =
        signer()
            .prepare(
                in,
                CadesSignatureOptions.builder(CadesLevel.B_LT, CadesPackaging.DETACHED).build(),
                director.chain())
            .toBytes();
    PreparedCadesSignature prepared = PreparedCadesSignature.fromBytes(state);
    SignatureValue wrong;
    SignatureValue right;
    try (SigningToken other = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken mine = director.signingToken()) {
      wrong = key(other).sign(prepared.dataToSign(), prepared.algorithm());
      right = key(mine).sign(prepared.dataToSign(), prepared.algorithm());
    }

    assertThatThrownBy(() -> signer().complete(prepared, in, out, wrong))
        .isInstanceOf(DocumentException.class)
        .extracting(e -> ((DocumentException) e).code())
        .isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID);
    assertThat(out).doesNotExist();
    signer().complete(PreparedCadesSignature.fromBytes(state), in, out, right);

    ValidationReport r = verifier().verify(out, in);
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.signatures().get(0).level()).isEqualTo(SignatureLevel.B_LT);
  }

  @Test
  void contentChangedBetweenThePhases_isRefused(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    TestCredential director = PKI.pki().credential(TestIdentity.DIRECTOR);
    PreparedCadesSignature prepared =
        signer()
            .prepare(
                in,
                CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
                director.chain());
    SignatureValue value;
    try (SigningToken t = director.signingToken()) {
      value = key(t).sign(prepared.dataToSign(), prepared.algorithm());
    }
    Files.writeString(in, "something else");

    assertThatThrownBy(() -> signer().complete(prepared, in, dir.resolve("o.p7s"), value))
        .isInstanceOf(DocumentException.class)
        .extracting(e -> ((DocumentException) e).code())
        .isEqualTo(ErrorCode.PREPARED_STATE_INVALID);
    assertThat(dir.resolve("o.p7s")).doesNotExist();
  }

  @Test
  void parallelSigners_andACounterSignature_allPass(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    Path one = dir.resolve("one.p7s");
    Path two = dir.resolve("two.p7s");
    Path three = dir.resolve("three.p7s");
    sign(in, one, CadesLevel.B_T, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              two,
              CadesSignatureOptions.builder(CadesLevel.B_T, CadesPackaging.DETACHED)
                  .parallelTo(one)
                  .build(),
              key(t));
    }
    try (SigningToken t = PKI.pki().credential(TestIdentity.CHIEF_OF_OFFICE).signingToken()) {
      signer()
          .counterSign(
              two,
              three,
              0,
              CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
              key(t));
    }

    ValidationReport r = verifier().verify(three, in);

    assertThat(r.signatures())
        .extracting(SignatureResult::id)
        .containsExactly("Signature1", "Signature1-counter1", "Signature2");
    assertThat(r.overall()).as(r.toText(Locale.ENGLISH)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(r.signatures().get(1).scope()).contains("Signature1");
  }

  @Test
  void parallelSignature_overAnotherFile_isRefused(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    Path one = dir.resolve("one.p7s");
    sign(in, one, CadesLevel.B_B, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);
    Path other = Files.writeString(dir.resolve("other.txt"), "another file");

    try (SigningToken t = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          other,
                          dir.resolve("two.p7s"),
                          CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED)
                              .parallelTo(one)
                              .build(),
                          key(t)))
          .isInstanceOf(DocumentException.class)
          .hasMessageContaining("not over this file");
    }
  }

  @Test
  void extend_fromBbToBlta_andRenewTheArchive(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    Path bb = dir.resolve("bb.p7s");
    Path lta = dir.resolve("lta.p7s");
    Path renewed = dir.resolve("renewed.p7s");
    sign(in, bb, CadesLevel.B_B, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);

    signer().extend(bb, in, lta, CadesLevel.B_LTA);
    signer().extend(lta, in, renewed, CadesLevel.B_LTA);

    SignatureResult s = verifier().verify(renewed, in).signatures().get(0);
    assertThat(s.indication()).as(s.findings().toString()).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(s.level()).isEqualTo(SignatureLevel.B_LTA);
    assertThat(s.timestamps())
        .extracting(TimestampResult::kind)
        .containsExactly(
            TimestampResult.Kind.SIGNATURE,
            TimestampResult.Kind.ARCHIVE,
            TimestampResult.Kind.ARCHIVE);
    assertThat(s.timestamps()).allMatch(TimestampResult::isPassed);
  }

  @Test
  void validationDataChangedAfterTheArchiveTimestamp_failsTheArchiveTimestamp(@TempDir Path dir)
      throws Exception {
    Path in = file(dir);
    Path lta = dir.resolve("lta.p7s");
    sign(in, lta, CadesLevel.B_LTA, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);
    // Remove the validation data the archive time-stamp covered (re-encoded without crls).
    org.bouncycastle.asn1.cms.SignedData sd =
        org.bouncycastle.asn1.cms.SignedData.getInstance(
            org.bouncycastle.asn1.cms.ContentInfo.getInstance(
                    org.bouncycastle.asn1.ASN1Primitive.fromByteArray(Files.readAllBytes(lta)))
                .getContent());
    org.bouncycastle.asn1.cms.SignedData stripped =
        new org.bouncycastle.asn1.cms.SignedData(
            sd.getDigestAlgorithms(),
            sd.getEncapContentInfo(),
            sd.getCertificates(),
            null,
            sd.getSignerInfos());
    Path bad = dir.resolve("bad.p7s");
    Files.write(
        bad,
        new org.bouncycastle.asn1.cms.ContentInfo(
                org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData, stripped)
            .getEncoded("DER"));

    SignatureResult s = verifier().verify(bad, in).signatures().get(0);

    assertThat(s.timestamps())
        .filteredOn(t -> t.kind() == TimestampResult.Kind.ARCHIVE)
        .allMatch(t -> !t.isPassed());
    assertThat(s.findings()).extracting(f -> f.code()).contains("CADES_ARCHIVE_TIMESTAMP_INVALID");
    // Without its revocation data the signature is B-T in structure; never a usable B-LTA.
    assertThat(s.level() == SignatureLevel.B_LTA && s.validationDataUsable()).isFalse();
  }

  @Test
  void garbage_isMalformedInput_andOversize_isInputTooLarge(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.p7s"), "not a signature at all");
    Path in = file(dir);
    Path p7s = dir.resolve("x.p7s");
    sign(in, p7s, CadesLevel.B_B, CadesPackaging.DETACHED, TestIdentity.DIRECTOR);

    assertThatThrownBy(() -> verifier().verify(junk, in))
        .isInstanceOf(DocumentException.class)
        .extracting(e -> ((DocumentException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThatThrownBy(
            () ->
                CadesVerifier.builder(PKI.verifier())
                    .limits(ResourceLimits.builder().maxCmsBytes(100).build())
                    .build()
                    .verify(p7s, in))
        .isInstanceOf(DocumentException.class)
        .extracting(e -> ((DocumentException) e).code())
        .isEqualTo(ErrorCode.INPUT_TOO_LARGE);
  }

  @Test
  void untrustedSigner_isNotPassed(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    Path p7s = dir.resolve("x.p7s");
    sign(in, p7s, CadesLevel.B_B, CadesPackaging.DETACHED, TestIdentity.FOREIGN_ROOT);

    SignatureResult s = verifier().verify(p7s, in).signatures().get(0);

    assertThat(s.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
  }
}
