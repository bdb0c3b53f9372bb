package vn.kyso.testkit;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.policy.Delegation;
import vn.kyso.policy.MapSignerRegistry;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.Position;
import vn.kyso.policy.Regime;
import vn.kyso.policy.SignerRecord;
import vn.kyso.policy.SignerRegistry;
import vn.kyso.testkit.internal.SeededRandom;

/**
 * A test PKI shaped like the Vietnamese government special-use PKI, generated at test time and
 * deterministic from a seed: the same seed gives the same keys and, for the same clock and service
 * URLs, the same certificates. Immutable and thread-safe.
 *
 * <p>Hierarchy: a root ("… chuyên dùng Chính phủ — THỬ NGHIỆM", RSA-3072) issues the intermediate
 * "CA phục vụ các cơ quan Nhà nước — THỬ NGHIỆM" (pathlen 0, SHA-256) and a G1-style sub-CA signed
 * with SHA-1, as the real G1 hierarchy is. The intermediate issues every {@link TestIdentity}
 * except {@link TestIdentity#FOREIGN_ROOT} (issued by an unrelated root) and {@link
 * TestIdentity#G1_LEGACY_PERSON} (issued by the SHA-1 sub-CA), plus a delegated OCSP responder and
 * a time-stamping unit. Validity periods are relative to the clock.
 *
 * <p>Names contain "THỬ NGHIỆM" (test) so that no test certificate can be mistaken for a real one.
 *
 * @since 0.1
 */
public final class TestPki {
  /** Reason code of RFC 5280 for the revoked identity: keyCompromise. */
  public static final int REVOKED_REASON = CRLReason.keyCompromise;

  private static final Map<String, KeyPair> KEY_CACHE = new ConcurrentHashMap<>();

  private final long seed;
  private final Clock clock;
  private final URI ocspUrl;
  private final URI crlBaseUrl;
  private final TestCredential root;
  private final TestCredential intermediate;
  private final TestCredential legacySubCa;
  private final TestCredential foreignRoot;
  private final TestCredential ocspResponder;
  private final TestCredential tsa;
  private final Map<TestIdentity, TestCredential> identities = new EnumMap<>(TestIdentity.class);
  private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
  private final String province;
  private final String formerProvince;
  private final String department;

  /**
   * The province mergers of Resolution 202/2025/QH15, in force from 1 July 2025, for the provinces
   * the built-in policy packs were made for and their partners.
   */
  private static final Map<String, String> MERGED_INTO =
      Map.of(
          "Thái Bình", "Hưng Yên",
          "Yên Bái", "Lào Cai",
          "Hòa Bình", "Phú Thọ",
          "Vĩnh Phúc", "Phú Thọ",
          "Kon Tum", "Quảng Ngãi",
          "Kiên Giang", "An Giang");

  private static final LocalDate MERGER_DAY = LocalDate.of(2025, 7, 1);

  private TestPki(Builder b) {
    this.seed = b.seed;
    this.clock = b.clock;
    this.ocspUrl = b.ocspUrl;
    this.crlBaseUrl = b.crlBaseUrl;
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
    boolean merged = !day.isBefore(MERGER_DAY) && MERGED_INTO.containsKey(b.province);
    this.province = merged ? MERGED_INTO.get(b.province) : b.province;
    this.formerProvince = merged ? b.province : null;
    this.department = b.department;
    Instant now = clock.instant();
    Instant caFrom = now.minus(Duration.ofDays(365));
    Instant caTo = now.plus(Duration.ofDays(3650));
    try {
      KeyPair rootKey = key("root", 3072);
      X500Name rootName =
          name(
              "C=VN",
              "O=Ban Cơ yếu Chính phủ",
              "CN=Cơ quan chứng thực số chuyên dùng Chính phủ THỬ NGHIỆM" + b.generation);
      root =
          ca(
              rootName,
              rootKey,
              rootName,
              rootKey,
              null,
              "root",
              caFrom,
              caTo,
              -1,
              "SHA256withRSA",
              null);
      X500Name interName =
          name(
              "C=VN",
              "O=Ban Cơ yếu Chính phủ",
              "CN=CA phục vụ các cơ quan Nhà nước THỬ NGHIỆM" + b.generation);
      KeyPair interKey = key("intermediate", 2048);
      intermediate =
          ca(
              interName,
              interKey,
              rootName,
              rootKey,
              root,
              "intermediate",
              caFrom,
              caTo,
              0,
              "SHA256withRSA",
              "root");
      X500Name legacyName =
          name("C=VN", "O=Ban Co yeu Chinh phu", "CN=Co quan chung thuc so THU NGHIEM G1");
      KeyPair legacyKey = key("legacy-subca", 2048);
      legacySubCa =
          ca(
              legacyName,
              legacyKey,
              rootName,
              rootKey,
              root,
              "legacy",
              caFrom,
              caTo,
              0,
              "SHA1withRSA",
              "root");
      X500Name foreignName = name("C=VN", "O=Foreign Test Authority", "CN=Foreign Test Root CA");
      KeyPair foreignKey = key("foreign-root", 2048);
      foreignRoot =
          ca(
              foreignName,
              foreignKey,
              foreignName,
              foreignKey,
              null,
              "foreign",
              caFrom,
              caTo,
              -1,
              "SHA256withRSA",
              null);

      ocspResponder =
          endEntity(
              "ocsp-responder",
              name("C=VN", "O=Ban Cơ yếu Chính phủ", "CN=OCSP THỬ NGHIỆM" + b.generation),
              intermediate,
              now.minus(Duration.ofDays(30)),
              now.plus(Duration.ofDays(730)),
              2048,
              "SHA256withRSA",
              Purpose.OCSP,
              null);
      tsa =
          endEntity(
              "tsa",
              name(
                  "C=VN",
                  "O=Ban Cơ yếu Chính phủ",
                  "CN=Dịch vụ cấp dấu thời gian THỬ NGHIỆM" + b.generation),
              intermediate,
              now.minus(Duration.ofDays(30)),
              // A TSA key certified for close to the CA's ten years, as time-stamping units'
              // are, so that archive time-stamps can be validated years after signing.
              now.plus(Duration.ofDays(3640)),
              2048,
              "SHA256withRSA",
              Purpose.TSA,
              null);
      for (TestIdentity id : TestIdentity.values()) {
        identities.put(id, issue(id, now));
      }
      revoked.put(
          identities.get(TestIdentity.REVOKED).certificate().getSerialNumber(),
          now.minus(Duration.ofDays(2)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the test PKI", e);
    }
  }

  /**
   * Returns a builder: seed 1, a clock fixed at 2026-06-15T03:00:00Z, no service URLs.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the root certificate, the trust anchor
   */
  public X509Certificate root() {
    return root.certificate();
  }

  /**
   * @return the issuing intermediate CA
   */
  public TestCredential intermediate() {
    return intermediate;
  }

  /**
   * @return the root, with its key
   */
  public TestCredential rootCredential() {
    return root;
  }

  /**
   * @return the G1-style sub-CA, signed by the root with SHA-1
   */
  public TestCredential legacySubCa() {
    return legacySubCa;
  }

  /**
   * @return the unrelated root that issued {@link TestIdentity#FOREIGN_ROOT}
   */
  public TestCredential foreignRoot() {
    return foreignRoot;
  }

  /**
   * @return the delegated OCSP responder of the intermediate
   */
  public TestCredential ocspResponder() {
    return ocspResponder;
  }

  /**
   * @return the time-stamping unit
   */
  public TestCredential tsa() {
    return tsa;
  }

  /**
   * Returns an identity's credential.
   *
   * @param identity the identity
   * @return its certificate, key and chain
   */
  public TestCredential credential(TestIdentity identity) {
    return identities.get(Objects.requireNonNull(identity, "identity"));
  }

  /**
   * @return trust anchors holding this PKI's root only
   */
  public TrustAnchors trustAnchors() {
    return TrustAnchors.builder().addAnchor(root()).build();
  }

  /**
   * @return the clock the validity periods are relative to
   */
  public Clock clock() {
    return clock;
  }

  /**
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns when a certificate of this PKI was revoked.
   *
   * @param certificate a certificate
   * @return the revocation time, or empty when not revoked
   */
  public Optional<Instant> revocationTime(X509Certificate certificate) {
    return Optional.ofNullable(revoked.get(certificate.getSerialNumber()));
  }

  /**
   * Returns the revoked certificates a CA issued, with their revocation times.
   *
   * @param ca one of this PKI's CAs
   * @return serial numbers and revocation times
   */
  public Map<BigInteger, Instant> revokedBy(TestCredential ca) {
    Map<BigInteger, Instant> out = new HashMap<>();
    for (TestCredential c : identities.values()) {
      Instant t = revoked.get(c.certificate().getSerialNumber());
      if (t != null
          && c.certificate()
              .getIssuerX500Principal()
              .equals(ca.certificate().getSubjectX500Principal())) {
        out.put(c.certificate().getSerialNumber(), t);
      }
    }
    return out;
  }

  /**
   * @return the CAs of this PKI: root, intermediate, G1-style sub-CA, foreign root
   */
  public List<TestCredential> certificateAuthorities() {
    return List.of(root, intermediate, legacySubCa, foreignRoot);
  }

  /**
   * Finds the CA of this PKI that issued a certificate.
   *
   * @param certificate a certificate
   * @return the issuing CA's credential, or empty when none of this PKI's CAs issued it
   */
  public Optional<TestCredential> issuerOf(X509Certificate certificate) {
    for (TestCredential ca : certificateAuthorities()) {
      if (ca.certificate().getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        try {
          certificate.verify(ca.certificate().getPublicKey());
          return Optional.of(ca);
        } catch (Exception e) {
          // a look-alike name with another key
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Says whether a certificate was issued by this PKI.
   *
   * @param certificate a certificate
   * @return whether one of its CAs issued it
   */
  public boolean issued(X509Certificate certificate) {
    return issuerOf(certificate).isPresent();
  }

  /** The name of the test province's People's Committee, as the test certificates spell it. */
  public static final String PROVINCE = "Ủy ban nhân dân tỉnh Thử Nghiệm";

  /**
   * Returns the province of this PKI's identities on its clock's day: the one chosen with {@link
   * Builder#province}, or, from 1 July 2025, the province it merged into (Thái Bình → Hưng Yên).
   *
   * @return the province, e.g. {@code Thử Nghiệm}
   */
  public String province() {
    return province;
  }

  /**
   * Returns the province the identities' organisations belonged to before the 1 July 2025 mergers,
   * when the chosen province merged away by the clock's day (the registry records it, so pre-merger
   * provincial packs apply to them).
   *
   * @return the former province, if any
   */
  public Optional<String> formerProvince() {
    return Optional.ofNullable(formerProvince);
  }

  /**
   * @return the People's Committee of {@link #province()}, e.g. {@code Ủy ban nhân dân tỉnh Hưng
   *     Yên}; {@link #PROVINCE} for the default province
   */
  public String provinceOrganisation() {
    return "Ủy ban nhân dân tỉnh " + province;
  }

  /**
   * @return the department of {@link #province()} the director heads ({@link Builder#department},
   *     by default the Sở Nội vụ); {@link #DEPARTMENT} for the defaults
   */
  public String departmentOrganisation() {
    return department + " tỉnh " + province;
  }

  /** The name of the test Department of Home Affairs. */
  public static final String DEPARTMENT = "Sở Nội vụ tỉnh Thử Nghiệm";

  /**
   * Returns the id of a test identity in {@link #signerRegistry()}: {@code p-} and the identity's
   * name in lower case with hyphens, e.g. {@code p-clerk}.
   *
   * @param identity the identity
   * @return the registry id
   */
  public static String registryId(TestIdentity identity) {
    return "p-" + identity.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Returns a host registry for the test identities, shaped like a provincial e-office's: the
   * chairman (head; the People's Committee works under the collective regime), the vice-chairman
   * (deputy, assigned Công văn, Quyết định and Kế hoạch), the director of the Sở Nội vụ (head of a
   * head-of-agency organisation), the chief of office (unit head, with a written authorisation from
   * the chairman for Giấy mời this year; TL. allowed for Thông báo and Giấy mời) and the clerk, who
   * holds the People's Committee's organisation token.
   *
   * @return the registry
   */
  public SignerRegistry signerRegistry() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
    MapSignerRegistry.Builder b = MapSignerRegistry.builder();
    b.signer(
        credential(TestIdentity.CHAIRMAN).certificate(),
        new SignerRecord(
            registryId(TestIdentity.CHAIRMAN),
            "Nguyễn Văn An",
            provinceOrganisation(),
            Position.HEAD,
            "Chủ tịch",
            Set.of(),
            Optional.of("nvan@thunghiem.gov.vn"),
            true,
            List.of(),
            Optional.empty()));
    b.signer(
        credential(TestIdentity.VICE_CHAIRMAN).certificate(),
        new SignerRecord(
            registryId(TestIdentity.VICE_CHAIRMAN),
            "Trần Thị Bình",
            provinceOrganisation(),
            Position.DEPUTY_HEAD,
            "Phó Chủ tịch",
            Set.of("Công văn", "Quyết định", "Kế hoạch"),
            Optional.empty(),
            true,
            List.of(),
            Optional.empty()));
    b.signer(
        credential(TestIdentity.DIRECTOR).certificate(),
        SignerRecord.of(
            registryId(TestIdentity.DIRECTOR),
            "Lê Văn Cường",
            departmentOrganisation(),
            Position.HEAD,
            "Giám đốc"));
    b.signer(
        credential(TestIdentity.CHIEF_OF_OFFICE).certificate(),
        new SignerRecord(
            registryId(TestIdentity.CHIEF_OF_OFFICE),
            "Phạm Thị Dung",
            provinceOrganisation(),
            Position.UNIT_HEAD,
            "Chánh Văn phòng",
            Set.of(),
            Optional.empty(),
            true,
            List.of(
                new Delegation(
                    registryId(TestIdentity.CHAIRMAN),
                    registryId(TestIdentity.CHIEF_OF_OFFICE),
                    Set.of("Giấy mời"),
                    today.withDayOfYear(1),
                    today.withDayOfYear(today.lengthOfYear()))),
            Optional.empty()));
    b.signer(
        credential(TestIdentity.CLERK).certificate(),
        SignerRecord.of(
            registryId(TestIdentity.CLERK),
            "Hoàng Thị Én",
            provinceOrganisation(),
            Position.CLERK,
            "Văn thư"));
    OrganisationRecord committee =
        new OrganisationRecord(
                provinceOrganisation(),
                "ubnd-tinh",
                Regime.COLLECTIVE,
                Set.of("Thông báo", "Giấy mời"),
                Set.of(registryId(TestIdentity.CLERK)),
                Set.of())
            .withHead(registryId(TestIdentity.CHAIRMAN));
    OrganisationRecord department =
        new OrganisationRecord(
                departmentOrganisation(),
                "so",
                Regime.HEAD_OF_AGENCY,
                Set.of(),
                Set.of("p-department-clerk"),
                Set.of())
            .withHead(registryId(TestIdentity.DIRECTOR));
    if (formerProvince != null) {
      committee = committee.withFormerProvince(formerProvince);
      department = department.withFormerProvince(formerProvince);
    }
    b.organisation(committee);
    b.organisation(department);
    return b.build();
  }

  /**
   * Issues an extra end-entity certificate, e.g. for a property test. Deterministic per label.
   *
   * @param label a unique label (keys derive from seed and label)
   * @param subject the subject as RFC 4514 parts in order, e.g. {@code "C=VN", "CN=Nguyễn Văn A"}
   * @return the credential, issued by the intermediate
   */
  public TestCredential issue(String label, String... subject) {
    try {
      Instant now = clock.instant();
      return endEntity(
          "extra-" + label,
          name(subject),
          intermediate,
          now.minus(Duration.ofDays(30)),
          now.plus(Duration.ofDays(730)),
          2048,
          "SHA256withRSA",
          Purpose.SIGN,
          null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Issues a signing certificate from the intermediate for a public key made elsewhere (e.g. on a
   * token).
   *
   * @param publicKey the subject's public key
   * @param label a unique label for the serial number
   * @param subject the subject as RFC 4514 parts in order
   * @return the certificate
   */
  public X509Certificate issueFor(PublicKey publicKey, String label, String... subject) {
    try {
      Instant now = clock.instant();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              X500Name.getInstance(
                  intermediate.certificate().getSubjectX500Principal().getEncoded()),
              serial(label),
              Date.from(now.minus(Duration.ofDays(30))),
              Date.from(now.plus(Duration.ofDays(730))),
              name(subject),
              publicKey);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(intermediate.certificate()));
      addRevocationPointers(b, intermediate);
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(intermediate.privateKey())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Names the certificate file of a CA (AIA caIssuers). */
  static String certificateFileName(TestCredential ca) {
    return ca.certificate().getSerialNumber().toString(16) + ".crt";
  }

  /** Names the CRL file of a CA. */
  static String crlFileName(TestCredential ca) {
    return ca.certificate().getSerialNumber().toString(16) + ".crl";
  }

  private enum Purpose {
    SIGN,
    WRONG_USAGE,
    OCSP,
    TSA
  }

  private TestCredential issue(TestIdentity id, Instant now) throws Exception {
    Instant from = now.minus(Duration.ofDays(30));
    Instant to = now.plus(Duration.ofDays(730));
    String committee = provinceOrganisation();
    String st = "ST=" + this.province;
    switch (id) {
      case CHAIRMAN:
        return person(
            id,
            from,
            to,
            "C=VN",
            st,
            "L=Thành phố " + this.province,
            "O=" + committee,
            "T=Chủ tịch",
            "CN=Nguyễn Văn An",
            "UID=CCCD:001080000001",
            "E=nvan@thunghiem.gov.vn");
      case VICE_CHAIRMAN:
        return person(
            id,
            from,
            to,
            "C=VN",
            st,
            "O=" + committee,
            "T=Phó Chủ tịch",
            "CN=Trần Thị Bình",
            "UID=CCCD:001180000002");
      case DIRECTOR:
        return person(
            id,
            from,
            to,
            "C=VN",
            st,
            "O=" + committee,
            "OU=" + department,
            "T=Giám đốc",
            "CN=Lê Văn Cường",
            "UID=CCCD:001075000003");
      case CHIEF_OF_OFFICE:
        return person(
            id,
            from,
            to,
            "C=VN",
            st,
            "O=" + committee,
            "OU=Văn phòng UBND tỉnh",
            "T=Chánh Văn phòng",
            "CN=Phạm Thị Dung",
            "UID=CCCD:001182000004");
      case CLERK:
        return person(
            id,
            from,
            to,
            "C=VN",
            st,
            "O=" + committee,
            "OU=Văn phòng UBND tỉnh",
            "T=Văn thư",
            "CN=Hoàng Thị Én",
            "UID=CCCD:001190000005");
      case PROVINCE_ORGANISATION:
        return person(
            id,
            from,
            to,
            "C=VN",
            "L=" + this.province,
            "O=" + committee.toUpperCase(Locale.ROOT),
            "CN=" + committee.toUpperCase(Locale.ROOT),
            "UID=MST:0100000001");
      case DEPARTMENT_ORGANISATION:
        return person(
            id,
            from,
            to,
            "C=VN",
            "L=" + this.province,
            "O=" + committee,
            "CN=" + departmentOrganisation(),
            "UID=MST:0100000002");
      case SERVICE:
        return person(
            id,
            from,
            to,
            "C=VN",
            "O=" + committee,
            "CN=Hệ thống quản lý văn bản THỬ NGHIỆM (server)");
      case G1_LEGACY_PERSON:
        return endEntity(
            id.name(),
            name(
                "C=VN",
                "O=Bo Tai chinh",
                "OU=Vu Phap che",
                "L=Ha Noi",
                "CN=Chu tich Nguyen Van Binh"),
            legacySubCa,
            from,
            to,
            2048,
            "SHA256withRSA",
            Purpose.SIGN,
            null);
      case EXPIRED:
        return person(
            id,
            now.minus(Duration.ofDays(400)),
            now.minus(Duration.ofDays(1)),
            "C=VN",
            "O=" + provinceOrganisation(),
            "CN=Đỗ Văn Hết Hạn");
      case NOT_YET_VALID:
        return person(
            id,
            now.plus(Duration.ofDays(10)),
            now.plus(Duration.ofDays(400)),
            "C=VN",
            "O=" + provinceOrganisation(),
            "CN=Vũ Thị Chưa Hiệu Lực");
      case REVOKED:
        return person(
            id,
            from,
            to,
            "C=VN",
            "O=" + provinceOrganisation(),
            "CN=Ngô Văn Thu Hồi",
            "UID=CCCD:001070000009");
      case WRONG_KEY_USAGE:
        return endEntity(
            id.name(),
            name("C=VN", "O=" + provinceOrganisation(), "CN=Bùi Văn Sai Mục Đích"),
            intermediate,
            from,
            to,
            2048,
            "SHA256withRSA",
            Purpose.WRONG_USAGE,
            null);
      case FOREIGN_ROOT:
        return endEntity(
            id.name(),
            name("C=VN", "O=" + provinceOrganisation(), "CN=Nguyễn Văn An"),
            foreignRoot,
            from,
            to,
            2048,
            "SHA256withRSA",
            Purpose.SIGN,
            null);
      case RSA_1024:
        return endEntity(
            id.name(),
            name("C=VN", "O=" + provinceOrganisation(), "CN=Lý Văn Khóa Yếu"),
            intermediate,
            from,
            to,
            1024,
            "SHA256withRSA",
            Purpose.SIGN,
            null);
      case SHA1_SIGNED:
        return endEntity(
            id.name(),
            name("C=VN", "O=" + provinceOrganisation(), "CN=Đặng Văn Băm Yếu"),
            intermediate,
            from,
            to,
            2048,
            "SHA1withRSA",
            Purpose.SIGN,
            null);
      default:
        throw new IllegalArgumentException(id.name());
    }
  }

  private TestCredential person(TestIdentity id, Instant from, Instant to, String... subject)
      throws Exception {
    String email = null;
    for (String s : subject) {
      if (s.startsWith("E=")) {
        email = s.substring(2);
      }
    }
    return endEntity(
        id.name(),
        name(subject),
        intermediate,
        from,
        to,
        2048,
        "SHA256withRSA",
        Purpose.SIGN,
        email);
  }

  private TestCredential ca(
      X500Name subject,
      KeyPair key,
      X500Name issuer,
      KeyPair issuerKey,
      TestCredential issuerCredential,
      String label,
      Instant from,
      Instant to,
      int pathLen,
      String sigAlg,
      String issuerLabel)
      throws Exception {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer, serial(label), Date.from(from), Date.from(to), subject, key.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(
        Extension.basicConstraints,
        true,
        pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
    if (issuerCredential != null) {
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(issuerCredential.certificate()));
      addRevocationPointers(b, issuerCredential);
    }
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder(sigAlg).build(issuerKey.getPrivate())));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(cert);
    if (issuerCredential != null) {
      chain.addAll(issuerCredential.chain());
    }
    return new TestCredential(cert, key.getPrivate(), chain);
  }

  private TestCredential endEntity(
      String label,
      X500Name subject,
      TestCredential issuer,
      Instant from,
      Instant to,
      int bits,
      String sigAlg,
      Purpose purpose,
      String email)
      throws Exception {
    KeyPair key = key(label, bits);
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
            serial(label),
            Date.from(from),
            Date.from(to),
            subject,
            key.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        ext.createAuthorityKeyIdentifier(issuer.certificate()));
    switch (purpose) {
      case SIGN:
        b.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(
                KeyUsage.digitalSignature
                    | KeyUsage.nonRepudiation
                    | KeyUsage.keyEncipherment
                    | KeyUsage.dataEncipherment));
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                new KeyPurposeId[] {
                  KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection
                }));
        break;
      case WRONG_USAGE:
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        break;
      case OCSP:
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.5"), false, DERNull.INSTANCE);
        break;
      case TSA:
        b.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        b.addExtension(
            Extension.extendedKeyUsage,
            true,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        break;
      default:
        throw new IllegalArgumentException();
    }
    if (email != null) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    }
    if (purpose != Purpose.OCSP) {
      addRevocationPointers(b, issuer);
    }
    PrivateKey issuerKey = issuer.privateKey();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(issuerKey)));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(cert);
    chain.addAll(issuer.chain());
    return new TestCredential(cert, key.getPrivate(), chain);
  }

  private void addRevocationPointers(X509v3CertificateBuilder b, TestCredential issuer)
      throws Exception {
    List<AccessDescription> aia = new ArrayList<>();
    if (ocspUrl != null) {
      aia.add(
          new AccessDescription(
              AccessDescription.id_ad_ocsp,
              new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl.toString())));
    }
    if (crlBaseUrl != null) {
      aia.add(
          new AccessDescription(
              AccessDescription.id_ad_caIssuers,
              new GeneralName(
                  GeneralName.uniformResourceIdentifier,
                  crlBaseUrl.resolve(certificateFileName(issuer)).toString())));
    }
    if (!aia.isEmpty()) {
      b.addExtension(
          Extension.authorityInfoAccess,
          false,
          new AuthorityInformationAccess(aia.toArray(new AccessDescription[0])));
    }
    if (crlBaseUrl != null) {
      String url = crlBaseUrl.resolve(crlFileName(issuer)).toString();
      b.addExtension(
          Extension.cRLDistributionPoints,
          false,
          new CRLDistPoint(
              new DistributionPoint[] {
                new DistributionPoint(
                    new DistributionPointName(
                        new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, url))),
                    null,
                    null)
              }));
    }
  }

  private BigInteger serial(String label) throws Exception {
    byte[] h =
        MessageDigest.getInstance("SHA-256")
            .digest((seed + "/serial/" + label).getBytes(StandardCharsets.UTF_8));
    return new BigInteger(1, Arrays.copyOf(h, 12));
  }

  private KeyPair key(String label, int bits) {
    return KEY_CACHE.computeIfAbsent(
        seed + "/" + label + "/" + bits, k -> generate(new SeededRandom(seed, label), bits));
  }

  private static KeyPair generate(SeededRandom random, int bits) {
    RSAKeyPairGenerator gen = new RSAKeyPairGenerator();
    gen.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random, bits, 112));
    AsymmetricCipherKeyPair pair = gen.generateKeyPair();
    RSAKeyParameters pub = (RSAKeyParameters) pair.getPublic();
    RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) pair.getPrivate();
    try {
      KeyFactory kf = KeyFactory.getInstance("RSA");
      PublicKey publicKey =
          kf.generatePublic(new RSAPublicKeySpec(pub.getModulus(), pub.getExponent()));
      PrivateKey privateKey =
          kf.generatePrivate(
              new RSAPrivateCrtKeySpec(
                  priv.getModulus(),
                  priv.getPublicExponent(),
                  priv.getExponent(),
                  priv.getP(),
                  priv.getQ(),
                  priv.getDP(),
                  priv.getDQ(),
                  priv.getQInv()));
      return new KeyPair(publicKey, privateKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X500Name name(String... parts) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (String p : parts) {
      int eq = p.indexOf('=');
      String attr = p.substring(0, eq);
      ASN1ObjectIdentifier oid =
          attr.equals("T")
              ? BCStyle.T
              : attr.equals("E") ? BCStyle.EmailAddress : BCStyle.INSTANCE.attrNameToOID(attr);
      b.addRDN(oid, p.substring(eq + 1));
    }
    return b.build();
  }

  /** Builds a {@link TestPki}. */
  public static final class Builder {
    private long seed = 1;
    private Clock clock = Clock.fixed(Instant.parse("2026-06-15T03:00:00Z"), ZoneOffset.UTC);
    private URI ocspUrl;
    private URI crlBaseUrl;
    private String generation = "";
    private String province = "Thử Nghiệm";
    private String department = "Sở Nội vụ";

    private Builder() {}

    /**
     * Names the province the identities belong to, e.g. {@code Thái Bình}; the organisations are
     * its People's Committee and Department of Home Affairs. When the clock's day is on or after 1
     * July 2025 and the province merged away (Resolution 202/2025/QH15), names use the merged
     * province and the registry records the former one, as a provincial e-office does after the
     * merger.
     *
     * @param value the province's name without "tỉnh"
     * @return this builder
     */
    public Builder province(String value) {
      Objects.requireNonNull(value, "province");
      if (value.isBlank()) {
        throw new IllegalArgumentException("a province has a name");
      }
      this.province = value.strip();
      return this;
    }

    /**
     * Names the department whose director and organisation certificate the PKI issues, e.g. {@code
     * Sở Tài chính} (default {@code Sở Nội vụ}).
     *
     * @param value the department's name without the province
     * @return this builder
     */
    public Builder department(String value) {
      Objects.requireNonNull(value, "department");
      if (value.isBlank()) {
        throw new IllegalArgumentException("a department has a name");
      }
      this.department = value.strip();
      return this;
    }

    /**
     * Sets the clock to 09:00 Vietnam time on a day: every certificate, delegation and validity
     * period of the PKI is valid around that day (a test "as of 2018-05-01 in Thái Bình" needs no
     * hand-made PKI).
     *
     * @param day the day
     * @return this builder
     */
    public Builder asOf(LocalDate day) {
      Objects.requireNonNull(day, "day");
      this.clock =
          Clock.fixed(
              day.atTime(9, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant(), ZoneOffset.UTC);
      return this;
    }

    /**
     * Names a later generation of the hierarchy, as a CA names a new root when the old one nears
     * its end (the government's G1 and G2): the root, CA, OCSP and TSA names end with it, so two
     * test PKIs can be trusted side by side, e.g. for archive renewal across a root change.
     *
     * @param value e.g. {@code "G2"}; empty for the first generation
     * @return this builder
     */
    public Builder generation(String value) {
      Objects.requireNonNull(value, "generation");
      this.generation = value.isEmpty() ? "" : " " + value;
      return this;
    }

    /**
     * Sets the seed keys derive from.
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the clock validity periods are relative to.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Puts an OCSP responder URL in the AIA of every issued certificate.
     *
     * @param value the URL
     * @return this builder
     */
    public Builder ocspUrl(URI value) {
      this.ocspUrl = Objects.requireNonNull(value, "ocspUrl");
      return this;
    }

    /**
     * Puts CRL distribution points and AIA caIssuers URLs under this base URL in every issued
     * certificate.
     *
     * @param value the base URL, ending with {@code /}
     * @return this builder
     */
    public Builder crlBaseUrl(URI value) {
      this.crlBaseUrl = Objects.requireNonNull(value, "crlBaseUrl");
      return this;
    }

    /**
     * Builds the PKI (keys are generated once per seed and JVM).
     *
     * @return the PKI
     */
    public TestPki build() {
      return new TestPki(this);
    }
  }
}
