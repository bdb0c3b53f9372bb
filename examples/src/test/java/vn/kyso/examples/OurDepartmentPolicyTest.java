package vn.kyso.examples;

import static vn.kyso.testkit.PolicyAssertions.assertThatPolicy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.policy.Classification;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.PolicyExtension;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * Example: an e-office team pins its own signing rules in its unit tests: the national pack plus
 * its department's pack ({@code src/main/resources/policy/so-noi-vu.yaml}), with roles from its
 * registry (here the test PKI's).
 */
class OurDepartmentPolicyTest {
  static final TestPki PKI = TestPki.builder().build();

  @RegisterExtension
  static final PolicyExtension POLICY =
      PolicyExtension.preset("national")
          .pack(Path.of("src/main/resources/policy/so-noi-vu.yaml"))
          .registry(PKI.signerRegistry());

  @Test
  void officialMailboxOnly(Policy policy) {
    assertThatPolicy(policy)
        .asOf(LocalDate.of(2026, 6, 15))
        .allows(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(DocumentInfo.builder("Công văn").build())
        .notCiting("SNV-01");
    assertThatPolicy(policy)
        .asOf(LocalDate.of(2026, 6, 15))
        .denies(PKI.credential(TestIdentity.VICE_CHAIRMAN))
        .signing(DocumentInfo.builder("Công văn").build())
        .citing("SNV-01")
        .citedTo("SNV-01", "QĐ 12/QĐ-SNV");
  }

  @Test
  void personnelDecisionsKeepAPaperOriginal(Policy policy) {
    assertThatPolicy(policy)
        .warns(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(
            DocumentInfo.builder("Quyết định")
                .category(DocumentInfo.CATEGORY_INDIVIDUAL_DECISION)
                .build())
        .citing("SNV-02")
        .withOutcome(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
  }

  @Test
  void secretsAreNeverSigned(Policy policy) {
    assertThatPolicy(policy)
        .denies(PKI.credential(TestIdentity.CHAIRMAN))
        .signing(DocumentInfo.builder("Công văn").classification(Classification.MAT).build())
        .citing("X-01");
  }
}
