package vn.kyso.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.Policy;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * How long one policy decision takes (target: well under a millisecond, so hosts can decide on
 * every document): a personal signature under the national pack, an organisation signature under
 * national + Thái Bình with an earlier signature and registry lookups, and the review of a verified
 * two-signature document.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {
  private Policy national;
  private Policy thaiBinh;
  private SigningRequest personal;
  private SigningRequest organisation;
  private ValidationReport report;
  private DocumentInfo letter;

  /** Builds the test PKI, the policies and the requests once. */
  @Setup
  public void setUp() {
    TestPki pki = TestPki.builder().build();
    national = Policy.preset("national").registry(pki.signerRegistry()).build();
    thaiBinh = Policy.preset("thai-binh-08-2016").registry(pki.signerRegistry()).build();
    Instant now = pki.clock().instant();
    letter =
        DocumentInfo.builder("Công văn")
            .numberSymbol("15/UBND-VP")
            .issuingOrganisation(TestPki.PROVINCE)
            .signerName("Nguyễn Văn An")
            .titleLine("CHỦ TỊCH")
            .authorityForm(AuthorityForm.TM)
            .build();
    personal =
        SigningRequest.builder(pki.credential(TestIdentity.CHAIRMAN).certificate(), letter, now)
            .build();
    organisation =
        SigningRequest.builder(
                pki.credential(TestIdentity.PROVINCE_ORGANISATION).certificate(), letter, now)
            .kind(SignatureKind.ORGANISATION)
            .operator(TestPki.registryId(TestIdentity.CLERK))
            .priorSignature(
                new PriorSignature(
                    SignatureKind.PERSONAL,
                    pki.credential(TestIdentity.CHAIRMAN).certificate(),
                    now.minusSeconds(600),
                    true))
            .build();
    report =
        ValidationReport.builder("cong-van.pdf", now)
            .signature(
                SignatureResult.builder("Sig1", SignatureFormat.PADES_BASELINE)
                    .level(SignatureLevel.B_T)
                    .passed()
                    .signingCertificate(pki.credential(TestIdentity.CHAIRMAN).certificate())
                    .claimedSigningTime(now.minusSeconds(600))
                    .build())
            .signature(
                SignatureResult.builder("Sig2", SignatureFormat.PADES_BASELINE)
                    .level(SignatureLevel.B_T)
                    .passed()
                    .signingCertificate(
                        pki.credential(TestIdentity.PROVINCE_ORGANISATION).certificate())
                    .claimedSigningTime(now)
                    .build())
            .build();
  }

  /**
   * @return a personal signature's decision under the national pack
   */
  @Benchmark
  public PolicyDecision personalNational() {
    return national.evaluate(personal);
  }

  /**
   * @return an organisation signature's decision under national + Thái Bình
   */
  @Benchmark
  public PolicyDecision organisationThaiBinh() {
    return thaiBinh.evaluate(organisation);
  }

  /**
   * @return a verified two-signature document reviewed under national + Thái Bình
   */
  @Benchmark
  public ValidationReport reviewTwoSignatures() {
    return thaiBinh.review(report, letter);
  }
}
