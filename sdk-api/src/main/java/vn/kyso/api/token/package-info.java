/**
 * The token SPI: a {@link vn.kyso.api.token.SigningToken} holds {@link
 * vn.kyso.api.token.SigningKey}s that sign digests; {@link vn.kyso.api.token.Pkcs12Token} is the
 * software token.
 *
 * <pre>{@code
 * try (SigningToken token = Pkcs12Token.load(Path.of("signer.p12"), password)) {
 *   SigningKey key = token.keys().get(0);
 *   SignatureValue value =
 *       key.sign(DigestAlgorithm.SHA256.digest(data), SignatureAlgorithm.RSA_SHA256);
 * }
 * }</pre>
 */
package vn.kyso.api.token;
