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
  B_T,
  /**
   * B-LT: B-T plus, in a later incremental update, a DSS dictionary with the certificates, OCSP
   * responses and CRLs that validation needs, and a VRI entry for the signature.
   */
  B_LT,
  /** B-LTA: B-LT plus a document time-stamp over everything. */
  B_LTA;

  boolean needsTimestamp() {
    return this != B_B;
  }

  boolean needsValidationData() {
    return this == B_LT || this == B_LTA;
  }
}
