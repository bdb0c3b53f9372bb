package vn.kyso.xades;

/**
 * Where the signature sits relative to what it signs.
 *
 * @since 0.1
 */
public enum XadesPackaging {
  /** Inside the signed XML document, as the last child of its root; signs the whole document. */
  ENVELOPED,
  /** The signed data (any bytes, base64) inside the signature's own {@code ds:Object}. */
  ENVELOPING,
  /** A separate signature file that references the signed file by name (URI). */
  DETACHED
}
