package vn.kyso.xades;

/**
 * XAdES baseline levels (ETSI EN 319 132-1, clause 6).
 *
 * @since 0.1
 */
public enum XadesLevel {
  /** B-B: XML-DSig with SignedProperties (SigningTime, SigningCertificateV2). */
  B_B,
  /** B-T: B-B plus a SignatureTimeStamp over the SignatureValue. */
  B_T,
  /** B-LT: B-T plus CertificateValues and RevocationValues (chains, OCSP responses, CRLs). */
  B_LT,
  /** B-LTA: B-LT plus an ArchiveTimeStamp (XAdES 1.4.1) over everything. */
  B_LTA
}
