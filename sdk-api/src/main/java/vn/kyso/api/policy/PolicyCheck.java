package vn.kyso.api.policy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kyso.api.DocumentException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.ValidationReport;

/**
 * What a signer needs to run the policy before it touches the token: the policy, the document's
 * description, the kind of signature, and what the host knows about the token and its operator.
 * Given to {@code PdfSignatureOptions} and {@code XmlSignatureOptions}. Immutable and thread-safe.
 *
 * <pre>{@code
 * PolicyCheck check = PolicyCheck.builder(policy, DocumentInfo.builder("Công văn").build())
 *     .kind(SignatureKind.ORGANISATION).operator("vanthu-01").build();
 * PdfSignatureOptions options = PdfSignatureOptions.builder(PadesLevel.B_T).policyCheck(check).build();
 * signer.sign(in, out, options, key);   // SigningRefusedException before any PIN prompt when denied
 * }</pre>
 *
 * @since 0.1
 */
public final class PolicyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyCheck.class);

  private final SigningPolicy policy;
  private final DocumentInfo document;
  private final SignatureKind kind;
  private final String operator;
  private final TokenState tokenState;
  private final KeyStorage keyStorage;
  private final PolicyOverride override;

  private PolicyCheck(Builder b) {
    this.policy = b.policy;
    this.document = b.document;
    this.kind = b.kind;
    this.operator = b.operator;
    this.tokenState = b.tokenState;
    this.keyStorage = b.keyStorage;
    this.override = b.override;
  }

  /**
   * Returns a builder.
   *
   * @param policy the policy, e.g. {@code Policy.preset("national").build()}
   * @param document what the host knows about the document
   * @return the builder
   */
  public static Builder builder(SigningPolicy policy, DocumentInfo document) {
    return new Builder(policy, document);
  }

  /**
   * @return the policy
   */
  public SigningPolicy policy() {
    return policy;
  }

  /**
   * @return the document's description
   */
  public DocumentInfo document() {
    return document;
  }

  /**
   * @return the kind of signature, when set (else inferred from the certificate)
   */
  public Optional<SignatureKind> kind() {
    return Optional.ofNullable(kind);
  }

  /**
   * @return the explicit override, when set
   */
  public Optional<PolicyOverride> override() {
    return Optional.ofNullable(override);
  }

  /**
   * Builds the request for a signature and evaluates it; throws when it is denied and no explicit
   * override covers every denying rule. A signature allowed by an override is logged (SLF4J, WARN:
   * who, which rules, when, why) and the returned decision records the override.
   *
   * @param certificate the signer certificate
   * @param time the signing time
   * @param algorithm the signature algorithm
   * @param priorSignatures the signatures already on the document, oldest first
   * @param certificateResult the signer certificate's validation at signing time, or null
   * @return the decision (allowed, possibly by an override it records)
   * @throws SigningRefusedException when denied
   */
  public PolicyDecision enforce(
      X509Certificate certificate,
      Instant time,
      SignatureAlgorithm algorithm,
      List<PriorSignature> priorSignatures,
      CertificateResult certificateResult)
      throws SigningRefusedException {
    SigningRequest.Builder b =
        SigningRequest.builder(certificate, document, time)
            .algorithm(algorithm)
            .keyStorage(keyStorage);
    if (kind != null) {
      b.kind(kind);
    }
    if (operator != null) {
      b.operator(operator);
    }
    if (tokenState != null) {
      b.tokenState(tokenState);
    }
    if (certificateResult != null) {
      b.certificateResult(certificateResult);
    }
    priorSignatures.forEach(b::priorSignature);
    PolicyDecision decision = policy.evaluate(b.build());
    if (override != null) {
      decision = decision.withOverride(override);
      if (decision.isAllowed()) {
        LOG.warn(
            "Signing policy overridden by {} for rules {} ({}): {}",
            override.by(),
            override.ruleIds().stream().sorted().toList(),
            override.at(),
            override.reason());
      }
    }
    if (!decision.isAllowed()) {
      throw new SigningRefusedException(decision);
    }
    return decision;
  }

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
   * What a signer runs before it touches the token: validates the signer certificate at signing
   * time (when it has a verifier), verifies the document's earlier signatures for an organisation
   * signature (with the signer's verifier, or offline against the built-in government anchors
   * without one, so they count as not proven unless they chain there), then {@link #enforce}s.
   *
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
  public PolicyDecision enforce(
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
    if (earlier != null && isOrganisation(signer)) {
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
    return enforce(signer, time, algorithm, prior, certificate);
  }

  /**
   * Tells whether the request will be an organisation signature (which needs the earlier signatures
   * to be verified).
   *
   * @param certificate the signer certificate
   * @return whether organisation
   */
  public boolean isOrganisation(X509Certificate certificate) {
    SignatureKind k =
        kind != null ? kind : SignatureKind.from(SignerIdentity.from(certificate).subjectType());
    return k == SignatureKind.ORGANISATION;
  }

  /** Builds a {@link PolicyCheck}. Not thread-safe. */
  public static final class Builder {
    private final SigningPolicy policy;
    private final DocumentInfo document;
    private SignatureKind kind;
    private String operator;
    private TokenState tokenState;
    private KeyStorage keyStorage = KeyStorage.UNKNOWN;
    private PolicyOverride override;

    private Builder(SigningPolicy policy, DocumentInfo document) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.document = Objects.requireNonNull(document, "document");
    }

    /**
     * Sets the kind of signature (default: from the certificate's subject).
     *
     * @param value the kind
     * @return this builder
     */
    public Builder kind(SignatureKind value) {
      this.kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    /**
     * Sets who operates the token (their registry id).
     *
     * @param value the id
     * @return this builder
     */
    public Builder operator(String value) {
      this.operator = Objects.requireNonNull(value, "operator");
      return this;
    }

    /**
     * Sets the token's PIN state and last PIN change.
     *
     * @param value the state
     * @return this builder
     */
    public Builder tokenState(TokenState value) {
      this.tokenState = Objects.requireNonNull(value, "tokenState");
      return this;
    }

    /**
     * Sets where the key lives.
     *
     * @param value the storage
     * @return this builder
     */
    public Builder keyStorage(KeyStorage value) {
      this.keyStorage = Objects.requireNonNull(value, "keyStorage");
      return this;
    }

    /**
     * Records an explicit decision to sign despite denials by the named rules.
     *
     * @param value the override
     * @return this builder
     */
    public Builder override(PolicyOverride value) {
      this.override = Objects.requireNonNull(value, "override");
      return this;
    }

    /**
     * @return the check
     */
    public PolicyCheck build() {
      return new PolicyCheck(this);
    }
  }
}
