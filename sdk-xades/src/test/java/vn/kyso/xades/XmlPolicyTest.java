package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;

/** The signing policy on XML records: refused before the token, organisation after personal. */
class XmlPolicyTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(83).build();

  private static final DocumentInfo RECORD_INFO =
      DocumentInfo.builder("Hồ sơ")
          .numberSymbol("7/UBND-HS")
          .issuingOrganisation(TestPki.PROVINCE)
          .signerName("Nguyễn Văn An")
          .build();

  private static Policy policy() {
    return Policy.preset("national").registry(PKI.pki().signerRegistry()).build();
  }

  private static XmlSigner signer() {
    return XmlSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  private static Path record(Path dir) throws Exception {
    Path in = dir.resolve("ho-so.xml");
    Files.writeString(
        in, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><SoTien>1000000</SoTien></HoSo>\n");
    return in;
  }

  @Test
  void classifiedRecord_isRefused_andNothingIsWritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("signed.xml");
    DocumentInfo secret =
        DocumentInfo.builder("Hồ sơ").classification(Classification.TUYET_MAT).build();
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          record(dir),
                          out,
                          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
                              .policyCheck(PolicyCheck.builder(policy(), secret).build())
                              .build(),
                          token.keys().get(0)))
          .isInstanceOf(SigningRefusedException.class);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void organisationSignature_needsTheEarlierPersonalOne(@TempDir Path dir) throws Exception {
    Path in = record(dir);
    Path personal = dir.resolve("personal.xml");
    Path issued = dir.resolve("issued.xml");
    PolicyCheck organisation =
        PolicyCheck.builder(policy(), RECORD_INFO)
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
                          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
                              .policyCheck(organisation)
                              .build(),
                          org.keys().get(0)))
          .isInstanceOf(SigningRefusedException.class);
      signer()
          .sign(
              in,
              personal,
              XmlSignatureOptions.builder(XadesLevel.B_T, XadesPackaging.ENVELOPED)
                  .policyCheck(PolicyCheck.builder(policy(), RECORD_INFO).build())
                  .build(),
              chair.keys().get(0));
      signer()
          .sign(
              personal,
              issued,
              XmlSignatureOptions.builder(XadesLevel.B_T, XadesPackaging.ENVELOPED)
                  .policyCheck(organisation)
                  .build(),
              org.keys().get(0));
    }
    ValidationReport report =
        XmlVerifier.builder(PKI.verifier()).build().verify(issued, Map.of()).report();
    ValidationReport reviewed = policy().review(report, RECORD_INFO);
    assertThat(reviewed.policyDecision().get().outcomes()).contains(PolicyOutcome.ORIGINAL_VALUE);
  }
}
