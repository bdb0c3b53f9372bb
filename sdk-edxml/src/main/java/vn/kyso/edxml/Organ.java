package vn.kyso.edxml;

import java.util.Objects;

/**
 * An organisation in an edXML header ({@code From}, {@code To}): its code on the national
 * interconnection axis (e.g. {@code 000.00.00.G22}), name and contacts. Empty strings where the
 * message leaves a field out.
 *
 * @param organId the organisation code
 * @param organName the name
 * @param organizationInCharge the body in charge
 * @param address the address
 * @param email the e-mail
 * @param telephone the telephone
 * @param fax the fax
 * @param website the web site
 * @since 0.2
 */
public record Organ(
    String organId,
    String organName,
    String organizationInCharge,
    String address,
    String email,
    String telephone,
    String fax,
    String website) {

  /** Checks that no field is null. */
  public Organ {
    Objects.requireNonNull(organId, "organId");
    Objects.requireNonNull(organName, "organName");
    Objects.requireNonNull(organizationInCharge, "organizationInCharge");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(telephone, "telephone");
    Objects.requireNonNull(fax, "fax");
    Objects.requireNonNull(website, "website");
  }

  /**
   * An organisation with a code and a name only.
   *
   * @param organId the code
   * @param organName the name
   * @return the organisation
   */
  public static Organ of(String organId, String organName) {
    return new Organ(organId, organName, "", "", "", "", "", "");
  }
}
