package vn.kyso.pkcs11;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The PIN state a token reports in {@code C_GetTokenInfo} flags (PKCS#11 v2.40, 5.5).
 *
 * @since 0.1
 */
public enum PinFlag {
  /** CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last successful login. */
  COUNT_LOW(0x00010000L),
  /** CKF_USER_PIN_FINAL_TRY: the next wrong PIN locks the token. */
  FINAL_TRY(0x00020000L),
  /** CKF_USER_PIN_LOCKED: the user PIN is locked; only the security officer can unlock it. */
  LOCKED(0x00040000L),
  /** CKF_USER_PIN_TO_BE_CHANGED: the PIN must be changed before use. */
  TO_BE_CHANGED(0x00080000L);

  private final long bit;

  PinFlag(long bit) {
    this.bit = bit;
  }

  /**
   * @return the flag bit in CK_TOKEN_INFO.flags
   */
  public long bit() {
    return bit;
  }

  static Set<PinFlag> of(long flags) {
    EnumSet<PinFlag> out = EnumSet.noneOf(PinFlag.class);
    for (PinFlag f : values()) {
      if ((flags & f.bit) != 0) {
        out.add(f);
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
