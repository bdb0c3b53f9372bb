package vn.kyso.api.shared;

import java.security.cert.X509Certificate;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;

/** Chooses the signature algorithm from the signer's key, for every Kyso signer. */
public final class SignatureAlgorithms {
  private SignatureAlgorithms() {}

  /**
   * Returns the algorithm for a signer certificate's key: ECDSA for an EC key, RSA (PKCS#1 v1.5, or
   * PSS when asked) otherwise, with the given digest.
   *
   * @param signer the signer certificate
   * @param pss whether an RSA key signs with PSS
   * @param digest the digest algorithm
   * @return the algorithm
   * @throws IllegalArgumentException when no algorithm combines the key and the digest
   */
  public static SignatureAlgorithm forKey(
      X509Certificate signer, boolean pss, DigestAlgorithm digest) {
    String keyAlgorithm = signer.getPublicKey().getAlgorithm();
    SignatureAlgorithm.KeyType type =
        keyAlgorithm.equals("EC") ? SignatureAlgorithm.KeyType.EC : SignatureAlgorithm.KeyType.RSA;
    return SignatureAlgorithm.of(type, pss, digest)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no signature algorithm for " + keyAlgorithm + " " + digest));
  }
}
