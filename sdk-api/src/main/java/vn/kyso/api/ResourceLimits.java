package vn.kyso.api;

/**
 * How much of an untrusted document a verifier will read, parse and decompress before it gives up
 * with {@link ErrorCode#INPUT_TOO_LARGE}. Bad input then ends in a typed error in bounded time and
 * memory instead of exhausting the host. Immutable; the defaults suit documents of a provincial
 * e-office system and a heap of 256 MB.
 *
 * <pre>{@code
 * PdfVerifier verifier = PdfVerifier.builder(certificates)
 *     .limits(ResourceLimits.builder()
 *         .maxPdfBytes(500L << 20).maxDecodedStreamBytes(8 << 20).build())
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ResourceLimits {
  private static final ResourceLimits DEFAULTS = new Builder().build();

  private final long maxPdfBytes;
  private final long maxXmlBytes;
  private final int maxPdfObjects;
  private final int maxNestingDepth;
  private final long maxDecodedStreamBytes;
  private final long maxCmsBytes;
  private final int maxContainerEntries;
  private final long maxContainerBytes;

  private ResourceLimits(Builder b) {
    this.maxPdfBytes = b.maxPdfBytes;
    this.maxXmlBytes = b.maxXmlBytes;
    this.maxPdfObjects = b.maxPdfObjects;
    this.maxNestingDepth = b.maxNestingDepth;
    this.maxDecodedStreamBytes = b.maxDecodedStreamBytes;
    this.maxCmsBytes = b.maxCmsBytes;
    this.maxContainerEntries = b.maxContainerEntries;
    this.maxContainerBytes = b.maxContainerBytes;
  }

  /**
   * The defaults: PDF files up to 2 GiB (read through a small window, never whole), XML up to 64
   * MiB (parsed into memory), CMS structures up to 64 MiB, 1,000,000 PDF objects, nesting 256 deep
   * (XML elements, PDF forms inside forms), and 16 MiB out of any one PDF stream the verifier
   * decompresses.
   *
   * @return the default limits
   */
  public static ResourceLimits defaults() {
    return DEFAULTS;
  }

  /**
   * @return a builder preset to {@link #defaults()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The largest CMS structure read into memory: a CAdES signature file ({@code .p7s}), or an
   * enveloping CAdES signature with its content (detached content is only streamed, never held).
   *
   * @return the limit in bytes (default 64 MiB)
   * @since 0.2
   */
  public long maxCmsBytes() {
    return maxCmsBytes;
  }

  /**
   * The most entries a container (ASiC) may list.
   *
   * @return the limit (default 1,000)
   * @since 0.2
   */
  public int maxContainerEntries() {
    return maxContainerEntries;
  }

  /**
   * The most bytes the entries of a container (ASiC) may decompress to, all together; each entry is
   * also held to a compression ratio of at most 200:1 past its first mebibyte (a zip bomb).
   *
   * @return the limit in bytes (default 2 GiB; entries go to temporary files, not to memory)
   * @since 0.2
   */
  public long maxContainerBytes() {
    return maxContainerBytes;
  }

  /**
   * @return the largest PDF file read, in bytes
   */
  public long maxPdfBytes() {
    return maxPdfBytes;
  }

  /**
   * @return the largest XML document parsed, in bytes
   */
  public long maxXmlBytes() {
    return maxXmlBytes;
  }

  /**
   * @return the most objects a PDF's cross-reference data may list
   */
  public int maxPdfObjects() {
    return maxPdfObjects;
  }

  /**
   * @return the deepest nesting of XML elements, or of PDF form XObjects drawn in an appearance
   */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * @return the most bytes one PDF stream may decompress to when the verifier reads it
   */
  public long maxDecodedStreamBytes() {
    return maxDecodedStreamBytes;
  }

  @Override
  public String toString() {
    return "ResourceLimits[pdf="
        + maxPdfBytes
        + " B, xml="
        + maxXmlBytes
        + " B, objects="
        + maxPdfObjects
        + ", depth="
        + maxNestingDepth
        + ", decoded stream="
        + maxDecodedStreamBytes
        + " B, cms="
        + maxCmsBytes
        + " B, container="
        + maxContainerEntries
        + " entries/"
        + maxContainerBytes
        + " B]";
  }

  /** Builds {@link ResourceLimits}; every value must be positive. */
  public static final class Builder {
    private long maxPdfBytes = 2L << 30;
    private long maxXmlBytes = 64L << 20;
    private int maxPdfObjects = 1_000_000;
    private int maxNestingDepth = 256;
    private long maxDecodedStreamBytes = 16L << 20;
    private long maxCmsBytes = 64L << 20;
    private int maxContainerEntries = 1_000;
    private long maxContainerBytes = 2L << 30;

    private Builder() {}

    private static long positive(long value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * @param bytes the largest PDF file read
     * @return this builder
     */
    public Builder maxPdfBytes(long bytes) {
      this.maxPdfBytes = positive(bytes, "maxPdfBytes");
      return this;
    }

    /**
     * @param bytes the largest XML document parsed (at most 1 GiB: XML is parsed in memory)
     * @return this builder
     */
    public Builder maxXmlBytes(long bytes) {
      if (positive(bytes, "maxXmlBytes") > (1L << 30)) {
        throw new IllegalArgumentException("maxXmlBytes is at most 1 GiB: " + bytes);
      }
      this.maxXmlBytes = bytes;
      return this;
    }

    /**
     * @param objects the most objects a PDF may list
     * @return this builder
     */
    public Builder maxPdfObjects(int objects) {
      this.maxPdfObjects = (int) positive(objects, "maxPdfObjects");
      return this;
    }

    /**
     * @param depth the deepest nesting (at most 10,000)
     * @return this builder
     */
    public Builder maxNestingDepth(int depth) {
      if (positive(depth, "maxNestingDepth") > 10_000) {
        throw new IllegalArgumentException("maxNestingDepth is at most 10000: " + depth);
      }
      this.maxNestingDepth = depth;
      return this;
    }

    /**
     * @param bytes the most bytes one PDF stream may decompress to
     * @return this builder
     */
    public Builder maxDecodedStreamBytes(long bytes) {
      if (positive(bytes, "maxDecodedStreamBytes") > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxDecodedStreamBytes is below 2 GiB: " + bytes);
      }
      this.maxDecodedStreamBytes = bytes;
      return this;
    }

    /**
     * @param bytes the largest CMS structure read into memory (at most 1 GiB)
     * @return this builder
     * @since 0.2
     */
    public Builder maxCmsBytes(long bytes) {
      if (positive(bytes, "maxCmsBytes") > (1L << 30)) {
        throw new IllegalArgumentException("maxCmsBytes is at most 1 GiB: " + bytes);
      }
      this.maxCmsBytes = bytes;
      return this;
    }

    /**
     * @param entries the most entries a container may list
     * @return this builder
     * @since 0.2
     */
    public Builder maxContainerEntries(int entries) {
      this.maxContainerEntries = (int) positive(entries, "maxContainerEntries");
      return this;
    }

    /**
     * @param bytes the most bytes a container's entries may decompress to, all together
     * @return this builder
     * @since 0.2
     */
    public Builder maxContainerBytes(long bytes) {
      this.maxContainerBytes = positive(bytes, "maxContainerBytes");
      return this;
    }

    /**
     * @return the limits
     */
    public ResourceLimits build() {
      return new ResourceLimits(this);
    }
  }
}
