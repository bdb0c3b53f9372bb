package vn.kyso.cades;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.policy.PolicyCheck;

/**
 * What a CAdES signature is made of. Immutable.
 *
 * <pre>{@code
 * CadesSignatureOptions options =
 *     CadesSignatureOptions.builder(CadesLevel.B_LT, CadesPackaging.DETACHED)
 *         .policyCheck(PolicyCheck.builder(policy, document).build())
 *         .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class CadesSignatureOptions {
  private final CadesLevel level;
  private final CadesPackaging packaging;
  private final DigestAlgorithm digest;
  private final boolean pss;
  private final Path parallelTo;
  private final PolicyCheck policyCheck;

  private CadesSignatureOptions(Builder b) {
    this.level = b.level;
    this.packaging = b.packaging;
    this.digest = b.digest;
    this.pss = b.pss;
    this.parallelTo = b.parallelTo;
    this.policyCheck = b.policyCheck;
  }

  /**
   * Starts options.
   *
   * @param level the baseline level
   * @param packaging detached or enveloping
   * @return the builder
   */
  public static Builder builder(CadesLevel level, CadesPackaging packaging) {
    return new Builder(level, packaging);
  }

  /**
   * @return the level
   */
  public CadesLevel level() {
    return level;
  }

  /**
   * @return the packaging
   */
  public CadesPackaging packaging() {
    return packaging;
  }

  /**
   * @return the digest algorithm (SHA-256 unless set)
   */
  public DigestAlgorithm digest() {
    return digest;
  }

  /**
   * @return whether an RSA key signs with RSASSA-PSS
   */
  public boolean pss() {
    return pss;
  }

  /**
   * @return the existing signature file the new signature joins as a parallel signer, if any
   */
  public Optional<Path> parallelTo() {
    return Optional.ofNullable(parallelTo);
  }

  /**
   * @return the policy pre-check, if any
   */
  public Optional<PolicyCheck> policyCheck() {
    return Optional.ofNullable(policyCheck);
  }

  /** Builds {@link CadesSignatureOptions}. */
  public static final class Builder {
    private final CadesLevel level;
    private final CadesPackaging packaging;
    private DigestAlgorithm digest = DigestAlgorithm.SHA256;
    private boolean pss;
    private Path parallelTo;
    private PolicyCheck policyCheck;

    private Builder(CadesLevel level, CadesPackaging packaging) {
      this.level = Objects.requireNonNull(level, "level");
      this.packaging = Objects.requireNonNull(packaging, "packaging");
    }

    /**
     * Sets the digest algorithm of the content, the signed attributes and the time-stamps.
     *
     * @param value SHA-256, SHA-384 or SHA-512
     * @return this builder
     * @throws IllegalArgumentException for an algorithm too weak for new signatures
     */
    public Builder digest(DigestAlgorithm value) {
      if (!Objects.requireNonNull(value, "digest").isAllowedForNewSignatures()) {
        throw new IllegalArgumentException(value + " is too weak for new signatures");
      }
      this.digest = value;
      return this;
    }

    /**
     * Signs with RSASSA-PSS rather than PKCS#1 v1.5 when the key is RSA.
     *
     * @param value whether to use PSS
     * @return this builder
     */
    public Builder pss(boolean value) {
      this.pss = value;
      return this;
    }

    /**
     * Adds the new signature beside the signers of an existing signature over the same content
     * (parallel signatures): the output holds them all. The existing file is only read.
     *
     * @param existingSignature the existing {@code .p7s} or {@code .p7m}
     * @return this builder
     */
    public Builder parallelTo(Path existingSignature) {
      this.parallelTo = Objects.requireNonNull(existingSignature, "existingSignature");
      return this;
    }

    /**
     * Runs a policy check before the key is used; a denial refuses the signature with the cited
     * rule.
     *
     * @param value the check
     * @return this builder
     */
    public Builder policyCheck(PolicyCheck value) {
      this.policyCheck = Objects.requireNonNull(value, "policyCheck");
      return this;
    }

    /**
     * @return the options
     */
    public CadesSignatureOptions build() {
      return new CadesSignatureOptions(this);
    }
  }
}
