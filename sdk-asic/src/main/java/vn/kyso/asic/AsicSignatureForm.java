package vn.kyso.asic;

/**
 * The signature format inside an ASiC container.
 *
 * @since 0.2
 */
public enum AsicSignatureForm {
  /**
   * CAdES: {@code META-INF/signature.p7s} over the data file (ASiC-S), or {@code
   * META-INF/signatureNNN.p7s} over an {@code ASiCManifestNNN.xml} that lists the data files with
   * their digests (ASiC-E).
   */
  CADES,
  /**
   * XAdES: detached signatures referencing the data files by name, in {@code
   * META-INF/signatures.xml} (ASiC-S) or {@code META-INF/signaturesNNN.xml} (ASiC-E).
   */
  XADES
}
