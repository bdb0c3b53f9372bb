/**
 * Signing with keys that are not on this machine: a certificate held in a CA's HSM (remote signing,
 * ETSI TS 119 432 / the Cloud Signature Consortium API, the national "769" API, Viettel MySign) or
 * on a SIM (ETSI TS 102 204). A {@link vn.kyso.api.remote.RemoteSigner} finds the user's
 * credentials and chain first, then submits the digests that {@code PdfSigner.prepare} or {@code
 * XmlSigner.prepare} computed, and returns the raw signature values for {@code complete} once the
 * user has approved, now or after polling. Adapters live in {@code sdk-remote}.
 */
package vn.kyso.api.remote;
