package vn.kyso.api;

import java.util.Locale;
import java.util.Objects;

/**
 * An identifier carried in the subject's UID attribute, such as {@code CCCD:001185012345}.
 *
 * @param type the kind of identifier, from the prefix
 * @param value the identifier without its prefix
 * @param raw the attribute value as written in the certificate
 * @since 0.1
 */
public record PersonalIdentifier(Type type, String value, String raw) {

  /** Identifier kinds seen in Vietnamese certificates (the prefix before the colon). */
  public enum Type {
    /** Citizen identity card (Căn cước công dân), {@code CCCD:}. */
    CCCD,
    /** Old identity card (Chứng minh nhân dân), {@code CMND:}. */
    CMND,
    /** Passport (Hộ chiếu), {@code HC:}. */
    HC,
    /** Tax code (Mã số thuế), {@code MST:}; marks an organisation. */
    MST,
    /** Social-insurance number, {@code BHXH:}. */
    BHXH,
    /** Personal identification number, {@code PID:}. */
    PID,
    /** Passport-based personal identifier, {@code PPID:}. */
    PPID,
    /** Anything else, including a value without a known prefix. */
    OTHER;

    /**
     * Says whether the identifier names a natural person.
     *
     * @return {@code true} for CCCD, CMND, HC, BHXH, PID and PPID
     */
    public boolean isPersonal() {
      return this != MST && this != OTHER;
    }
  }

  /**
   * Validates the parts.
   *
   * @param type the kind
   * @param value the value without prefix
   * @param raw the value as written
   */
  public PersonalIdentifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(raw, "raw");
  }

  /**
   * Parses a UID value such as {@code MST:0100109106} or {@code CCCD: 001185012345}.
   *
   * @param raw the attribute value
   * @return the identifier; unknown prefixes give {@link Type#OTHER} with the whole value
   */
  public static PersonalIdentifier parse(String raw) {
    Objects.requireNonNull(raw, "raw");
    int colon = raw.indexOf(':');
    if (colon > 0) {
      String prefix = raw.substring(0, colon).trim().toUpperCase(Locale.ROOT);
      for (Type t : Type.values()) {
        if (t != Type.OTHER && t.name().equals(prefix)) {
          return new PersonalIdentifier(t, raw.substring(colon + 1).trim(), raw);
        }
      }
    }
    return new PersonalIdentifier(Type.OTHER, raw.trim(), raw);
  }
}
