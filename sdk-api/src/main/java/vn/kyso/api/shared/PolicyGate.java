package vn.kyso.api.shared;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.kyso.api.DocumentException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;

/** The policy pre-check every Kyso signer runs before it touches the token. */
public final class PolicyGate {
  private PolicyGate() {}

  /**
   * Reads and verifies the signatures already on a document, for an organisation signature's check
   * (Nghị định 30/2020 Art 32: the organisation signs after a valid personal signature).
   */
  @FunctionalInterface
  public interface EarlierSignatures {
    /**
     * Verifies the document's existing signatures.
     *
     * @param verifier the certificate verifier to use
     * @return the report
     * @throws DocumentException when the document cannot be read
     */
    ValidationReport verify(CertificateVerifier verifier) throws DocumentException;
  }

  /**
   * Validates the signer certificate at signing time (when the signer has a verifier), verifies the
   * document's earlier signatures for an organisation signature (with the signer's verifier, or
   * offline against the built-in government anchors without one, so they count as not proven unless
   * they chain there), then runs {@link PolicyCheck#enforce}.
   *
   * @param check the options' policy check
   * @param chain the signer certificate first, then its chain
   * @param time the signing time
   * @param algorithm the signature algorithm
   * @param verifier the signer's certificate verifier, or null
   * @param clock the signer's clock, for the offline fallback verifier
   * @param earlier reads the document's existing signatures, or null when it can hold none
   * @return the decision
   * @throws DocumentException when the existing signatures cannot be read
   * @throws SigningRefusedException when denied
   */
  public static PolicyDecision enforce(
      PolicyCheck check,
      List<X509Certificate> chain,
      Instant time,
      SignatureAlgorithm algorithm,
      CertificateVerifier verifier,
      Clock clock,
      EarlierSignatures earlier)
      throws DocumentException, SigningRefusedException {
    X509Certificate signer = chain.get(0);
    CertificateResult certificate =
        verifier == null
            ? null
            : verifier.verify(
                signer, ValidationContext.builder().at(time, false).certificates(chain).build());
    List<PriorSignature> prior = new ArrayList<>();
    if (earlier != null && isOrganisation(check, signer)) {
      CertificateVerifier v =
          verifier != null
              ? verifier
              : CertificateVerifier.builder(TrustAnchors.governmentSpecialUse())
                  .network(NetworkSettings.offline())
                  .clock(clock)
                  .build();
      for (SignatureResult r : earlier.verify(v).signatures()) {
        PriorSignature.from(r).ifPresent(prior::add);
      }
    }
    return check.enforce(signer, time, algorithm, prior, certificate);
  }

  private static boolean isOrganisation(PolicyCheck check, X509Certificate certificate) {
    SignatureKind k =
        check
            .kind()
            .orElseGet(() -> SignatureKind.from(SignerIdentity.from(certificate).subjectType()));
    return k == SignatureKind.ORGANISATION;
  }
}
