package vn.kyso.api.shared;

import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.SignatureLevel;

/**
 * The baseline level a signature's structure has (ETSI EN 319 142-1 and 319 132-1: B-B, B-T with a
 * signature time-stamp, B-LT with validation data in the document, B-LTA with an archive time-stamp
 * over it), and apart whether the validation data behind that level held. Both verifiers use it, so
 * PDF and XML signatures are labelled alike.
 *
 * @param level the structural level
 * @param usable whether the time-stamps and material behind it held
 */
public record BaselineLevel(SignatureLevel level, boolean usable) {

  /**
   * Reads the level from what the signature holds and what held.
   *
   * @param baseline whether the signature is a baseline (ETSI) signature at all
   * @param timestamp whether it has a signature time-stamp
   * @param timestampHeld whether that time-stamp verified and its authority is trusted
   * @param validationData whether the document carries revocation data for it
   * @param signer the signer's certificate validation
   * @param archived whether an archive (document) time-stamp covers it
   * @param archiveHeld whether such a time-stamp verified
   * @return the level and whether its data was usable
   */
  public static BaselineLevel of(
      boolean baseline,
      boolean timestamp,
      boolean timestampHeld,
      boolean validationData,
      CertificateResult signer,
      boolean archived,
      boolean archiveHeld) {
    if (!baseline) {
      return new BaselineLevel(SignatureLevel.NONE, true);
    }
    if (!timestamp) {
      return new BaselineLevel(SignatureLevel.B_B, true);
    }
    if (!validationData) {
      return new BaselineLevel(SignatureLevel.B_T, timestampHeld);
    }
    // B-LT's data held when the signer's status came from the material the document carries.
    boolean embedded =
        signer.isPassed()
            && !signer.revocation().isEmpty()
            && signer.revocation().stream()
                .allMatch(e -> e.origin() == RevocationEvidence.Origin.EMBEDDED);
    if (!archived) {
      return new BaselineLevel(SignatureLevel.B_LT, timestampHeld && embedded);
    }
    return new BaselineLevel(SignatureLevel.B_LTA, timestampHeld && embedded && archiveHeld);
  }
}
