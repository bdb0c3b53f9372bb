/**
 * Trust: anchors (built-in government and national roots, or the host's), certificate path and
 * revocation validation, and the RFC 3161 time-stamp client.
 *
 * <pre>{@code
 * CertificateVerifier verifier =
 *     CertificateVerifier.builder(TrustAnchors.governmentSpecialUse()).build();
 * CertificateResult result = verifier.verify(signerCertificate,
 *     ValidationContext.builder().certificates(chainFromDocument).build());
 * if (!result.isPassed()) { result.findings().forEach(f -> log(f.code(), f.message(vi))); }
 * }</pre>
 */
package vn.kyso.api.trust;
