package vn.kyso.cades;

/**
 * Where the signed content goes.
 *
 * @since 0.2
 */
public enum CadesPackaging {
  /** A {@code .p7s} beside the file; the file is only read, streamed, never held in memory. */
  DETACHED,
  /** The content inside the signature ({@code .p7m}), up to {@code ResourceLimits.maxCmsBytes}. */
  ENVELOPING
}
