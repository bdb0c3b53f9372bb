package vn.kyso.xades;

import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.DigestAlgorithm;

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

  private XmlSignatureOptions(Builder b) {
    this.level = b.level;
    this.packaging = b.packaging;
    this.digest = b.digest;
    this.mimeType = b.mimeType;
    this.detachedUri = b.detachedUri;
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

  /** @return the level */
  public XadesLevel level() {
    return level;
  }

  /** @return the packaging */
  public XadesPackaging packaging() {
    return packaging;
  }

  /** @return the digest algorithm (SHA-256 by default) */
  public DigestAlgorithm digest() {
    return digest;
  }

  /** @return the MIME type declared in DataObjectFormat */
  public String mimeType() {
    return mimeType;
  }

  /** @return for DETACHED, the URI by which the signature references the signed file */
  public Optional<String> detachedUri() {
    return Optional.ofNullable(detachedUri);
  }

  /** Builds {@link XmlSignatureOptions}. */
  public static final class Builder {
    private final XadesLevel level;
    private final XadesPackaging packaging;
    private DigestAlgorithm digest = DigestAlgorithm.SHA256;
    private String mimeType;
    private String detachedUri;

    private Builder(XadesLevel level, XadesPackaging packaging) {
      this.level = Objects.requireNonNull(level, "level");
      this.packaging = Objects.requireNonNull(packaging, "packaging");
      this.mimeType = packaging == XadesPackaging.ENVELOPED ? "text/xml" : "application/octet-stream";
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

    /** @return the options */
    public XmlSignatureOptions build() {
      return new XmlSignatureOptions(this);
    }
  }
}
