package vn.kyso.api.remote;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A signing key held by a remote service for one user, with its certificate chain.
 *
 * @param id the service's credential id
 * @param chain the signer certificate first, then its chain as the service returned it
 * @param multisign how many digests one approval may cover (1 when the service signs one at a time)
 * @since 0.1
 */
public record RemoteCredential(String id, List<X509Certificate> chain, int multisign) {
  /** Validates the parts. */
  public RemoteCredential {
    Objects.requireNonNull(id, "id");
    chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a credential has a certificate");
    }
    if (multisign < 1) {
      throw new IllegalArgumentException("multisign < 1");
    }
  }

  /**
   * @return the signer certificate
   */
  public X509Certificate certificate() {
    return chain.get(0);
  }
}
