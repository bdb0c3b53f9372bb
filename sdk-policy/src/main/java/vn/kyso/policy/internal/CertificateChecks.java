package vn.kyso.policy.internal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.kyso.api.NameNormalizer;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.policy.KeyStorage;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.policy.PolicyRule;

/**
 * The signer's certificate and key: valid at signing time (VT30-02, CD68-13), from the right family
 * of CAs, with a strong enough key, held in an accepted kind of device.
 */
final class CertificateChecks implements Check {
  private static final List<String> SPECIAL_USE_MARKERS =
      List.of(
          "ban co yeu chinh phu",
          "chung thuc so chuyen dung",
          "co quan chung thuc so",
          "ca phuc vu cac co quan nha nuoc",
          "ca phuc vu cac co quan dang",
          "ca phuc vu cho dich vu phan mem",
          "cuc chung thuc so va bao mat thong tin");

  record Families(List<String> families) {}

  record Minimums(
      long rsaMinBits,
      long ecMinBits,
      boolean preferPss,
      Optional<String> regime,
      List<String> hashes,
      boolean pssNamed) {}

  record Accepted(List<String> accepted) {}

  record Usages(List<String> usages) {}

  /** RFC 5280 4.2.1.3 names, in the order of the key usage bits. */
  private static final List<String> KEY_USAGE_NAMES =
      List.of(
          "digitalSignature",
          "nonRepudiation",
          "keyEncipherment",
          "dataEncipherment",
          "keyAgreement",
          "keyCertSign",
          "cRLSign",
          "encipherOnly",
          "decipherOnly");

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case ISSUER_FAMILY -> new Families(rule.list("families"));
      case ALGORITHM_MINIMUMS ->
          new Minimums(
              rule.number("rsa-min-bits", 2048),
              rule.number("ec-min-bits", 256),
              rule.flag("prefer-pss"),
              Optional.of(rule.text("regime")).filter(r -> !r.isEmpty()),
              rule.list("hashes"),
              rule.flag("pss-named"));
      case KEY_STORAGE -> new Accepted(rule.list("accepted"));
      case KEY_USAGE -> new Usages(rule.list("usages"));
      default -> rule;
    };
  }

  @Override
  public void signing(CompiledRule rule, Out out, SigningFacts f) {
    switch (rule.rule().check()) {
      case CERTIFICATE_VALIDITY -> validity(out, f);
      case ISSUER_FAMILY -> issuerFamily(rule.params(Families.class), out, f);
      case ALGORITHM_MINIMUMS -> algorithm(rule.params(Minimums.class), out, f);
      case KEY_USAGE -> keyUsage(rule.params(Usages.class), out, f);
      default -> {
        KeyStorage k = f.req.keyStorage();
        List<String> accepted = rule.params(Accepted.class).accepted();
        if (f.verification || k == KeyStorage.UNKNOWN) {
          out.notApplicable();
        } else if (!accepted.contains(k.name())) {
          out.add("KEY_STORAGE_NOT_ACCEPTED", k.name(), String.join(", ", accepted));
        }
      }
    }
  }

  private static void validity(Out out, SigningFacts f) {
    X509Certificate c = f.req.certificate();
    Instant t = f.req.time();
    if (t.isBefore(c.getNotBefore().toInstant())) {
      out.add("CERT_NOT_YET_VALID", c.getNotBefore().toInstant());
      return;
    }
    if (t.isAfter(c.getNotAfter().toInstant())) {
      out.add("CERT_EXPIRED", c.getNotAfter().toInstant());
      return;
    }
    Optional<CertificateResult> result = f.req.certificateResult();
    if (result.isEmpty()) {
      out.add("CERT_STATUS_NOT_CHECKED", Severity.WARNING);
      return;
    }
    CertificateResult r = result.get();
    for (RevocationEvidence e : r.revocation()) {
      if (e.certificate().equals(c)
          && e.status() == RevocationEvidence.Status.REVOKED
          && e.revocationTime().map(rt -> !rt.isAfter(t)).orElse(true)) {
        out.add("CERT_REVOKED", e.revocationTime().orElse(t));
        return;
      }
    }
    if (r.subIndication().filter(x -> x == SubIndication.REVOKED).isPresent()) {
      out.add("CERT_REVOKED", r.validationTime());
    } else if (!r.isPassed()) {
      String why = r.subIndication().map(Enum::name).orElse(r.indication().name());
      if (r.indication() == Indication.TOTAL_FAILED) {
        out.add("CERT_INVALID", why);
      } else {
        out.add("CERT_STATUS_UNKNOWN", Severity.WARNING, why);
      }
    } else {
      out.met("MET_CERT_VALID", c.getNotAfter().toInstant());
    }
  }

  private static void keyUsage(Usages p, Out out, SigningFacts f) {
    boolean[] bits = f.req.certificate().getKeyUsage();
    if (bits == null) {
      // RFC 5280 4.2.1.3: without the extension the key is not restricted.
      out.met("MET_KEY_USAGE_UNRESTRICTED");
      return;
    }
    for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.size(); i++) {
      if (bits[i] && p.usages().contains(KEY_USAGE_NAMES.get(i))) {
        out.met("MET_KEY_USAGE", KEY_USAGE_NAMES.get(i));
        return;
      }
    }
    List<String> has = new ArrayList<>();
    for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.size(); i++) {
      if (bits[i]) {
        has.add(KEY_USAGE_NAMES.get(i));
      }
    }
    out.add(
        "KEY_USAGE_NOT_ALLOWED",
        f.req.operation().name(),
        String.join(", ", p.usages()),
        has.isEmpty() ? "-" : String.join(", ", has));
  }

  /** "special-use" when the issuer or the anchor is a Ban Cơ yếu CA, else "public". */
  static String family(SigningFacts f) {
    Optional<CertificateResult> r = f.req.certificateResult().filter(CertificateResult::isPassed);
    String names = f.req.certificate().getIssuerX500Principal().getName();
    if (r.isPresent() && r.get().anchor().isPresent()) {
      names += " " + r.get().anchor().get().getSubjectX500Principal().getName();
    }
    String normalised = NameNormalizer.normalize(names);
    return SPECIAL_USE_MARKERS.stream().anyMatch(normalised::contains) ? "special-use" : "public";
  }

  private static void issuerFamily(Families p, Out out, SigningFacts f) {
    String family = family(f);
    if (!p.families().contains(family)) {
      out.add("ISSUER_FAMILY_NOT_ALLOWED", family, String.join(", ", p.families()));
    } else if (f.req.certificateResult().filter(CertificateResult::isPassed).isEmpty()
        && !f.verification) {
      out.add("ISSUER_FAMILY_UNVERIFIED", Severity.INFO, family);
    }
  }

  private static void algorithm(Minimums p, Out out, SigningFacts f) {
    if (p.regime().isPresent() && !p.regime().get().equals(family(f))) {
      // GD23-05 (TT15/2025 Phụ lục I) is a public-regime rule (RULES-ERRATA 1.1).
      out.notApplicable();
      return;
    }
    PublicKey key = f.req.certificate().getPublicKey();
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < p.rsaMinBits()) {
        out.add("KEY_TOO_SMALL", "RSA", bits, p.rsaMinBits());
      }
    } else if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits < p.ecMinBits()) {
        out.add("KEY_TOO_SMALL", "EC", bits, p.ecMinBits());
      }
    }
    Optional<SignatureAlgorithm> alg = f.req.algorithm();
    if (alg.isPresent()
        && !p.hashes().isEmpty()
        && !p.hashes().contains(alg.get().digestAlgorithm().jcaName())) {
      out.add(
          "HASH_NOT_ALLOWED", alg.get().digestAlgorithm().jcaName(), String.join(", ", p.hashes()));
    }
    boolean pkcs1 =
        alg.isPresent()
            && alg.get().keyType() == SignatureAlgorithm.KeyType.RSA
            && !alg.get().isPss();
    if (p.pssNamed() && pkcs1) {
      out.add("PSS_NAMED", Severity.WARNING);
    } else if (p.preferPss()
        && alg.isPresent()
        && alg.get().keyType() == SignatureAlgorithm.KeyType.RSA
        && !alg.get().name().startsWith("RSA_PSS")) {
      out.add("PSS_PREFERRED", Severity.INFO);
    }
  }
}
