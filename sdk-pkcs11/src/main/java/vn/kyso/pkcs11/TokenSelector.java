package vn.kyso.pkcs11;

import java.util.Objects;

/**
 * Which token to open. Prefer label or serial: slot numbers change with USB reader order and, for
 * SoftHSM2, with every token created.
 *
 * @since 0.1
 */
public final class TokenSelector {
  private enum Kind {
    LABEL,
    SERIAL,
    SLOT,
    FIRST
  }

  private final Kind kind;
  private final String text;
  private final long slot;

  private TokenSelector(Kind kind, String text, long slot) {
    this.kind = kind;
    this.text = text;
    this.slot = slot;
  }

  /**
   * Selects by token label (exact, trailing blanks ignored).
   *
   * @param label the label
   * @return the selector
   */
  public static TokenSelector byLabel(String label) {
    return new TokenSelector(Kind.LABEL, Objects.requireNonNull(label, "label").trim(), -1);
  }

  /**
   * Selects by token serial number.
   *
   * @param serial the serial
   * @return the selector
   */
  public static TokenSelector bySerial(String serial) {
    return new TokenSelector(Kind.SERIAL, Objects.requireNonNull(serial, "serial").trim(), -1);
  }

  /**
   * Selects by slot identifier.
   *
   * @param slotId the slot
   * @return the selector
   */
  public static TokenSelector bySlot(long slotId) {
    return new TokenSelector(Kind.SLOT, null, slotId);
  }

  /**
   * Selects the first slot with a token present.
   *
   * @return the selector
   */
  public static TokenSelector first() {
    return new TokenSelector(Kind.FIRST, null, -1);
  }

  boolean matches(TokenDescription t) {
    switch (kind) {
      case LABEL:
        return t.label().equals(text);
      case SERIAL:
        return t.serial().equals(text);
      case SLOT:
        return t.slotId() == slot;
      default:
        return true;
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case LABEL:
        return "label \"" + text + "\"";
      case SERIAL:
        return "serial " + text;
      case SLOT:
        return "slot " + slot;
      default:
        return "the first token";
    }
  }
}
