package vn.kyso.api.shared;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.kyso.api.Digest;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.TokenException;
import vn.kyso.api.token.SigningKey;

/**
 * A key that is another key in every respect, for a wrapper that changes only how it signs (one
 * signature at a time, a fault for a test, a count of the calls): subclasses override {@link #sign}
 * and call the wrapped key through {@link #key}.
 */
public abstract class ForwardingKey implements SigningKey {
  /** The wrapped key. */
  protected final SigningKey key;

  /**
   * @param key the key to forward to
   */
  protected ForwardingKey(SigningKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public String id() {
    return key.id();
  }

  @Override
  public X509Certificate certificate() {
    return key.certificate();
  }

  @Override
  public List<X509Certificate> chain() {
    return key.chain();
  }

  @Override
  public SignerIdentity identity() {
    return key.identity();
  }

  @Override
  public Set<SignatureAlgorithm> supportedAlgorithms() {
    return key.supportedAlgorithms();
  }

  @Override
  public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
    return key.sign(digest, algorithm);
  }
}
