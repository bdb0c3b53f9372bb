package vn.kyso.api.token;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import vn.kyso.api.Digest;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.TokenException;

/**
 * A private key on a token with its certificate. Signs digests computed by the caller, so that
 * documents never travel to the token.
 *
 * @since 0.1
 */
public interface SigningKey {

  /**
   * Returns a stable identifier of the key on its token (an alias or the hex of CKA_ID).
   *
   * @return the identifier
   */
  String id();

  /**
   * Returns the key's certificate.
   *
   * @return the signer certificate
   */
  X509Certificate certificate();

  /**
   * Returns the chain the token holds, signer certificate first; may hold only the signer.
   *
   * @return the chain
   */
  List<X509Certificate> chain();

  /**
   * Returns what the certificate says about the signer.
   *
   * @return the identity
   */
  default SignerIdentity identity() {
    return SignerIdentity.from(certificate());
  }

  /**
   * Returns the algorithms this key can produce.
   *
   * @return the algorithms
   */
  Set<SignatureAlgorithm> supportedAlgorithms();

  /**
   * Signs a pre-computed digest.
   *
   * <p>For RSA PKCS#1 v1.5 the key signs the DER {@code DigestInfo} of the digest; for PSS the
   * digest is the message hash of RFC 8017 EMSA-PSS; for ECDSA the digest is the hash input of the
   * ECDSA signing operation.
   *
   * @param digest the digest; its algorithm must be the one {@code algorithm} uses
   * @param algorithm the algorithm wanted
   * @return the signature value
   * @throws TokenException if the algorithm is unsupported or too weak ({@code
   *     ALGORITHM_NOT_SUPPORTED}, {@code ALGORITHM_TOO_WEAK}) or the token fails
   * @throws IllegalArgumentException if the digest algorithm does not match {@code algorithm}
   */
  SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException;
}
