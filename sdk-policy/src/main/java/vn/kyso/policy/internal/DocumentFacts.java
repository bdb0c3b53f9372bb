package vn.kyso.policy.internal;

import java.time.LocalDate;
import java.util.List;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;

/** The facts of a verified document: its signatures (not its document time-stamps). */
final class DocumentFacts {
  final List<SignatureResult> signatures;
  final DocumentInfo doc;
  final LocalDate day;
  final Context context;

  DocumentFacts(ValidationReport report, DocumentInfo doc, LocalDate day, Context context) {
    this.signatures =
        report.signatures().stream()
            .filter(r -> r.format() != SignatureFormat.PDF_DOCUMENT_TIMESTAMP)
            .toList();
    this.doc = doc;
    this.day = day;
    this.context = context;
  }

  static boolean isOrganisation(SignatureResult r) {
    return r.signer()
        .map(id -> SignatureKind.from(id.subjectType()) == SignatureKind.ORGANISATION)
        .orElse(false);
  }
}
