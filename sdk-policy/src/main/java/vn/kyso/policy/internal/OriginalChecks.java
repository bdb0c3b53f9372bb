package vn.kyso.policy.internal;

import static vn.kyso.policy.internal.Names.containsSame;

import java.time.Instant;
import java.util.List;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.policy.PolicyRule;

/**
 * Whether the electronic document is the original: the competent person's and the organisation's
 * signatures (VT30-01, KT-04, LC-09), documents whose original stays on paper (KT-09, LC-05),
 * attachments (VT30-13) and the conversion mark on scans.
 */
final class OriginalChecks implements Check {

  record Original(boolean digitisedOrganisationOnly, boolean personalOnly) {}

  record Paper(List<String> categories, List<String> electronicOnlyTypes) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case ORIGINAL_VALUE ->
          new Original(rule.flag("digitised-organisation-only"), rule.flag("personal-only"));
      case PAPER_ORIGINAL -> new Paper(rule.list("categories"), rule.list("electronic-only-types"));
      default -> rule;
    };
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    switch (rule.rule().check()) {
      case ORIGINAL_VALUE -> {
        if (rule.params(Original.class).personalOnly()) {
          // KT-05 speaks of the document as received: judged on the document, not here.
          out.notApplicable();
        } else if (f.verification || !f.personal()) {
          out.notApplicable();
        } else if (f.req.priorSignatures().stream()
            .noneMatch(p -> p.kind() == SignatureKind.ORGANISATION && p.valid())) {
          out.add("NOT_ORIGINAL_YET", Severity.INFO);
          out.outcome(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
        }
      }
      case PAPER_ORIGINAL -> paper(rule.params(Paper.class), out, f.doc);
      case SEPARATE_ATTACHMENT -> {
        if (f.doc.attachmentTo().isPresent() && f.personal() && !f.verification) {
          out.add("ATTACHMENT_NEEDS_ORGANISATION_SIGNATURE", Severity.INFO);
        } else {
          out.notApplicable();
        }
      }
      default -> {
        if (!f.doc.isDigitisedFromPaper()) {
          out.notApplicable();
        } else if (!f.doc.hasConversionMark()) {
          out.add("NO_CONVERSION_MARK");
        }
      }
    }
  }

  @Override
  public void document(CompiledRule rule, Out out, DocumentFacts f) {
    switch (rule.rule().check()) {
      case ORIGINAL_VALUE -> original(rule.params(Original.class), out, f);
      case PAPER_ORIGINAL -> paper(rule.params(Paper.class), out, f.doc);
      default -> {
        if (f.doc.attachmentTo().isEmpty()) {
          out.notApplicable();
        } else if (f.signatures.stream()
            .noneMatch(r -> r.isPassed() && DocumentFacts.isOrganisation(r))) {
          out.add("ATTACHMENT_WITHOUT_ORGANISATION_SIGNATURE", f.doc.attachmentTo().get());
        }
      }
    }
  }

  private static void paper(Paper p, Out out, DocumentInfo doc) {
    for (String c : doc.categories()) {
      if (p.categories().contains(c)) {
        out.add("PAPER_ORIGINAL_CATEGORY", Severity.WARNING, c);
        out.outcome(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
      }
    }
    List<String> electronicOnly = p.electronicOnlyTypes();
    if (!electronicOnly.isEmpty() && !doc.type().isEmpty()) {
      if (!containsSame(electronicOnly, doc.type())) {
        out.add("PAPER_ORIGINAL_TYPE", Severity.WARNING, doc.type());
        out.outcome(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
      } else {
        out.met("MET_ELECTRONIC_TYPE", doc.type());
      }
    }
  }

  private static void original(Original p, Out out, DocumentFacts f) {
    boolean personalBefore = false;
    boolean original = false;
    boolean organisation = false;
    boolean unsealedScan = false;
    for (SignatureResult r : f.signatures) {
      if (!r.isPassed() || r.signingCertificate().isEmpty()) {
        continue;
      }
      if (DocumentFacts.isOrganisation(r)) {
        organisation = true;
        // KT Art 4(2)(a): only a scan of paper that was hand-signed and sealed (RULES-ERRATA 1.1).
        boolean scan = p.digitisedOrganisationOnly() && f.doc.isDigitisedFromPaper();
        if (personalBefore || (scan && f.doc.isPaperSignedAndSealed())) {
          original = true;
        } else if (scan) {
          unsealedScan = true;
        }
      } else {
        Instant t = r.bestSignatureTime().or(r::claimedSigningTime).orElse(Instant.EPOCH);
        if (f.context.mayBeCompetent(r.signingCertificate().get(), t)) {
          personalBefore = true;
        }
      }
    }
    if (p.personalOnly()) {
      if (personalBefore && !organisation) {
        out.add("PERSONAL_ONLY_HANDWRITTEN", Severity.INFO);
      } else {
        out.notApplicable();
      }
      return;
    }
    if (original) {
      out.add("ORIGINAL", Severity.INFO);
      out.outcome(PolicyOutcome.ORIGINAL_VALUE);
    } else if (unsealedScan) {
      out.add("NOT_ORIGINAL_UNSEALED_SCAN", Severity.WARNING);
      out.outcome(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
    } else {
      out.add("NOT_ORIGINAL", Severity.WARNING);
      out.outcome(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
    }
  }
}
