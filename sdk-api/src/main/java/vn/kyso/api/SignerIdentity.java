package vn.kyso.api;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import vn.kyso.api.internal.DnParser;

/**
 * What a certificate says about its holder, read the way Vietnamese special-use certificates write
 * it. Immutable and thread-safe.
 *
 * <p>Layouts handled (RULES.md section 3.1):
 *
 * <ul>
 *   <li>G1 personal: {@code C=VN, O=<ministry>, OU=…, L=…, CN=<title> <full name>} in ASCII: the
 *       title is split off the common name when it starts with a known title ({@link
 *       #isTitleFromCommonName()} then says so);
 *   <li>G1 organisation: {@code UID=MST:<tax code>, CN=<organisation>, OU=…, O=…};
 *   <li>G2: UTF-8 with diacritics, {@code CN} the person or organisation, {@code O} the parent
 *       body, title (if any) in {@code T} (2.5.4.12);
 *   <li>public CAs: {@code UID} with {@code CMND:}, {@code CCCD:}, {@code HC:}, {@code MST:},
 *       {@code BHXH:}, {@code PID:}, {@code PPID:} prefixes, {@code T}, {@code ST}, {@code L}.
 * </ul>
 *
 * Unknown shapes parse without error; {@link #attributes()} and {@link #distinguishedName()} keep
 * the raw name. Since Nghị định 68/2024 certificates need not carry titles, a title here is a hint:
 * roles come from the host's registry.
 *
 * @since 0.1
 */
public final class SignerIdentity {
  private static final String OID_CN = "2.5.4.3";
  private static final String OID_T = "2.5.4.12";
  private static final String OID_O = "2.5.4.10";
  private static final String OID_OU = "2.5.4.11";
  private static final String OID_L = "2.5.4.7";
  private static final String OID_ST = "2.5.4.8";
  private static final String OID_C = "2.5.4.6";
  private static final String OID_UID = "0.9.2342.19200300.100.1.1";
  private static final String OID_EMAIL = "1.2.840.113549.1.9.1";
  private static final String OID_GIVEN = "2.5.4.42";
  private static final String OID_SURNAME = "2.5.4.4";

  /** Titles that G1 certificates put in front of the name, longest first, comparison form. */
  private static final List<String> TITLES =
      List.of(
          "pho chanh van phong",
          "pho chu tich thuong truc",
          "pho tong giam doc",
          "pho chanh thanh tra",
          "pho truong phong",
          "pho truong ban",
          "pho giam doc",
          "pho chu tich",
          "pho bi thu",
          "pho cuc truong",
          "pho vu truong",
          "pho hieu truong",
          "pho chanh an",
          "pho vien truong",
          "pho tong cuc truong",
          "thu truong",
          "chanh van phong",
          "chanh thanh tra",
          "tong giam doc",
          "tong cuc truong",
          "ke toan truong",
          "truong phong",
          "truong ban",
          "chu tich",
          "giam doc",
          "bo truong",
          "cuc truong",
          "vu truong",
          "hieu truong",
          "chanh an",
          "vien truong",
          "bi thu",
          "thu ky",
          "van thu",
          "chuyen vien chinh",
          "chuyen vien",
          "can bo",
          "ke toan");

  /** Words that start the name of an organisation, comparison form. */
  private static final List<String> ORGANISATION_MARKERS =
      List.of(
          "ubnd",
          "uy ban",
          "so ",
          "bo ",
          "tong cuc",
          "cuc ",
          "vu ",
          "van phong",
          "ban ",
          "phong ",
          "truong ",
          "benh vien",
          "trung tam",
          "cong ty",
          "tap doan",
          "ngan hang",
          "hoi dong",
          "toa an",
          "vien ",
          "kho bac",
          "chi cuc",
          "thanh tra",
          "dang uy",
          "tinh uy",
          "huyen uy",
          "thanh uy",
          "quan uy",
          "doan ",
          "hoc vien",
          "dai hoc",
          "bao hiem",
          "co quan");

  /** Words that mark a device, server or software service, comparison form. */
  private static final List<String> DEVICE_MARKERS =
      List.of(
          "server",
          "service",
          "may chu",
          "thiet bi",
          "ung dung",
          "phan mem",
          "he thong",
          "device",
          "gateway",
          "application");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final X500Principal principal;
  private final List<DnAttribute> attributes;
  private final String commonName;
  private final String name;
  private final String title;
  private final boolean titleFromCommonName;
  private final String organisation;
  private final List<String> organisationalUnits;
  private final String locality;
  private final String stateOrProvince;
  private final String country;
  private final List<PersonalIdentifier> identifiers;
  private final String email;
  private final SubjectType subjectType;

  private SignerIdentity(
      X500Principal principal, List<String> subjectAltEmails, String issuerName) {
    this.principal = principal;
    this.attributes = List.copyOf(DnParser.attributes(principal));
    this.commonName = first(OID_CN).orElse("");
    String t = first(OID_T).orElse(null);
    String n = commonName;
    boolean fromCn = false;
    if (t == null) {
      String[] split = splitTitle(commonName);
      if (split != null) {
        t = split[0];
        n = split[1];
        fromCn = true;
      }
    }
    if (n.isEmpty()) {
      List<String> parts = new ArrayList<>();
      first(OID_SURNAME).ifPresent(parts::add);
      first(OID_GIVEN).ifPresent(parts::add);
      n = String.join(" ", parts);
    }
    this.title = t;
    this.name = n;
    this.titleFromCommonName = fromCn;
    this.organisation = first(OID_O).orElse(null);
    this.organisationalUnits = all(OID_OU);
    this.locality = first(OID_L).orElse(null);
    this.stateOrProvince = first(OID_ST).orElse(null);
    this.country = first(OID_C).orElse(null);
    List<PersonalIdentifier> ids = new ArrayList<>();
    for (String uid : all(OID_UID)) {
      ids.add(PersonalIdentifier.parse(uid));
    }
    this.identifiers = List.copyOf(ids);
    this.email =
        first(OID_EMAIL)
            .filter(e -> EMAIL.matcher(e).matches())
            .or(() -> subjectAltEmails.stream().findFirst())
            .orElse(null);
    this.subjectType = classify(issuerName);
  }

  /**
   * Reads the identity of a certificate's subject, using its subject alternative names for the
   * e-mail address and its issuer to recognise device and service certificates.
   *
   * @param certificate the certificate
   * @return the identity
   */
  public static SignerIdentity from(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    List<String> emails = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2
              && Integer.valueOf(1).equals(san.get(0))
              && san.get(1) instanceof String s) {
            emails.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // A damaged SAN extension only costs us the e-mail address; the name is still readable.
    }
    String issuerCn = "";
    for (DnAttribute a : DnParser.attributes(certificate.getIssuerX500Principal())) {
      if (a.oid().equals(OID_CN)) {
        issuerCn = a.value();
      }
    }
    return new SignerIdentity(certificate.getSubjectX500Principal(), emails, issuerCn);
  }

  /**
   * Reads an identity from a subject name alone.
   *
   * @param subject the subject distinguished name
   * @return the identity
   */
  public static SignerIdentity parse(X500Principal subject) {
    return new SignerIdentity(Objects.requireNonNull(subject, "subject"), List.of(), "");
  }

  /**
   * Returns the subject name as the certificate encodes it.
   *
   * @return the principal
   */
  public X500Principal principal() {
    return principal;
  }

  /**
   * Returns the subject name as people read it: RFC 4514 text with short attribute names (CN, O,
   * OU, T, E, UID, L, ST, C) and string values as Unicode text, never {@code #hex} for a string.
   *
   * @return the distinguished name
   */
  public String distinguishedName() {
    return DnParser.readable(principal);
  }

  /**
   * Returns every attribute of the subject name in encoding order.
   *
   * @return the attributes
   */
  public List<DnAttribute> attributes() {
    return attributes;
  }

  /**
   * Returns the common name exactly as written (for G1 it includes the title).
   *
   * @return the CN, or an empty string when there is none
   */
  public String commonName() {
    return commonName;
  }

  /**
   * Returns the holder's name: the person's full name or the organisation's name, without a title
   * that G1 certificates put in the CN.
   *
   * @return the name, possibly empty
   */
  public String name() {
    return name;
  }

  /**
   * Returns the title (chức danh) from the {@code T} attribute or, for G1, from the CN.
   *
   * @return the title as written, if any
   */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /**
   * Says whether the title was split off the common name (the G1 layout).
   *
   * @return whether the title came from the CN
   */
  public boolean isTitleFromCommonName() {
    return titleFromCommonName;
  }

  /**
   * Returns the organisation ({@code O}).
   *
   * @return the organisation, if any
   */
  public Optional<String> organisation() {
    return Optional.ofNullable(organisation);
  }

  /**
   * Returns the organisational units ({@code OU}) in encoding order.
   *
   * @return the units, possibly empty
   */
  public List<String> organisationalUnits() {
    return organisationalUnits;
  }

  /**
   * Returns the organisation chain from the top: {@code O} then each {@code OU}.
   *
   * @return the chain, possibly empty
   */
  public List<String> organisationChain() {
    List<String> chain = new ArrayList<>();
    if (organisation != null) {
      chain.add(organisation);
    }
    chain.addAll(organisationalUnits);
    return List.copyOf(chain);
  }

  /**
   * Returns the locality ({@code L}).
   *
   * @return the locality, if any
   */
  public Optional<String> locality() {
    return Optional.ofNullable(locality);
  }

  /**
   * Returns the state or province ({@code ST}).
   *
   * @return the province, if any
   */
  public Optional<String> stateOrProvince() {
    return Optional.ofNullable(stateOrProvince);
  }

  /**
   * Returns the country ({@code C}).
   *
   * @return the two-letter country code, if any
   */
  public Optional<String> country() {
    return Optional.ofNullable(country);
  }

  /**
   * Returns the identifiers from the {@code UID} attributes.
   *
   * @return the identifiers, possibly empty
   */
  public List<PersonalIdentifier> identifiers() {
    return identifiers;
  }

  /**
   * Returns the first identifier of a type.
   *
   * @param type the type wanted
   * @return the identifier, if present
   */
  public Optional<PersonalIdentifier> identifier(PersonalIdentifier.Type type) {
    return identifiers.stream().filter(i -> i.type() == type).findFirst();
  }

  /**
   * Returns the e-mail address from the subject or, failing that, the subject alternative names.
   *
   * @return the e-mail address, if any
   */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /**
   * Returns whether the certificate belongs to a person, an organisation or a device.
   *
   * @return the subject type; {@link SubjectType#UNKNOWN} when the certificate does not say
   */
  public SubjectType subjectType() {
    return subjectType;
  }

  /**
   * Says whether a name matches this identity's name, through {@link NameNormalizer}.
   *
   * @param otherName a name from the host's registry or a document
   * @return whether the names are equal in comparison form
   */
  public boolean hasName(String otherName) {
    return NameNormalizer.sameName(name, otherName);
  }

  /**
   * Says whether a title matches this identity's title, through {@link NameNormalizer}.
   *
   * @param otherTitle a title such as {@code Chủ tịch}
   * @return whether a title is present and equal in comparison form
   */
  public boolean hasTitle(String otherTitle) {
    return title != null && NameNormalizer.sameName(title, otherTitle);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignerIdentity other
        && other.principal.equals(principal)
        && Objects.equals(other.email, email)
        && other.subjectType == subjectType;
  }

  @Override
  public int hashCode() {
    return principal.hashCode();
  }

  @Override
  public String toString() {
    return "SignerIdentity[" + distinguishedName() + ", " + subjectType + "]";
  }

  private Optional<String> first(String oid) {
    return attributes.stream().filter(a -> a.oid().equals(oid)).map(DnAttribute::value).findFirst();
  }

  private List<String> all(String oid) {
    return attributes.stream().filter(a -> a.oid().equals(oid)).map(DnAttribute::value).toList();
  }

  /** Splits {@code "Chu tich Nguyen Van An"} into title and name; null when no title leads. */
  private static String[] splitTitle(String cn) {
    String norm = NameNormalizer.normalize(cn);
    for (String t : TITLES) {
      if (norm.startsWith(t + " ")) {
        int words = t.split(" ").length;
        String[] original = cn.trim().split("\\s+");
        if (original.length - words < 2) {
          return null; // "Chủ tịch UBND" is not a title plus a personal name
        }
        String titlePart = String.join(" ", Arrays.copyOfRange(original, 0, words));
        String namePart = String.join(" ", Arrays.copyOfRange(original, words, original.length));
        if (startsWithAny(NameNormalizer.normalize(namePart), ORGANISATION_MARKERS)) {
          return null;
        }
        return new String[] {titlePart, namePart};
      }
    }
    return null;
  }

  private SubjectType classify(String issuerCommonName) {
    String issuer = NameNormalizer.normalize(issuerCommonName);
    String cn = NameNormalizer.normalize(commonName);
    if (issuer.contains("dich vu phan mem") || containsAny(cn, DEVICE_MARKERS)) {
      return SubjectType.DEVICE;
    }
    boolean personalId = identifiers.stream().anyMatch(i -> i.type().isPersonal());
    if (personalId
        || title != null
        || first(OID_GIVEN).isPresent()
        || first(OID_SURNAME).isPresent()) {
      return SubjectType.PERSON;
    }
    boolean taxId = identifiers.stream().anyMatch(i -> i.type() == PersonalIdentifier.Type.MST);
    if (taxId || startsWithAny(cn + " ", ORGANISATION_MARKERS)) {
      return SubjectType.ORGANISATION;
    }
    return SubjectType.UNKNOWN;
  }

  private static boolean startsWithAny(String text, List<String> prefixes) {
    return prefixes.stream().anyMatch(text::startsWith);
  }

  private static boolean containsAny(String text, List<String> words) {
    String padded = " " + text + " ";
    return words.stream().anyMatch(w -> padded.contains(" " + w + " "));
  }
}
