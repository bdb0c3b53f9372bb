package vn.kyso.policy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.Operation;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SigningPolicy;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.internal.Evaluator;

/**
 * The policy engine: a set of packs evaluated together, always as of a date, with roles from the
 * host's {@link SignerRegistry}. Immutable and thread-safe; build once and share.
 *
 * <pre>{@code
 * Policy policy = Policy.preset("thai-binh-08-2016")            // national + Thái Bình
 *     .registry(eOfficeRegistry)
 *     .build();
 * PolicyDecision d = policy.evaluate(SigningRequest.builder(cert, document, Instant.now())
 *     .kind(SignatureKind.ORGANISATION).operator("vanthu-01").build());
 * if (!d.isAllowed()) { ... d.denials() ... }
 * }</pre>
 *
 * <p>Decisions are deterministic: the same facts give equal decisions whatever the order of the
 * packs and of the rules in them. A pack that was repealed still evaluates for the dates it
 * covered; for later dates its findings are shown for information only, with a notice.
 *
 * <p><b>Security notes.</b> A pack is data: it names built-in checks and their parameters, and can
 * never run code. Facts the host does not give (registry, operator, token state, revocation) make
 * the rules that need them warn that they could not check; they never pass silently as proven.
 *
 * @since 0.1
 */
public final class Policy implements SigningPolicy {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private final List<PolicyPack> packs;
  private final Evaluator evaluator;

  private Policy(Builder b) {
    this.packs = b.packs.values().stream().sorted(Comparator.comparing(PolicyPack::id)).toList();
    this.evaluator = new Evaluator(packs, b.registry, b.calendar, b.zone);
  }

  /**
   * @return an empty builder: add packs
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder preloaded with a preset: {@code national} alone, or {@code national} plus one
   * of the provincial packs ({@link PolicyPack#builtInIds()}).
   *
   * @param id the preset, e.g. {@code lao-cai-51-2015}
   * @return the builder
   * @throws IllegalArgumentException for an unknown preset
   */
  public static Builder preset(String id) {
    Builder b = builder().pack(PolicyPack.builtIn("national"));
    if (!"national".equals(id)) {
      b.pack(PolicyPack.builtIn(id));
    }
    return b;
  }

  /**
   * @return the preset ids: the built-in pack ids
   */
  public static List<String> presets() {
    return PolicyPack.builtInIds();
  }

  /**
   * @return the packs, by id
   */
  public List<PolicyPack> packs() {
    return packs;
  }

  /**
   * Decides whether a signature may be made, taking the law as of the request's signing time (its
   * date in Vietnam).
   *
   * @param request what is about to be signed
   * @return the decision
   */
  @Override
  public PolicyDecision evaluate(SigningRequest request) {
    Objects.requireNonNull(request, "request");
    return evaluator.signing(request, evaluator.day(request.time()), false);
  }

  /**
   * Decides whether a signature may be made, taking the law as of a given date.
   *
   * @param request what is about to be signed
   * @param asOf the date the law is taken as of
   * @return the decision
   */
  public PolicyDecision evaluate(SigningRequest request, LocalDate asOf) {
    return evaluator.signing(
        Objects.requireNonNull(request, "request"), Objects.requireNonNull(asOf, "asOf"), false);
  }

  /**
   * Judges a verified document: each signature as of its own (proven, else claimed) signing time
   * with the signatures before it, and the document as of the report's validation time.
   *
   * @param report the report
   * @param document what the host knows about the document
   * @return a copy of the report with the decisions attached
   */
  @Override
  public ValidationReport review(ValidationReport report, DocumentInfo document) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(document, "document");
    List<PolicyDecision> perSignature = new ArrayList<>();
    List<PriorSignature> before = new ArrayList<>();
    for (SignatureResult s : report.signatures()) {
      // A document time-stamp is evidence, not a signature: it gets an empty decision.
      Optional<PriorSignature> p =
          s.format() == SignatureFormat.PDF_DOCUMENT_TIMESTAMP
              ? Optional.empty()
              : PriorSignature.from(s);
      if (p.isEmpty()) {
        perSignature.add(
            PolicyDecision.of(
                evaluator.day(report.validationTime()),
                List.of(),
                Set.of(),
                packs.stream().map(PolicyPack::id).toList()));
        continue;
      }
      SigningRequest.Builder rb =
          SigningRequest.builder(p.get().certificate(), document, p.get().time())
              .kind(p.get().kind());
      before.forEach(rb::priorSignature);
      s.certificateResult().ifPresent(rb::certificateResult);
      perSignature.add(evaluator.signing(rb.build(), evaluator.day(p.get().time()), true));
      before.add(p.get());
    }
    PolicyDecision whole =
        evaluator.document(report, document, evaluator.day(report.validationTime()));
    return report.withPolicyDecisions(
        perSignature, withDeniedSignatures(whole, report.signatures(), perSignature));
  }

  /**
   * A document whose signature is denied cannot be allowed: each denial of a signature is carried
   * into the document's decision, naming the signature and keeping its rule and citation.
   */
  private static PolicyDecision withDeniedSignatures(
      PolicyDecision whole, List<SignatureResult> signatures, List<PolicyDecision> perSignature) {
    List<PolicyFinding> carried = new ArrayList<>(whole.findings());
    for (int i = 0; i < perSignature.size(); i++) {
      String id = signatures.get(i).id();
      for (PolicyFinding f : perSignature.get(i).denials()) {
        carried.add(
            new PolicyFinding(
                f.ruleId(),
                f.packId(),
                f.code(),
                f.severity(),
                "Signature " + id + ": " + f.messageEn(),
                "Chữ ký " + id + ": " + f.messageVi(),
                f.citation()));
      }
    }
    if (carried.size() == whole.findings().size()) {
      return whole;
    }
    return PolicyDecision.of(
        whole.asOf(), carried, whole.outcomes(), whole.packs(), whole.satisfied());
  }

  /**
   * Gives lifecycle advice on a certificate: days to expiry, renewal window and renewals left
   * (TB-03, LC-10, CD68-06), validity-length lint (TB-04/05, CD68-03). A renewal's extension is
   * checked only by {@link #certificateAdvice(LifecycleQuestion)} with the previous end of
   * validity.
   *
   * @param certificate the certificate
   * @param renewalsDone how many times it has been renewed
   * @param asOf the day
   * @return the advice
   */
  public CertificateAdvice certificateAdvice(
      X509Certificate certificate, long renewalsDone, LocalDate asOf) {
    return certificateAdvice(
        LifecycleQuestion.builder(Operation.RENEW, Objects.requireNonNull(asOf, "asOf"))
            .certificate(Objects.requireNonNull(certificate, "certificate"))
            .renewalsDone(renewalsDone)
            .build());
  }

  /**
   * Gives lifecycle advice on a certificate from everything the caller knows: the previous end of
   * validity (a renewal extends it by at most 3 years under ND68 Art 9, CD68-03), the approval of
   * the request (TB-03), the holder's organisation (territory, focal officer).
   *
   * @param question the question; its certificate is required
   * @return the advice
   * @throws IllegalArgumentException when the question has no certificate
   */
  public CertificateAdvice certificateAdvice(LifecycleQuestion question) {
    return evaluator.certificate(Objects.requireNonNull(question, "question"));
  }

  /**
   * Gives the required action and deadlines (in working days) after an HR or organisation event
   * CD68-09/10/20, LC-12/13, TB-06/07).
   *
   * @param event the event
   * @param eventDate when it happened
   * @return the advice
   */
  public EventAdvice eventAdvice(HrEvent event, LocalDate eventDate) {
    return eventAdvice(
        LifecycleQuestion.builder(Operation.REVOKE, Objects.requireNonNull(eventDate, "eventDate"))
            .event(Objects.requireNonNull(event, "event"), eventDate)
            .build());
  }

  /**
   * Gives the required action and deadlines after an HR or organisation event from everything the
   * caller knows: the revocation notice (the device goes back within 5 working days of it,
   * CD68-10), the CA's notice (LC-13), the certificate (a title change revokes only a certificate
   * that carries a title, CD68-09), who asks (TB-21, CD68-22).
   *
   * @param question the question; its event is required
   * @return the advice
   * @throws IllegalArgumentException when the question has no event
   */
  public EventAdvice eventAdvice(LifecycleQuestion question) {
    return evaluator.event(Objects.requireNonNull(question, "question"));
  }

  /**
   * Decides a certificate operation (request, renewal, revocation, recovery), citing the rules that
   * govern it: e.g. a renewal under ND68 extends the validity by at most 3 years (CD68-03), a Thái
   * Bình renewal needs the manager's approval (TB-03), a revocation request comes from the managing
   * body or a prosecuting or security body (TB-21), recovery follows the form each regulation names
   * (CD68-11, TB-13, LC-11). A pack with no provision on the operation says so.
   *
   * @param question the question
   * @return the decision
   */
  public PolicyDecision lifecycle(LifecycleQuestion question) {
    return evaluator.lifecycle(Objects.requireNonNull(question, "question"));
  }

  /**
   * Reminds when the PIN is due to change (LC-14).
   *
   * @param pinLastChanged when the PIN was last changed, if recorded (from a {@code PinChangeLog})
   * @param asOf the day
   * @return the findings, empty when nothing is due
   */
  public List<PolicyFinding> pinAdvice(Optional<Instant> pinLastChanged, LocalDate asOf) {
    return evaluator.pin(
        Objects.requireNonNull(pinLastChanged, "pinLastChanged"),
        Objects.requireNonNull(asOf, "asOf"));
  }

  /**
   * Lists the reporting deadlines of a year (X-11: TB-17, LC-16).
   *
   * @param year the year
   * @return the deadlines by date
   */
  public List<ReportingDeadline> reportingDeadlines(int year) {
    return evaluator.reporting(year);
  }

  /** Builds a {@link Policy}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, PolicyPack> packs = new LinkedHashMap<>();
    private SignerRegistry registry = SignerRegistry.none();
    private WorkingDayCalendar calendar = WorkingDayCalendar.vietnam();
    private ZoneId zone = VIETNAM;

    private Builder() {}

    /**
     * Adds a pack; a pack with the same id replaces the earlier one (a host's edited copy of a
     * built-in pack).
     *
     * @param value the pack
     * @return this builder
     */
    public Builder pack(PolicyPack value) {
      packs.put(Objects.requireNonNull(value, "pack").id(), value);
      return this;
    }

    /**
     * Replaces a parameter of a pack already added, e.g. the official e-mail domain.
     *
     * @param packId the pack
     * @param name the parameter
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException when the pack or parameter is unknown or the value does not
     *     fit
     */
    public Builder parameter(String packId, String name, Object value) {
      PolicyPack p = packs.get(packId);
      if (p == null) {
        throw new IllegalArgumentException("no pack '" + packId + "' added");
      }
      packs.put(packId, p.withParameter(name, value));
      return this;
    }

    /**
     * Sets the host's registry of roles, delegations and token holders.
     *
     * @param value the registry
     * @return this builder
     */
    public Builder registry(SignerRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /**
     * Sets the working-day calendar (holidays the government announces each year).
     *
     * @param value the calendar
     * @return this builder
     */
    public Builder calendar(WorkingDayCalendar value) {
      this.calendar = Objects.requireNonNull(value, "calendar");
      return this;
    }

    /**
     * Sets the zone that turns signing times into legal dates (default {@code Asia/Ho_Chi_Minh}).
     *
     * @param value the zone
     * @return this builder
     */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalStateException when no pack was added
     */
    public Policy build() {
      if (packs.isEmpty()) {
        throw new IllegalStateException("a policy needs at least one pack");
      }
      return new Policy(this);
    }
  }
}
