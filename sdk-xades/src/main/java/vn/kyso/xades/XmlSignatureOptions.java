package vn.kyso.xades;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.policy.PolicyCheck;

/**
 * What to produce when signing XML or data with XAdES. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class XmlSignatureOptions {
  private final XadesLevel level;
  private final XadesPackaging packaging;
  private final DigestAlgorithm digest;
  private final String mimeType;
  private final String detachedUri;
  private final String parentId;
  private final String commitment;
  private final List<Path> moreDetached;
  private final PolicyCheck policyCheck;

  private XmlSignatureOptions(Builder b) {
    this.level = b.level;
    this.packaging = b.packaging;
    this.digest = b.digest;
    this.mimeType = b.mimeType;
    this.detachedUri = b.detachedUri;
    this.parentId = b.parentId;
    this.commitment = b.commitment;
    this.moreDetached = List.copyOf(b.moreDetached);
    this.policyCheck = b.policyCheck;
    if (parentId != null && packaging != XadesPackaging.ENVELOPED) {
      throw new IllegalStateException("signatureParent applies to ENVELOPED signatures");
    }
    if (!moreDetached.isEmpty() && packaging != XadesPackaging.DETACHED) {
      throw new IllegalStateException("additional detached files apply to DETACHED signatures");
    }
  }

  /**
   * Returns a builder.
   *
   * @param level the level
   * @param packaging the packaging
   * @return the builder
   */
  public static Builder builder(XadesLevel level, XadesPackaging packaging) {
    return new Builder(level, packaging);
  }

  /**
   * @return the level
   */
  public XadesLevel level() {
    return level;
  }

  /**
   * @return the packaging
   */
  public XadesPackaging packaging() {
    return packaging;
  }

  /**
   * @return the digest algorithm (SHA-256 by default)
   */
  public DigestAlgorithm digest() {
    return digest;
  }

  /**
   * @return the MIME type declared in DataObjectFormat
   */
  public String mimeType() {
    return mimeType;
  }

  /**
   * @return for DETACHED, the URI by which the signature references the signed file
   */
  public Optional<String> detachedUri() {
    return Optional.ofNullable(detachedUri);
  }

  /**
   * @return the policy to run before signing, if any
   */
  public Optional<PolicyCheck> policyCheck() {
    return Optional.ofNullable(policyCheck);
  }

  /**
   * @return the Id of the element the enveloped signature goes into (default: the root)
   */
  public Optional<String> signatureParent() {
    return Optional.ofNullable(parentId);
  }

  /**
   * @return the CommitmentTypeIndication URI, e.g. proof of approval
   */
  public Optional<String> commitment() {
    return Optional.ofNullable(commitment);
  }

  /**
   * @return further files a DETACHED signature covers, each referenced by its file name
   */
  public List<Path> additionalDetachedFiles() {
    return moreDetached;
  }

  /** ETSI TS 119 172-1 commitment type: proof of approval. */
  public static final String PROOF_OF_APPROVAL = "http://uri.etsi.org/01903/v1.2.2#ProofOfApproval";

  /** ETSI TS 119 172-1 commitment type: proof of origin. */
  public static final String PROOF_OF_ORIGIN = "http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin";

  /** Builds {@link XmlSignatureOptions}. */
  public static final class Builder {
    private final XadesLevel level;
    private final XadesPackaging packaging;
    private DigestAlgorithm digest = DigestAlgorithm.SHA256;
    private String mimeType;
    private String detachedUri;
    private String parentId;
    private String commitment;
    private final List<Path> moreDetached = new ArrayList<>();
    private PolicyCheck policyCheck;

    private Builder(XadesLevel level, XadesPackaging packaging) {
      this.level = Objects.requireNonNull(level, "level");
      this.packaging = Objects.requireNonNull(packaging, "packaging");
      this.mimeType =
          packaging == XadesPackaging.ENVELOPED ? "text/xml" : "application/octet-stream";
    }

    /**
     * Sets the digest algorithm.
     *
     * @param value SHA-256, SHA-384 or SHA-512
     * @return this builder
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
     * Sets the MIME type of the signed data (DataObjectFormat).
     *
     * @param value e.g. {@code application/pdf}
     * @return this builder
     */
    public Builder mimeType(String value) {
      this.mimeType = Objects.requireNonNull(value, "mimeType");
      return this;
    }

    /**
     * Sets the URI a detached signature uses for the signed file (default: its file name).
     *
     * @param value a relative URI such as {@code ho-so.pdf}
     * @return this builder
     */
    public Builder detachedUri(String value) {
      this.detachedUri = Objects.requireNonNull(value, "detachedUri");
      return this;
    }

    /**
     * Runs a signing policy first: a denial throws {@code SigningRefusedException} before the token
     * is asked for a signature. For an organisation signature on an enveloped document the
     * signatures already in it are verified first (with the signer's {@code certificateVerifier};
     * without one, offline against the built-in government anchors). Not kept in a {@link
     * PreparedXmlSignature}: {@code prepare} decides.
     *
     * @param value the policy check
     * @return this builder
     */
    public Builder policyCheck(PolicyCheck value) {
      this.policyCheck = Objects.requireNonNull(value, "policyCheck");
      return this;
    }

    /**
     * Puts an enveloped signature inside the element with this Id instead of the root (it still
     * signs the whole document).
     *
     * @param elementId the Id attribute value of the parent element
     * @return this builder
     */
    public Builder signatureParent(String elementId) {
      this.parentId = Objects.requireNonNull(elementId, "elementId");
      return this;
    }

    /**
     * Adds a signed CommitmentTypeIndication ({@link #PROOF_OF_APPROVAL}, {@link
     * #PROOF_OF_ORIGIN}).
     *
     * @param uri the commitment type URI
     * @return this builder
     */
    public Builder commitment(String uri) {
      this.commitment = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Adds a further file to a DETACHED signature, referenced by its file name.
     *
     * @param file the file
     * @return this builder
     */
    public Builder additionalDetachedFile(Path file) {
      moreDetached.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /**
     * @return the options
     */
    public XmlSignatureOptions build() {
      return new XmlSignatureOptions(this);
    }
  }
}
