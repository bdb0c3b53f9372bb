package vn.kyso.policy;

import java.util.Objects;
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
 * @since 0.1
 */
public record OrganisationRecord(
    String name,
    String type,
    Regime regime,
    Set<String> byOrderDocumentTypes,
    Set<String> tokenHolders,
    Set<String> tokenPermissions) {

  /**
   * Validates the parts.
   *
   * @param name name
   * @param type type
   * @param regime regime
   * @param byOrderDocumentTypes TL. types
   * @param tokenHolders holders
   * @param tokenPermissions permissions
   */
  public OrganisationRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(regime, "regime");
    byOrderDocumentTypes =
        Set.copyOf(Objects.requireNonNull(byOrderDocumentTypes, "byOrderDocumentTypes"));
    tokenHolders = Set.copyOf(Objects.requireNonNull(tokenHolders, "tokenHolders"));
    tokenPermissions = Set.copyOf(Objects.requireNonNull(tokenPermissions, "tokenPermissions"));
  }
}
