package vn.kyso.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import vn.kyso.api.DocumentException;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.policy.Policy;
import vn.kyso.xades.XmlVerifier;

/**
 * Example: the văn thư receives a PDF letter and an XML record (Nghị định 30/2020 Art 21: check
 * authenticity and integrity, return what fails). Verifies both, judges them with the national
 * policy, and says whether to accept or return each, with the report in Vietnamese.
 */
public final class VerifyIncoming {
  private VerifyIncoming() {}

  /**
   * The decision on one incoming file.
   *
   * @param accept whether to register it (every signature passed and nothing says return it)
   * @param report the reviewed report (text: {@code report.toText(vi)}, JSON: {@code
   *     report.toJson()})
   */
  public record Decision(boolean accept, ValidationReport report) {
    /**
     * @return the report in Vietnamese, to show the clerk
     */
    public String text() {
      return report.toText(Locale.forLanguageTag("vi"));
    }
  }

  /**
   * Verifies an incoming PDF or XML file.
   *
   * @param verifier the certificate verifier (the built-in government anchors in production)
   * @param policy the policy, e.g. {@code Policy.preset("national").build()}
   * @param file the file
   * @param document what the e-office knows about it
   * @return accept or return, with the report
   * @throws DocumentException when the file is not a readable PDF or XML document
   */
  public static Decision check(
      CertificateVerifier verifier, Policy policy, Path file, DocumentInfo document)
      throws DocumentException {
    ValidationReport report =
        file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")
            ? XmlVerifier.builder(verifier).build().verify(file, Map.of()).report()
            : PdfVerifier.builder(verifier).build().verify(file);
    ValidationReport reviewed = policy.review(report, document);
    boolean returnIt =
        reviewed
            .policyDecision()
            .map(d -> d.hasOutcome(PolicyOutcome.RETURN_TO_SENDER))
            .orElse(false);
    return new Decision(reviewed.overall() == Indication.TOTAL_PASSED && !returnIt, reviewed);
  }
}
