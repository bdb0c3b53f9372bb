package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * A written authorisation (giấy ủy quyền) from a head to the head of a subordinate unit, limited in
 * time and content (Nghị định 30/2020/NĐ-CP Art 13(3)). Immutable.
 *
 * <p>Kept in the record of the person it concerns: a TUQ. authorisation in the record of the person
 * who received it; an authorisation to manage and use one's personal certificate (KT Art 10(1),
 * KT-12) in the record of the leader who gave it, with {@code fromPersonId} their own id and {@code
 * toPersonId} the operator (or the Office) it names.
 *
 * @param fromPersonId the registry id of the person who authorised
 * @param toPersonId the registry id of the person authorised
 * @param documentTypes the document types it covers; empty covers none
 * @param validFrom first day
 * @param validTo last day
 * @since 0.1
 */
public record Delegation(
    String fromPersonId,
    String toPersonId,
    Set<String> documentTypes,
    LocalDate validFrom,
    LocalDate validTo) {

  /**
   * Validates the parts.
   *
   * @param fromPersonId from
   * @param toPersonId to
   * @param documentTypes types
   * @param validFrom first day
   * @param validTo last day
   */
  public Delegation {
    Objects.requireNonNull(fromPersonId, "fromPersonId");
    Objects.requireNonNull(toPersonId, "toPersonId");
    documentTypes = Set.copyOf(Objects.requireNonNull(documentTypes, "documentTypes"));
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validTo, "validTo");
    if (validTo.isBefore(validFrom)) {
      throw new IllegalArgumentException("validTo before validFrom");
    }
  }

  /**
   * Tells whether it is in force on a day.
   *
   * @param day the day
   * @return whether valid
   */
  public boolean isValidOn(LocalDate day) {
    return !day.isBefore(validFrom) && !day.isAfter(validTo);
  }
}
