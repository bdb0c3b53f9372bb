package vn.kyso.api.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.internal.Messages;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.trust.CertificateResult;

/**
 * The verdict on one signature of a document. Immutable.
 *
 * <p>Built by the format verifiers ({@code PdfVerifier}, {@code XmlVerifier}); hosts read it.
 *
 * @since 0.1
 */
public final class SignatureResult {
  private final String id;
  private final SignatureFormat format;
  private final SignatureLevel level;
  private final Indication indication;
  private final SubIndication subIndication;
  private final SignerIdentity signer;
  private final X509Certificate signingCertificate;
  private final Instant claimedSigningTime;
  private final Instant bestSignatureTime;
  private final String scope;
  private final String scopeVi;
  private final CertificateResult certificateResult;
  private final List<Finding> findings;
  private final List<TimestampResult> timestamps;
  private final boolean validationDataUsable;
  private final PolicyDecision policyDecision;

  private SignatureResult(SignatureResult base, PolicyDecision decision) {
    this.id = base.id;
    this.format = base.format;
    this.level = base.level;
    this.indication = base.indication;
    this.subIndication = base.subIndication;
    this.signingCertificate = base.signingCertificate;
    this.signer = base.signer;
    this.claimedSigningTime = base.claimedSigningTime;
    this.bestSignatureTime = base.bestSignatureTime;
    this.scope = base.scope;
    this.scopeVi = base.scopeVi;
    this.certificateResult = base.certificateResult;
    this.findings = base.findings;
    this.timestamps = base.timestamps;
    this.validationDataUsable = base.validationDataUsable;
    this.policyDecision = decision;
  }

  private SignatureResult(Builder b) {
    this.policyDecision = null;
    this.id = b.id;
    this.format = b.format;
    this.level = b.level;
    this.indication = b.indication;
    this.subIndication = b.subIndication;
    this.signingCertificate = b.signingCertificate;
    this.signer = b.signingCertificate == null ? null : SignerIdentity.from(b.signingCertificate);
    this.claimedSigningTime = b.claimedSigningTime;
    this.bestSignatureTime = b.bestSignatureTime;
    this.scope = b.scope;
    this.scopeVi = b.scopeVi;
    this.certificateResult = b.certificateResult;
    this.findings = List.copyOf(b.findings);
    this.timestamps =
        b.timestamps.stream()
            .sorted(
                Comparator.comparing(TimestampResult::kind).thenComparing(TimestampResult::time))
            .toList();
    this.validationDataUsable = b.validationDataUsable;
  }

  /**
   * Starts a builder holding everything a result says, under another id: for a container format
   * (ASiC) that verifies a signature with another verifier and then adds what the container says
   * about it. The policy decision is not carried over.
   *
   * @param base the result to start from
   * @param id the new id
   * @return the builder, its indication and sub-indication those of {@code base}
   * @since 0.2
   */
  public static Builder copyOf(SignatureResult base, String id) {
    Builder b = new Builder(Objects.requireNonNull(id, "id"), base.format);
    b.level = base.level;
    b.indication = base.indication;
    b.subIndication = base.subIndication;
    b.signingCertificate = base.signingCertificate;
    b.claimedSigningTime = base.claimedSigningTime;
    b.bestSignatureTime = base.bestSignatureTime;
    b.scope = base.scope;
    b.scopeVi = base.scopeVi;
    b.certificateResult = base.certificateResult;
    b.findings.addAll(base.findings);
    b.timestamps.addAll(base.timestamps);
    b.validationDataUsable = base.validationDataUsable;
    return b;
  }

  /**
   * Returns a builder.
   *
   * @param id an identifier unique within the document (field name, XML Id)
   * @param format the format found
   * @return the builder
   */
  public static Builder builder(String id, SignatureFormat format) {
    return new Builder(id, format);
  }

  /**
   * @return the identifier unique within the document
   */
  public String id() {
    return id;
  }

  /**
   * @return the format found
   */
  public SignatureFormat format() {
    return format;
  }

  /**
   * Returns the baseline level the signature's structure has: B-B, B-T with a signature time-stamp,
   * B-LT with validation material in the document, B-LTA with an archive (document) time-stamp over
   * it. Whether that material held is {@link #validationDataUsable()}.
   *
   * @return the structural level
   */
  public SignatureLevel level() {
    return level;
  }

  /**
   * Says whether the time-stamps and validation material that make the {@link #level()} held up
   * when they were checked: the signature time-stamp verified and its authority is trusted (B-T),
   * the signer's revocation status came from the material in the document (B-LT), an archive
   * time-stamp over it verified (B-LTA). Always true for B-B and {@code NONE}.
   *
   * @return whether the level's validation data was usable
   */
  public boolean validationDataUsable() {
    return validationDataUsable;
  }

  /**
   * Returns the time-stamps over this signature: its own signature time-stamps, then the archive
   * (document) time-stamps that cover it, oldest first within each kind.
   *
   * @return the time-stamps, possibly empty
   */
  public List<TimestampResult> timestamps() {
    return timestamps;
  }

  /**
   * @return the ETSI indication
   */
  public Indication indication() {
    return indication;
  }

  /**
   * @return why the signature did not pass, if it did not
   */
  public Optional<SubIndication> subIndication() {
    return Optional.ofNullable(subIndication);
  }

  /**
   * @return the signer as the certificate describes it, when the certificate was found
   */
  public Optional<SignerIdentity> signer() {
    return Optional.ofNullable(signer);
  }

  /**
   * @return the signing certificate, when found
   */
  public Optional<X509Certificate> signingCertificate() {
    return Optional.ofNullable(signingCertificate);
  }

  /**
   * @return the signing time the signer claims (not proof)
   */
  public Optional<Instant> claimedSigningTime() {
    return Optional.ofNullable(claimedSigningTime);
  }

  /**
   * @return the earliest time the signature is proven to have existed (a time-stamp)
   */
  public Optional<Instant> bestSignatureTime() {
    return Optional.ofNullable(bestSignatureTime);
  }

  /**
   * @return what the signature covers, in words (e.g. "revision 1 of 3, bytes 0–48213")
   */
  public String scope() {
    return scope;
  }

  /**
   * Returns what the signature covers in a language.
   *
   * @param locale the language: Vietnamese for {@code vi}, English otherwise
   * @return the description
   */
  public String scope(Locale locale) {
    return locale != null && "vi".equals(locale.getLanguage()) ? scopeVi : scope;
  }

  /**
   * @return the validation of the signing certificate, when it was done
   */
  public Optional<CertificateResult> certificateResult() {
    return Optional.ofNullable(certificateResult);
  }

  /**
   * @return the policy decision, when a policy reviewed the report
   */
  public Optional<PolicyDecision> policyDecision() {
    return Optional.ofNullable(policyDecision);
  }

  /**
   * Returns a copy with a policy decision attached. The decision never changes the indication: a
   * signature can be cryptographically valid and still not allowed.
   *
   * @param decision the decision
   * @return the copy
   */
  public SignatureResult withPolicyDecision(PolicyDecision decision) {
    return new SignatureResult(this, Objects.requireNonNull(decision, "decision"));
  }

  /**
   * @return every finding, errors first
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * @return whether the indication is TOTAL_PASSED
   */
  public boolean isPassed() {
    return indication == Indication.TOTAL_PASSED;
  }

  /** Builds a {@link SignatureResult}. */
  public static final class Builder {
    private final String id;
    private final SignatureFormat format;
    private SignatureLevel level = SignatureLevel.NONE;
    private Indication indication = Indication.INDETERMINATE;
    private SubIndication subIndication;
    private X509Certificate signingCertificate;
    private Instant claimedSigningTime;
    private Instant bestSignatureTime;
    private String scope = "";
    private String scopeVi = "";
    private CertificateResult certificateResult;
    private final List<Finding> findings = new ArrayList<>();
    private final List<TimestampResult> timestamps = new ArrayList<>();
    private boolean validationDataUsable = true;

    private Builder(String id, SignatureFormat format) {
      this.id = Objects.requireNonNull(id, "id");
      this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Sets the level reached.
     *
     * @param value the level
     * @return this builder
     */
    public Builder level(SignatureLevel value) {
      this.level = Objects.requireNonNull(value, "level");
      return this;
    }

    /**
     * Says whether the validation data behind the level held up (true unless set).
     *
     * @param value whether it was usable
     * @return this builder
     */
    public Builder validationDataUsable(boolean value) {
      this.validationDataUsable = value;
      return this;
    }

    /**
     * Adds a time-stamp over the signature.
     *
     * @param value the time-stamp
     * @return this builder
     */
    public Builder timestamp(TimestampResult value) {
      timestamps.add(Objects.requireNonNull(value, "timestamp"));
      return this;
    }

    /**
     * Sets the outcome as passed.
     *
     * @return this builder
     */
    public Builder passed() {
      this.indication = Indication.TOTAL_PASSED;
      this.subIndication = null;
      return this;
    }

    /**
     * Sets the outcome as not passed; the indication follows from the sub-indication.
     *
     * @param value the sub-indication
     * @return this builder
     */
    public Builder notPassed(SubIndication value) {
      this.subIndication = Objects.requireNonNull(value, "subIndication");
      this.indication = value.indication();
      return this;
    }

    /**
     * Sets the signing certificate; the signer identity is read from it.
     *
     * @param value the certificate
     * @return this builder
     */
    public Builder signingCertificate(X509Certificate value) {
      this.signingCertificate = Objects.requireNonNull(value, "signingCertificate");
      return this;
    }

    /**
     * Sets the claimed signing time.
     *
     * @param value the time
     * @return this builder
     */
    public Builder claimedSigningTime(Instant value) {
      this.claimedSigningTime = Objects.requireNonNull(value, "claimedSigningTime");
      return this;
    }

    /**
     * Sets the best (proven) signature time.
     *
     * @param value the time
     * @return this builder
     */
    public Builder bestSignatureTime(Instant value) {
      this.bestSignatureTime = Objects.requireNonNull(value, "bestSignatureTime");
      return this;
    }

    /**
     * Describes what the signature covers.
     *
     * @param value the description
     * @return this builder
     */
    public Builder scope(String value) {
      this.scope = Objects.requireNonNull(value, "scope");
      this.scopeVi = value;
      return this;
    }

    /**
     * Describes what the signature covers in both languages, from a module's resource bundle (key
     * {@code scope.} + {@code key}, in {@code baseName.properties} and {@code
     * baseName_vi.properties}).
     *
     * @param baseName the bundle's base name, e.g. {@code vn.kyso.pades.messages}
     * @param owner a class whose class loader sees the bundle
     * @param key the key after {@code scope.}
     * @param arguments values substituted with {@link java.text.MessageFormat} (pass numbers as
     *     text)
     * @return this builder
     */
    public Builder scopeFromBundle(
        String baseName, Class<?> owner, String key, Object... arguments) {
      Messages m = new Messages(baseName, owner);
      this.scope = m.format(Locale.ENGLISH, "scope." + key, arguments);
      this.scopeVi = m.format(Messages.VIETNAMESE, "scope." + key, arguments);
      return this;
    }

    /**
     * Sets the certificate validation result.
     *
     * @param value the result
     * @return this builder
     */
    public Builder certificateResult(CertificateResult value) {
      this.certificateResult = Objects.requireNonNull(value, "certificateResult");
      return this;
    }

    /**
     * Adds a finding.
     *
     * @param value the finding
     * @return this builder
     */
    public Builder finding(Finding value) {
      findings.add(Objects.requireNonNull(value, "finding"));
      return this;
    }

    /**
     * Adds findings.
     *
     * @param values the findings
     * @return this builder
     */
    public Builder findings(List<Finding> values) {
      values.forEach(this::finding);
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     */
    public SignatureResult build() {
      return new SignatureResult(this);
    }
  }
}
