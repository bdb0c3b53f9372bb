package vn.kyso.pkcs11;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the SDK records when a token's PIN was last changed. PKCS#11 has no such date, and some
 * regulations require a change at least every six months, so the SDK writes one after every
 * successful {@code C_SetPIN}. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface PinChangeLog {

  /**
   * Returns when the PIN of a token was last changed through the SDK.
   *
   * @param tokenSerial the token serial number
   * @return the time, if recorded
   */
  Optional<Instant> lastChanged(String tokenSerial);

  /**
   * Records a PIN change.
   *
   * @param tokenSerial the token serial number
   * @param when the time of the change
   */
  void recordChange(String tokenSerial, Instant when);
}
