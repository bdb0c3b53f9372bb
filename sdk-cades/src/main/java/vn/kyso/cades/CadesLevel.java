package vn.kyso.cades;

/**
 * The CAdES baseline levels (ETSI EN 319 122-1, 6).
 *
 * @since 0.2
 */
public enum CadesLevel {
  /** Basic: the signature with signing-time and signing-certificate-v2. */
  B_B,
  /** With a signature time-stamp over the signature value. */
  B_T,
  /** With the certificates and revocation data to validate it in {@code SignedData}. */
  B_LT,
  /** With an archive-time-stamp-v3 over all of it. */
  B_LTA
}
