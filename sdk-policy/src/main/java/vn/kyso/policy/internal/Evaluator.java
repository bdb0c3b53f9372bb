package vn.kyso.policy.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import vn.kyso.api.policy.Citation;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.CertificateAdvice;
import vn.kyso.policy.CheckType;
import vn.kyso.policy.EventAdvice;
import vn.kyso.policy.HrEvent;
import vn.kyso.policy.PackNotice;
import vn.kyso.policy.PackStatus;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.ReportingDeadline;
import vn.kyso.policy.SignerRegistry;
import vn.kyso.policy.WorkingDayCalendar;

/**
 * Runs the rules of a set of packs over the facts of one request, one verified document, or one
 * lifecycle question. Each rule's check comes from {@link Checks}; each rule answers with an
 * immutable {@link RuleResult}, which this class turns into findings under the state of the pack
 * and of the rule (not yet in force, repealed, draft). Stateless apart from its configuration;
 * thread-safe.
 */
public final class Evaluator {
  private final List<PolicyPack> packs;
  private final List<CompiledRule> rules;
  private final Context context;

  /**
   * Creates an evaluator.
   *
   * @param packs the packs
   * @param registry the host's registry
   * @param calendar the working-day calendar
   * @param zone the zone that turns instants into legal dates
   */
  public Evaluator(
      List<PolicyPack> packs, SignerRegistry registry, WorkingDayCalendar calendar, ZoneId zone) {
    this.packs = List.copyOf(packs);
    this.context = new Context(registry, calendar, zone);
    List<CompiledRule> compiled = new ArrayList<>();
    for (PolicyPack pack : this.packs) {
      for (PolicyRule rule : pack.rules()) {
        Check check = Checks.of(rule.check());
        compiled.add(new CompiledRule(pack, rule, check, check.parameters(rule)));
      }
    }
    this.rules = List.copyOf(compiled);
  }

  // ---------------------------------------------------------------- the rule loop

  private enum Mode {
    NORMAL,
    DRAFT,
    INFORMATIONAL
  }

  /** One rule's result with the state it ran under. */
  private record Ran(CompiledRule rule, Mode mode, LocalDate until, RuleResult result) {}

  /** What the rules of all packs found on one question. */
  private static final class Collected {
    final List<PolicyFinding> findings = new ArrayList<>();
    final List<PolicyFinding> satisfied = new ArrayList<>();
    final EnumSet<PolicyOutcome> outcomes = EnumSet.noneOf(PolicyOutcome.class);
    final List<RuleResult.Advice> advice = new ArrayList<>();

    void packInfo(PolicyPack pack, String code, Object... args) {
      String[] text = Text.of(code, args);
      findings.add(
          new PolicyFinding(
              pack.id(),
              pack.id(),
              code,
              Severity.INFO,
              text[0],
              text[1],
              new Citation(pack.document(), "", pack.jurisdiction(), "C")));
    }

    void add(Ran ran) {
      PolicyRule rule = ran.rule().rule();
      RuleResult r = ran.result();
      for (RuleResult.Hit hit : r.hits()) {
        Severity severity = rule.severity().compareTo(hit.cap()) > 0 ? hit.cap() : rule.severity();
        String[] text = Text.of(hit.code(), hit.args().toArray());
        if (ran.mode() == Mode.DRAFT && severity == Severity.ERROR) {
          severity = Severity.WARNING;
        }
        if (ran.mode() == Mode.INFORMATIONAL) {
          severity = Severity.INFO;
          String[] wrapped = Text.of("RULE_NOT_IN_FORCE", ran.until(), "");
          text = new String[] {wrapped[0] + text[0], wrapped[1] + text[1]};
        }
        findings.add(
            new PolicyFinding(
                rule.id(),
                ran.rule().pack().id(),
                hit.code(),
                severity,
                text[0],
                text[1],
                rule.citation()));
      }
      if (ran.mode() == Mode.INFORMATIONAL) {
        return;
      }
      outcomes.addAll(r.outcomes());
      if (r.applied()) {
        advice.add(r.advice());
      }
      if (r.applied() && r.hits().isEmpty()) {
        // Checked and nothing against: part of why an ALLOW is an ALLOW.
        String en = "met: " + rule.titleEn();
        String vi = "đáp ứng: " + rule.titleVi();
        if (r.fact().isPresent()) {
          String[] fact = Text.of(r.fact().get().code(), r.fact().get().args().toArray());
          en += " (" + fact[0] + ")";
          vi += " (" + fact[1] + ")";
        }
        satisfied.add(
            new PolicyFinding(
                rule.id(),
                ran.rule().pack().id(),
                "SATISFIED",
                Severity.INFO,
                en,
                vi,
                rule.citation()));
      }
    }
  }

  private interface Body {
    void run(CompiledRule rule, Out out);
  }

  private Collected each(LocalDate day, Predicate<CheckType> wanted, Body body) {
    Collected c = new Collected();
    PolicyPack current = null;
    Mode packMode = Mode.NORMAL;
    LocalDate packUntil = null;
    boolean skipPack = false;
    for (CompiledRule compiled : rules) {
      PolicyPack pack = compiled.pack();
      if (pack != current) {
        current = pack;
        skipPack = false;
        packMode = Mode.NORMAL;
        packUntil = null;
        if (day.isBefore(pack.effectiveFrom())) {
          c.packInfo(pack, "PACK_NOT_YET_IN_FORCE", pack.document(), pack.effectiveFrom());
          skipPack = true;
        } else {
          if (pack.effectiveUntil().isPresent() && day.isAfter(pack.effectiveUntil().get())) {
            packMode = Mode.INFORMATIONAL;
            packUntil = pack.effectiveUntil().get();
            c.packInfo(pack, "PACK_REPEALED", pack.document(), packUntil);
          } else if (pack.status() == PackStatus.DRAFT) {
            packMode = Mode.DRAFT;
            c.packInfo(pack, "PACK_DRAFT", pack.document());
          }
          for (PackNotice n : pack.notices()) {
            if (!day.isBefore(n.from())) {
              c.findings.add(
                  new PolicyFinding(
                      pack.id(),
                      pack.id(),
                      "PACK_NOTICE",
                      Severity.INFO,
                      n.en(),
                      n.vi(),
                      new Citation(pack.document(), "", pack.jurisdiction(), "S")));
            }
          }
        }
      }
      PolicyRule rule = compiled.rule();
      if (skipPack
          || !wanted.test(rule.check())
          || (rule.from().isPresent() && day.isBefore(rule.from().get()))) {
        continue;
      }
      Mode mode = packMode;
      LocalDate until = packUntil;
      if (rule.until().isPresent() && day.isAfter(rule.until().get())) {
        mode = Mode.INFORMATIONAL;
        until =
            packUntil == null || rule.until().get().isBefore(packUntil)
                ? rule.until().get()
                : packUntil;
      }
      Out out = new Out();
      body.run(compiled, out);
      c.add(new Ran(compiled, mode, until, out.build()));
    }
    return c;
  }

  private static boolean signingPhase(CheckType c) {
    return c.when() == CheckType.When.SIGNING || c.when() == CheckType.When.BOTH;
  }

  private static boolean documentPhase(CheckType c) {
    return c.when() == CheckType.When.DOCUMENT || c.when() == CheckType.When.BOTH;
  }

  // ---------------------------------------------------------------- signing

  /**
   * Decides one signature.
   *
   * @param request the request
   * @param day the date the law is taken as of
   * @param verification true when judging an existing signature (token and operator checks are
   *     skipped)
   * @return the decision
   */
  public PolicyDecision signing(SigningRequest request, LocalDate day, boolean verification) {
    SigningFacts f = new SigningFacts(request, day, verification, context);
    Collected c =
        each(day, Evaluator::signingPhase, (rule, out) -> rule.check().signing(rule, out, f));
    return PolicyDecision.of(day, c.findings, c.outcomes, packIds(), c.satisfied);
  }

  private List<String> packIds() {
    return packs.stream().map(PolicyPack::id).toList();
  }

  // ---------------------------------------------------------------- verification

  /**
   * Judges the document as a whole after verification.
   *
   * @param report the report
   * @param doc the document
   * @param day the date the law is taken as of
   * @return the decision
   */
  public PolicyDecision document(ValidationReport report, DocumentInfo doc, LocalDate day) {
    DocumentFacts f = new DocumentFacts(report, doc, day, context);
    Collected c =
        each(day, Evaluator::documentPhase, (rule, out) -> rule.check().document(rule, out, f));
    return PolicyDecision.of(day, c.findings, c.outcomes, packIds(), c.satisfied);
  }

  /**
   * Returns the legal date of an instant.
   *
   * @param t the instant
   * @return the date in the configured zone
   */
  public LocalDate day(Instant t) {
    return context.day(t);
  }

  // ---------------------------------------------------------------- lifecycle advice

  /**
   * Advises on a certificate's renewal and validity length.
   *
   * @param certificate the certificate
   * @param renewalsDone how many times it was renewed
   * @param day the day
   * @return the advice
   */
  public CertificateAdvice certificate(
      X509Certificate certificate, long renewalsDone, LocalDate day) {
    CertificateFacts f = new CertificateFacts(certificate, renewalsDone, day, context);
    Collected c =
        each(
            day,
            t -> t == CheckType.RENEWAL_WINDOW || t == CheckType.VALIDITY_LENGTH,
            (rule, out) -> rule.check().certificate(rule, out, f));
    boolean open = f.daysLeft >= 0 && c.advice.stream().noneMatch(RuleResult.Advice::windowClosed);
    Optional<Long> left =
        c.advice.stream()
            .map(RuleResult.Advice::renewalsLeft)
            .flatMap(Optional::stream)
            .min(Long::compare);
    List<PolicyFinding> findings = new ArrayList<>(c.findings);
    String[] text = Text.of("CERT_EXPIRES_IN", f.expires, f.daysLeft);
    findings.add(
        new PolicyFinding(
            "CERT-EXPIRY",
            "kyso",
            "CERT_EXPIRES_IN",
            f.daysLeft < 0 ? Severity.ERROR : Severity.INFO,
            text[0],
            text[1],
            new Citation("RFC 5280", "4.1.2.5", "national", "C")));
    findings.sort(null);
    return new CertificateAdvice(day, f.expires, f.daysLeft, open, left, findings);
  }

  /**
   * Advises on an HR or organisation event.
   *
   * @param event the event
   * @param eventDate when it happened
   * @return the advice
   */
  public EventAdvice event(HrEvent event, LocalDate eventDate) {
    EventFacts f = new EventFacts(event, eventDate, context);
    Collected c =
        each(
            eventDate,
            t -> t == CheckType.HR_EVENT,
            (rule, out) -> rule.check().event(rule, out, f));
    EventAdvice.Action action =
        c.advice.stream()
            .map(RuleResult.Advice::action)
            .flatMap(Optional::stream)
            .min(Comparator.naturalOrder())
            .orElse(EventAdvice.Action.NONE);
    List<RuleResult.Advice> deciding =
        c.advice.stream().filter(a -> a.action().filter(x -> x == action).isPresent()).toList();
    return new EventAdvice(
        event,
        action,
        earliest(deciding.stream().map(RuleResult.Advice::notifyBy)),
        earliest(deciding.stream().map(RuleResult.Advice::returnBy)),
        c.findings.stream().sorted().toList());
  }

  private static Optional<LocalDate> earliest(Stream<Optional<LocalDate>> dates) {
    return dates.flatMap(Optional::stream).min(Comparator.naturalOrder());
  }

  /**
   * Advises on the PIN's age.
   *
   * @param lastChanged when the PIN was last changed, if recorded
   * @param day the day
   * @return the findings
   */
  public List<PolicyFinding> pin(Optional<Instant> lastChanged, LocalDate day) {
    Collected c =
        each(
            day,
            t -> t == CheckType.PIN_AGE,
            (rule, out) -> TokenChecks.age(rule, out, lastChanged, day, context));
    return c.findings.stream().sorted().toList();
  }

  /**
   * Lists the reporting deadlines in a year from the packs in force on them.
   *
   * @param year the year
   * @return the deadlines, by date
   */
  public List<ReportingDeadline> reporting(int year) {
    List<ReportingDeadline> out = new ArrayList<>();
    for (CompiledRule compiled : rules) {
      PolicyRule rule = compiled.rule();
      PolicyPack pack = compiled.pack();
      if (rule.check() != CheckType.REPORTING_CALENDAR) {
        continue;
      }
      for (String md : rule.list("dates")) {
        LocalDate d = MonthDay.parse("--" + md).atYear(year);
        if (pack.isInForce(d) && rule.appliesOn(d) && pack.status() != PackStatus.DRAFT) {
          out.add(new ReportingDeadline(d, rule.id(), pack.id(), rule.citation()));
        }
      }
    }
    out.sort(null);
    return out;
  }
}
