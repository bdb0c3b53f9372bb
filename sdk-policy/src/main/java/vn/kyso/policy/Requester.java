package vn.kyso.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks for a certificate operation (revocation: TB Art 6(2), ND68 Art 18), with the form the
 * request carries.
 *
 * @param kind what kind of party asks
 * @param name the party's name, e.g. {@code Công an tỉnh Hưng Yên}
 * @param form the form the request carries, e.g. {@code Mẫu 05}, when recorded
 * @since 0.1
 */
public record Requester(Kind kind, String name, Optional<String> form) {
  /** Validates the parts. */
  public Requester {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(form, "form");
  }

  /**
   * A requester without a recorded form.
   *
   * @param kind the kind
   * @param name the name
   * @return the requester
   */
  public static Requester of(Kind kind, String name) {
    return new Requester(kind, name, Optional.empty());
  }

  /** The kinds of party that may ask. */
  public enum Kind {
    /** The certificate's holder. */
    SUBSCRIBER,
    /** The body that directly manages the holder (cơ quan quản lý trực tiếp). */
    MANAGING_BODY,
    /** A prosecuting or security body (cơ quan tiến hành tố tụng, công an). */
    PROSECUTION_OR_SECURITY,
    /** The ministry in charge (formerly Bộ TT&amp;TT, now Bộ KH&amp;CN). */
    MINISTRY,
    /** Anyone else. */
    OTHER
  }
}
