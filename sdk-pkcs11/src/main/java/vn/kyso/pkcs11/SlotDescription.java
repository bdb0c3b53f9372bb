package vn.kyso.pkcs11;

import java.util.Objects;
import java.util.Optional;

/**
 * A slot of a PKCS#11 module (C_GetSlotInfo) and the token in it, if any. Immutable.
 *
 * @param slotId the slot identifier
 * @param description the slot description (often the reader's name)
 * @param manufacturer the slot manufacturer
 * @param removable whether the slot holds removable tokens (USB)
 * @param token the token present, if any
 * @since 0.1
 */
public record SlotDescription(
    long slotId,
    String description,
    String manufacturer,
    boolean removable,
    Optional<TokenDescription> token) {

  /**
   * Validates.
   *
   * @param slotId the slot
   * @param description the description
   * @param manufacturer the manufacturer
   * @param removable removable
   * @param token the token
   */
  public SlotDescription {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(token, "token");
  }
}
