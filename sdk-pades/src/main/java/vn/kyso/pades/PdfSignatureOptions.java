package vn.kyso.pades;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.policy.PolicyCheck;

/**
 * What to produce when signing a PDF. Immutable and thread-safe.
 *
 * <pre>{@code
 * PdfSignatureOptions options = PdfSignatureOptions.builder(PadesLevel.B_T)
 *     .fieldName("ChuKyLanhDao")          // an empty field of the document, or a new one
 *     .reason("Phê duyệt").location("Thử Nghiệm")
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class PdfSignatureOptions {
  private final PadesLevel level;
  private final DigestAlgorithm digest;
  private final boolean pss;
  private final String fieldName;
  private final int page;
  private final float[] rectangle;
  private final String reason;
  private final String location;
  private final String contactInfo;
  private final DocMdpPermission certification;
  private final char[] ownerPassword;
  private final int reservedBytes;
  private final byte[] appearance;
  private final PolicyCheck policyCheck;
  private final VisibleSignature visible;

  private PdfSignatureOptions(Builder b) {
    this.level = b.level;
    this.digest = b.digest;
    this.pss = b.pss;
    this.fieldName = b.fieldName;
    this.page = b.page;
    this.rectangle = b.rectangle == null ? null : b.rectangle.clone();
    this.reason = b.reason;
    this.location = b.location;
    this.contactInfo = b.contactInfo;
    this.certification = b.certification;
    this.ownerPassword = b.ownerPassword == null ? null : b.ownerPassword.clone();
    this.reservedBytes = b.reservedBytes;
    this.appearance = b.appearance == null ? null : b.appearance.clone();
    this.policyCheck = b.policyCheck;
    this.visible = b.visible;
    if (visible != null && (appearance != null || rectangle != null)) {
      throw new IllegalStateException(
          "visible(...) replaces placement(...) and appearance(...): use one or the other");
    }
    if (appearance != null && rectangle == null) {
      throw new IllegalStateException("an appearance needs a placement(page, x, y, width, height)");
    }
  }

  /**
   * Returns a builder.
   *
   * @param level the level to produce
   * @return the builder
   */
  public static Builder builder(PadesLevel level) {
    return new Builder(level);
  }

  /**
   * @return the level
   */
  public PadesLevel level() {
    return level;
  }

  /**
   * @return the digest algorithm (SHA-256 by default)
   */
  public DigestAlgorithm digest() {
    return digest;
  }

  /**
   * @return whether RSA keys sign with RSASSA-PSS instead of PKCS#1 v1.5
   */
  public boolean isPss() {
    return pss;
  }

  /**
   * @return the signature field to sign: an existing empty field, or the name of a new one
   */
  public Optional<String> fieldName() {
    return Optional.ofNullable(fieldName);
  }

  /**
   * @return the 0-based page of a new field
   */
  public int page() {
    return page;
  }

  /**
   * Returns the rectangle of a new field in PDF points, origin bottom-left: x, y, width, height.
   *
   * @return a copy of the rectangle, or empty for an invisible signature
   */
  public Optional<float[]> rectangle() {
    return Optional.ofNullable(rectangle).map(float[]::clone);
  }

  /**
   * @return the reason (/Reason)
   */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * @return the location (/Location)
   */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /**
   * @return the contact information (/ContactInfo)
   */
  public Optional<String> contactInfo() {
    return Optional.ofNullable(contactInfo);
  }

  /**
   * @return the certification (DocMDP) to apply, making this a certification signature
   */
  public Optional<DocMdpPermission> certification() {
    return Optional.ofNullable(certification);
  }

  /**
   * @return a copy of the owner password for encrypted documents
   */
  public Optional<char[]> ownerPassword() {
    return Optional.ofNullable(ownerPassword).map(char[]::clone);
  }

  /**
   * @return the visible signature in the national format, if any
   */
  public Optional<VisibleSignature> visible() {
    return Optional.ofNullable(visible);
  }

  /**
   * @return the policy to run before signing, if any
   */
  public Optional<PolicyCheck> policyCheck() {
    return Optional.ofNullable(policyCheck);
  }

  /**
   * @return a copy of the appearance template (a one-page PDF), if any
   */
  public Optional<byte[]> appearance() {
    return Optional.ofNullable(appearance).map(byte[]::clone);
  }

  /**
   * The space reserved in the PDF for the signature container, when set. When not set the signer
   * sizes it: for B-B, the signer's certificate chain plus 4 KiB (at least 8 KiB; a B-B container
   * holds the chain, the signed attributes and the signature value); with a time-stamp (B-T and
   * above), 32 KiB, since the TSA's token is not known until after the space is fixed. A container
   * that does not fit ends signing with {@code SIGNATURE_TOO_LARGE} and no output.
   *
   * @return the bytes reserved, or empty for the signer's sizing
   */
  public OptionalInt reservedBytes() {
    return reservedBytes == 0 ? OptionalInt.empty() : OptionalInt.of(reservedBytes);
  }

  @Override
  public String toString() {
    return "PdfSignatureOptions["
        + level
        + ", "
        + digest
        + (pss ? ", PSS" : "")
        + ", field "
        + fieldName
        + (ownerPassword == null ? "" : ", password ***")
        + "]";
  }

  /** Builds {@link PdfSignatureOptions}. Not thread-safe. */
  public static final class Builder {
    private final PadesLevel level;
    private DigestAlgorithm digest = DigestAlgorithm.SHA256;
    private boolean pss;
    private String fieldName;
    private int page;
    private float[] rectangle;
    private String reason;
    private String location;
    private String contactInfo;
    private DocMdpPermission certification;
    private char[] ownerPassword;
    private int reservedBytes; // 0: sized by the signer
    private byte[] appearance;
    private PolicyCheck policyCheck;
    private VisibleSignature visible;

    private Builder(PadesLevel level) {
      this.level = Objects.requireNonNull(level, "level");
    }

    /**
     * Sets the digest algorithm.
     *
     * @param value SHA-256, SHA-384 or SHA-512
     * @return this builder
     * @throws IllegalArgumentException for SHA-1
     */
    public Builder digest(DigestAlgorithm value) {
      Objects.requireNonNull(value, "digest");
      if (!value.isAllowedForNewSignatures()) {
        throw new IllegalArgumentException(value + " is not allowed for new signatures");
      }
      this.digest = value;
      return this;
    }

    /**
     * Makes RSA keys sign with RSASSA-PSS.
     *
     * @param value whether to use PSS
     * @return this builder
     */
    public Builder pss(boolean value) {
      this.pss = value;
      return this;
    }

    /**
     * Names the signature field: an existing empty field is signed; otherwise a new field with this
     * name is created.
     *
     * @param value the field name
     * @return this builder
     */
    public Builder fieldName(String value) {
      this.fieldName = Objects.requireNonNull(value, "fieldName");
      return this;
    }

    /**
     * Places a new field on a page (the visible appearance is drawn by the appearance support;
     * without it the widget is empty).
     *
     * @param pageIndex 0-based page
     * @param x left, in points from the left edge
     * @param y bottom, in points from the bottom edge
     * @param width width in points
     * @param height height in points
     * @return this builder
     */
    public Builder placement(int pageIndex, float x, float y, float width, float height) {
      if (pageIndex < 0 || width <= 0 || height <= 0) {
        throw new IllegalArgumentException("page must be >= 0, width and height > 0");
      }
      this.page = pageIndex;
      this.rectangle = new float[] {x, y, width, height};
      return this;
    }

    /**
     * Makes the signature visible in the national format (Nghị định 30/2020 Phụ lục I): the
     * personal signature image in the signer block, the seal over the earlier personal signature,
     * or the text marker of an attachment or a copy. Replaces {@link #placement} and {@link
     * #appearance}.
     *
     * @param value the visible signature
     * @return this builder
     */
    public Builder visible(VisibleSignature value) {
      this.visible = Objects.requireNonNull(value, "visible");
      return this;
    }

    /**
     * Runs a signing policy before anything else: a denial throws {@code SigningRefusedException}
     * before the token is asked for a signature (and before any PIN prompt). For an organisation
     * signature the signatures already in the document are verified first (with the signer's {@code
     * certificateVerifier}; without one they count as not proven). Not kept in a {@link
     * PreparedSignature}: {@code prepare} decides, {@code complete} does not ask again.
     *
     * @param value the policy check
     * @return this builder
     */
    public Builder policyCheck(PolicyCheck value) {
      this.policyCheck = Objects.requireNonNull(value, "policyCheck");
      return this;
    }

    /**
     * Sets the visible appearance: a one-page PDF whose page is drawn, scaled to fit, as the
     * widget's normal appearance in the {@link #placement} rectangle. This is the hook the national
     * visible-signature format builds on; without it the signature is invisible.
     *
     * @param onePagePdf the template, at most 4 MiB
     * @return this builder
     */
    public Builder appearance(byte[] onePagePdf) {
      Objects.requireNonNull(onePagePdf, "onePagePdf");
      if (onePagePdf.length > 4 * 1024 * 1024) {
        throw new IllegalArgumentException("appearance template larger than 4 MiB");
      }
      this.appearance = onePagePdf.clone();
      return this;
    }

    /**
     * Sets /Reason.
     *
     * @param value the reason
     * @return this builder
     */
    public Builder reason(String value) {
      this.reason = Objects.requireNonNull(value, "reason");
      return this;
    }

    /**
     * Sets /Location.
     *
     * @param value the location
     * @return this builder
     */
    public Builder location(String value) {
      this.location = Objects.requireNonNull(value, "location");
      return this;
    }

    /**
     * Sets /ContactInfo.
     *
     * @param value the contact information
     * @return this builder
     */
    public Builder contactInfo(String value) {
      this.contactInfo = Objects.requireNonNull(value, "contactInfo");
      return this;
    }

    /**
     * Makes this a certification signature with a DocMDP permission. Only the first signature of a
     * document may certify it.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder certification(DocMdpPermission value) {
      this.certification = Objects.requireNonNull(value, "certification");
      return this;
    }

    /**
     * Sets the owner password of an encrypted document (copied; wipe yours).
     *
     * @param value the password
     * @return this builder
     */
    public Builder ownerPassword(char[] value) {
      this.ownerPassword = Objects.requireNonNull(value, "ownerPassword").clone();
      return this;
    }

    /**
     * Sets the space reserved for the signature container, instead of the signer's sizing (see
     * {@link PdfSignatureOptions#reservedBytes()}): for a signer whose containers are unusually
     * large, or a TSA whose tokens are.
     *
     * @param bytes between 4 KiB and 1 MiB
     * @return this builder
     */
    public Builder reservedBytes(int bytes) {
      if (bytes < 4096 || bytes > 1024 * 1024) {
        throw new IllegalArgumentException("reservedBytes must be between 4096 and 1048576");
      }
      this.reservedBytes = bytes;
      return this;
    }

    /**
     * @return the options
     */
    public PdfSignatureOptions build() {
      return new PdfSignatureOptions(this);
    }
  }
}
