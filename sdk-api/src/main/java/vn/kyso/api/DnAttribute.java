package vn.kyso.api;

import java.util.Objects;

/**
 * One attribute of a distinguished name, in the order the certificate writes it.
 *
 * @param oid the attribute type OID, e.g. {@code 2.5.4.3}
 * @param name the usual short name ({@code CN}, {@code T}, {@code UID} ...) or the OID when there
 *     is none
 * @param value the attribute value as text (UTF-8 strings as they are; other encodings as {@code #}
 *     followed by the hex of their DER)
 * @since 0.1
 */
public record DnAttribute(String oid, String name, String value) {

  /**
   * Validates the parts.
   *
   * @param oid the OID
   * @param name the short name
   * @param value the value
   */
  public DnAttribute {
    Objects.requireNonNull(oid, "oid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
