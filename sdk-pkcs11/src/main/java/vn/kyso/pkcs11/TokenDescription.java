package vn.kyso.pkcs11;

import java.util.Objects;
import java.util.Set;

/**
 * What a token says about itself (C_GetTokenInfo). Immutable.
 *
 * @param slotId the slot it sits in (may change between insertions; select by label or serial)
 * @param label the token label
 * @param serial the token serial number
 * @param model the model
 * @param manufacturer the manufacturer
 * @param pinFlags the PIN state
 * @param loginRequired whether a login is needed to use private keys
 * @param protectedAuthenticationPath whether the PIN is entered on a PIN pad, not through the host
 * @param minPinLength the shortest PIN the token accepts
 * @param maxPinLength the longest PIN the token accepts
 * @param maxSessions the most sessions the token allows; 0 when it states no limit
 * @since 0.1
 */
public record TokenDescription(
    long slotId,
    String label,
    String serial,
    String model,
    String manufacturer,
    Set<PinFlag> pinFlags,
    boolean loginRequired,
    boolean protectedAuthenticationPath,
    long minPinLength,
    long maxPinLength,
    long maxSessions) {

  /**
   * Validates and copies.
   *
   * @param slotId the slot
   * @param label the label
   * @param serial the serial
   * @param model the model
   * @param manufacturer the manufacturer
   * @param pinFlags the PIN flags
   * @param loginRequired login required
   * @param protectedAuthenticationPath PIN pad
   * @param minPinLength min PIN length
   * @param maxPinLength max PIN length
   * @param maxSessions max sessions
   */
  public TokenDescription {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(manufacturer, "manufacturer");
    pinFlags = Set.copyOf(pinFlags);
  }

  /**
   * Says whether a flag is set.
   *
   * @param flag the flag
   * @return whether the token reports it
   */
  public boolean has(PinFlag flag) {
    return pinFlags.contains(flag);
  }
}
