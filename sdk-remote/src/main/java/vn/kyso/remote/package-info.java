/**
 * Remote signing adapters: {@link vn.kyso.remote.CscSigner} speaks the Cloud Signature Consortium
 * API v2 and v1 (ETSI TS 119 432). Each implements {@code vn.kyso.api.remote.RemoteSigner} and
 * plugs into {@code PdfSigner.prepare}/{@code complete} and {@code XmlSigner.prepare}/{@code
 * complete}.
 */
package vn.kyso.remote;
