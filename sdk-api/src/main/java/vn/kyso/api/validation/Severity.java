package vn.kyso.api.validation;

/**
 * How much a finding weighs.
 *
 * @since 0.1
 */
public enum Severity {
  /** For the record; no effect on the outcome. */
  INFO,
  /** Worth a person's attention; the outcome still stands. */
  WARNING,
  /** The reason the outcome is not a pass. */
  ERROR
}
