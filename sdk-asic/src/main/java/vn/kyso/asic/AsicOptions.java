package vn.kyso.asic;

import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.policy.PolicyCheck;
import vn.kyso.api.validation.SignatureLevel;

/**
 * What an ASiC signature is made of. Immutable.
 *
 * <pre>{@code
 * AsicOptions options = AsicOptions.builder(AsicType.E, AsicSignatureForm.CADES)
 *     .level(SignatureLevel.B_LT)
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class AsicOptions {
  private final AsicType type;
  private final AsicSignatureForm form;
  private final SignatureLevel level;
  private final PolicyCheck policyCheck;

  private AsicOptions(Builder b) {
    this.type = b.type;
    this.form = b.form;
    this.level = b.level;
    this.policyCheck = b.policyCheck;
  }

  /**
   * Starts options.
   *
   * @param type ASiC-S or ASiC-E
   * @param form CAdES or XAdES
   * @return the builder
   */
  public static Builder builder(AsicType type, AsicSignatureForm form) {
    return new Builder(type, form);
  }

  /**
   * @return the container type
   */
  public AsicType type() {
    return type;
  }

  /**
   * @return the signature format
   */
  public AsicSignatureForm form() {
    return form;
  }

  /**
   * @return the baseline level (B-B unless set)
   */
  public SignatureLevel level() {
    return level;
  }

  /**
   * @return the policy pre-check, if any
   */
  public Optional<PolicyCheck> policyCheck() {
    return Optional.ofNullable(policyCheck);
  }

  /** Builds {@link AsicOptions}. */
  public static final class Builder {
    private final AsicType type;
    private final AsicSignatureForm form;
    private SignatureLevel level = SignatureLevel.B_B;
    private PolicyCheck policyCheck;

    private Builder(AsicType type, AsicSignatureForm form) {
      this.type = Objects.requireNonNull(type, "type");
      this.form = Objects.requireNonNull(form, "form");
    }

    /**
     * @param value B_B, B_T, B_LT or B_LTA
     * @return this builder
     */
    public Builder level(SignatureLevel value) {
      if (Objects.requireNonNull(value, "level") == SignatureLevel.NONE) {
        throw new IllegalArgumentException("a signature has a baseline level");
      }
      this.level = value;
      return this;
    }

    /**
     * Runs a policy check before the key is used.
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
    public AsicOptions build() {
      return new AsicOptions(this);
    }
  }
}
