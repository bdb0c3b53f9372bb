package vn.kyso.policy.internal;

import static vn.kyso.policy.internal.Names.containsSame;
import static vn.kyso.policy.internal.Names.sameTitle;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.Delegation;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.Position;
import vn.kyso.policy.Regime;
import vn.kyso.policy.SignerRecord;

/**
 * Who signs a personal signature: in the authority form their post allows (VT30-03..06), competent
 * (VT30-07 and the provincial lists), with their own certificate (VT30-11), under the title the
 * document shows, for an organisation in the pack's scope.
 */
final class SignerChecks implements Check {

  record Forms(List<String> forms) {}

  record Competence(
      List<String> positions,
      List<String> titles,
      List<String> tagTitles,
      Optional<String> tag,
      List<String> alsoEligible) {}

  record Scope(List<String> organisationTypes, List<String> optInTypes) {}

  record Holders(List<String> positions) {}

  record Custody(boolean local, LocalDate decreeFrom) {}

  /**
   * Organisation types of the district level, abolished on 1 July 2025 (NQ 203/2025/QH15; Luật Tổ
   * chức chính quyền địa phương 72/2025/QH15; RULES-ERRATA 3 D3).
   */
  private static final Map<String, LocalDate> ABOLISHED =
      Map.of(
          "ubnd-huyen", LocalDate.of(2025, 6, 30),
          "hdnd-huyen", LocalDate.of(2025, 6, 30),
          "co-quan-chuyen-mon-huyen", LocalDate.of(2025, 6, 30),
          "don-vi-su-nghiep-huyen", LocalDate.of(2025, 6, 30));

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case AUTHORITY_FORM, TITLE_IN_CERTIFICATE -> new Forms(rule.list("forms"));
      case COMPETENT_SIGNER ->
          new Competence(
              rule.list("positions"),
              rule.list("titles"),
              rule.list("tag-titles"),
              Optional.of(rule.text("tag")).filter(t -> !t.isEmpty()),
              rule.list("also-eligible"));
      case ORGANISATION_SCOPE ->
          new Scope(rule.list("organisation-types"), rule.list("opt-in-types"));
      case HOLDER_ELIGIBILITY -> new Holders(rule.list("positions"));
      case DELEGATED_CUSTODY ->
          new Custody(
              "local".equals(rule.text("precedence")),
              rule.date("decree-from").orElse(LocalDate.of(2020, 3, 5)));
      default -> rule;
    };
  }

  /** Eligibility when a certificate is requested (TB-01, TB-20, KG-05, HB-01). */
  @Override
  public void lifecycle(CompiledRule rule, Out out, LifecycleFacts f) {
    switch (rule.rule().check()) {
      case ORGANISATION_SCOPE -> {
        Optional<OrganisationRecord> org = f.organisation();
        if (org.isEmpty()) {
          out.notApplicable();
        } else {
          scopeOf(rule.params(Scope.class), out, org.get(), f.day);
        }
      }
      case HOLDER_ELIGIBILITY -> {
        Optional<SignerRecord> r = f.holder();
        if (r.isEmpty()) {
          out.notApplicable();
        } else {
          holderOf(rule.params(Holders.class), out, r.get());
        }
      }
      default -> out.notApplicable();
    }
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    if (rule.rule().check() == vn.kyso.policy.CheckType.ORGANISATION_SCOPE) {
      scope(rule.params(Scope.class), out, f);
      return;
    }
    if (!f.personal()) {
      if (rule.rule().check() == vn.kyso.policy.CheckType.AUTHORITY_FORM
          && f.doc.authorityForm() == AuthorityForm.TUQ
          && rule.params(Forms.class).forms().contains(AuthorityForm.TUQ.name())) {
        tuqOrganisation(out, f);
      } else {
        out.notApplicable();
      }
      return;
    }
    switch (rule.rule().check()) {
      case HOLDER_ELIGIBILITY -> holder(rule.params(Holders.class), out, f);
      case DELEGATED_CUSTODY -> custody(rule.params(Custody.class), out, f);
      case AUTHORITY_FORM -> {
        if (rule.params(Forms.class).forms().contains(f.doc.authorityForm().name())) {
          authority(out, f);
        } else {
          out.notApplicable();
        }
      }
      case COMPETENT_SIGNER -> competent(rule.params(Competence.class), out, f);
      case OWN_CERTIFICATE -> own(out, f);
      case TITLE_MATCH -> {
        Optional<String> title =
            f.signer().map(SignerRecord::title).filter(t -> !t.isBlank()).or(f.identity::title);
        if (f.doc.titleLine().isEmpty() || title.isEmpty()) {
          out.notApplicable();
        } else if (!sameTitle(f.doc.titleLine().get(), title.get())) {
          out.add("TITLE_MISMATCH", Severity.WARNING, f.doc.titleLine().get(), title.get());
        }
      }
      default -> {
        if (!rule.params(Forms.class).forms().contains(f.doc.authorityForm().name())) {
          out.notApplicable();
        } else if (f.identity.title().isEmpty()) {
          out.add("NO_TITLE_IN_CERTIFICATE");
        } else if (f.doc.titleLine().isPresent()
            && !sameTitle(f.doc.titleLine().get(), f.identity.title().get())) {
          out.add("TITLE_MISMATCH", f.doc.titleLine().get(), f.identity.title().get());
        }
      }
    }
  }

  private static void own(Out out, SigningFacts f) {
    if (f.doc.signerName().isPresent() && !f.identity.hasName(f.doc.signerName().get())) {
      out.add("NOT_OWN_CERTIFICATE", f.identity.name(), f.doc.signerName().get());
    }
    if (!f.verification
        && f.req.operator().isPresent()
        && f.signer().isPresent()
        && !f.signer().get().personId().equals(f.req.operator().get())) {
      out.add("TOKEN_USED_BY_OTHER", f.identity.name(), f.req.operator().get());
    }
  }

  private static void scope(Scope p, Out out, SigningFacts f) {
    Optional<OrganisationRecord> org = f.signerOrganisation().flatMap(f::organisation);
    if (org.isEmpty()) {
      out.notApplicable();
    } else {
      scopeOf(p, out, org.get(), f.day);
    }
  }

  private static void scopeOf(Scope p, Out out, OrganisationRecord org, LocalDate day) {
    LocalDate end = ABOLISHED.get(org.type());
    if (end != null && day.isAfter(end)) {
      out.add("LEVEL_ABOLISHED", Severity.INFO, org.name(), org.type(), end);
    } else if (p.optInTypes().contains(org.type())) {
      out.met("MET_OPT_IN", org.name(), org.type());
    } else if (!p.organisationTypes().contains(org.type())) {
      out.add("OUT_OF_SCOPE", org.name(), org.type());
    } else {
      out.met("MET_IN_SCOPE", org.name(), org.type());
    }
  }

  /**
   * Returns the signer's registry record when they are known and in post; otherwise says why not
   * (role unknown: a warning; out of post: the rule's severity) and returns empty.
   */
  private static Optional<SignerRecord> signerInPost(Out out, SigningFacts f) {
    Optional<SignerRecord> rec = f.signer();
    if (rec.isEmpty()) {
      out.add("ROLE_UNKNOWN", Severity.WARNING, f.identity.title().orElse("-"));
      return Optional.empty();
    }
    if (!rec.get().active()) {
      out.add("SIGNER_NOT_ACTIVE", rec.get().name());
      return Optional.empty();
    }
    return rec;
  }

  private static void authority(Out out, SigningFacts f) {
    Optional<SignerRecord> rec = signerInPost(out, f);
    if (rec.isEmpty()) {
      return;
    }
    SignerRecord r = rec.get();
    AuthorityForm form = f.doc.authorityForm();
    Optional<OrganisationRecord> org = f.organisation(r.organisation());
    Set<Position> allowed =
        switch (form) {
          case NONE -> EnumSet.of(Position.HEAD);
          case TM -> EnumSet.of(Position.HEAD, Position.ACTING_HEAD);
          case KT, TM_KT -> EnumSet.of(Position.DEPUTY_HEAD, Position.ACTING_HEAD);
          case Q -> EnumSet.of(Position.ACTING_HEAD);
          case TL -> EnumSet.of(Position.UNIT_HEAD);
          case TL_KT -> EnumSet.of(Position.UNIT_DEPUTY);
          case TUQ -> EnumSet.of(Position.UNIT_HEAD);
        };
    if (form == AuthorityForm.TUQ) {
      tuq(out, f, r);
      return;
    }
    if (!allowed.contains(r.position())) {
      out.add(
          "AUTHORITY_POSITION_MISMATCH",
          form.prefix().isEmpty() ? "-" : form.prefix(),
          allowed.stream().map(Enum::name).sorted().toList().toString(),
          r.name(),
          r.position().name());
      return;
    }
    if ((form == AuthorityForm.TM || form == AuthorityForm.TM_KT)
        && org.isPresent()
        && org.get().regime() != Regime.COLLECTIVE) {
      out.add(
          "REGIME_MISMATCH",
          form.prefix(),
          Regime.COLLECTIVE.name(),
          org.get().name(),
          org.get().regime().name());
    }
    if ((form == AuthorityForm.KT || form == AuthorityForm.TM_KT)
        && !r.assignedDocumentTypes().isEmpty()
        && !containsSame(List.copyOf(r.assignedDocumentTypes()), f.doc.type())) {
      out.add("KT_OUTSIDE_ASSIGNMENT", r.name(), f.doc.type());
    }
    if (form == AuthorityForm.TL || form == AuthorityForm.TL_KT) {
      if (org.isEmpty()
          || !containsSame(List.copyOf(org.get().byOrderDocumentTypes()), f.doc.type())) {
        out.add("TL_TYPE_NOT_ASSIGNED", f.doc.type());
      }
    }
    out.met(
        "MET_AUTHORITY",
        r.name(),
        r.position().name(),
        form.prefix().isEmpty() ? "-" : form.prefix());
  }

  /** A delegation valid on the day for the document's type, if the signer holds one. */
  private static Optional<Delegation> delegation(SignerRecord r, SigningFacts f) {
    return r.delegations().stream()
        .filter(
            d -> d.isValidOn(f.day) && containsSame(List.copyOf(d.documentTypes()), f.doc.type()))
        .findFirst();
  }

  /**
   * TUQ. (ND30 Art 13(3), VT30-05): a unit head signs under a written authorisation valid that day
   * for the document's type, given by the organisation's head, and not itself delegated
   * (RULES-ERRATA 1.1).
   */
  private static void tuq(Out out, SigningFacts f, SignerRecord r) {
    Optional<Delegation> d = delegation(r, f);
    if (d.isEmpty()) {
      out.add("TUQ_NO_DELEGATION", f.day, f.doc.type(), r.name());
    } else {
      String from = d.get().fromPersonId();
      Optional<SignerRecord> delegator = f.context.registry().person(from, f.req.time());
      Optional<String> head =
          delegator
              .flatMap(x -> f.organisation(x.organisation()))
              .flatMap(OrganisationRecord::head);
      if (delegator.isEmpty()) {
        out.add("TUQ_DELEGATOR_UNKNOWN", Severity.WARNING, from);
      } else if (delegator.get().position() != Position.HEAD
          || head.filter(h -> !h.equals(from)).isPresent()) {
        out.add(
            "TUQ_DELEGATOR_NOT_HEAD", delegator.get().name(), delegator.get().position().name());
      } else if (delegator.get().delegations().stream()
          .anyMatch(x -> containsSame(List.copyOf(x.documentTypes()), f.doc.type()))) {
        out.add("TUQ_REDELEGATED", delegator.get().name());
      } else {
        out.met(
            "MET_TUQ", r.name(), delegator.get().name(), d.get().validFrom(), d.get().validTo());
      }
    }
    if (r.position() != Position.UNIT_HEAD) {
      out.add("TUQ_NOT_UNIT_HEAD", r.name(), r.position().name());
    }
  }

  /**
   * The organisation signature on a TUQ. document is the authorising organisation's, not the
   * signing unit's (ND30 Art 13(3); RULES-ERRATA 1.1, VT30-05).
   */
  private static void tuqOrganisation(Out out, SigningFacts f) {
    Optional<String> authorising = Optional.empty();
    for (PriorSignature p : f.req.priorSignatures()) {
      if (p.kind() != SignatureKind.PERSONAL || !p.valid()) {
        continue;
      }
      Optional<SignerRecord> signer = f.context.registry().signer(p.certificate(), p.time());
      Optional<String> org =
          signer
              .flatMap(s -> delegation(s, f))
              .flatMap(d -> f.context.registry().person(d.fromPersonId(), p.time()))
              .map(SignerRecord::organisation);
      if (org.isPresent()) {
        authorising = org;
      }
    }
    if (authorising.isEmpty()) {
      out.notApplicable();
    } else if (!Names.same(authorising.get(), f.organisationName())) {
      out.add("TUQ_ORGANISATION_NOT_AUTHORISING", f.organisationName(), authorising.get());
    } else {
      out.met("MET_OWN_DOCUMENT", authorising.get());
    }
  }

  /**
   * KT-12 (KT Art 10(1)): the UBND Office may manage and use a leader's personal certificate when
   * the leader authorises it in writing. The default is that holders manage their own device (KT
   * Art 7(3)); from {@code decreeFrom} (ND30 Art 32(3)) the decree outranks the provincial
   * decision.
   */
  private static void custody(Custody p, Out out, SigningFacts f) {
    Optional<SignerRecord> holder = f.signer();
    Optional<String> operator = f.req.operator();
    if (f.verification
        || holder.isEmpty()
        || operator.isEmpty()
        || operator.get().equals(holder.get().personId())) {
      out.notApplicable();
      return;
    }
    String holderId = holder.get().personId();
    Optional<Delegation> authorisation =
        holder.get().delegations().stream()
            .filter(
                d ->
                    d.fromPersonId().equals(holderId)
                        && d.isValidOn(f.day)
                        && (d.toPersonId().equals(operator.get())
                            || f.context
                                .registry()
                                .person(operator.get(), f.req.time())
                                .map(SignerRecord::organisation)
                                .filter(o -> Names.same(o, d.toPersonId()))
                                .isPresent())
                        && (d.documentTypes().isEmpty()
                            || containsSame(List.copyOf(d.documentTypes()), f.doc.type())))
            .findFirst();
    if (authorisation.isEmpty()) {
      out.add("CUSTODY_NOT_AUTHORISED", holder.get().name(), operator.get());
      return;
    }
    Delegation d = authorisation.get();
    boolean decreePrevails = !p.local() && !f.day.isBefore(p.decreeFrom());
    out.add(
        decreePrevails ? "CUSTODY_CONFLICT_DECREE_PREVAILS" : "CUSTODY_CONFLICT",
        decreePrevails ? Severity.ERROR : Severity.WARNING,
        holder.get().name(),
        d.toPersonId(),
        d.validFrom(),
        d.validTo());
  }

  /** TB-20: who may hold a personal certificate (TB Art 2(4) with Art 1(2)(b)). */
  private static void holder(Holders p, Out out, SigningFacts f) {
    Optional<SignerRecord> rec = f.signer();
    if (rec.isEmpty()) {
      out.notApplicable();
      return;
    }
    holderOf(p, out, rec.get());
  }

  private static void holderOf(Holders p, Out out, SignerRecord r) {
    if (p.positions().contains(r.position().name())) {
      out.met("MET_COMPETENT", r.name(), r.position().name());
    } else if (!r.assignedDocumentTypes().isEmpty()) {
      out.met("MET_ASSIGNED_TYPES", r.name(), String.join(", ", r.assignedDocumentTypes()));
    } else if (!eligibleByTb(List.of("posted-to-hcc", "special-approval"), out, r)) {
      out.add("NOT_A_HOLDER", Severity.WARNING, r.name(), r.position().name());
    }
  }

  /**
   * TB Art 1(2)(b)'s two further cases: a civil servant posted to the Public Administration Centre,
   * or one the chairman approved; names the fact when one holds.
   */
  private static boolean eligibleByTb(List<String> accepted, Out out, SignerRecord r) {
    if (accepted.contains("posted-to-hcc") && r.postedToHcc()) {
      out.met("MET_POSTED_TO_HCC", r.name());
      return true;
    }
    if (accepted.contains("special-approval") && r.specialApproval().isPresent()) {
      out.met(
          "MET_SPECIAL_APPROVAL",
          r.name(),
          r.specialApproval().get().by(),
          r.specialApproval().get().date());
      return true;
    }
    return false;
  }

  private static void competent(Competence p, Out out, SigningFacts f) {
    Optional<SignerRecord> rec = signerInPost(out, f);
    if (rec.isEmpty()) {
      return;
    }
    SignerRecord r = rec.get();
    if (p.positions().isEmpty() && p.titles().isEmpty()) {
      if (r.position() == Position.CLERK) {
        out.add("NOT_COMPETENT", r.position().name(), r.title());
      } else {
        out.met("MET_COMPETENT", r.name(), r.position().name());
      }
      return;
    }
    boolean ok =
        p.positions().contains(r.position().name())
            || p.titles().stream().anyMatch(t -> sameTitle(r.title(), t));
    if (ok) {
      out.met("MET_COMPETENT", r.name(), r.position().name());
      return;
    }
    if (p.tag().isPresent() && p.tagTitles().stream().anyMatch(t -> sameTitle(r.title(), t))) {
      // KT Art 2: the Office's chiefs sign only notices of the leaders' directions.
      if (f.doc.categories().contains(p.tag().get())) {
        out.met("MET_COMPETENT_FOR_TAG", r.name(), r.title(), p.tag().get());
      } else {
        out.add("NOT_COMPETENT_WITHOUT_TAG", r.title(), p.tag().get());
      }
      return;
    }
    if (!eligibleByTb(p.alsoEligible(), out, r)) {
      out.add("NOT_COMPETENT", r.position().name(), r.title());
    }
  }
}
