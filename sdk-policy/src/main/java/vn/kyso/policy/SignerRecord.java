package vn.kyso.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the host's HR/role registry knows about a certificate holder. Since Nghị định 68/2024
 * certificates no longer carry titles, this, not the certificate, says who may sign what.
 * Immutable.
 *
 * @param personId a stable registry id
 * @param name the person's full name
 * @param organisation the organisation they belong to
 * @param position their position
 * @param title their title as written on documents, e.g. {@code Phó Chủ tịch}
 * @param assignedDocumentTypes for a deputy: the document types of the fields assigned to them
 *     (KT.); empty when not recorded
 * @param officialEmail their official mailbox, when recorded
 * @param active whether they are still in post (not retired, transferred or dismissed)
 * @param delegations written authorisations they received (TUQ.)
 * @param deputyOf for a unit deputy signing TL. / KT.: the registry id of the unit head
 * @param postedToHcc whether they are a civil servant posted to a Trung tâm hành chính công
 *     (eligible for a personal certificate under TB Art 1(2)(b))
 * @param specialApproval the chairman's approval that makes them eligible for a personal
 *     certificate (TB Art 1(2)(b)), when recorded
 * @since 0.1
 */
public record SignerRecord(
    String personId,
    String name,
    String organisation,
    Position position,
    String title,
    Set<String> assignedDocumentTypes,
    Optional<String> officialEmail,
    boolean active,
    List<Delegation> delegations,
    Optional<String> deputyOf,
    boolean postedToHcc,
    Optional<Approval> specialApproval) {

  /**
   * Validates the parts.
   *
   * @param personId id
   * @param name name
   * @param organisation organisation
   * @param position position
   * @param title title
   * @param assignedDocumentTypes assigned types
   * @param officialEmail email
   * @param active in post
   * @param delegations delegations
   * @param deputyOf unit head
   */
  public SignerRecord {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(title, "title");
    assignedDocumentTypes =
        Set.copyOf(Objects.requireNonNull(assignedDocumentTypes, "assignedDocumentTypes"));
    Objects.requireNonNull(officialEmail, "officialEmail");
    delegations = List.copyOf(Objects.requireNonNull(delegations, "delegations"));
    Objects.requireNonNull(deputyOf, "deputyOf");
    Objects.requireNonNull(specialApproval, "specialApproval");
  }

  /**
   * Creates a record without the Thái Bình eligibility attributes.
   *
   * @param personId id
   * @param name name
   * @param organisation organisation
   * @param position position
   * @param title title
   * @param assignedDocumentTypes assigned types
   * @param officialEmail e-mail
   * @param active in post
   * @param delegations delegations received
   * @param deputyOf the unit head's id, for a deputy
   */
  public SignerRecord(
      String personId,
      String name,
      String organisation,
      Position position,
      String title,
      Set<String> assignedDocumentTypes,
      Optional<String> officialEmail,
      boolean active,
      List<Delegation> delegations,
      Optional<String> deputyOf) {
    this(
        personId,
        name,
        organisation,
        position,
        title,
        assignedDocumentTypes,
        officialEmail,
        active,
        delegations,
        deputyOf,
        false,
        Optional.empty());
  }

  /**
   * Returns a copy posted (or not) to a Trung tâm hành chính công.
   *
   * @param value true when posted
   * @return the copy
   */
  public SignerRecord withPostedToHcc(boolean value) {
    return new SignerRecord(
        personId,
        name,
        organisation,
        position,
        title,
        assignedDocumentTypes,
        officialEmail,
        active,
        delegations,
        deputyOf,
        value,
        specialApproval);
  }

  /**
   * Returns a copy with the chairman's approval recorded.
   *
   * @param value the approval
   * @return the copy
   */
  public SignerRecord withSpecialApproval(Approval value) {
    return new SignerRecord(
        personId,
        name,
        organisation,
        position,
        title,
        assignedDocumentTypes,
        officialEmail,
        active,
        delegations,
        deputyOf,
        postedToHcc,
        Optional.of(value));
  }

  /**
   * Returns a copy with more delegations.
   *
   * @param value a delegation received
   * @return the copy
   */
  public SignerRecord withDelegation(Delegation value) {
    List<Delegation> all = new ArrayList<>(delegations);
    all.add(Objects.requireNonNull(value, "delegation"));
    return new SignerRecord(
        personId,
        name,
        organisation,
        position,
        title,
        assignedDocumentTypes,
        officialEmail,
        active,
        all,
        deputyOf,
        postedToHcc,
        specialApproval);
  }

  /**
   * Returns a record with the common parts; the others empty, active.
   *
   * @param personId id
   * @param name name
   * @param organisation organisation
   * @param position position
   * @param title title
   * @return the record
   */
  public static SignerRecord of(
      String personId, String name, String organisation, Position position, String title) {
    return new SignerRecord(
        personId,
        name,
        organisation,
        position,
        title,
        Set.of(),
        Optional.empty(),
        true,
        List.of(),
        Optional.empty());
  }
}
