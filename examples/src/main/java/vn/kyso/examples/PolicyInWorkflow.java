package vn.kyso.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import vn.kyso.api.KysoException;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.token.SigningKey;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.policy.Policy;

/**
 * Example: the "issue" step of a document workflow. The văn thư presses "Phát hành"; the system
 * signs with the organisation key only if the policy allows it (the leader has signed, the document
 * is not classified, the clerk holds the organisation token...), and otherwise shows the cited
 * reasons instead of a PIN prompt.
 */
public final class PolicyInWorkflow {
  private PolicyInWorkflow() {}

  /**
   * The result of the issue step.
   *
   * @param issued whether the document was signed and issued
   * @param reasons the reasons shown to the clerk (Vietnamese, with the rule and article)
   */
  public record Outcome(boolean issued, List<String> reasons) {}

  /**
   * Issues a document the leader has signed.
   *
   * @param signer the shared signer (with a certificate verifier, so the leader's signature is
   *     checked)
   * @param policy the province's policy
   * @param leaderSigned the document with the leader's signature
   * @param issued where the issued document goes
   * @param document what the e-office knows about it
   * @param clerkId the văn thư's id in the registry
   * @param organisationKey the organisation's key
   * @return issued, or refused with the reasons
   * @throws KysoException when signing fails for another reason (token, document, TSA)
   */
  public static Outcome issue(
      PdfSigner signer,
      Policy policy,
      Path leaderSigned,
      Path issued,
      DocumentInfo document,
      String clerkId,
      SigningKey organisationKey)
      throws KysoException {
    PolicyCheck check =
        PolicyCheck.builder(policy, document)
            .kind(SignatureKind.ORGANISATION)
            .operator(clerkId)
            .build();
    try {
      signer.sign(
          leaderSigned,
          issued,
          PdfSignatureOptions.builder(PadesLevel.B_T).policyCheck(check).build(),
          organisationKey);
      return new Outcome(true, List.of());
    } catch (SigningRefusedException refused) {
      Locale vi = Locale.forLanguageTag("vi");
      List<String> reasons =
          refused.decision().denials().stream()
              .map(
                  (PolicyFinding f) ->
                      f.ruleId() + ": " + f.message(vi) + " (" + f.citation() + ")")
              .toList();
      return new Outcome(false, reasons);
    }
  }
}
