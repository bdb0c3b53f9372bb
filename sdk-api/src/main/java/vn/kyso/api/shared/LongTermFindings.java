package vn.kyso.api.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/**
 * What a verifier reports about long-term validation: the proof of existence it judged a signature
 * at, and which revocation material supported each certificate (ETSI EN 319 102-1, 5.6.2.4).
 */
public final class LongTermFindings {
  private static final String BUNDLE = "vn.kyso.api.messages";

  private LongTermFindings() {}

  /**
   * The proof of existence a signature or time-stamp was judged at.
   *
   * @param time the time proven
   * @param byDocumentTimestamp whether a document (archive) time-stamp proves it, rather than the
   *     signature's own time-stamp
   * @return the finding (INFO, {@code POE_SIGNATURE_TIMESTAMP} or {@code POE_DOCUMENT_TIMESTAMP})
   */
  public static Finding proofOfExistence(Instant time, boolean byDocumentTimestamp) {
    return Finding.fromBundle(
        BUNDLE,
        LongTermFindings.class,
        byDocumentTimestamp ? "POE_DOCUMENT_TIMESTAMP" : "POE_SIGNATURE_TIMESTAMP",
        Severity.INFO,
        time);
  }

  /**
   * One finding per piece of revocation material a certificate validation used.
   *
   * @param forTimestamp whether the chain is a time-stamp's (TSA), rather than the signer's
   * @param result the validation
   * @return the findings (INFO, {@code REVOCATION_MATERIAL_SIGNER} or {@code
   *     REVOCATION_MATERIAL_TSA})
   */
  public static List<Finding> material(boolean forTimestamp, CertificateResult result) {
    List<Finding> out = new ArrayList<>();
    for (RevocationEvidence e : result.revocation()) {
      out.add(
          Finding.fromBundle(
              BUNDLE,
              LongTermFindings.class,
              forTimestamp ? "REVOCATION_MATERIAL_TSA" : "REVOCATION_MATERIAL_SIGNER",
              Severity.INFO,
              Certificates.readableName(e.certificate().getSubjectX500Principal()),
              e.kind(),
              e.status(),
              e.thisUpdate(),
              e.origin()));
    }
    return out;
  }
}
