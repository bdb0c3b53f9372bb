package vn.kyso.api.validation;

/**
 * The baseline level a signature reaches (ETSI EN 319 142-1, 319 132-1, 319 122-1).
 *
 * @since 0.1
 */
public enum SignatureLevel {
  /** Not a baseline signature (legacy format) or structurally broken. */
  NONE,
  /** B-B: basic signature. */
  B_B,
  /** B-T: with a signature time-stamp. */
  B_T,
  /** B-LT: with the validation material needed for long-term validation. */
  B_LT,
  /** B-LTA: with an archive (document) time-stamp over everything. */
  B_LTA
}
