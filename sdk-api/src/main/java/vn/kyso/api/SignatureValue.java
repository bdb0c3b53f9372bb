package vn.kyso.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The raw value a key produced, with the algorithm it used. Immutable.
 *
 * <p>For RSA it is the PKCS#1 signature block; for ECDSA the DER {@code SEQUENCE {r, s}}.
 *
 * @param algorithm the algorithm used
 * @param value the signature bytes; copied on the way in and out
 * @since 0.1
 */
public record SignatureValue(SignatureAlgorithm algorithm, byte[] value) {

  /**
   * Validates and copies.
   *
   * @param algorithm the algorithm used
   * @param value the signature bytes, not empty
   */
  public SignatureValue {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
    if (value.length == 0) {
      throw new IllegalArgumentException("empty signature value");
    }
    value = value.clone();
  }

  /**
   * Returns a copy of the signature bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignatureValue s
        && s.algorithm == algorithm
        && Arrays.equals(s.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SignatureValue[" + algorithm + ", " + value.length + " bytes]";
  }
}
