package vn.kyso.api.policy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.trust.CertificateResult;

/**
 * What a signer needs to run the policy before it touches the token: the policy, the document's
 * description, the kind of signature, and what the host knows about the token and its operator.
 * Given to {@code PdfSignatureOptions} and {@code XmlSignatureOptions}. Immutable and thread-safe.
 *
 * <pre>{@code
 * PolicyCheck check = PolicyCheck.builder(policy, DocumentInfo.builder("Công văn").build())
 *     .kind(SignatureKind.ORGANISATION).operator("vanthu-01").build();
 * PdfSignatureOptions options =
 *     PdfSignatureOptions.builder(PadesLevel.B_T).policyCheck(check).build();
 * // SigningRefusedException before any PIN prompt when denied:
 * signer.sign(in, out, options, key);
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
