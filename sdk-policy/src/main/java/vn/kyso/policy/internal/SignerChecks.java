package vn.kyso.policy.internal;

import static vn.kyso.policy.internal.Names.containsSame;
import static vn.kyso.policy.internal.Names.sameTitle;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.validation.Severity;
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

  record Competence(List<String> positions, List<String> titles) {}

  record Scope(List<String> organisationTypes) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case AUTHORITY_FORM, TITLE_IN_CERTIFICATE -> new Forms(rule.list("forms"));
      case COMPETENT_SIGNER -> new Competence(rule.list("positions"), rule.list("titles"));
      case ORGANISATION_SCOPE -> new Scope(rule.list("organisation-types"));
      default -> rule;
    };
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    if (rule.rule().check() == vn.kyso.policy.CheckType.ORGANISATION_SCOPE) {
      scope(rule.params(Scope.class), out, f);
      return;
    }
    if (!f.personal()) {
      out.notApplicable();
      return;
    }
    switch (rule.rule().check()) {
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
    } else if (!p.organisationTypes().contains(org.get().type())) {
      out.add("OUT_OF_SCOPE", org.get().name(), org.get().type());
    } else {
      out.met("MET_IN_SCOPE", org.get().name(), org.get().type());
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
      boolean delegated =
          r.delegations().stream()
              .anyMatch(
                  d ->
                      d.isValidOn(f.day)
                          && containsSame(List.copyOf(d.documentTypes()), f.doc.type()));
      if (!delegated) {
        out.add("TUQ_NO_DELEGATION", f.day, f.doc.type(), r.name());
      }
      if (r.position() != Position.UNIT_HEAD) {
        out.add("TUQ_NOT_UNIT_HEAD", r.name(), r.position().name());
      }
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
    if (!ok) {
      out.add("NOT_COMPETENT", r.position().name(), r.title());
    } else {
      out.met("MET_COMPETENT", r.name(), r.position().name());
    }
  }
}
