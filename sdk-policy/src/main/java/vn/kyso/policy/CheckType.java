package vn.kyso.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.kyso.api.policy.Operation;

/**
 * The fixed set of checks a rule can instantiate. A pack names one per rule ({@code check:}) and
 * gives its parameters; a pack can never run code. Each check reads only the inputs named in
 * RULES.md section 1 and section 1J.
 *
 * @since 0.1
 */
public enum CheckType {
  /**
   * refuse when the document is classified. Parameters: {@code levels}, {@code
   * encryption-allowed}.
   */
  CLASSIFIED_EXCLUSION(
      "classified-exclusion",
      When.SIGNING,
      "levels:list?",
      "encryption-allowed:bool?",
      "other-categories:list?"),
  /**
   * Refuse documents of the listed categories (historic LGDĐT 2005 list). Parameter: {@code
   * categories}.
   */
  CATEGORY_EXCLUSION("category-exclusion", When.SIGNING, "categories:list"),
  /**
   * Tell that the listed categories are no longer excluded (GD23-01). Parameter: {@code
   * categories}.
   */
  FORMER_EXCLUSION_NOTICE("former-exclusion-notice", When.SIGNING, "categories:list"),
  /** The certificate is inside its validity period and not revoked at signing time. */
  CERTIFICATE_VALIDITY("certificate-validity", When.SIGNING),
  /**
   * The key may do what is asked: the certificate's key usage has one of {@code usages} (RFC 5280
   * names: digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement).
   * Governs encryption and decryption.
   */
  KEY_USAGE("key-usage", When.SIGNING, "usages:list"),
  /**
   * A regulation permits encrypting (and decrypting) documents of the listed classification levels
   * (TB-11); cited when it decides an encryption.
   */
  ENCRYPTION_PERMISSION("encryption-permission", When.SIGNING, "levels:list?"),
  /**
   * The certificate comes from one of the listed CA families. Parameter: {@code families}
   * (special-use, public).
   */
  ISSUER_FAMILY("issuer-family", When.SIGNING, "families:list"),
  /**
   * Key size and hash minimums. Parameters: {@code rsa-min-bits}, {@code ec-min-bits}, {@code
   * prefer-pss}.
   */
  ALGORITHM_MINIMUMS(
      "algorithm-minimums",
      When.SIGNING,
      "rsa-min-bits:int",
      "ec-min-bits:int",
      "prefer-pss:bool?",
      "regime:text?",
      "hashes:list?",
      "pss-named:bool?"),
  /**
   * X-04 lint (lifecycle advice, never grounds to reject a signature): validity length over the
   * limit. Parameters: {@code max-years} (a new certificate), {@code renewal-max-years} (a renewed
   * one), {@code issued-from} (only certificates issued from that day).
   */
  VALIDITY_LENGTH(
      "validity-length",
      When.ADVICE,
      "max-years:int?",
      "renewal-max-years:int?",
      "issued-from:date?",
      "issued-before:date?"),
  /**
   * an organisation signature needs an earlier valid personal signature, or the listed
   * alternative.
   */
  ORGANISATION_AFTER_PERSONAL("organisation-after-personal", When.SIGNING, "alternative:text"),
  /** VT30-10: the organisation key signs only what its organisation issues or copies. */
  ORGANISATION_KEY_SCOPE("organisation-key-scope", When.SIGNING),
  /** KT-08: the listed document types use the named organisation's certificate. */
  ORGANISATION_FOR_DOCUMENT_TYPE(
      "organisation-for-document-type",
      When.SIGNING,
      "document-types:list?",
      "tag:text?",
      "organisation:text"),
  /**
   * VT30-03..06: the authority form matches the signer's position, assignment or delegation.
   * Parameter: {@code forms}.
   */
  AUTHORITY_FORM("authority-form", When.SIGNING, "forms:list"),
  /** CD68-19, VT30-11: the signer uses their own certificate. */
  OWN_CERTIFICATE("own-certificate", When.SIGNING),
  /**
   * A leader's personal certificate managed and used by someone else under the leader's written
   * authorisation (KT-12, KT Art 10(1)): without a valid authorisation it refuses; with one it
   * reports the conflict with the own-key rules (VT30-11, CD68-19), which from {@code decree-from}
   * outrank a provincial decision unless {@code precedence} is {@code local}.
   */
  DELEGATED_CUSTODY("delegated-custody", When.SIGNING, "precedence:text?", "decree-from:date?"),
  /**
   * The personal signer is a registered competent signer. Parameters: {@code positions}, {@code
   * titles}.
   */
  COMPETENT_SIGNER(
      "competent-signer",
      When.SIGNING,
      "positions:list?",
      "titles:list?",
      "tag-titles:list?",
      "tag:text?",
      "also-eligible:list?"),
  /**
   * Who may hold a personal certificate (TB-20): leaders and managers in {@code positions}, and
   * officials the registry assigns to sign named document types.
   */
  HOLDER_ELIGIBILITY("holder-eligibility", When.SIGNING, "positions:list"),
  /** LC-06, CD68-17: the document's title line matches the signer's title. */
  TITLE_MATCH("title-match", When.SIGNING),
  /**
   * LC-07: for the listed forms the authority is read from the certificate's title. Parameter:
   * {@code forms}.
   */
  TITLE_IN_CERTIFICATE("title-in-certificate", When.SIGNING, "forms:list"),
  /** the organisation token is used by its registered văn thư or with written permission. */
  ORGANISATION_TOKEN_CUSTODY("organisation-token-custody", When.SIGNING, "holder-signs:bool?"),
  /** the certificate e-mail is an official mailbox. Parameter: {@code domains}. */
  EMAIL_DOMAIN("email-domain", When.SIGNING, "domains:list", "issuance-condition:bool?"),
  /** CD68-08: the certificate e-mail is the registry's official e-mail. */
  EMAIL_MATCHES_REGISTRY("email-matches-registry", When.SIGNING),
  /**
   * PIN flags read before login. Parameters: {@code recovery-form}, {@code
   * recovery-working-days}.
   */
  PIN_STATE(
      "pin-state", When.SIGNING, "recovery-form:text", "recovery-working-days:int?", "body:text?"),
  /** PIN age. Parameter: {@code max-months}. */
  PIN_AGE("pin-age", When.SIGNING, "max-months:int"),
  /**
   * VT30-01, KT-04/05: original value needs valid personal and organisation signatures. Parameter:
   * {@code digitised-organisation-only}.
   */
  ORIGINAL_VALUE(
      "original-value", When.BOTH, "digitised-organisation-only:bool?", "personal-only:bool?"),
  /**
   * a paper original is also required. Parameters: {@code categories}, {@code
   * electronic-only-types}.
   */
  PAPER_ORIGINAL("paper-original", When.BOTH, "categories:list?", "electronic-only-types:list?"),
  /** VT30-13: copy forms and directions. */
  COPY_FORM("copy-form", When.SIGNING),
  /** VT30-14: a copy records who authorised it. */
  COPY_AUTHORISATION("copy-authorisation", When.SIGNING),
  /** VT30-08: number and symbol present, well formed, in the year, unused. */
  NUMBER_SYMBOL("number-symbol", When.SIGNING),
  /** VT30-16: an attachment in a separate file gets its own organisation signature. */
  SEPARATE_ATTACHMENT("separate-attachment", When.BOTH),
  /** GD23-02: a digitised document carries a conversion mark. */
  CONVERSION_MARK("conversion-mark", When.SIGNING),
  /** CD68-18: the key lives in an accepted device. Parameter: {@code accepted}. */
  KEY_STORAGE("key-storage", When.SIGNING, "accepted:list"),
  /** Organisation scope of a regulation. Parameter: {@code organisation-types}. */
  ORGANISATION_SCOPE(
      "organisation-scope", When.SIGNING, "organisation-types:list", "opt-in-types:list?"),
  /** VT30-02, VT30-12, TT41-03: each signature on a received document verifies. */
  SIGNATURE_VALID("signature-valid", When.DOCUMENT),
  /** TT41-04: a time-stamp from signing time is kept with the signature. */
  TIMESTAMP_PRESENT("timestamp-present", When.DOCUMENT),
  /** TB-16: an issued document carries a signature. */
  SIGNED_BEFORE_ISSUE("signed-before-issue", When.DOCUMENT),
  /**
   * the renewal window (lifecycle advice). Parameters: {@code max-renewals}, {@code
   * min-days-left}, {@code lead-days}, {@code request} ({@code renewal}, the default, or {@code
   * change} for a change of the certificate's information).
   */
  RENEWAL_WINDOW(
      "renewal-window",
      When.ADVICE,
      "max-renewals:int?",
      "min-days-left:int",
      "lead-days:int?",
      "request:text?",
      "approval-required:bool?",
      "body:text?"),
  /** HR events to revocation or change, with deadlines in working days. */
  HR_EVENT(
      "hr-event",
      When.ADVICE,
      "revoke-on:list",
      "change-on:list?",
      "notify-working-days:int?",
      "device-return-working-days:int?",
      "device-return-from:text?",
      "revoke-if-affected:list?",
      "ca-request-calendar-days:int?",
      "two-step-return:bool?"),
  /**
   * Who may ask for a revocation, and with which form (TB-21, CD68-22): a request from anyone else,
   * or without the form, warns.
   */
  REVOCATION_REQUEST("revocation-request", When.ADVICE, "requesters:list", "request-forms:list?"),
  /**
   * Lifecycle advice goes to the holder, the organisation's head and the focal officer the head
   * appointed (LC-21); without a recorded focal officer it warns.
   */
  FOCAL_OFFICER("focal-officer", When.ADVICE),
  /**
   * Every completed issue, renewal, change, revocation, recovery and handover has its dossier or
   * minutes on file with {@code keeper} (X-13: TB-22, LC-22, KG-12).
   */
  LIFECYCLE_RECORDS("lifecycle-records", When.ADVICE, "keeper:text", "copy-to:text?"),
  /** reporting dates ({@code MM-DD}). Parameter: {@code dates}. */
  REPORTING_CALENDAR("reporting-calendar", When.ADVICE, "dates:list", "content:list?");

  /** When a check runs. */
  public enum When {
    /** Before a signature is made, and on each signature of a verified document. */
    SIGNING,
    /** On the document as a whole after verification. */
    DOCUMENT,
    /** Both. */
    BOTH,
    /** Only in lifecycle advice. */
    ADVICE
  }

  /** The kind of a parameter value. */
  public enum ParameterKind {
    /** A whole number. */
    INT,
    /** {@code true} or {@code false}. */
    BOOL,
    /** One line of text. */
    TEXT,
    /** A list of texts. */
    LIST,
    /** An ISO date, {@code 2020-03-05}. */
    DATE
  }

  private final String yamlName;
  private final When when;
  private final Map<String, ParameterKind> parameters = new LinkedHashMap<>();
  private final Map<String, Boolean> required = new LinkedHashMap<>();

  CheckType(String yamlName, When when, String... specs) {
    this.yamlName = yamlName;
    this.when = when;
    for (String spec : specs) {
      boolean optional = spec.endsWith("?");
      String s = optional ? spec.substring(0, spec.length() - 1) : spec;
      int colon = s.indexOf(':');
      String name = s.substring(0, colon);
      parameters.put(name, ParameterKind.valueOf(s.substring(colon + 1).toUpperCase(Locale.ROOT)));
      required.put(name, !optional);
    }
  }

  /**
   * Returns the operations this check governs: most signing checks govern {@link Operation#SIGN}
   * only; the certificate's validity, issuer, algorithm and key storage also govern encryption and
   * decryption; the lifecycle checks govern the certificate operations.
   *
   * @return the operations
   */
  public Set<Operation> operations() {
    return switch (this) {
      case CERTIFICATE_VALIDITY, ISSUER_FAMILY, ALGORITHM_MINIMUMS, KEY_STORAGE ->
          EnumSet.of(Operation.SIGN, Operation.ENCRYPT, Operation.DECRYPT);
      case KEY_USAGE, ENCRYPTION_PERMISSION -> EnumSet.of(Operation.ENCRYPT, Operation.DECRYPT);
      case EMAIL_DOMAIN, ORGANISATION_SCOPE, HOLDER_ELIGIBILITY ->
          EnumSet.of(Operation.SIGN, Operation.REQUEST_CERTIFICATE);
      case PIN_STATE -> EnumSet.of(Operation.SIGN, Operation.RECOVER);
      case VALIDITY_LENGTH -> EnumSet.of(Operation.REQUEST_CERTIFICATE, Operation.RENEW);
      case RENEWAL_WINDOW -> EnumSet.of(Operation.RENEW);
      case HR_EVENT, REVOCATION_REQUEST -> EnumSet.of(Operation.REVOKE);
      case FOCAL_OFFICER, LIFECYCLE_RECORDS ->
          EnumSet.of(
              Operation.REQUEST_CERTIFICATE, Operation.RENEW, Operation.REVOKE, Operation.RECOVER);
      case REPORTING_CALENDAR -> EnumSet.noneOf(Operation.class);
      default -> EnumSet.of(Operation.SIGN);
    };
  }

  /**
   * @return the name used in pack files, e.g. {@code classified-exclusion}
   */
  public String yamlName() {
    return yamlName;
  }

  /**
   * @return when the check runs
   */
  public When when() {
    return when;
  }

  /**
   * @return the parameters it takes and their kinds
   */
  public Map<String, ParameterKind> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /**
   * Tells whether a parameter must be given.
   *
   * @param name the parameter
   * @return whether required
   */
  public boolean isRequired(String name) {
    return required.getOrDefault(name, false);
  }

  /**
   * Finds a check by its pack-file name.
   *
   * @param yamlName e.g. {@code classified-exclusion}
   * @return the check
   */
  public static Optional<CheckType> fromYamlName(String yamlName) {
    return Arrays.stream(values()).filter(c -> c.yamlName.equals(yamlName)).findFirst();
  }
}
