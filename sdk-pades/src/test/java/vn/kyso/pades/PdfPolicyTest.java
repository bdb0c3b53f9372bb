package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.Digest;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.TokenException;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.PolicyOverride;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.shared.ForwardingKey;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.testkit.TestPkiExtension;

/** The signing policy runs before the token is touched; verified documents get decisions. */
class PdfPolicyTest {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(5).build();

  private static final DocumentInfo LETTER =
      DocumentInfo.builder("Công văn")
          .numberSymbol("15/UBND-VP")
          .issuingOrganisation(TestPki.PROVINCE)
          .signerName("Nguyễn Văn An")
          .authorityForm(AuthorityForm.TM)
          .build();

  private static Policy policy() {
    return Policy.preset("national").registry(PKI.pki().signerRegistry()).build();
  }

  private static PdfSigner signer() {
    return PdfSigner.builder()
        .timestampClient(PKI.tsaClient())
        .certificateVerifier(PKI.verifier())
        .clock(PKI.pki().clock())
        .build();
  }

  /** A key that counts how often it is asked to sign. */
  private static final class CountingKey extends ForwardingKey {
    final AtomicInteger calls = new AtomicInteger();

    CountingKey(SigningKey inner) {
      super(inner);
    }

    @Override
    public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
      calls.incrementAndGet();
      return key.sign(digest, algorithm);
    }
  }

  @Test
  void classifiedDocument_isRefusedBeforeTheTokenIsAsked(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");
    DocumentInfo secret =
        DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      CountingKey key = new CountingKey(token.keys().get(0));
      PdfSignatureOptions options =
          PdfSignatureOptions.builder(PadesLevel.B_T)
              .policyCheck(PolicyCheck.builder(policy(), secret).build())
              .build();
      assertThatThrownBy(() -> signer().sign(in, out, options, key))
          .isInstanceOf(SigningRefusedException.class)
          .satisfies(
              e -> assertThat(((SigningRefusedException) e).decision().cites("X-01")).isTrue());
      assertThat(key.calls).hasValue(0);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void chairmanThenClerk_isAnIssuedOriginal(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path personal = dir.resolve("personal.pdf");
    Path issued = dir.resolve("issued.pdf");
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              personal,
              PdfSignatureOptions.builder(PadesLevel.B_T)
                  .policyCheck(PolicyCheck.builder(policy(), LETTER).build())
                  .build(),
              token.keys().get(0));
    }
    PolicyCheck organisation =
        PolicyCheck.builder(policy(), LETTER)
            .kind(SignatureKind.ORGANISATION)
            .operator(TestPki.registryId(TestIdentity.CLERK))
            .build();
    try (SigningToken token =
        PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      signer()
          .sign(
              personal,
              issued,
              PdfSignatureOptions.builder(PadesLevel.B_T).policyCheck(organisation).build(),
              token.keys().get(0));
    }
    ValidationReport report =
        PdfVerifier.builder(PKI.verifier()).clock(PKI.pki().clock()).build().verify(issued);
    ValidationReport reviewed = policy().review(report, LETTER);
    assertThat(reviewed.policyDecision().get().outcomes()).contains(PolicyOutcome.ORIGINAL_VALUE);
    assertThat(reviewed.signatures()).allMatch(s -> s.policyDecision().get().isAllowed());
    assertThat(reviewed.toJson()).contains("ORIGINAL_VALUE");
  }

  @Test
  void organisationSignatureFirst_isRefusedCitingVt30_09(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("issued.pdf");
    PolicyCheck organisation =
        PolicyCheck.builder(policy(), LETTER)
            .kind(SignatureKind.ORGANISATION)
            .operator(TestPki.registryId(TestIdentity.CLERK))
            .build();
    try (SigningToken token =
        PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      CountingKey key = new CountingKey(token.keys().get(0));
      assertThatThrownBy(
              () ->
                  signer()
                      .sign(
                          in,
                          out,
                          PdfSignatureOptions.builder(PadesLevel.B_B)
                              .policyCheck(organisation)
                              .build(),
                          key))
          .isInstanceOf(SigningRefusedException.class)
          .satisfies(
              e ->
                  assertThat(((SigningRefusedException) e).decision().denials())
                      .anyMatch(f -> f.ruleId().equals("VT30-09")));
      assertThat(key.calls).hasValue(0);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void explicitOverride_signsAndIsRecorded(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path out = dir.resolve("signed.pdf");
    DocumentInfo secret =
        DocumentInfo.builder("Công văn").classification(Classification.MAT).build();
    PolicyOverride override =
        new PolicyOverride(
            Set.of("X-01"), "Giám đốc Sở", "tài liệu thử nghiệm", PKI.pki().clock().instant());
    PolicyCheck check = PolicyCheck.builder(policy(), secret).override(override).build();
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      signer()
          .sign(
              in,
              out,
              PdfSignatureOptions.builder(PadesLevel.B_B).policyCheck(check).build(),
              token.keys().get(0));
    }
    assertThat(Files.size(out)).isGreaterThan(Files.size(in));
    var decision =
        check.enforce(
            PKI.pki().credential(TestIdentity.CHAIRMAN).certificate(),
            PKI.pki().clock().instant(),
            SignatureAlgorithm.RSA_SHA256,
            List.of(),
            null);
    assertThat(decision.override()).contains(override);
  }
}
