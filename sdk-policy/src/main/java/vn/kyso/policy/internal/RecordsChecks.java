package vn.kyso.policy.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.Medium;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.PolicyRule;

/**
 * Records work on the document itself: copies (VT30-15/16, ND30 Art 25-27) and the number and
 * symbol (VT30-08).
 */
final class RecordsChecks implements Check {
  private static final Pattern NUMBER_SYMBOL =
      Pattern.compile("0*([1-9]\\d{0,6})(?:/(\\d{4}))?/[\\p{L}\\p{N}][\\p{L}\\p{N}.&\\-]*");

  @Override
  public Object parameters(PolicyRule rule) {
    return rule;
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    DocumentInfo doc = f.doc;
    switch (rule.rule().check()) {
      case COPY_FORM -> {
        if (doc.isCopy()) {
          copyForm(out, f);
        } else {
          out.notApplicable();
        }
      }
      case COPY_AUTHORISATION -> {
        if (!doc.isCopy()) {
          out.notApplicable();
        } else if (doc.copyAuthorisedBy().isEmpty()) {
          out.add("COPY_NOT_AUTHORISED");
        }
      }
      default -> {
        if (f.personal() || doc.isCopy()) {
          out.notApplicable();
        } else {
          numberSymbol(out, f);
        }
      }
    }
  }

  private static void copyForm(Out out, SigningFacts f) {
    DocumentInfo doc = f.doc;
    CopyForm form = doc.copyForm().orElseThrow();
    if (form != CopyForm.TRICH_SAO && doc.copySource().orElse(null) == Medium.ELECTRONIC) {
      out.add("COPY_DIRECTION_NOT_ALLOWED", form == CopyForm.SAO_Y ? "sao y" : "sao lục");
    }
    if (form == CopyForm.SAO_LUC) {
      if (doc.copySourceForm().isEmpty()) {
        out.add("COPY_FORM_UNKNOWN", Severity.WARNING);
      } else if (doc.copySourceForm().get() != CopyForm.SAO_Y) {
        out.add("SAO_LUC_SOURCE", doc.copySourceForm().get().name());
      }
    }
    if (f.personal()) {
      out.add("COPY_NEEDS_ORGANISATION_SIGNATURE");
    }
  }

  private static void numberSymbol(Out out, SigningFacts f) {
    DocumentInfo doc = f.doc;
    if (doc.numberSymbol().isEmpty()) {
      out.add("NUMBER_MISSING");
      return;
    }
    String ns = doc.numberSymbol().get();
    Matcher m = NUMBER_SYMBOL.matcher(ns);
    if (!m.matches()) {
      out.add("NUMBER_MALFORMED", ns);
      return;
    }
    int year = doc.issueDate().orElse(f.day).getYear();
    if (m.group(2) != null && Integer.parseInt(m.group(2)) != year) {
      out.add("NUMBER_YEAR_MISMATCH", ns, m.group(2), String.valueOf(year));
    }
    String org = doc.issuingOrganisation().orElse(f.organisationName());
    if (f.context.registry().numberUsed(org, year, ns).orElse(false)) {
      out.add("NUMBER_ALREADY_USED", ns, org, String.valueOf(year));
    }
  }
}
