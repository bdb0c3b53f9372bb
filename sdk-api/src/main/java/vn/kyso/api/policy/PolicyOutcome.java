package vn.kyso.api.policy;

/**
 * Consequences for the document that a decision carries besides allow or deny.
 *
 * @since 0.1
 */
public enum PolicyOutcome {
  /** A paper original must also be kept or issued (Thái Bình Art 11(3); Kon Tum Art 9). */
  PAPER_ORIGINAL_REQUIRED,
  /** Not an original without a valid organisation signature (Nghị định 30/2020 Art 5). */
  NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE,
  /**
   * It has the legal value of an original: competent personal and organisation signatures are
   * valid.
   */
  ORIGINAL_VALUE,
  /**
   * An incoming document failing authenticity or integrity is returned to the sender (Art 21(2)).
   */
  RETURN_TO_SENDER,
  /** The user must confirm before the token's last PIN attempt. */
  CONFIRM_FINAL_PIN_TRY,
  /** The device is locked: start the recovery procedure. */
  START_DEVICE_RECOVERY
}
