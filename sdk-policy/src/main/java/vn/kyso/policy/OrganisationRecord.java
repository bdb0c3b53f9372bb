package vn.kyso.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the host's registry knows about an organisation. Immutable.
 *
 * @param name its name
 * @param type its kind, e.g. {@code ubnd-tinh}, {@code so}, {@code ubnd-xa}, as the packs' scope
 *     rules name them
 * @param regime head-of-agency or collective
 * @param byOrderDocumentTypes the document types its regulation lets unit heads sign TL.
 * @param tokenHolders registry ids of the văn thư who hold its organisation token
 * @param tokenPermissions registry ids of others with written permission to use the token
 * @param formerProvince the province before the 1 July 2025 mergers whose territory it belongs to,
 *     when the host records it (decides whether a pre-merger provincial pack applies, {@link
 *     Territory})
 * @param head the registry id of its head (who alone may authorise TUQ. signing, VT30-05)
 * @param focalOfficer the registry id of the officer its head appointed as focal point for
 *     certificates (LC-21)
 * @since 0.1
 */
public record OrganisationRecord(
    String name,
    String type,
    Regime regime,
    Set<String> byOrderDocumentTypes,
    Set<String> tokenHolders,
    Set<String> tokenPermissions,
    Optional<String> formerProvince,
    Optional<String> head,
    Optional<String> focalOfficer) {

  /**
   * Validates the parts.
   *
   * @param name name
   * @param type type
   * @param regime regime
   * @param byOrderDocumentTypes TL. types
   * @param tokenHolders holders
   * @param tokenPermissions permissions
   * @param formerProvince former province
   * @param head the head's id
   * @param focalOfficer the focal officer's id
   */
  public OrganisationRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(regime, "regime");
    byOrderDocumentTypes =
        Set.copyOf(Objects.requireNonNull(byOrderDocumentTypes, "byOrderDocumentTypes"));
    tokenHolders = Set.copyOf(Objects.requireNonNull(tokenHolders, "tokenHolders"));
    tokenPermissions = Set.copyOf(Objects.requireNonNull(tokenPermissions, "tokenPermissions"));
    Objects.requireNonNull(formerProvince, "formerProvince");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(focalOfficer, "focalOfficer");
  }

  /**
   * Creates a record without former province, head or focal officer.
   *
   * @param name name
   * @param type type
   * @param regime regime
   * @param byOrderDocumentTypes TL. types
   * @param tokenHolders holders
   * @param tokenPermissions permissions
   */
  public OrganisationRecord(
      String name,
      String type,
      Regime regime,
      Set<String> byOrderDocumentTypes,
      Set<String> tokenHolders,
      Set<String> tokenPermissions) {
    this(
        name,
        type,
        regime,
        byOrderDocumentTypes,
        tokenHolders,
        tokenPermissions,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Returns a copy with the former province recorded.
   *
   * @param value the province before the 2025 mergers, e.g. {@code Thái Bình}
   * @return the copy
   */
  public OrganisationRecord withFormerProvince(String value) {
    return new OrganisationRecord(
        name,
        type,
        regime,
        byOrderDocumentTypes,
        tokenHolders,
        tokenPermissions,
        Optional.of(value),
        head,
        focalOfficer);
  }

  /**
   * Returns a copy with the head recorded.
   *
   * @param personId the head's registry id
   * @return the copy
   */
  public OrganisationRecord withHead(String personId) {
    return new OrganisationRecord(
        name,
        type,
        regime,
        byOrderDocumentTypes,
        tokenHolders,
        tokenPermissions,
        formerProvince,
        Optional.of(personId),
        focalOfficer);
  }

  /**
   * Returns a copy with the focal officer recorded.
   *
   * @param personId the focal officer's registry id
   * @return the copy
   */
  public OrganisationRecord withFocalOfficer(String personId) {
    return new OrganisationRecord(
        name,
        type,
        regime,
        byOrderDocumentTypes,
        tokenHolders,
        tokenPermissions,
        formerProvince,
        head,
        Optional.of(personId));
  }
}
