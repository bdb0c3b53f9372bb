package vn.kyso.policy.internal;

import static vn.kyso.policy.internal.Names.containsSame;
import static vn.kyso.policy.internal.Names.same;

import java.util.List;
import java.util.Optional;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.PolicyRule;

/**
 * The organisation signature: only after a competent person's (VT30-09), only on what the
 * organisation issues or copies (VT30-10), with the organisation a document type requires, applied
 * by the person who holds the token (VT30-14, HB-03).
 */
final class OrganisationChecks implements Check {

  record Alternative(String alternative) {}

  record ForType(List<String> documentTypes, Optional<String> tag, String organisation) {}

  record Custody(boolean holderSigns) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case ORGANISATION_AFTER_PERSONAL -> new Alternative(rule.text("alternative"));
      case ORGANISATION_FOR_DOCUMENT_TYPE ->
          new ForType(
              rule.list("document-types"),
              Optional.of(rule.text("tag")).filter(t -> !t.isEmpty()),
              rule.text("organisation"));
      case ORGANISATION_TOKEN_CUSTODY -> new Custody(rule.flag("holder-signs"));
      default -> rule;
    };
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    if (f.personal()) {
      out.notApplicable();
      return;
    }
    switch (rule.rule().check()) {
      case ORGANISATION_AFTER_PERSONAL -> afterPersonal(rule.params(Alternative.class), out, f);
      case ORGANISATION_KEY_SCOPE -> keyScope(out, f);
      case ORGANISATION_FOR_DOCUMENT_TYPE -> {
        ForType p = rule.params(ForType.class);
        boolean byType = containsSame(p.documentTypes(), f.doc.type());
        boolean byTag = p.tag().filter(t -> f.doc.categories().contains(t)).isPresent();
        if (!byType && !byTag) {
          out.notApplicable();
        } else if (!same(f.organisationName(), p.organisation())) {
          out.add(
              "WRONG_ORGANISATION_CERTIFICATE",
              f.doc.type(),
              p.organisation(),
              f.organisationName());
        }
      }
      default -> {
        if (f.verification) {
          out.notApplicable();
        } else {
          custody(rule.params(Custody.class), out, f);
        }
      }
    }
  }

  private static void keyScope(Out out, SigningFacts f) {
    DocumentInfo doc = f.doc;
    Optional<String> docOrg =
        doc.isCopy()
            ? doc.copyingOrganisation()
            : doc.isDigitisedFromPaper()
                ? doc.digitisedBy().or(doc::issuingOrganisation)
                : doc.issuingOrganisation();
    if (docOrg.isEmpty()) {
      out.add("ORGANISATION_UNKNOWN", Severity.WARNING);
    } else if (!same(f.organisationName(), docOrg.get())) {
      out.add("ORGANISATION_KEY_OTHER_ISSUER", f.organisationName(), docOrg.get());
    } else {
      out.met("MET_OWN_DOCUMENT", docOrg.get());
    }
  }

  private static void afterPersonal(Alternative p, Out out, SigningFacts f) {
    DocumentInfo doc = f.doc;
    boolean alternativeHolds =
        switch (p.alternative()) {
          case "copy-or-own-digitisation" ->
              (doc.isCopy()
                      && doc.copyingOrganisation()
                          .filter(o -> same(o, f.organisationName()))
                          .isPresent())
                  || (doc.isDigitisedFromPaper()
                      && doc.digitisedBy().filter(o -> same(o, f.organisationName())).isPresent());
          case "digitised-from-signed-paper" ->
              doc.isDigitisedFromPaper() && doc.isPaperSignedAndSealed();
          case "digitised-from-paper" -> doc.isDigitisedFromPaper();
          default -> false;
        };
    if (alternativeHolds) {
      out.met(doc.isCopy() ? "MET_OWN_COPY" : "MET_OWN_DIGITISATION");
      return;
    }
    List<PriorSignature> personal =
        f.req.priorSignatures().stream()
            .filter(x -> x.kind() == SignatureKind.PERSONAL && !x.time().isAfter(f.req.time()))
            .toList();
    if (personal.isEmpty()) {
      out.add("NO_PERSONAL_SIGNATURE");
      return;
    }
    List<PriorSignature> valid = personal.stream().filter(PriorSignature::valid).toList();
    if (valid.isEmpty()) {
      out.add("PERSONAL_SIGNATURE_INVALID");
      return;
    }
    for (PriorSignature x : valid) {
      if (f.context.mayBeCompetent(x.certificate(), x.time())) {
        out.met("MET_AFTER_PERSONAL", x.signer().name(), x.time());
        return;
      }
    }
    out.add("PERSONAL_SIGNER_NOT_COMPETENT", valid.get(valid.size() - 1).signer().name());
  }

  private static void custody(Custody p, Out out, SigningFacts f) {
    if (f.req.operator().isEmpty()) {
      out.add("OPERATOR_UNKNOWN", Severity.WARNING);
      return;
    }
    Optional<OrganisationRecord> org = f.organisation(f.organisationName());
    if (org.isEmpty()) {
      out.add("ORGANISATION_NOT_REGISTERED", Severity.WARNING, f.organisationName());
      return;
    }
    String op = f.req.operator().get();
    if (!org.get().tokenHolders().contains(op) && !org.get().tokenPermissions().contains(op)) {
      out.add("TOKEN_NOT_HELD", op, org.get().name());
    } else if (p.holderSigns() && !org.get().tokenHolders().contains(op)) {
      // HB Art 7(3)(b): a written permission covers handing the device over; the văn thư
      // applies the organisation signature personally (RULES-ERRATA 1.2, HB-03).
      out.add("PERMISSION_HOLDER_SIGNS", Severity.WARNING, op, org.get().name());
    } else {
      out.met("MET_TOKEN_HELD", op);
    }
  }
}
