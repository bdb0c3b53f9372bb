package vn.kyso.policy.internal;

import java.util.List;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.CheckType;
import vn.kyso.policy.PolicyRule;

/**
 * What may never be signed electronically: classified documents (X-01, TB-10, LC-04a, KT-02, KG-01)
 * and excluded categories, and categories a repealed rule used to exclude.
 */
final class ExclusionChecks implements Check {
  private static final List<String> ALL_LEVELS = List.of("MAT", "TOI_MAT", "TUYET_MAT");

  record Classified(List<String> levels, boolean encryptionAllowed, List<String> otherCategories) {}

  record Categories(List<String> categories) {}

  record Permission(List<String> levels) {}

  @Override
  public Object parameters(PolicyRule rule) {
    if (rule.check() == CheckType.CLASSIFIED_EXCLUSION) {
      return new Classified(
          rule.list("levels").isEmpty() ? ALL_LEVELS : rule.list("levels"),
          rule.flag("encryption-allowed"),
          rule.list("other-categories"));
    }
    if (rule.check() == CheckType.ENCRYPTION_PERMISSION) {
      return new Permission(rule.list("levels").isEmpty() ? ALL_LEVELS : rule.list("levels"));
    }
    return new Categories(rule.list("categories"));
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    DocumentInfo doc = f.doc;
    switch (rule.rule().check()) {
      case CLASSIFIED_EXCLUSION -> {
        Classified p = rule.params(Classified.class);
        if (doc.classification().isClassified()
            && p.levels().contains(doc.classification().name())) {
          out.add(
              p.encryptionAllowed()
                  ? "CLASSIFIED_DOCUMENT_ENCRYPTION_ALLOWED"
                  : "CLASSIFIED_DOCUMENT",
              classificationText(doc));
        }
        for (String c : doc.categories()) {
          if (p.otherCategories().contains(c)) {
            out.add("EXCLUDED_CATEGORY", c);
          }
        }
      }
      case ENCRYPTION_PERMISSION -> {
        if (!doc.classification().isClassified()) {
          out.notApplicable();
        } else if (rule.params(Permission.class).levels().contains(doc.classification().name())) {
          out.met("MET_ENCRYPTION_PERMITTED", classificationText(doc));
        } else {
          out.add("ENCRYPTION_NOT_PERMITTED", classificationText(doc));
        }
      }
      case CATEGORY_EXCLUSION -> {
        for (String c : doc.categories()) {
          if (rule.params(Categories.class).categories().contains(c)) {
            out.add("EXCLUDED_CATEGORY", c);
          }
        }
      }
      default -> {
        boolean any = false;
        for (String c : doc.categories()) {
          if (rule.params(Categories.class).categories().contains(c)) {
            out.add("FORMER_EXCLUSION", Severity.INFO, c);
            any = true;
          }
        }
        if (!any) {
          out.notApplicable();
        }
      }
    }
  }

  static String classificationText(DocumentInfo doc) {
    return switch (doc.classification()) {
      case MAT -> "Mật";
      case TOI_MAT -> "Tối mật";
      case TUYET_MAT -> "Tuyệt mật";
      case NONE -> "-";
    };
  }
}
