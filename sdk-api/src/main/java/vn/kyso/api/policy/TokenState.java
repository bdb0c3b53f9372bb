package vn.kyso.api.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host knows about the key device before signing: the PKCS#11 PIN flags and when the PIN
 * was last changed (from a {@code PinChangeLog}). Immutable.
 *
 * @param pinCountLow the token reported {@code CKF_USER_PIN_COUNT_LOW}
 * @param pinFinalTry the token reported {@code CKF_USER_PIN_FINAL_TRY}
 * @param pinLocked the token reported {@code CKF_USER_PIN_LOCKED}
 * @param pinToBeChanged the token reported {@code CKF_USER_PIN_TO_BE_CHANGED}
 * @param pinLastChanged when the PIN was last changed, if recorded
 * @since 0.1
 */
public record TokenState(
    boolean pinCountLow,
    boolean pinFinalTry,
    boolean pinLocked,
    boolean pinToBeChanged,
    Optional<Instant> pinLastChanged) {

  /**
   * Validates the parts.
   *
   * @param pinCountLow count low
   * @param pinFinalTry final try
   * @param pinLocked locked
   * @param pinToBeChanged to be changed
   * @param pinLastChanged last change
   */
  public TokenState {
    Objects.requireNonNull(pinLastChanged, "pinLastChanged");
  }

  /**
   * Returns the state of a healthy token.
   *
   * @param pinLastChanged when the PIN was last changed, or null when not recorded
   * @return the state
   */
  public static TokenState healthy(Instant pinLastChanged) {
    return new TokenState(false, false, false, false, Optional.ofNullable(pinLastChanged));
  }
}
