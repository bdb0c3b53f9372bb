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
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;

/** The signing policy on CAdES: refused before the token; the organisation after the personal. */
class CadesPolicyTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(127).build();

  private static final DocumentInfo REPORT =
      DocumentInfo.builder("Báo cáo")
          .numberSymbol("12/BC-UBND")
          .issuingOrganisation(TestPki.PROVINCE)
          .signerName("Nguyễn Văn An")
          .build();

  private static Policy policy() {
    return Policy.preset("national").registry(PKI.pki().signerRegistry()).build();
  }

  private static CadesSigner signer() {
    return CadesSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static Path file(Path dir) throws Exception {
    return Files.write(
        dir.resolve("bao-cao.xlsx"), "Số liệu quý IV".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void classifiedDocument_isRefused_andNothingIsWritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bao-cao.xlsx.p7s");
    DocumentInfo secret =
        DocumentInfo.builder("Báo cáo").classification(Classification.TUYET_MAT).build();
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          file(dir),
                          out,
                          CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED)
                              .policyCheck(PolicyCheck.builder(policy(), secret).build())
                              .build(),
                          token.keys().get(0)))
          .isInstanceOf(SigningRefusedException.class);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void organisationSignature_joinsTheLeadersOne_notAlone(@TempDir Path dir) throws Exception {
    Path in = file(dir);
    Path personal = dir.resolve("personal.p7s");
    Path issued = dir.resolve("issued.p7s");
    PolicyCheck organisation =
        PolicyCheck.builder(policy(), REPORT)
            .kind(SignatureKind.ORGANISATION)
            .operator(TestPki.registryId(TestIdentity.CLERK))
            .build();
    try (SigningToken org =
            PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken();
        SigningToken chair = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          issued,
                          CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED)
                              .policyCheck(organisation)
                              .build(),
                          org.keys().get(0)))
          .isInstanceOf(SigningRefusedException.class);
      signer()
          .sign(
              in,
              personal,
              CadesSignatureOptions.builder(CadesLevel.B_T, CadesPackaging.DETACHED)
                  .policyCheck(PolicyCheck.builder(policy(), REPORT).build())
                  .build(),
              chair.keys().get(0));
      signer()
          .sign(
              in,
              issued,
              CadesSignatureOptions.builder(CadesLevel.B_T, CadesPackaging.DETACHED)
                  .parallelTo(personal)
                  .policyCheck(organisation)
                  .build(),
              org.keys().get(0));
    }
    ValidationReport report = CadesVerifier.builder(PKI.verifier()).build().verify(issued, in);
    assertThat(report.signatures()).hasSize(2);
    assertThat(report.overall())
        .as(report.toText(Locale.ENGLISH))
        .isEqualTo(Indication.TOTAL_PASSED);
  }
}
