package vn.kyso.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Hash algorithms the SDK knows.
 *
 * <p>SHA-1 is listed only so that old signatures can be recognised and reported as weak; it is
 * never used for a new signature ({@link #isAllowedForNewSignatures()}).
 *
 * @since 0.1
 */
public enum DigestAlgorithm {
  /** SHA-1: weak; recognised for verification of legacy material only. */
  SHA1("SHA-1", "1.3.14.3.2.26", 20),
  /** SHA-256, the default. */
  SHA256("SHA-256", "2.16.840.1.101.3.4.2.1", 32),
  /** SHA-384. */
  SHA384("SHA-384", "2.16.840.1.101.3.4.2.2", 48),
  /** SHA-512. */
  SHA512("SHA-512", "2.16.840.1.101.3.4.2.3", 64);

  private final String jcaName;
  private final String oid;
  private final int length;

  DigestAlgorithm(String jcaName, String oid, int length) {
    this.jcaName = jcaName;
    this.oid = oid;
    this.length = length;
  }

  /**
   * Returns the JCA name, e.g. {@code SHA-256}.
   *
   * @return the name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the ASN.1 object identifier in dotted form.
   *
   * @return the OID
   */
  public String oid() {
    return oid;
  }

  /**
   * Returns the length of a digest value in bytes.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Says whether a new signature may use this algorithm (not SHA-1).
   *
   * @return {@code true} for the SHA-2 family
   */
  public boolean isAllowedForNewSignatures() {
    return this != SHA1;
  }

  /**
   * Creates a fresh {@link MessageDigest} for this algorithm.
   *
   * @return a new, unshared digest
   */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + jcaName, e);
    }
  }

  /**
   * Hashes bytes.
   *
   * @param data the bytes
   * @return the digest
   */
  public Digest digest(byte[] data) {
    return new Digest(this, newMessageDigest().digest(data));
  }

  /**
   * Finds the algorithm with an OID.
   *
   * @param oid the dotted OID
   * @return the algorithm, or empty when unknown
   */
  public static Optional<DigestAlgorithm> fromOid(String oid) {
    for (DigestAlgorithm a : values()) {
      if (a.oid.equals(oid)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
