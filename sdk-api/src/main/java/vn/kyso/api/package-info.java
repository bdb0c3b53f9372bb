/**
 * The core types of the Kyso SDK: algorithms and digests, the signer's identity as Vietnamese
 * special-use certificates carry it, and the checked exception tree with stable error codes.
 *
 * <pre>{@code
 * SignerIdentity who = SignerIdentity.from(certificate);
 * if (who.subjectType() == SubjectType.PERSON && who.hasTitle("Chủ tịch")) { ... }
 * try { ... } catch (KysoException e) { show(e.code(), e.message(Locale.forLanguageTag("vi"))); }
 * }</pre>
 */
package vn.kyso.api;
