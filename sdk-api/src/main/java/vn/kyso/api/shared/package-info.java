/**
 * Code that several Kyso modules share but that is not part of the SDK's API: atomic output files,
 * bounded HTTP, JSON and hardened XML for service messages, the raw CMS encoding checks, the
 * signers' policy gate, the signing-time and algorithm choices, and the annotation that marks a
 * reviewed exception to the forbidden-API check.
 *
 * <p>The module exports this package only to Kyso's own modules ({@code exports ... to} in {@code
 * module-info.java}); on the class path nothing stops an import, so the published Javadoc leaves it
 * out and nothing here keeps compatibility between releases. Applications must not use it.
 */
package vn.kyso.api.shared;
