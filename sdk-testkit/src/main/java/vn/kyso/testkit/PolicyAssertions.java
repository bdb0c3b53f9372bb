package vn.kyso.testkit;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.Operation;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningPolicy;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.validation.Severity;

/**
 * Fluent assertions that pin a host's signing rules in its own unit tests.
 *
 * <pre>{@code
 * assertThatPolicy(policy).asOf(LocalDate.of(2018, 6, 15))
 *     .denies(chairman).signing(secretDocument).citing("LC-04a");
 * assertThatPolicy(policy).allows(chairman).signing(letter);
 * assertThatPolicy(policy).allows(organisationCert).asOrganisation().operatedBy("vanthu-01")
 *     .after(chairman).signing(letter).withOutcome(PolicyOutcome.ORIGINAL_VALUE);
 * }</pre>
 *
 * <p>A failure message shows the whole decision in Vietnamese and English. Not thread-safe; make
 * one chain per assertion.
 *
 * @since 0.1
 */
public final class PolicyAssertions {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private final SigningPolicy policy;
  private Instant time =
      LocalDate.of(2026, 6, 15).atTime(LocalTime.of(9, 0)).atZone(VIETNAM).toInstant();

  private PolicyAssertions(SigningPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Starts assertions on a policy.
   *
   * @param policy the policy, e.g. {@code Policy.preset("national").build()}
   * @return the assertions; the date defaults to 15 June 2026, the {@link TestPki} day
   */
  public static PolicyAssertions assertThatPolicy(SigningPolicy policy) {
    return new PolicyAssertions(policy);
  }

  /**
   * Takes the law as of a day: the signature is made at 09:00 Vietnam time that day, and every
   * other clock of the check moves with it (earlier signatures added with {@link Expectation#after}
   * are ten minutes before it, a token's PIN set with {@link Expectation#pinChangedDaysAgo} counts
   * back from it). Build the {@link TestPki} with {@link TestPki.Builder#asOf} the same day so its
   * certificates and delegations are valid then.
   *
   * @param day the day
   * @return this
   */
  public PolicyAssertions asOf(LocalDate day) {
    this.time = day.atTime(LocalTime.of(9, 0)).atZone(VIETNAM).toInstant();
    return this;
  }

  /**
   * Takes the law as of an instant.
   *
   * @param value the signing time
   * @return this
   */
  public PolicyAssertions at(Instant value) {
    this.time = Objects.requireNonNull(value, "time");
    return this;
  }

  /**
   * Expects a denial for a signer.
   *
   * @param signer the signer's certificate
   * @return the expectation; finish it with {@link Expectation#signing}
   */
  public Expectation denies(X509Certificate signer) {
    return new Expectation(Expected.DENY, signer);
  }

  /**
   * Expects a denial for a test credential.
   *
   * @param signer the credential
   * @return the expectation
   */
  public Expectation denies(TestCredential signer) {
    return denies(signer.certificate());
  }

  /**
   * Expects the signature to be allowed (with or without warnings).
   *
   * @param signer the signer's certificate
   * @return the expectation
   */
  public Expectation allows(X509Certificate signer) {
    return new Expectation(Expected.ALLOW, signer);
  }

  /**
   * Expects the signature to be allowed (with or without warnings).
   *
   * @param signer the credential
   * @return the expectation
   */
  public Expectation allows(TestCredential signer) {
    return allows(signer.certificate());
  }

  /**
   * Expects the signature to be allowed with at least one warning.
   *
   * @param signer the signer's certificate
   * @return the expectation
   */
  public Expectation warns(X509Certificate signer) {
    return new Expectation(Expected.WARN, signer);
  }

  /**
   * Expects the signature to be allowed with at least one warning.
   *
   * @param signer the credential
   * @return the expectation
   */
  public Expectation warns(TestCredential signer) {
    return warns(signer.certificate());
  }

  private enum Expected {
    DENY,
    ALLOW,
    WARN
  }

  /** The facts of one signature, then the document that triggers the check. */
  public final class Expectation {
    private final Expected expected;
    private final X509Certificate signer;
    private final List<Consumer<SigningRequest.Builder>> facts = new ArrayList<>();

    private Expectation(Expected expected, X509Certificate signer) {
      this.expected = expected;
      this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Makes it an organisation signature.
     *
     * @return this
     */
    public Expectation asOrganisation() {
      facts.add(b -> b.kind(SignatureKind.ORGANISATION));
      return this;
    }

    /**
     * Says who operates the token.
     *
     * @param registryId the operator's id in the host's registry
     * @return this
     */
    public Expectation operatedBy(String registryId) {
      facts.add(b -> b.operator(registryId));
      return this;
    }

    /**
     * Adds a valid personal signature made ten minutes earlier.
     *
     * @param personal the earlier signer's certificate
     * @return this
     */
    public Expectation after(X509Certificate personal) {
      facts.add(
          b ->
              b.priorSignature(
                  new PriorSignature(
                      SignatureKind.PERSONAL, personal, time.minusSeconds(600), true)));
      return this;
    }

    /**
     * Adds a valid personal signature made ten minutes earlier.
     *
     * @param personal the earlier signer
     * @return this
     */
    public Expectation after(TestCredential personal) {
      return after(personal.certificate());
    }

    /**
     * Gives the token's state: healthy, its PIN last changed some days before the signing time.
     *
     * @param days how many days before
     * @return this
     */
    public Expectation pinChangedDaysAgo(long days) {
      facts.add(
          b ->
              b.tokenState(
                  vn.kyso.api.policy.TokenState.healthy(
                      time.minus(java.time.Duration.ofDays(days)))));
      return this;
    }

    /**
     * Asks about another operation on the document, e.g. {@link Operation#ENCRYPT} for encrypting a
     * classified document.
     *
     * @param operation the operation
     * @return this
     */
    public Expectation operation(Operation operation) {
      facts.add(b -> b.operation(operation));
      return this;
    }

    /**
     * Adjusts the request in any other way (token state, key storage, revocation result).
     *
     * @param customiser changes to the request
     * @return this
     */
    public Expectation with(Consumer<SigningRequest.Builder> customiser) {
      facts.add(Objects.requireNonNull(customiser, "customiser"));
      return this;
    }

    /**
     * Evaluates the policy for the document and checks the expected verdict.
     *
     * @param document the document
     * @return the decision's assertions
     * @throws AssertionFailedError when the verdict differs
     */
    public DecisionAssert signing(DocumentInfo document) {
      SigningRequest.Builder b = SigningRequest.builder(signer, document, time);
      facts.forEach(f -> f.accept(b));
      PolicyDecision d = policy.evaluate(b.build());
      boolean ok =
          switch (expected) {
            case DENY -> !d.isAllowed();
            case ALLOW -> d.isAllowed();
            case WARN -> d.verdict() == PolicyDecision.Verdict.ALLOW_WITH_WARNINGS;
          };
      if (!ok) {
        throw new AssertionFailedError(
            "expected the policy to "
                + expected.name().toLowerCase(Locale.ROOT)
                + " but it decided:\n"
                + describe(d));
      }
      return new DecisionAssert(d, expected);
    }
  }

  /** Assertions on one decision. */
  public static final class DecisionAssert {
    private final PolicyDecision decision;
    private final Expected expected;

    private DecisionAssert(PolicyDecision decision, Expected expected) {
      this.decision = decision;
      this.expected = expected;
    }

    /**
     * Checks that a rule is among the reasons: a denial for {@code denies(...)}, a warning or
     * stronger for {@code warns(...)}, a finding or a rule met ({@link PolicyDecision#satisfied()})
     * for {@code allows(...)}.
     *
     * @param ruleId the catalogue id, e.g. {@code LC-04a}
     * @return this
     */
    public DecisionAssert citing(String ruleId) {
      if (reasons().stream().noneMatch(f -> f.ruleId().equals(ruleId))) {
        throw new AssertionFailedError(
            "expected rule " + ruleId + " among the reasons, but:\n" + describe(decision));
      }
      return this;
    }

    /**
     * Checks that the reasons cite exactly these rules and no others: the denials for {@code
     * denies(...)}, the warnings and denials for {@code warns(...)}, the rules met for {@code
     * allows(...)}.
     *
     * @param ruleIds the catalogue ids
     * @return this
     */
    public DecisionAssert citingOnly(String... ruleIds) {
      Set<String> want = new TreeSet<>(List.of(ruleIds));
      Set<String> got = new TreeSet<>();
      List<PolicyFinding> pool = expected == Expected.ALLOW ? decision.satisfied() : reasons();
      pool.forEach(f -> got.add(f.ruleId()));
      if (!want.equals(got)) {
        throw new AssertionFailedError(
            "expected the reasons to cite only "
                + want
                + " but they cite "
                + got
                + ":\n"
                + describe(decision));
      }
      return this;
    }

    private List<PolicyFinding> reasons() {
      return switch (expected) {
        case DENY -> decision.denials();
        case WARN ->
            decision.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
        case ALLOW ->
            Stream.concat(decision.findings().stream(), decision.satisfied().stream()).toList();
      };
    }

    /**
     * Checks that a rule is not among the warnings or denials.
     *
     * @param ruleId the rule
     * @return this
     */
    public DecisionAssert notCiting(String ruleId) {
      if (decision.findings().stream()
          .anyMatch(f -> f.ruleId().equals(ruleId) && f.severity() != Severity.INFO)) {
        throw new AssertionFailedError(
            "expected rule " + ruleId + " not to object, but:\n" + describe(decision));
      }
      return this;
    }

    /**
     * Checks that the decision carries an outcome.
     *
     * @param outcome the outcome
     * @return this
     */
    public DecisionAssert withOutcome(PolicyOutcome outcome) {
      if (!decision.hasOutcome(outcome)) {
        throw new AssertionFailedError(
            "expected outcome " + outcome + ", but:\n" + describe(decision));
      }
      return this;
    }

    /**
     * Checks the citation of a rule's finding.
     *
     * @param ruleId the rule
     * @param documentPart text the legal document must contain, e.g. {@code 51/2015}
     * @return this
     */
    public DecisionAssert citedTo(String ruleId, String documentPart) {
      if (decision.findings().stream()
          .noneMatch(
              f -> f.ruleId().equals(ruleId) && f.citation().document().contains(documentPart))) {
        throw new AssertionFailedError(
            "expected " + ruleId + " cited to " + documentPart + ", but:\n" + describe(decision));
      }
      return this;
    }

    /**
     * Checks that a rule is among the reasons the decision allows: checked, met, and cited to a
     * legal document ({@link PolicyDecision#satisfied()}).
     *
     * @param ruleId the rule, e.g. {@code VT30-09}
     * @param documentPart text its legal document must contain, e.g. {@code 30/2020}
     * @return this
     */
    public DecisionAssert allowedBecause(String ruleId, String documentPart) {
      if (decision.satisfied().stream()
          .noneMatch(
              f -> f.ruleId().equals(ruleId) && f.citation().document().contains(documentPart))) {
        throw new AssertionFailedError(
            "expected "
                + ruleId
                + " ("
                + documentPart
                + ") among the rules met, but:\n"
                + describe(decision)
                + "met: "
                + decision.satisfied().stream().map(PolicyFinding::ruleId).toList());
      }
      return this;
    }

    /**
     * @return the decision, for further checks
     */
    public PolicyDecision decision() {
      return decision;
    }
  }

  private static String describe(PolicyDecision d) {
    return d.toText(Locale.ENGLISH) + d.toText(Locale.forLanguageTag("vi"));
  }
}
