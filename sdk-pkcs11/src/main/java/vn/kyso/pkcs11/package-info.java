/**
 * PKCS#11 hardware tokens (USB tokens, HSMs) as SigningTokens: slot and token listing, PIN state and PIN change, sessions and batch signing. Filled by the PKCS#11 issue; today only this package exists.
 */
package vn.kyso.pkcs11;
