package vn.kyso.pades;

/**
 * PAdES baseline levels (ETSI EN 319 142-1, clause 6).
 *
 * @since 0.1
 */
public enum PadesLevel {
  /** B-B: a CAdES-detached signature with signing-certificate-v2 and /M. */
  B_B,
  /** B-T: B-B plus an RFC 3161 signature time-stamp. */
  B_T
}
