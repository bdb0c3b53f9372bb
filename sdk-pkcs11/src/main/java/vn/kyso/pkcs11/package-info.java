/**
 * PKCS#11 hardware tokens and HSMs as {@link vn.kyso.api.token.SigningToken}s: slot and token
 * listing, selection by label or serial, PIN state before every login, PIN change with a {@link
 * vn.kyso.pkcs11.PinChangeLog}, concurrent signing on a bounded session pool, batch signing with
 * one login, and recovery after a token is pulled out.
 *
 * <pre>{@code
 * try (Pkcs11Module module = Pkcs11Module.load(Path.of("/usr/lib/libcastle.so.1.0.0"));
 *      Pkcs11Token token = module.open(TokenSelector.byLabel("VGCA"), pinCallback)) {
 *   SigningKey key = token.keys().get(0);                 // asks the PIN once
 *   BatchResult batch = token.signBatch(key, digests, SignatureAlgorithm.RSA_SHA256);
 * }
 * }</pre>
 */
package vn.kyso.pkcs11;
