package vn.kyso.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import vn.kyso.api.internal.RawSignatures;

/**
 * A digest value with the algorithm that produced it. Immutable.
 *
 * @param algorithm the hash algorithm
 * @param value the digest bytes; copied on the way in and out
 * @since 0.1
 */
public record Digest(DigestAlgorithm algorithm, byte[] value) {

  /**
   * Validates and copies.
   *
   * @param algorithm the hash algorithm
   * @param value the digest bytes
   * @throws IllegalArgumentException if the length does not match the algorithm
   */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
    if (value.length != algorithm.length()) {
      throw new IllegalArgumentException(
          algorithm.jcaName()
              + " digest must be "
              + algorithm.length()
              + " bytes, got "
              + value.length);
    }
    value = value.clone();
  }

  /**
   * Returns a copy of the digest bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Returns the DER {@code DigestInfo} of this digest (RFC 8017, 9.2): what an RSA PKCS#1 v1.5
   * signature over a pre-computed hash signs, e.g. with {@code CKM_RSA_PKCS} or a plug-in's raw
   * RSA.
   *
   * @return the DER encoding
   */
  public byte[] digestInfo() {
    return RawSignatures.digestInfo(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && d.algorithm == algorithm && Arrays.equals(d.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return algorithm.jcaName() + ":" + HexFormat.of().formatHex(value);
  }
}
