/**
 * XAdES (XML) signing and hardened verification: {@link vn.kyso.xades.XmlSigner} produces XAdES
 * baseline B-B and B-T signatures (enveloped, enveloping, detached); {@link
 * vn.kyso.xades.XmlVerifier} verifies XAdES and plain XML-DSig with a hardened parser and returns
 * the elements each signature covers.
 *
 * <pre>{@code
 * XmlSigner.builder().timestampClient(tsa).build().sign(in, out,
 *     XmlSignatureOptions.builder(XadesLevel.B_T, XadesPackaging.ENVELOPED).build(), key);
 * XmlVerification v = XmlVerifier.builder(certificateVerifier).build().verify(out, Map.of());
 * }</pre>
 */
package vn.kyso.xades;
