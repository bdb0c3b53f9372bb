package vn.kyso.api.validation;

/**
 * The format a signature was found in.
 *
 * @since 0.1
 */
public enum SignatureFormat {
  /** PAdES baseline, {@code ETSI.CAdES.detached} (ETSI EN 319 142-1). */
  PADES_BASELINE,
  /** Legacy PDF {@code adbe.pkcs7.detached}: not a PAdES baseline signature. */
  PDF_PKCS7_DETACHED,
  /** Legacy PDF {@code adbe.pkcs7.sha1}: weak, not a PAdES baseline signature. */
  PDF_PKCS7_SHA1,
  /** A PDF document time-stamp ({@code ETSI.RFC3161}). */
  PDF_DOCUMENT_TIMESTAMP,
  /** XAdES baseline (ETSI EN 319 132-1). */
  XADES_BASELINE,
  /** Plain XML-DSig without XAdES properties. */
  XMLDSIG,
  /** CAdES detached (ETSI EN 319 122-1). */
  CADES
}
