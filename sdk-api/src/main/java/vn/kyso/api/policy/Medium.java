package vn.kyso.api.policy;

/**
 * Whether a document exists on paper or electronically.
 *
 * @since 0.1
 */
public enum Medium {
  /** A paper document. */
  PAPER,
  /** An electronic document. */
  ELECTRONIC
}
