package vn.kyso.api.validation;

/**
 * The main validation status of ETSI EN 319 102-1, clause 5.1.3.
 *
 * @since 0.1
 */
public enum Indication {
  /** Every check passed. */
  TOTAL_PASSED,
  /** A check failed: the signature or certificate is invalid. */
  TOTAL_FAILED,
  /** Some fact could not be proven either way (revocation unknown, chain not found, ...). */
  INDETERMINATE;

  /**
   * Combines two indications: any failure wins, then indeterminate, then passed.
   *
   * @param other the other indication
   * @return the worse of the two
   */
  public Indication worst(Indication other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case TOTAL_PASSED -> 0;
      case INDETERMINATE -> 1;
      case TOTAL_FAILED -> 2;
    };
  }
}
