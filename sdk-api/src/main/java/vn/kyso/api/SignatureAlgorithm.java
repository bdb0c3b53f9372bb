package vn.kyso.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Signature algorithms a {@code SigningKey} can produce over a pre-computed digest.
 *
 * <p>RSA PKCS#1 v1.5 is what nearly every Vietnamese token and verifier uses today; RSASSA-PSS
 * (MGF1 with the same hash, salt length equal to the hash length, trailer 0xBC, as RFC 8017 and
 * ETSI TS 119 312 recommend) and ECDSA on P-256/P-384 are supported for newer profiles.
 *
 * @since 0.1
 */
public enum SignatureAlgorithm {
  /** RSA PKCS#1 v1.5 with SHA-256. */
  RSA_SHA256(KeyType.RSA, DigestAlgorithm.SHA256, "SHA256withRSA", "1.2.840.113549.1.1.11"),
  /** RSA PKCS#1 v1.5 with SHA-384. */
  RSA_SHA384(KeyType.RSA, DigestAlgorithm.SHA384, "SHA384withRSA", "1.2.840.113549.1.1.12"),
  /** RSA PKCS#1 v1.5 with SHA-512. */
  RSA_SHA512(KeyType.RSA, DigestAlgorithm.SHA512, "SHA512withRSA", "1.2.840.113549.1.1.13"),
  /** RSASSA-PSS with SHA-256 and MGF1-SHA-256, salt 32. */
  RSA_PSS_SHA256(KeyType.RSA, DigestAlgorithm.SHA256, "RSASSA-PSS", "1.2.840.113549.1.1.10"),
  /** RSASSA-PSS with SHA-384 and MGF1-SHA-384, salt 48. */
  RSA_PSS_SHA384(KeyType.RSA, DigestAlgorithm.SHA384, "RSASSA-PSS", "1.2.840.113549.1.1.10"),
  /** RSASSA-PSS with SHA-512 and MGF1-SHA-512, salt 64. */
  RSA_PSS_SHA512(KeyType.RSA, DigestAlgorithm.SHA512, "RSASSA-PSS", "1.2.840.113549.1.1.10"),
  /** ECDSA with SHA-256 (DER-encoded signature value). */
  ECDSA_SHA256(KeyType.EC, DigestAlgorithm.SHA256, "SHA256withECDSA", "1.2.840.10045.4.3.2"),
  /** ECDSA with SHA-384 (DER-encoded signature value). */
  ECDSA_SHA384(KeyType.EC, DigestAlgorithm.SHA384, "SHA384withECDSA", "1.2.840.10045.4.3.3"),
  /** ECDSA with SHA-512 (DER-encoded signature value). */
  ECDSA_SHA512(KeyType.EC, DigestAlgorithm.SHA512, "SHA512withECDSA", "1.2.840.10045.4.3.4");

  /** The key family an algorithm needs. */
  public enum KeyType {
    /** RSA keys. */
    RSA,
    /** Elliptic-curve keys (P-256, P-384). */
    EC
  }

  private final KeyType keyType;
  private final DigestAlgorithm digest;
  private final String jcaName;
  private final String oid;

  SignatureAlgorithm(KeyType keyType, DigestAlgorithm digest, String jcaName, String oid) {
    this.keyType = keyType;
    this.digest = digest;
    this.jcaName = jcaName;
    this.oid = oid;
  }

  /**
   * Returns the key family.
   *
   * @return RSA or EC
   */
  public KeyType keyType() {
    return keyType;
  }

  /**
   * Returns the hash algorithm whose digest this algorithm signs.
   *
   * @return the digest algorithm
   */
  public DigestAlgorithm digestAlgorithm() {
    return digest;
  }

  /**
   * Returns the JCA signature name (for PSS, {@code RSASSA-PSS} with parameters).
   *
   * @return the name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the signature algorithm OID as used in X.509 and CMS.
   *
   * @return the dotted OID
   */
  public String oid() {
    return oid;
  }

  /**
   * Says whether this is RSASSA-PSS.
   *
   * @return {@code true} for the PSS variants
   */
  public boolean isPss() {
    return jcaName.equals("RSASSA-PSS");
  }

  /**
   * Returns the algorithm for a key type, padding and digest.
   *
   * @param keyType RSA or EC
   * @param pss whether RSASSA-PSS is wanted (ignored for EC)
   * @param digest the digest algorithm; SHA-1 is not offered
   * @return the algorithm, or empty for SHA-1
   */
  public static Optional<SignatureAlgorithm> of(
      KeyType keyType, boolean pss, DigestAlgorithm digest) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(digest, "digest");
    for (SignatureAlgorithm a : values()) {
      if (a.keyType == keyType
          && a.digest == digest
          && (keyType == KeyType.EC || a.isPss() == pss)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
