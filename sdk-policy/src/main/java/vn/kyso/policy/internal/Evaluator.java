package vn.kyso.policy.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.kyso.api.policy.Citation;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.Operation;
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
import vn.kyso.policy.LifecycleQuestion;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.PackNotice;
import vn.kyso.policy.PackStatus;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.ReportingDeadline;
import vn.kyso.policy.SignerRegistry;
import vn.kyso.policy.Supersession;
import vn.kyso.policy.Territory;
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
    /** The act's status is unknown: denials become warnings, the message says so. */
    UNKNOWN,
    /** A later rule governs the ground: findings are information. */
    SUPERSEDED,
    INFORMATIONAL
  }

  /** One rule's result with the state it ran under. */
  private record Ran(CompiledRule rule, Mode mode, String[] prefix, RuleResult result) {}

  /** What the rules of all packs found on one question. */
  private static final class Collected {
    final List<PolicyFinding> findings = new ArrayList<>();
    final List<PolicyFinding> satisfied = new ArrayList<>();
    final EnumSet<PolicyOutcome> outcomes = EnumSet.noneOf(PolicyOutcome.class);
    final List<RuleResult.Advice> advice = new ArrayList<>();

    /** Findings of superseded rules, with the rule that took over. */
    final List<Map.Entry<PolicyFinding, String>> superseded = new ArrayList<>();

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
      Mode mode = ran.mode();
      for (RuleResult.Hit hit : r.hits()) {
        Severity severity = rule.severity().compareTo(hit.cap()) > 0 ? hit.cap() : rule.severity();
        String[] text = Text.of(hit.code(), hit.args().toArray());
        if ((mode == Mode.DRAFT || mode == Mode.UNKNOWN) && severity == Severity.ERROR) {
          severity = Severity.WARNING;
        }
        if (mode == Mode.INFORMATIONAL || mode == Mode.SUPERSEDED) {
          severity = Severity.INFO;
        }
        if (ran.prefix() != null) {
          text = new String[] {ran.prefix()[0] + text[0], ran.prefix()[1] + text[1]};
        }
        PolicyFinding finding =
            new PolicyFinding(
                rule.id(),
                ran.rule().pack().id(),
                hit.code(),
                severity,
                text[0],
                text[1],
                rule.citation());
        findings.add(finding);
        if (mode == Mode.SUPERSEDED) {
          superseded.add(Map.entry(finding, rule.supersededBy().orElseThrow().rule()));
        }
      }
      if (mode == Mode.INFORMATIONAL || mode == Mode.SUPERSEDED) {
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
        if (ran.prefix() != null) {
          en = ran.prefix()[0] + en;
          vi = ran.prefix()[1] + vi;
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

  /** A pack's state on one question: how its rules run, and the words put before their findings. */
  private record PackState(Mode mode, String[] prefix, LocalDate until) {}

  private Collected each(LocalDate day, Predicate<CheckType> wanted, Body body) {
    return each(day, wanted, Optional::empty, body);
  }

  /**
   * Runs the wanted rules of every pack on one question.
   *
   * @param organisation the organisation the question is about, for a pack's territory
   */
  private Collected each(
      LocalDate day,
      Predicate<CheckType> wanted,
      Supplier<Optional<String>> organisation,
      Body body) {
    Collected c = new Collected();
    PolicyPack current = null;
    PackState state = null;
    for (CompiledRule compiled : rules) {
      PolicyPack pack = compiled.pack();
      if (pack != current) {
        current = pack;
        state = packState(pack, day, organisation, c);
      }
      PolicyRule rule = compiled.rule();
      if (state == null
          || !wanted.test(rule.check())
          || (rule.from().isPresent() && day.isBefore(rule.from().get()))) {
        continue;
      }
      Mode mode = state.mode();
      String[] prefix = state.prefix();
      if (state.mode() != Mode.INFORMATIONAL
          && rule.until().isPresent()
          && day.isAfter(rule.until().get())) {
        mode = Mode.INFORMATIONAL;
        prefix = Text.of("RULE_NOT_IN_FORCE", rule.until().get(), "");
      } else if (state.mode() != Mode.INFORMATIONAL && rule.isSupersededOn(day)) {
        Supersession by = rule.supersededBy().orElseThrow();
        mode = Mode.SUPERSEDED;
        prefix = Text.of("RULE_SUPERSEDED", by.rule(), by.from(), by.basis(), "");
      }
      Out out = new Out();
      body.run(compiled, out);
      RuleResult result = out.build();
      if (mode == Mode.SUPERSEDED && result.hits().isEmpty()) {
        continue;
      }
      c.add(new Ran(compiled, mode, prefix, result));
    }
    // A superseded rule's finding says nothing new when the rule that took over found the same.
    for (Map.Entry<PolicyFinding, String> e : c.superseded) {
      boolean repeated =
          c.findings.stream()
              .anyMatch(f -> f.ruleId().equals(e.getValue()) && f.code().equals(e.getKey().code()));
      if (repeated) {
        c.findings.remove(e.getKey());
      }
    }
    return c;
  }

  /**
   * Works out how a pack's rules run on a day, adding the pack's notices; null when the pack does
   * not take part (not yet in force, or outside its territory).
   */
  private PackState packState(
      PolicyPack pack, LocalDate day, Supplier<Optional<String>> organisation, Collected c) {
    if (day.isBefore(pack.effectiveFrom())) {
      c.packInfo(pack, "PACK_NOT_YET_IN_FORCE", pack.document(), pack.effectiveFrom());
      return null;
    }
    if (pack.territory().isPresent() && !day.isBefore(pack.territory().get().from())) {
      Territory t = pack.territory().get();
      Optional<String> former =
          organisation
              .get()
              .flatMap(
                  n ->
                      context
                          .registry()
                          .organisation(n, day.atStartOfDay(context.zone()).toInstant()))
              .flatMap(OrganisationRecord::formerProvince);
      if (former.isEmpty()) {
        c.packInfo(pack, "TERRITORY_ASSUMED", pack.document(), t.formerProvince(), t.mergedInto());
      } else if (!Names.same(former.get(), t.formerProvince())) {
        c.packInfo(pack, "OUTSIDE_TERRITORY", pack.document(), t.formerProvince(), former.get());
        return null;
      } else {
        c.packInfo(pack, "IN_TERRITORY", pack.document(), t.formerProvince(), t.mergedInto());
      }
    }
    if (pack.parameters().get("scope-organisations") instanceof List<?> scope && !scope.isEmpty()) {
      // A pack for one body's own documents (KT Art 1, 9(1): UBND tỉnh Kon Tum and its Office).
      Optional<String> who = organisation.get();
      if (who.isEmpty()
          || scope.stream().noneMatch(n -> Names.same(String.valueOf(n), who.get()))) {
        c.packInfo(
            pack,
            "OUTSIDE_PACK_SCOPE",
            pack.document(),
            scope.stream().map(String::valueOf).collect(Collectors.joining(", ")),
            who.orElse("-"));
        return null;
      }
    }
    PackState state = new PackState(Mode.NORMAL, null, null);
    Optional<LocalDate> since = pack.statusSince();
    if (pack.effectiveUntil().isPresent() && day.isAfter(pack.effectiveUntil().get())) {
      LocalDate until = pack.effectiveUntil().get();
      c.packInfo(pack, "PACK_REPEALED", pack.document(), until);
      state = new PackState(Mode.INFORMATIONAL, Text.of("RULE_NOT_IN_FORCE", until, ""), until);
    } else if (pack.status() == PackStatus.DRAFT
        || (pack.status() == PackStatus.DRAFT_LAPSED && day.isBefore(since.orElseThrow()))) {
      c.packInfo(pack, "PACK_DRAFT", pack.document());
      state = new PackState(Mode.DRAFT, null, null);
    } else if (pack.status() == PackStatus.DRAFT_LAPSED) {
      c.packInfo(pack, "PACK_DRAFT_LAPSED", pack.document(), since.orElseThrow());
      state =
          new PackState(
              Mode.INFORMATIONAL, Text.of("RULE_DRAFT_LAPSED", since.orElseThrow(), ""), null);
    } else if (pack.status() == PackStatus.UNKNOWN
        && since.map(d -> !day.isBefore(d)).orElse(true)
        && !"as-written".equals(pack.parameters().get("unknown-status"))) {
      String from = since.map(LocalDate::toString).orElse("-");
      c.packInfo(pack, "PACK_STATUS_UNKNOWN", pack.document(), from);
      state =
          new PackState(
              Mode.UNKNOWN, Text.of("RULE_STATUS_UNKNOWN", pack.document(), from, ""), null);
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
    return state;
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
    Operation op = request.operation();
    Collected c =
        each(
            day,
            t -> signingPhase(t) && t.operations().contains(op),
            () -> f.doc.issuingOrganisation().or(f::signerOrganisation),
            (rule, out) -> rule.check().signing(rule, out, f));
    if (op != Operation.SIGN) {
      notRegulated(c, op, day);
    }
    return PolicyDecision.of(day, c.findings, c.outcomes, packIds(), c.satisfied);
  }

  /**
   * A pack in force that has no provision of its own on the operation says so, rather than letting
   * its silence read as a permission or its signing rules as a refusal.
   */
  private void notRegulated(Collected c, Operation op, LocalDate day) {
    for (PolicyPack pack : packs) {
      boolean provision =
          pack.rules().stream()
              .anyMatch(
                  r ->
                      op.onDocument()
                          ? r.check() == CheckType.ENCRYPTION_PERMISSION
                          : r.check().operations().contains(op));
      if (!provision && pack.isInForce(day)) {
        c.packInfo(pack, "OPERATION_NOT_REGULATED", pack.document(), op.name());
      }
    }
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
        each(
            day,
            Evaluator::documentPhase,
            doc::issuingOrganisation,
            (rule, out) -> rule.check().document(rule, out, f));
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
   * Answers a certificate lifecycle question with a decision: the rules that govern the operation,
   * what they found and what they were met by.
   *
   * @param q the question
   * @return the decision
   */
  public PolicyDecision lifecycle(LifecycleQuestion q) {
    LifecycleFacts f = new LifecycleFacts(q, context, true);
    Operation op = q.operation();
    Collected c =
        each(
            q.asOf(),
            t -> t.operations().contains(op),
            f::organisationName,
            (rule, out) -> rule.check().lifecycle(rule, out, f));
    notRegulated(c, op, q.asOf());
    return PolicyDecision.of(q.asOf(), c.findings, c.outcomes, packIds(), c.satisfied);
  }

  /**
   * Advises on a certificate's renewal and validity length.
   *
   * @param q the question (its certificate is required)
   * @return the advice
   */
  public CertificateAdvice certificate(LifecycleQuestion q) {
    LifecycleFacts f = new LifecycleFacts(q, context, false);
    LocalDate expires = f.expires.orElseThrow(() -> new IllegalArgumentException("no certificate"));
    long daysLeft = f.daysLeft.orElseThrow();
    Collected c =
        each(
            q.asOf(),
            t -> t == CheckType.RENEWAL_WINDOW || t == CheckType.VALIDITY_LENGTH,
            f::organisationName,
            (rule, out) -> rule.check().lifecycle(rule, out, f));
    boolean open = daysLeft >= 0 && c.advice.stream().noneMatch(RuleResult.Advice::windowClosed);
    Optional<Long> left =
        c.advice.stream()
            .map(RuleResult.Advice::renewalsLeft)
            .flatMap(Optional::stream)
            .min(Long::compare);
    List<PolicyFinding> findings = new ArrayList<>(c.findings);
    String[] text = Text.of("CERT_EXPIRES_IN", expires, daysLeft);
    findings.add(
        new PolicyFinding(
            "CERT-EXPIRY",
            "kyso",
            "CERT_EXPIRES_IN",
            daysLeft < 0 ? Severity.ERROR : Severity.INFO,
            text[0],
            text[1],
            new Citation("RFC 5280", "4.1.2.5", "national", "C")));
    findings.sort(null);
    return new CertificateAdvice(q.asOf(), expires, daysLeft, open, left, findings);
  }

  /**
   * Advises on an HR or organisation event.
   *
   * @param q the question (its event is required)
   * @return the advice
   */
  public EventAdvice event(LifecycleQuestion q) {
    HrEvent event = q.event().orElseThrow(() -> new IllegalArgumentException("no event"));
    LifecycleFacts f = new LifecycleFacts(q, context, false);
    Collected c =
        each(
            q.eventDate(),
            t -> t.operations().contains(Operation.REVOKE) && t.when() == CheckType.When.ADVICE,
            f::organisationName,
            (rule, out) -> rule.check().lifecycle(rule, out, f));
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
