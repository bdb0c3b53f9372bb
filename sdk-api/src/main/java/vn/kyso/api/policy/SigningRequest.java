package vn.kyso.api.policy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.trust.CertificateResult;

/**
 * Everything a policy needs to decide whether one signature may be made: the signer certificate,
 * the document, the kind and time of the signature, the signatures already on the document, the
 * token's state and who operates it. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SigningRequest {
  private final X509Certificate certificate;
  private final DocumentInfo document;
  private final Instant time;
  private final SignatureKind kind;
  private final SignatureAlgorithm algorithm;
  private final List<PriorSignature> priorSignatures;
  private final TokenState tokenState;
  private final String operator;
  private final CertificateResult certificateResult;
  private final KeyStorage keyStorage;
  private final Operation operation;

  private SigningRequest(Builder b) {
    this.certificate = b.certificate;
    this.document = b.document;
    this.time = b.time;
    this.kind =
        b.kind != null
            ? b.kind
            : SignatureKind.from(SignerIdentity.from(b.certificate).subjectType());
    this.algorithm = b.algorithm;
    this.priorSignatures = List.copyOf(b.priorSignatures);
    this.tokenState = b.tokenState;
    this.operator = b.operator;
    this.certificateResult = b.certificateResult;
    this.keyStorage = b.keyStorage;
    this.operation = b.operation;
  }

  /**
   * Returns a builder.
   *
   * @param certificate the signer's certificate
   * @param document the document
   * @param time the signing time; the law is taken as of this date (Vietnam time)
   * @return the builder
   */
  public static Builder builder(X509Certificate certificate, DocumentInfo document, Instant time) {
    return new Builder(certificate, document, time);
  }

  /**
   * @return the signer's certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * @return the identity parsed from the certificate
   */
  public SignerIdentity signer() {
    return SignerIdentity.from(certificate);
  }

  /**
   * @return the document
   */
  public DocumentInfo document() {
    return document;
  }

  /**
   * @return the signing time
   */
  public Instant time() {
    return time;
  }

  /**
   * @return the kind of signature; by default inferred from the certificate
   */
  public SignatureKind kind() {
    return kind;
  }

  /**
   * @return the signature algorithm, when known
   */
  public Optional<SignatureAlgorithm> algorithm() {
    return Optional.ofNullable(algorithm);
  }

  /**
   * @return the signatures already on the document, oldest first
   */
  public List<PriorSignature> priorSignatures() {
    return priorSignatures;
  }

  /**
   * @return the token's state, when the host read it
   */
  public Optional<TokenState> tokenState() {
    return Optional.ofNullable(tokenState);
  }

  /**
   * @return the registry id of the person operating the token, when known
   */
  public Optional<String> operator() {
    return Optional.ofNullable(operator);
  }

  /**
   * @return the certificate's validation (path, revocation) at signing time, when done
   */
  public Optional<CertificateResult> certificateResult() {
    return Optional.ofNullable(certificateResult);
  }

  /**
   * @return where the key lives
   */
  public KeyStorage keyStorage() {
    return keyStorage;
  }

  /**
   * Returns what is asked: {@link Operation#SIGN} unless the builder said otherwise.
   *
   * @return the operation on the document
   * @since 0.1
   */
  public Operation operation() {
    return operation;
  }

  /** Builds a {@link SigningRequest}. Not thread-safe. */
  public static final class Builder {
    private final X509Certificate certificate;
    private final DocumentInfo document;
    private final Instant time;
    private SignatureKind kind;
    private SignatureAlgorithm algorithm;
    private final List<PriorSignature> priorSignatures = new ArrayList<>();
    private TokenState tokenState;
    private String operator;
    private CertificateResult certificateResult;
    private KeyStorage keyStorage = KeyStorage.UNKNOWN;
    private Operation operation = Operation.SIGN;

    private Builder(X509Certificate certificate, DocumentInfo document, Instant time) {
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      this.document = Objects.requireNonNull(document, "document");
      this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * Sets the kind of signature (default: from the certificate's subject type).
     *
     * @param value the kind
     * @return this builder
     */
    public Builder kind(SignatureKind value) {
      this.kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    /**
     * Sets the signature algorithm.
     *
     * @param value the algorithm
     * @return this builder
     */
    public Builder algorithm(SignatureAlgorithm value) {
      this.algorithm = Objects.requireNonNull(value, "algorithm");
      return this;
    }

    /**
     * Adds a signature already on the document (call in document order, oldest first).
     *
     * @param value the signature
     * @return this builder
     */
    public Builder priorSignature(PriorSignature value) {
      priorSignatures.add(Objects.requireNonNull(value, "priorSignature"));
      return this;
    }

    /**
     * Sets the token's state.
     *
     * @param value the state
     * @return this builder
     */
    public Builder tokenState(TokenState value) {
      this.tokenState = Objects.requireNonNull(value, "tokenState");
      return this;
    }

    /**
     * Sets who operates the token (their id in the host's registry).
     *
     * @param value the id
     * @return this builder
     */
    public Builder operator(String value) {
      this.operator = Objects.requireNonNull(value, "operator");
      return this;
    }

    /**
     * Sets the certificate's validation at signing time.
     *
     * @param value the result
     * @return this builder
     */
    public Builder certificateResult(CertificateResult value) {
      this.certificateResult = Objects.requireNonNull(value, "certificateResult");
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
     * Sets the operation on the document (default {@link Operation#SIGN}): encrypting or decrypting
     * a classified document is asked with {@link Operation#ENCRYPT} or {@link Operation#DECRYPT};
     * the certificate is then the one the key belongs to.
     *
     * @param value the operation
     * @return this builder
     * @throws IllegalArgumentException for a certificate operation ({@link Operation#onDocument()}
     *     false)
     * @since 0.1
     */
    public Builder operation(Operation value) {
      if (!Objects.requireNonNull(value, "operation").onDocument()) {
        throw new IllegalArgumentException(
            value + " is a certificate operation, not an operation on a document");
      }
      this.operation = value;
      return this;
    }

    /**
     * @return the request
     */
    public SigningRequest build() {
      return new SigningRequest(this);
    }
  }
}
