package vn.kyso.policy.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import vn.kyso.policy.CheckType;

/** The registry of checks: one family instance per {@link CheckType}. */
final class Checks {
  private static final Map<CheckType, Check> REGISTRY = build();

  private Checks() {}

  private static Map<CheckType, Check> build() {
    EnumMap<CheckType, Check> m = new EnumMap<>(CheckType.class);
    Check exclusions = new ExclusionChecks();
    Check certificate = new CertificateChecks();
    Check organisation = new OrganisationChecks();
    Check signer = new SignerChecks();
    Check identity = new IdentityChecks();
    Check token = new TokenChecks();
    Check original = new OriginalChecks();
    Check records = new RecordsChecks();
    Check verification = new VerificationChecks();
    Check lifecycle = new LifecycleChecks();
    Check reporting = rule -> rule;
    m.put(CheckType.CLASSIFIED_EXCLUSION, exclusions);
    m.put(CheckType.CATEGORY_EXCLUSION, exclusions);
    m.put(CheckType.FORMER_EXCLUSION_NOTICE, exclusions);
    m.put(CheckType.CERTIFICATE_VALIDITY, certificate);
    m.put(CheckType.KEY_USAGE, certificate);
    m.put(CheckType.ENCRYPTION_PERMISSION, exclusions);
    m.put(CheckType.ISSUER_FAMILY, certificate);
    m.put(CheckType.ALGORITHM_MINIMUMS, certificate);
    m.put(CheckType.KEY_STORAGE, certificate);
    m.put(CheckType.ORGANISATION_AFTER_PERSONAL, organisation);
    m.put(CheckType.ORGANISATION_KEY_SCOPE, organisation);
    m.put(CheckType.ORGANISATION_FOR_DOCUMENT_TYPE, organisation);
    m.put(CheckType.ORGANISATION_TOKEN_CUSTODY, organisation);
    m.put(CheckType.AUTHORITY_FORM, signer);
    m.put(CheckType.OWN_CERTIFICATE, signer);
    m.put(CheckType.COMPETENT_SIGNER, signer);
    m.put(CheckType.TITLE_MATCH, signer);
    m.put(CheckType.TITLE_IN_CERTIFICATE, signer);
    m.put(CheckType.ORGANISATION_SCOPE, signer);
    m.put(CheckType.HOLDER_ELIGIBILITY, signer);
    m.put(CheckType.DELEGATED_CUSTODY, signer);
    m.put(CheckType.EMAIL_DOMAIN, identity);
    m.put(CheckType.EMAIL_MATCHES_REGISTRY, identity);
    m.put(CheckType.PIN_STATE, token);
    m.put(CheckType.PIN_AGE, token);
    m.put(CheckType.ORIGINAL_VALUE, original);
    m.put(CheckType.PAPER_ORIGINAL, original);
    m.put(CheckType.SEPARATE_ATTACHMENT, original);
    m.put(CheckType.CONVERSION_MARK, original);
    m.put(CheckType.COPY_FORM, records);
    m.put(CheckType.COPY_AUTHORISATION, records);
    m.put(CheckType.NUMBER_SYMBOL, records);
    m.put(CheckType.SIGNATURE_VALID, verification);
    m.put(CheckType.TIMESTAMP_PRESENT, verification);
    m.put(CheckType.SIGNED_BEFORE_ISSUE, verification);
    m.put(CheckType.VALIDITY_LENGTH, lifecycle);
    m.put(CheckType.RENEWAL_WINDOW, lifecycle);
    m.put(CheckType.HR_EVENT, lifecycle);
    m.put(CheckType.REVOCATION_REQUEST, lifecycle);
    m.put(CheckType.FOCAL_OFFICER, lifecycle);
    m.put(CheckType.LIFECYCLE_RECORDS, lifecycle);
    m.put(CheckType.REPORTING_CALENDAR, reporting);
    for (CheckType t : CheckType.values()) {
      if (!m.containsKey(t)) {
        throw new IllegalStateException("no check registered for " + t);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  static Check of(CheckType type) {
    return REGISTRY.get(type);
  }
}
