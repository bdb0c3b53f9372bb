package vn.kyso.policy;

/**
 * The legal status of a pack's regulation.
 *
 * @since 0.1
 */
public enum PackStatus {
  /** In force for the dates it covers. */
  IN_FORCE,
  /**
   * Repealed or superseded: it still evaluates for the dates it covered and says so for later ones.
   */
  REPEALED,
  /** A draft never confirmed as adopted: its rules warn but never deny. */
  DRAFT,
  /**
   * A draft that can no longer be adopted (e.g. a province merged away before adopting it, the Kiên
   * Giang draft from 1 July 2025): a draft until {@link PolicyPack#statusSince()}, then information
   * only.
   */
  DRAFT_LAPSED,
  /** Not known (e.g. after the 1 July 2025 province mergers): evaluated, with a notice. */
  UNKNOWN
}
