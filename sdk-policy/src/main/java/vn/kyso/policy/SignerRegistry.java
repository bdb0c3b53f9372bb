package vn.kyso.policy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * The host's registry of people, roles, delegations and organisation-token holders: the e-office or
 * HR system. Nghị định 68/2024 dropped titles from certificates (RULES.md CD68-17), so roles come
 * from here; the certificate's title is only a hint. Implementations must be thread-safe and fast
 * (the policy calls them on every decision; cache if the source is remote).
 *
 * @since 0.1
 */
public interface SignerRegistry {

  /**
   * Finds the holder of a certificate (key it on issuer and serial, or on a stable identity).
   *
   * @param certificate the signer's certificate
   * @param at the signing time
   * @return the holder, empty when unknown
   */
  Optional<SignerRecord> signer(X509Certificate certificate, Instant at);

  /**
   * Finds an organisation by name (compared as the host sees fit, e.g. ignoring case and
   * diacritics).
   *
   * @param name the organisation's name
   * @param at the time
   * @return the organisation, empty when unknown
   */
  Optional<OrganisationRecord> organisation(String name, Instant at);

  /**
   * Looks up a person by registry id (e.g. who gave a TUQ. authorisation). The default knows
   * nobody.
   *
   * @param personId the registry id
   * @param at the time
   * @return the record, if known
   * @since 0.1
   */
  default Optional<SignerRecord> person(String personId, Instant at) {
    return Optional.empty();
  }

  /**
   * Tells whether a number and symbol was already used by an organisation in a year (Nghị định
   * 30/2020 Art 15). The default does not know.
   *
   * @param organisation the issuing organisation
   * @param year the calendar year
   * @param numberSymbol the number and symbol
   * @return true when used, false when free, empty when the registry does not keep a register
   */
  default Optional<Boolean> numberUsed(String organisation, int year, String numberSymbol) {
    return Optional.empty();
  }

  /**
   * Returns a registry that knows nobody: rules that need roles warn that they could not check.
   *
   * @return the empty registry
   */
  static SignerRegistry none() {
    return new SignerRegistry() {
      @Override
      public Optional<SignerRecord> signer(X509Certificate certificate, Instant at) {
        return Optional.empty();
      }

      @Override
      public Optional<OrganisationRecord> organisation(String name, Instant at) {
        return Optional.empty();
      }
    };
  }
}
