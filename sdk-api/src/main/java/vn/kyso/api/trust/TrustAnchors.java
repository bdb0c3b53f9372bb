package vn.kyso.api.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.TrustException;

/**
 * The certificates a verifier trusts (anchors) and CA certificates it may use to build paths (known
 * intermediates, not trusted by themselves). Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustAnchors anchors = TrustAnchors.builder()
 *     .addBuiltIn(BuiltInTrust.GOVERNMENT_SPECIAL_USE)
 *     .add(TrustAnchors.load(Path.of("province-extra-roots.pem")))
 *     .build();
 * }</pre>
 *
 * <p><b>Security notes.</b> Only CA certificates are accepted as anchors. Paths are built to an
 * anchor by key and signature, never by name alone, so a look-alike root with the same name is not
 * trusted.
 *
 * @since 0.1
 */
public final class TrustAnchors {
  private final List<X509Certificate> anchors;
  private final List<X509Certificate> intermediates;

  private TrustAnchors(List<X509Certificate> anchors, List<X509Certificate> intermediates) {
    this.anchors = anchors;
    this.intermediates = intermediates;
  }

  /**
   * Returns a builder with no anchors.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the built-in stores named.
   *
   * @param stores the stores
   * @return anchors and intermediates of those stores
   */
  public static TrustAnchors of(BuiltInTrust... stores) {
    Builder b = builder();
    for (BuiltInTrust s : stores) {
      b.addBuiltIn(s);
    }
    return b.build();
  }

  /**
   * Returns the government special-use anchors (VGCA G1 and G2) with their known sub-CAs.
   *
   * @return the built-in government store
   */
  public static TrustAnchors governmentSpecialUse() {
    return of(BuiltInTrust.GOVERNMENT_SPECIAL_USE);
  }

  /**
   * Loads anchors from a PEM or DER file, one certificate or a bundle.
   *
   * @param file the file
   * @return the anchors
   * @throws DocumentException when the file is unreadable or not certificates
   * @throws TrustException {@code NOT_A_CA_CERTIFICATE} when one of them is not a CA
   */
  public static TrustAnchors load(Path file) throws DocumentException, TrustException {
    return fromCertificates(Certificates.load(file));
  }

  /**
   * Loads anchors from a stream of PEM or DER.
   *
   * @param in the stream; read to the end, not closed
   * @return the anchors
   * @throws DocumentException when the data is unreadable or not certificates
   * @throws TrustException {@code NOT_A_CA_CERTIFICATE} when one of them is not a CA
   */
  public static TrustAnchors load(InputStream in) throws DocumentException, TrustException {
    return fromCertificates(Certificates.load(in));
  }

  /**
   * Loads anchors from a class-path resource.
   *
   * @param resource the resource name, e.g. {@code com/example/roots.pem}
   * @param loader the class loader to read it with
   * @return the anchors
   * @throws DocumentException when the resource is missing, unreadable or not certificates
   * @throws TrustException {@code NOT_A_CA_CERTIFICATE} when one of them is not a CA
   */
  public static TrustAnchors loadResource(String resource, ClassLoader loader)
      throws DocumentException, TrustException {
    Objects.requireNonNull(resource, "resource");
    try (InputStream in = Objects.requireNonNull(loader, "loader").getResourceAsStream(resource)) {
      if (in == null) {
        throw new DocumentException(ErrorCode.IO_ERROR, null, resource);
      }
      return load(in);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, resource);
    }
  }

  private static TrustAnchors fromCertificates(List<X509Certificate> certificates)
      throws TrustException {
    Builder b = builder();
    for (X509Certificate c : certificates) {
      if (!Certificates.isCa(c)) {
        throw new TrustException(
            ErrorCode.NOT_A_CA_CERTIFICATE,
            null,
            Certificates.readableName(c.getSubjectX500Principal()));
      }
      b.addAnchor(c);
    }
    return b.build();
  }

  /**
   * Returns the trusted anchors.
   *
   * @return the anchors
   */
  public List<X509Certificate> anchors() {
    return anchors;
  }

  /**
   * Returns CA certificates known for path building but not trusted by themselves.
   *
   * @return the intermediates
   */
  public List<X509Certificate> intermediates() {
    return intermediates;
  }

  /**
   * Says whether a certificate is one of the anchors: the same subject and the same public key.
   *
   * @param certificate the certificate
   * @return whether it is trusted as an anchor
   */
  public boolean isAnchor(X509Certificate certificate) {
    for (X509Certificate a : anchors) {
      if (a.getSubjectX500Principal().equals(certificate.getSubjectX500Principal())
          && Arrays.equals(
              a.getPublicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
        return true;
      }
    }
    return false;
  }

  /** Collects anchors and intermediates. Not thread-safe; build once. */
  public static final class Builder {
    private final Map<String, X509Certificate> anchors = new LinkedHashMap<>();
    private final Map<String, X509Certificate> intermediates = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds one anchor.
     *
     * @param anchor a CA certificate
     * @return this builder
     * @throws IllegalArgumentException if it is not a CA certificate
     */
    public Builder addAnchor(X509Certificate anchor) {
      Objects.requireNonNull(anchor, "anchor");
      if (!Certificates.isCa(anchor)) {
        throw new IllegalArgumentException(
            "not a CA certificate, cannot be a trust anchor: "
                + Certificates.readableName(anchor.getSubjectX500Principal()));
      }
      anchors.put(Certificates.sha256Fingerprint(anchor), anchor);
      return this;
    }

    /**
     * Adds one known intermediate CA certificate (used for paths, not trusted by itself).
     *
     * @param intermediate a CA certificate
     * @return this builder
     * @throws IllegalArgumentException if it is not a CA certificate
     */
    public Builder addIntermediate(X509Certificate intermediate) {
      Objects.requireNonNull(intermediate, "intermediate");
      if (!Certificates.isCa(intermediate)) {
        throw new IllegalArgumentException(
            "not a CA certificate: "
                + Certificates.readableName(intermediate.getSubjectX500Principal()));
      }
      intermediates.put(Certificates.sha256Fingerprint(intermediate), intermediate);
      return this;
    }

    /**
     * Adds everything another set holds.
     *
     * @param other anchors and intermediates to add
     * @return this builder
     */
    public Builder add(TrustAnchors other) {
      other.anchors.forEach(this::addAnchor);
      other.intermediates.forEach(this::addIntermediate);
      return this;
    }

    /**
     * Adds a built-in store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder addBuiltIn(BuiltInTrust store) {
      Objects.requireNonNull(store, "store");
      store.anchorResources().forEach(r -> builtIn(r).forEach(this::addAnchor));
      store.intermediateResources().forEach(r -> builtIn(r).forEach(this::addIntermediate));
      return this;
    }

    /**
     * Builds the immutable set.
     *
     * @return the trust anchors
     */
    public TrustAnchors build() {
      return new TrustAnchors(
          List.copyOf(anchors.values()), List.copyOf(new ArrayList<>(intermediates.values())));
    }

    private static List<X509Certificate> builtIn(String resource) {
      try (InputStream in = TrustAnchors.class.getResourceAsStream("anchors/" + resource)) {
        if (in == null) {
          throw new IllegalStateException("built-in trust resource missing: " + resource);
        }
        return Certificates.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (DocumentException e) {
        throw new IllegalStateException("built-in trust resource damaged: " + resource, e);
      }
    }
  }
}
