/**
 * PAdES (PDF) signing and verification: {@link vn.kyso.pades.PdfSigner} produces PAdES baseline B-B
 * and B-T signatures in incremental updates, in one step with a {@link
 * vn.kyso.api.token.SigningKey} or in two phases across requests; {@link vn.kyso.pades.PdfVerifier}
 * checks byte ranges, CMS, time-stamps, certificates and every change made after each signed
 * revision.
 *
 * <pre>{@code
 * PdfSigner signer = PdfSigner.builder().timestampClient(tsa).build();
 * signer.sign(input, output, PdfSignatureOptions.builder(PadesLevel.B_T).build(), key);
 * ValidationReport report = PdfVerifier.builder(certificateVerifier).build().verify(output);
 * }</pre>
 */
package vn.kyso.pades;
