package vn.kyso.policy.internal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.kyso.api.NameNormalizer;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.policy.AuthorityForm;
import vn.kyso.api.policy.Citation;
import vn.kyso.api.policy.CopyForm;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.policy.Medium;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.PolicyOutcome;
import vn.kyso.api.policy.PriorSignature;
import vn.kyso.api.policy.SignatureKind;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.policy.TokenState;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.policy.CertificateAdvice;
import vn.kyso.policy.CheckType;
import vn.kyso.policy.EventAdvice;
import vn.kyso.policy.HrEvent;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.PackNotice;
import vn.kyso.policy.PackStatus;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.Position;
import vn.kyso.policy.Regime;
import vn.kyso.policy.ReportingDeadline;
import vn.kyso.policy.SignerRecord;
import vn.kyso.policy.SignerRegistry;
import vn.kyso.policy.WorkingDayCalendar;

/**
 * Runs the rules of a set of packs over the facts of one request, one verified document, or one
 * lifecycle question. Stateless apart from its configuration; thread-safe.
 */
public final class Evaluator {
  private static final List<String> SPECIAL_USE_MARKERS =
      List.of(
          "ban co yeu chinh phu",
          "chung thuc so chuyen dung",
          "co quan chung thuc so",
          "ca phuc vu cac co quan nha nuoc",
          "ca phuc vu cac co quan dang",
          "ca phuc vu cho dich vu phan mem",
          "cuc chung thuc so va bao mat thong tin");
  private static final Pattern NUMBER_SYMBOL =
      Pattern.compile("0*([1-9]\\d{0,6})(?:/(\\d{4}))?/[\\p{L}\\p{N}][\\p{L}\\p{N}.&\\-]*");

  private final List<PolicyPack> packs;
  private final SignerRegistry registry;
  private final WorkingDayCalendar calendar;
  private final ZoneId zone;

  /**
   * Creates an evaluator.
   *
   * @param packs the packs
   * @param registry the host's registry
   * @param calendar the working-day calendar
   * @param zone the zone that turns instants into legal dates
   */
  public Evaluator(
      List<PolicyPack> packs, SignerRegistry registry, WorkingDayCalendar calendar, ZoneId zone) {
    this.packs = List.copyOf(packs);
    this.registry = registry;
    this.calendar = calendar;
    this.zone = zone;
  }

  // ---------------------------------------------------------------- the rule loop

  private enum Mode {
    NORMAL,
    DRAFT,
    INFORMATIONAL
  }

  /** Collects the findings of one rule, applying the pack's and the rule's state. */
  private static final class Sink {
    final List<PolicyFinding> findings = new ArrayList<>();
    final List<PolicyFinding> satisfied = new ArrayList<>();
    final EnumSet<PolicyOutcome> outcomes = EnumSet.noneOf(PolicyOutcome.class);
    PolicyPack pack;
    PolicyRule rule;
    Mode mode;
    LocalDate until;

    void add(String code, Severity cap, Object... args) {
      Severity severity = rule.severity().compareTo(cap) > 0 ? cap : rule.severity();
      String[] text = Text.of(code, args);
      if (mode == Mode.DRAFT && severity == Severity.ERROR) {
        severity = Severity.WARNING;
      }
      if (mode == Mode.INFORMATIONAL) {
        severity = Severity.INFO;
        String[] wrapped = Text.of("RULE_NOT_IN_FORCE", until, "");
        text = new String[] {wrapped[0] + text[0], wrapped[1] + text[1]};
      }
      findings.add(
          new PolicyFinding(
              rule.id(), pack.id(), code, severity, text[0], text[1], rule.citation()));
    }

    void add(String code, Object... args) {
      add(code, Severity.ERROR, args);
    }

    void outcome(PolicyOutcome o) {
      if (mode != Mode.INFORMATIONAL) {
        outcomes.add(o);
      }
    }

    void packInfo(String code, Object... args) {
      String[] text = Text.of(code, args);
      findings.add(
          new PolicyFinding(
              pack.id(),
              pack.id(),
              code,
              Severity.INFO,
              text[0],
              text[1],
              new Citation(pack.document(), "", pack.jurisdiction(), "C")));
    }
  }

  private interface RuleBody {
    void run(PolicyRule rule, Sink sink);
  }

  private Sink each(LocalDate day, Predicate<CheckType> wanted, RuleBody body) {
    Sink sink = new Sink();
    for (PolicyPack pack : packs) {
      sink.pack = pack;
      Mode packMode = Mode.NORMAL;
      LocalDate packUntil = null;
      if (day.isBefore(pack.effectiveFrom())) {
        sink.packInfo("PACK_NOT_YET_IN_FORCE", pack.document(), pack.effectiveFrom());
        continue;
      }
      if (pack.effectiveUntil().isPresent() && day.isAfter(pack.effectiveUntil().get())) {
        packMode = Mode.INFORMATIONAL;
        packUntil = pack.effectiveUntil().get();
        sink.packInfo("PACK_REPEALED", pack.document(), packUntil);
      } else if (pack.status() == PackStatus.DRAFT) {
        packMode = Mode.DRAFT;
        sink.packInfo("PACK_DRAFT", pack.document());
      }
      for (PackNotice n : pack.notices()) {
        if (!day.isBefore(n.from())) {
          sink.findings.add(
              new PolicyFinding(
                  pack.id(),
                  pack.id(),
                  "PACK_NOTICE",
                  Severity.INFO,
                  n.en(),
                  n.vi(),
                  new Citation(pack.document(), "", pack.jurisdiction(), "S")));
        }
      }
      for (PolicyRule rule : pack.rules()) {
        if (!wanted.test(rule.check())
            || (rule.from().isPresent() && day.isBefore(rule.from().get()))) {
          continue;
        }
        sink.rule = rule;
        sink.mode = packMode;
        sink.until = packUntil;
        if (rule.until().isPresent() && day.isAfter(rule.until().get())) {
          sink.mode = Mode.INFORMATIONAL;
          sink.until =
              packUntil == null || rule.until().get().isBefore(packUntil)
                  ? rule.until().get()
                  : packUntil;
        }
        int before = sink.findings.size();
        body.run(rule, sink);
        boolean against =
            sink.findings.subList(before, sink.findings.size()).stream()
                .anyMatch(x -> x.ruleId().equals(rule.id()));
        if (!against && sink.mode != Mode.INFORMATIONAL) {
          // Checked and nothing against: part of why an ALLOW is an ALLOW.
          sink.satisfied.add(
              new PolicyFinding(
                  rule.id(),
                  pack.id(),
                  "SATISFIED",
                  Severity.INFO,
                  "met: " + rule.titleEn(),
                  "đáp ứng: " + rule.titleVi(),
                  rule.citation()));
        }
      }
    }
    return sink;
  }

  // ---------------------------------------------------------------- signing

  /**
   * Decides one signature.
   *
   * @param request the request
   * @param day the date the law is taken as of
   * @param verification true when judging an existing signature (token and operator checks are
   *     skipped)
   * @return the decision
   */
  public PolicyDecision signing(SigningRequest request, LocalDate day, boolean verification) {
    Facts f = new Facts(request, day, verification);
    Sink sink =
        each(
            day,
            c -> c.when() == CheckType.When.SIGNING || c.when() == CheckType.When.BOTH,
            (rule, s) -> signingRule(rule, s, f));
    return PolicyDecision.of(day, sink.findings, sink.outcomes, packIds(), sink.satisfied);
  }

  private List<String> packIds() {
    return packs.stream().map(PolicyPack::id).toList();
  }

  /** The facts of one request, with the registry looked up at most once. */
  private final class Facts {
    final SigningRequest req;
    final DocumentInfo doc;
    final SignerIdentity identity;
    final LocalDate day;
    final boolean verification;
    private Optional<SignerRecord> signer;

    Facts(SigningRequest req, LocalDate day, boolean verification) {
      this.req = req;
      this.doc = req.document();
      this.identity = req.signer();
      this.day = day;
      this.verification = verification;
    }

    Optional<SignerRecord> signer() {
      if (signer == null) {
        signer = registry.signer(req.certificate(), req.time());
      }
      return signer;
    }

    boolean personal() {
      return req.kind() == SignatureKind.PERSONAL;
    }

    String organisationName() {
      return identity.commonName();
    }
  }

  private void signingRule(PolicyRule rule, Sink s, Facts f) {
    DocumentInfo doc = f.doc;
    switch (rule.check()) {
      case CLASSIFIED_EXCLUSION -> {
        List<String> levels =
            rule.list("levels").isEmpty()
                ? List.of("MAT", "TOI_MAT", "TUYET_MAT")
                : rule.list("levels");
        if (doc.classification().isClassified() && levels.contains(doc.classification().name())) {
          s.add(
              rule.flag("encryption-allowed")
                  ? "CLASSIFIED_DOCUMENT_ENCRYPTION_ALLOWED"
                  : "CLASSIFIED_DOCUMENT",
              classificationText(doc));
        }
      }
      case CATEGORY_EXCLUSION -> {
        for (String c : doc.categories()) {
          if (rule.list("categories").contains(c)) {
            s.add("EXCLUDED_CATEGORY", c);
          }
        }
      }
      case FORMER_EXCLUSION_NOTICE -> {
        for (String c : doc.categories()) {
          if (rule.list("categories").contains(c)) {
            s.add("FORMER_EXCLUSION", Severity.INFO, c);
          }
        }
      }
      case CERTIFICATE_VALIDITY -> certificateValidity(s, f);
      case ISSUER_FAMILY -> issuerFamily(rule, s, f);
      case ALGORITHM_MINIMUMS -> algorithm(rule, s, f);
      case ORGANISATION_AFTER_PERSONAL -> {
        if (!f.personal()) {
          organisationAfterPersonal(rule, s, f);
        }
      }
      case ORGANISATION_KEY_SCOPE -> {
        if (!f.personal()) {
          Optional<String> docOrg =
              doc.isCopy()
                  ? doc.copyingOrganisation()
                  : doc.isDigitisedFromPaper()
                      ? doc.digitisedBy().or(doc::issuingOrganisation)
                      : doc.issuingOrganisation();
          if (docOrg.isEmpty()) {
            s.add("ORGANISATION_UNKNOWN", Severity.WARNING);
          } else if (!same(f.organisationName(), docOrg.get())) {
            s.add("ORGANISATION_KEY_OTHER_ISSUER", f.organisationName(), docOrg.get());
          }
        }
      }
      case ORGANISATION_FOR_DOCUMENT_TYPE -> {
        if (!f.personal()
            && containsSame(rule.list("document-types"), doc.type())
            && !same(f.organisationName(), rule.text("organisation"))) {
          s.add(
              "WRONG_ORGANISATION_CERTIFICATE",
              doc.type(),
              rule.text("organisation"),
              f.organisationName());
        }
      }
      case AUTHORITY_FORM -> {
        if (f.personal() && rule.list("forms").contains(doc.authorityForm().name())) {
          authority(s, f);
        }
      }
      case OWN_CERTIFICATE -> {
        if (f.personal()) {
          if (doc.signerName().isPresent() && !f.identity.hasName(doc.signerName().get())) {
            s.add("NOT_OWN_CERTIFICATE", f.identity.name(), doc.signerName().get());
          }
          if (!f.verification
              && f.req.operator().isPresent()
              && f.signer().isPresent()
              && !f.signer().get().personId().equals(f.req.operator().get())) {
            s.add("TOKEN_USED_BY_OTHER", f.identity.name(), f.req.operator().get());
          }
        }
      }
      case COMPETENT_SIGNER -> {
        if (f.personal()) {
          competent(rule, s, f);
        }
      }
      case TITLE_MATCH -> {
        if (f.personal() && doc.titleLine().isPresent()) {
          Optional<String> title =
              f.signer().map(SignerRecord::title).filter(t -> !t.isBlank()).or(f.identity::title);
          if (title.isPresent() && !sameTitle(doc.titleLine().get(), title.get())) {
            s.add("TITLE_MISMATCH", Severity.WARNING, doc.titleLine().get(), title.get());
          }
        }
      }
      case TITLE_IN_CERTIFICATE -> {
        if (f.personal() && rule.list("forms").contains(doc.authorityForm().name())) {
          if (f.identity.title().isEmpty()) {
            s.add("NO_TITLE_IN_CERTIFICATE");
          } else if (doc.titleLine().isPresent()
              && !sameTitle(doc.titleLine().get(), f.identity.title().get())) {
            s.add("TITLE_MISMATCH", doc.titleLine().get(), f.identity.title().get());
          }
        }
      }
      case ORGANISATION_TOKEN_CUSTODY -> {
        if (!f.personal() && !f.verification) {
          custody(s, f);
        }
      }
      case EMAIL_DOMAIN -> {
        Optional<String> email = f.identity.email();
        if (email.isEmpty()) {
          if (rule.flag("issuance-condition")) {
            // A condition for issuing, checked on the certificate: without an e-mail there is
            // nothing to compare, so the rule could not be checked (RULES-ERRATA 1.1, LC-02).
            s.add("NO_EMAIL_NOT_CHECKED", Severity.INFO);
          } else {
            s.add("NO_EMAIL");
          }
        } else if (rule.list("domains").stream()
            .noneMatch(
                d ->
                    email
                        .get()
                        .toLowerCase(Locale.ROOT)
                        .endsWith("@" + d.toLowerCase(Locale.ROOT)))) {
          s.add("EMAIL_NOT_OFFICIAL", email.get(), String.join(", ", rule.list("domains")));
        }
      }
      case EMAIL_MATCHES_REGISTRY -> {
        Optional<String> email = f.identity.email();
        Optional<String> official = f.signer().flatMap(SignerRecord::officialEmail);
        if (email.isPresent()
            && official.isPresent()
            && !email.get().equalsIgnoreCase(official.get())) {
          s.add("EMAIL_CHANGED", email.get(), official.get());
        }
      }
      case PIN_STATE -> {
        if (!f.verification && f.req.tokenState().isPresent()) {
          pinState(rule, s, f.req.tokenState().get());
        }
      }
      case PIN_AGE -> {
        if (!f.verification && f.req.tokenState().isPresent()) {
          pinAge(rule, s, f.req.tokenState().get().pinLastChanged(), f.day);
        }
      }
      case ORIGINAL_VALUE -> {
        if (!f.verification
            && f.personal()
            && f.req.priorSignatures().stream()
                .noneMatch(p -> p.kind() == SignatureKind.ORGANISATION && p.valid())) {
          s.add("NOT_ORIGINAL_YET", Severity.INFO);
          s.outcome(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
        }
      }
      case PAPER_ORIGINAL -> paperOriginal(rule, s, doc);
      case COPY_FORM -> {
        if (doc.isCopy()) {
          copyForm(s, f);
        }
      }
      case COPY_AUTHORISATION -> {
        if (doc.isCopy() && doc.copyAuthorisedBy().isEmpty()) {
          s.add("COPY_NOT_AUTHORISED");
        }
      }
      case NUMBER_SYMBOL -> {
        if (!f.personal() && !doc.isCopy()) {
          numberSymbol(s, f);
        }
      }
      case SEPARATE_ATTACHMENT -> {
        if (doc.attachmentTo().isPresent() && f.personal() && !f.verification) {
          s.add("ATTACHMENT_NEEDS_ORGANISATION_SIGNATURE", Severity.INFO);
        }
      }
      case CONVERSION_MARK -> {
        if (doc.isDigitisedFromPaper() && !doc.hasConversionMark()) {
          s.add("NO_CONVERSION_MARK");
        }
      }
      case KEY_STORAGE -> {
        KeyStorage k = f.req.keyStorage();
        if (!f.verification
            && k != KeyStorage.UNKNOWN
            && !rule.list("accepted").contains(k.name())) {
          s.add("KEY_STORAGE_NOT_ACCEPTED", k.name(), String.join(", ", rule.list("accepted")));
        }
      }
      case ORGANISATION_SCOPE -> {
        Optional<String> orgName =
            f.personal()
                ? f.signer().map(SignerRecord::organisation).or(f.identity::organisation)
                : Optional.of(f.organisationName());
        Optional<OrganisationRecord> org =
            orgName.flatMap(n -> registry.organisation(n, f.req.time()));
        if (org.isPresent() && !rule.list("organisation-types").contains(org.get().type())) {
          s.add("OUT_OF_SCOPE", org.get().name(), org.get().type());
        }
      }
      default -> {
        // document-level and advice checks do not run on one signature
      }
    }
  }

  private static String classificationText(DocumentInfo doc) {
    return switch (doc.classification()) {
      case MAT -> "Mật";
      case TOI_MAT -> "Tối mật";
      case TUYET_MAT -> "Tuyệt mật";
      case NONE -> "-";
    };
  }

  private void certificateValidity(Sink s, Facts f) {
    X509Certificate c = f.req.certificate();
    Instant t = f.req.time();
    if (t.isBefore(c.getNotBefore().toInstant())) {
      s.add("CERT_NOT_YET_VALID", c.getNotBefore().toInstant());
      return;
    }
    if (t.isAfter(c.getNotAfter().toInstant())) {
      s.add("CERT_EXPIRED", c.getNotAfter().toInstant());
      return;
    }
    Optional<CertificateResult> result = f.req.certificateResult();
    if (result.isEmpty()) {
      s.add("CERT_STATUS_NOT_CHECKED", Severity.WARNING);
      return;
    }
    CertificateResult r = result.get();
    for (RevocationEvidence e : r.revocation()) {
      if (e.certificate().equals(c)
          && e.status() == RevocationEvidence.Status.REVOKED
          && e.revocationTime().map(rt -> !rt.isAfter(t)).orElse(true)) {
        s.add("CERT_REVOKED", e.revocationTime().orElse(t));
        return;
      }
    }
    if (r.subIndication().filter(x -> x == SubIndication.REVOKED).isPresent()) {
      s.add("CERT_REVOKED", r.validationTime());
    } else if (!r.isPassed()) {
      String why = r.subIndication().map(Enum::name).orElse(r.indication().name());
      if (r.indication() == Indication.TOTAL_FAILED) {
        s.add("CERT_INVALID", why);
      } else {
        s.add("CERT_STATUS_UNKNOWN", Severity.WARNING, why);
      }
    }
  }

  private void issuerFamily(PolicyRule rule, Sink s, Facts f) {
    Optional<CertificateResult> r = f.req.certificateResult().filter(CertificateResult::isPassed);
    String names = f.req.certificate().getIssuerX500Principal().getName();
    if (r.isPresent() && r.get().anchor().isPresent()) {
      names += " " + r.get().anchor().get().getSubjectX500Principal().getName();
    }
    String normalised = NameNormalizer.normalize(names);
    String family =
        SPECIAL_USE_MARKERS.stream().anyMatch(normalised::contains) ? "special-use" : "public";
    if (!rule.list("families").contains(family)) {
      s.add("ISSUER_FAMILY_NOT_ALLOWED", family, String.join(", ", rule.list("families")));
    } else if (r.isEmpty() && !f.verification) {
      s.add("ISSUER_FAMILY_UNVERIFIED", Severity.INFO, family);
    }
  }

  private void algorithm(PolicyRule rule, Sink s, Facts f) {
    PublicKey key = f.req.certificate().getPublicKey();
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < rule.number("rsa-min-bits", 2048)) {
        s.add("KEY_TOO_SMALL", "RSA", bits, rule.number("rsa-min-bits", 2048));
      }
    } else if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits < rule.number("ec-min-bits", 256)) {
        s.add("KEY_TOO_SMALL", "EC", bits, rule.number("ec-min-bits", 256));
      }
    }
    Optional<SignatureAlgorithm> alg = f.req.algorithm();
    if (rule.flag("prefer-pss")
        && alg.isPresent()
        && alg.get().keyType() == SignatureAlgorithm.KeyType.RSA
        && !alg.get().name().startsWith("RSA_PSS")) {
      s.add("PSS_PREFERRED", Severity.INFO);
    }
  }

  private static void validityLength(PolicyRule rule, Sink s, X509Certificate c, boolean renewal) {
    LocalDate from = LocalDate.ofInstant(c.getNotBefore().toInstant(), ZoneId.of("UTC"));
    LocalDate to = LocalDate.ofInstant(c.getNotAfter().toInstant(), ZoneId.of("UTC"));
    String key = renewal ? "renewal-max-years" : "max-years";
    if (rule.date("issued-from").filter(from::isBefore).isPresent()
        || !rule.parameters().containsKey(key)) {
      return;
    }
    long maxYears = rule.number(key, 100);
    if (to.isAfter(from.plusYears(maxYears).plusDays(1))) {
      long days = ChronoUnit.DAYS.between(from, to);
      s.add(
          "VALIDITY_TOO_LONG",
          Severity.WARNING,
          days,
          String.format(Locale.ROOT, "%.1f", days / 365.25),
          maxYears);
    }
  }

  private void organisationAfterPersonal(PolicyRule rule, Sink s, Facts f) {
    DocumentInfo doc = f.doc;
    String alternative = rule.text("alternative");
    boolean alternativeHolds =
        switch (alternative) {
          case "copy-or-own-digitisation" ->
              (doc.isCopy()
                      && doc.copyingOrganisation()
                          .filter(o -> same(o, f.organisationName()))
                          .isPresent())
                  || (doc.isDigitisedFromPaper()
                      && doc.digitisedBy().filter(o -> same(o, f.organisationName())).isPresent());
          case "digitised-from-signed-paper" ->
              doc.isDigitisedFromPaper() && doc.isPaperSignedAndSealed();
          case "digitised-from-paper" -> doc.isDigitisedFromPaper();
          default -> false;
        };
    if (alternativeHolds) {
      return;
    }
    List<PriorSignature> personal =
        f.req.priorSignatures().stream()
            .filter(p -> p.kind() == SignatureKind.PERSONAL && !p.time().isAfter(f.req.time()))
            .toList();
    if (personal.isEmpty()) {
      s.add("NO_PERSONAL_SIGNATURE");
      return;
    }
    List<PriorSignature> valid = personal.stream().filter(PriorSignature::valid).toList();
    if (valid.isEmpty()) {
      s.add("PERSONAL_SIGNATURE_INVALID");
      return;
    }
    for (PriorSignature p : valid) {
      if (mayBeCompetent(p.certificate(), p.time())) {
        return;
      }
    }
    s.add("PERSONAL_SIGNER_NOT_COMPETENT", valid.get(valid.size() - 1).signer().name());
  }

  /**
   * Returns the signer's registry record when they are known and in post; otherwise says why not
   * (role unknown: a warning; out of post: the rule's severity) and returns empty.
   */
  private static Optional<SignerRecord> signerInPost(Sink s, Facts f) {
    Optional<SignerRecord> rec = f.signer();
    if (rec.isEmpty()) {
      s.add("ROLE_UNKNOWN", Severity.WARNING, f.identity.title().orElse("-"));
      return Optional.empty();
    }
    if (!rec.get().active()) {
      s.add("SIGNER_NOT_ACTIVE", rec.get().name());
      return Optional.empty();
    }
    return rec;
  }

  /**
   * A personal signer counts as competent unless the registry says they are out of post or a clerk.
   */
  private boolean mayBeCompetent(X509Certificate certificate, Instant at) {
    Optional<SignerRecord> r = registry.signer(certificate, at);
    return r.isEmpty() || (r.get().active() && r.get().position() != Position.CLERK);
  }

  private void authority(Sink s, Facts f) {
    Optional<SignerRecord> rec = signerInPost(s, f);
    if (rec.isEmpty()) {
      return;
    }
    SignerRecord r = rec.get();
    AuthorityForm form = f.doc.authorityForm();
    Optional<OrganisationRecord> org = registry.organisation(r.organisation(), f.req.time());
    Set<Position> allowed =
        switch (form) {
          case NONE -> EnumSet.of(Position.HEAD);
          case TM -> EnumSet.of(Position.HEAD, Position.ACTING_HEAD);
          case KT, TM_KT -> EnumSet.of(Position.DEPUTY_HEAD, Position.ACTING_HEAD);
          case Q -> EnumSet.of(Position.ACTING_HEAD);
          case TL -> EnumSet.of(Position.UNIT_HEAD);
          case TL_KT -> EnumSet.of(Position.UNIT_DEPUTY);
          case TUQ -> EnumSet.of(Position.UNIT_HEAD);
        };
    if (form == AuthorityForm.TUQ) {
      boolean delegated =
          r.delegations().stream()
              .anyMatch(
                  d ->
                      d.isValidOn(f.day)
                          && containsSame(List.copyOf(d.documentTypes()), f.doc.type()));
      if (!delegated) {
        s.add("TUQ_NO_DELEGATION", f.day, f.doc.type(), r.name());
      }
      if (r.position() != Position.UNIT_HEAD) {
        s.add("TUQ_NOT_UNIT_HEAD", r.name(), r.position().name());
      }
      return;
    }
    if (!allowed.contains(r.position())) {
      s.add(
          "AUTHORITY_POSITION_MISMATCH",
          form.prefix().isEmpty() ? "-" : form.prefix(),
          allowed.stream().map(Enum::name).sorted().toList().toString(),
          r.name(),
          r.position().name());
      return;
    }
    if ((form == AuthorityForm.TM || form == AuthorityForm.TM_KT)
        && org.isPresent()
        && org.get().regime() != Regime.COLLECTIVE) {
      s.add(
          "REGIME_MISMATCH",
          form.prefix(),
          Regime.COLLECTIVE.name(),
          org.get().name(),
          org.get().regime().name());
    }
    if ((form == AuthorityForm.KT || form == AuthorityForm.TM_KT)
        && !r.assignedDocumentTypes().isEmpty()
        && !containsSame(List.copyOf(r.assignedDocumentTypes()), f.doc.type())) {
      s.add("KT_OUTSIDE_ASSIGNMENT", r.name(), f.doc.type());
    }
    if (form == AuthorityForm.TL || form == AuthorityForm.TL_KT) {
      if (org.isEmpty()
          || !containsSame(List.copyOf(org.get().byOrderDocumentTypes()), f.doc.type())) {
        s.add("TL_TYPE_NOT_ASSIGNED", f.doc.type());
      }
    }
  }

  private void competent(PolicyRule rule, Sink s, Facts f) {
    Optional<SignerRecord> rec = signerInPost(s, f);
    if (rec.isEmpty()) {
      return;
    }
    SignerRecord r = rec.get();
    List<String> positions = rule.list("positions");
    List<String> titles = rule.list("titles");
    if (positions.isEmpty() && titles.isEmpty()) {
      if (r.position() == Position.CLERK) {
        s.add("NOT_COMPETENT", r.position().name(), r.title());
      }
      return;
    }
    boolean ok =
        positions.contains(r.position().name())
            || titles.stream().anyMatch(t -> sameTitle(r.title(), t));
    if (!ok) {
      s.add("NOT_COMPETENT", r.position().name(), r.title());
    }
  }

  private void custody(Sink s, Facts f) {
    if (f.req.operator().isEmpty()) {
      s.add("OPERATOR_UNKNOWN", Severity.WARNING);
      return;
    }
    Optional<OrganisationRecord> org = registry.organisation(f.organisationName(), f.req.time());
    if (org.isEmpty()) {
      s.add("ORGANISATION_NOT_REGISTERED", Severity.WARNING, f.organisationName());
      return;
    }
    String op = f.req.operator().get();
    if (!org.get().tokenHolders().contains(op) && !org.get().tokenPermissions().contains(op)) {
      s.add("TOKEN_NOT_HELD", op, org.get().name());
    }
  }

  private static void pinState(PolicyRule rule, Sink s, TokenState t) {
    if (t.pinLocked()) {
      s.add("PIN_LOCKED", rule.text("recovery-form"), rule.number("recovery-working-days", 1));
      s.outcome(PolicyOutcome.START_DEVICE_RECOVERY);
      return;
    }
    if (t.pinFinalTry()) {
      s.add("PIN_FINAL_TRY", Severity.WARNING);
      s.outcome(PolicyOutcome.CONFIRM_FINAL_PIN_TRY);
    } else if (t.pinCountLow()) {
      s.add("PIN_COUNT_LOW", Severity.WARNING);
    }
    if (t.pinToBeChanged()) {
      s.add("PIN_TO_BE_CHANGED", Severity.WARNING);
    }
  }

  private void pinAge(PolicyRule rule, Sink s, Optional<Instant> lastChanged, LocalDate day) {
    if (lastChanged.isEmpty()) {
      s.add("PIN_AGE_UNKNOWN", Severity.INFO);
      return;
    }
    LocalDate changed = LocalDate.ofInstant(lastChanged.get(), zone);
    long months = rule.number("max-months", 6);
    if (day.isAfter(changed.plusMonths(months))) {
      s.add("PIN_TOO_OLD", Severity.WARNING, changed, months);
    }
  }

  private static void paperOriginal(PolicyRule rule, Sink s, DocumentInfo doc) {
    for (String c : doc.categories()) {
      if (rule.list("categories").contains(c)) {
        s.add("PAPER_ORIGINAL_CATEGORY", Severity.WARNING, c);
        s.outcome(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
      }
    }
    List<String> electronicOnly = rule.list("electronic-only-types");
    if (!electronicOnly.isEmpty()
        && !doc.type().isEmpty()
        && !containsSame(electronicOnly, doc.type())) {
      s.add("PAPER_ORIGINAL_TYPE", Severity.WARNING, doc.type());
      s.outcome(PolicyOutcome.PAPER_ORIGINAL_REQUIRED);
    }
  }

  private static void copyForm(Sink s, Facts f) {
    DocumentInfo doc = f.doc;
    CopyForm form = doc.copyForm().orElseThrow();
    if (form != CopyForm.TRICH_SAO && doc.copySource().orElse(null) == Medium.ELECTRONIC) {
      s.add("COPY_DIRECTION_NOT_ALLOWED", form == CopyForm.SAO_Y ? "sao y" : "sao lục");
    }
    if (form == CopyForm.SAO_LUC) {
      if (doc.copySourceForm().isEmpty()) {
        s.add("COPY_FORM_UNKNOWN", Severity.WARNING);
      } else if (doc.copySourceForm().get() != CopyForm.SAO_Y) {
        s.add("SAO_LUC_SOURCE", doc.copySourceForm().get().name());
      }
    }
    if (f.personal()) {
      s.add("COPY_NEEDS_ORGANISATION_SIGNATURE");
    }
  }

  private void numberSymbol(Sink s, Facts f) {
    DocumentInfo doc = f.doc;
    if (doc.numberSymbol().isEmpty()) {
      s.add("NUMBER_MISSING");
      return;
    }
    String ns = doc.numberSymbol().get();
    Matcher m = NUMBER_SYMBOL.matcher(ns);
    if (!m.matches()) {
      s.add("NUMBER_MALFORMED", ns);
      return;
    }
    int year = doc.issueDate().orElse(f.day).getYear();
    if (m.group(2) != null && Integer.parseInt(m.group(2)) != year) {
      s.add("NUMBER_YEAR_MISMATCH", ns, m.group(2), String.valueOf(year));
    }
    String org = doc.issuingOrganisation().orElse(f.organisationName());
    if (registry.numberUsed(org, year, ns).orElse(false)) {
      s.add("NUMBER_ALREADY_USED", ns, org, String.valueOf(year));
    }
  }

  // ---------------------------------------------------------------- verification

  /**
   * Judges the document as a whole after verification.
   *
   * @param report the report
   * @param doc the document
   * @param day the date the law is taken as of
   * @return the decision
   */
  public PolicyDecision document(ValidationReport report, DocumentInfo doc, LocalDate day) {
    List<SignatureResult> sigs =
        report.signatures().stream()
            .filter(r -> r.format() != SignatureFormat.PDF_DOCUMENT_TIMESTAMP)
            .toList();
    Sink sink =
        each(
            day,
            c -> c.when() == CheckType.When.DOCUMENT || c.when() == CheckType.When.BOTH,
            (rule, s) -> {
              switch (rule.check()) {
                case SIGNATURE_VALID -> {
                  for (SignatureResult r : sigs) {
                    if (!r.isPassed()) {
                      s.add(
                          "SIGNATURE_NOT_VALID",
                          r.id(),
                          r.subIndication().map(Enum::name).orElse(r.indication().name()));
                      s.outcome(PolicyOutcome.RETURN_TO_SENDER);
                    }
                  }
                }
                case TIMESTAMP_PRESENT -> {
                  for (SignatureResult r : sigs) {
                    if (r.level().compareTo(SignatureLevel.B_T) < 0) {
                      s.add("NO_TIMESTAMP", Severity.WARNING, r.id());
                    }
                  }
                }
                case SIGNED_BEFORE_ISSUE -> {
                  if (sigs.stream().noneMatch(SignatureResult::isPassed)) {
                    s.add("NOT_SIGNED");
                  }
                }
                case ORIGINAL_VALUE -> originalValue(rule, s, sigs, doc);
                case PAPER_ORIGINAL -> paperOriginal(rule, s, doc);
                case SEPARATE_ATTACHMENT -> {
                  if (doc.attachmentTo().isPresent()
                      && sigs.stream().noneMatch(r -> r.isPassed() && isOrganisation(r))) {
                    s.add("ATTACHMENT_WITHOUT_ORGANISATION_SIGNATURE", doc.attachmentTo().get());
                  }
                }
                default -> {
                  // signing-only checks
                }
              }
            });
    return PolicyDecision.of(day, sink.findings, sink.outcomes, packIds(), sink.satisfied);
  }

  private static boolean isOrganisation(SignatureResult r) {
    return r.signer()
        .map(id -> SignatureKind.from(id.subjectType()) == SignatureKind.ORGANISATION)
        .orElse(false);
  }

  private void originalValue(
      PolicyRule rule, Sink s, List<SignatureResult> sigs, DocumentInfo doc) {
    boolean personalBefore = false;
    boolean original = false;
    for (SignatureResult r : sigs) {
      if (!r.isPassed() || r.signingCertificate().isEmpty()) {
        continue;
      }
      if (isOrganisation(r)) {
        if (personalBefore
            || (rule.flag("digitised-organisation-only") && doc.isDigitisedFromPaper())) {
          original = true;
        }
      } else {
        Instant t = r.bestSignatureTime().or(r::claimedSigningTime).orElse(Instant.EPOCH);
        if (mayBeCompetent(r.signingCertificate().get(), t)) {
          personalBefore = true;
        }
      }
    }
    if (original) {
      s.add("ORIGINAL", Severity.INFO);
      s.outcome(PolicyOutcome.ORIGINAL_VALUE);
    } else {
      s.add("NOT_ORIGINAL", Severity.WARNING);
      s.outcome(PolicyOutcome.NOT_ORIGINAL_WITHOUT_ORGANISATION_SIGNATURE);
    }
  }

  /**
   * Returns the legal date of an instant.
   *
   * @param t the instant
   * @return the date in the configured zone
   */
  public LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, zone);
  }

  // ---------------------------------------------------------------- lifecycle advice

  /**
   * Advises on a certificate's renewal and validity length.
   *
   * @param certificate the certificate
   * @param renewalsDone how many times it was renewed
   * @param day the day
   * @return the advice
   */
  public CertificateAdvice certificate(
      X509Certificate certificate, long renewalsDone, LocalDate day) {
    LocalDate expires = LocalDate.ofInstant(certificate.getNotAfter().toInstant(), zone);
    long daysLeft = ChronoUnit.DAYS.between(day, expires);
    boolean[] open = {daysLeft >= 0};
    long[] left = {Long.MAX_VALUE};
    Sink sink =
        each(
            day,
            c -> c == CheckType.RENEWAL_WINDOW || c == CheckType.VALIDITY_LENGTH,
            (rule, s) -> {
              if (rule.check() == CheckType.VALIDITY_LENGTH) {
                validityLength(rule, s, certificate, renewalsDone > 0);
                return;
              }
              long minDays = rule.number("min-days-left", 0);
              if ("change".equals(rule.text("request"))) {
                if (daysLeft < minDays) {
                  s.add("CHANGE_WINDOW_CLOSED", Severity.WARNING, minDays, daysLeft);
                }
                return;
              }
              if (daysLeft < minDays) {
                s.add("RENEWAL_WINDOW_CLOSED", Severity.WARNING, minDays, daysLeft);
                if (s.mode != Mode.INFORMATIONAL) {
                  open[0] = false;
                }
              } else if (rule.parameters().containsKey("lead-days")
                  && daysLeft <= rule.number("lead-days", 0)) {
                s.add("RENEWAL_DUE", Severity.WARNING, minDays, expires.minusDays(minDays));
              }
              if (rule.parameters().containsKey("max-renewals")) {
                long max = rule.number("max-renewals", 0);
                if (renewalsDone >= max) {
                  s.add("RENEWALS_EXHAUSTED", Severity.WARNING, renewalsDone, max);
                  if (s.mode != Mode.INFORMATIONAL) {
                    open[0] = false;
                  }
                }
                if (s.mode != Mode.INFORMATIONAL) {
                  left[0] = Math.min(left[0], Math.max(0, max - renewalsDone));
                }
              }
            });
    List<PolicyFinding> findings = new ArrayList<>(sink.findings);
    String[] text = Text.of("CERT_EXPIRES_IN", expires, daysLeft);
    findings.add(
        new PolicyFinding(
            "CERT-EXPIRY",
            "kyso",
            "CERT_EXPIRES_IN",
            daysLeft < 0 ? Severity.ERROR : Severity.INFO,
            text[0],
            text[1],
            new Citation("RFC 5280", "4.1.2.5", "national", "C")));
    findings.sort(null);
    return new CertificateAdvice(
        day,
        expires,
        daysLeft,
        open[0],
        left[0] == Long.MAX_VALUE ? Optional.empty() : Optional.of(left[0]),
        findings);
  }

  /**
   * Advises on an HR or organisation event.
   *
   * @param event the event
   * @param eventDate when it happened
   * @return the advice
   */
  public EventAdvice event(HrEvent event, LocalDate eventDate) {
    EventAdvice.Action[] action = {EventAdvice.Action.NONE};
    LocalDate[] notifyBy = {null};
    LocalDate[] returnBy = {null};
    Sink sink =
        each(
            eventDate,
            c -> c == CheckType.HR_EVENT,
            (rule, s) -> {
              boolean revoke = rule.list("revoke-on").contains(event.name());
              boolean change = rule.list("change-on").contains(event.name());
              LocalDate notify =
                  rule.parameters().containsKey("notify-working-days")
                      ? calendar.addWorkingDays(
                          eventDate, (int) Math.min(rule.number("notify-working-days", 0), 3660))
                      : null;
              LocalDate device =
                  rule.parameters().containsKey("device-return-working-days")
                      ? calendar.addWorkingDays(
                          notify != null ? notify : eventDate,
                          (int) Math.min(rule.number("device-return-working-days", 0), 3660))
                      : null;
              if (revoke) {
                s.add(
                    "EVENT_REVOKE",
                    Severity.WARNING,
                    event.name(),
                    notify == null ? "-" : notify,
                    device == null ? "-" : device);
                if (s.mode != Mode.INFORMATIONAL) {
                  action[0] = EventAdvice.Action.REVOKE;
                  notifyBy[0] = earliest(notifyBy[0], notify);
                  returnBy[0] = earliest(returnBy[0], device);
                }
              } else if (change) {
                s.add(
                    "EVENT_CHANGE", Severity.WARNING, event.name(), notify == null ? "-" : notify);
                if (s.mode != Mode.INFORMATIONAL && action[0] == EventAdvice.Action.NONE) {
                  action[0] = EventAdvice.Action.CHANGE_INFORMATION;
                  notifyBy[0] = earliest(notifyBy[0], notify);
                }
              }
            });
    return new EventAdvice(
        event,
        action[0],
        Optional.ofNullable(notifyBy[0]),
        Optional.ofNullable(returnBy[0]),
        sink.findings.stream().sorted().toList());
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * Advises on the PIN's age.
   *
   * @param lastChanged when the PIN was last changed, if recorded
   * @param day the day
   * @return the findings
   */
  public List<PolicyFinding> pin(Optional<Instant> lastChanged, LocalDate day) {
    Sink sink =
        each(day, c -> c == CheckType.PIN_AGE, (rule, s) -> pinAge(rule, s, lastChanged, day));
    return sink.findings.stream().sorted().toList();
  }

  /**
   * Lists the reporting deadlines in a year from the packs in force on them.
   *
   * @param year the year
   * @return the deadlines, by date
   */
  public List<ReportingDeadline> reporting(int year) {
    List<ReportingDeadline> out = new ArrayList<>();
    for (PolicyPack pack : packs) {
      for (PolicyRule rule : pack.rules()) {
        if (rule.check() != CheckType.REPORTING_CALENDAR) {
          continue;
        }
        for (String md : rule.list("dates")) {
          LocalDate d = MonthDay.parse("--" + md).atYear(year);
          if (pack.isInForce(d) && rule.appliesOn(d) && pack.status() != PackStatus.DRAFT) {
            out.add(new ReportingDeadline(d, rule.id(), pack.id(), rule.citation()));
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  // ---------------------------------------------------------------- names

  private static boolean same(String a, String b) {
    return NameNormalizer.sameName(a, b);
  }

  private static boolean sameTitle(String titleLine, String title) {
    String a = NameNormalizer.normalize(titleLine);
    String b = NameNormalizer.normalize(title);
    return !b.isEmpty() && (a.equals(b) || a.endsWith(" " + b) && !a.endsWith("pho " + b));
  }

  private static boolean containsSame(List<String> values, String value) {
    return values.stream().anyMatch(v -> same(v, value));
  }
}
