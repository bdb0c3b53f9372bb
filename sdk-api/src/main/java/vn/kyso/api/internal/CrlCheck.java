package vn.kyso.api.internal;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import vn.kyso.api.DocumentException;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;

/**
 * Decides a certificate's status from a set of CRLs as RFC 5280 6.3.3 does: a CRL speaks for the
 * certificate only when its scope covers it (issuer or indirect cRLIssuer, the issuing distribution
 * point matched against the certificate's distribution points, user/CA-only flags, reason
 * partitions); its signer must hold cRLSign and validate to the same anchor (possibly another key
 * of the same CA, after a key rollover); a delta CRL adds or lifts entries of its base; and "not
 * revoked" needs CRLs in scope that together cover every reason. A CRL out of scope is not
 * evidence, so it never stops the search for one that is.
 */
public final class CrlCheck {
  private static final int ALL_REASONS =
      ReasonFlags.keyCompromise
          | ReasonFlags.cACompromise
          | ReasonFlags.affiliationChanged
          | ReasonFlags.superseded
          | ReasonFlags.cessationOfOperation
          | ReasonFlags.certificateHold
          | ReasonFlags.privilegeWithdrawn
          | ReasonFlags.aACompromise;

  /** CRL extensions this check processes (IDP, delta indicator, CRL number, AKI, freshest). */
  private static final Set<String> UNDERSTOOD_CRL_EXTENSIONS =
      Set.of("2.5.29.28", "2.5.29.27", "2.5.29.20", "2.5.29.35", "2.5.29.46");

  /** CRL entry extensions understood: reason, invalidity date, certificate issuer, hold code. */
  private static final Set<String> UNDERSTOOD_ENTRY_EXTENSIONS =
      Set.of("2.5.29.21", "2.5.29.24", "2.5.29.29", "2.5.29.23");

  private CrlCheck() {}

  /** One CRL offered as evidence, with where it came from. */
  public record Candidate(byte[] der, RevocationEvidence.Origin origin) {}

  /** Finds the validated signer of a CRL: a certificate whose key verifies it, with its path. */
  @FunctionalInterface
  public interface Signers {
    /**
     * Returns the signer's chain (signer first) when a certificate named as the CRL's issuer holds
     * cRLSign, verifies the CRL's signature and validates to the target's anchor; else empty.
     *
     * @param crl the CRL
     * @return the chain, or empty when no such signer exists
     */
    Optional<List<X509Certificate>> signerOf(X509CRL crl);
  }

  /**
   * The decision.
   *
   * @param evidence what the CRLs prove (GOOD only with full reason coverage), or null when they
   *     prove nothing
   * @param failures why CRLs offered were not used
   */
  public record Outcome(RevocationEvidence evidence, List<String> failures) {}

  private record Parsed(X509CRL crl, byte[] der, RevocationEvidence.Origin origin) {}

  private record Point(List<GeneralName> names, int reasons, List<X500Name> crlIssuers) {}

  /**
   * Decides the status of a certificate from CRLs.
   *
   * @param certificate the certificate
   * @param issuer its issuer (the path's next certificate)
   * @param candidates the CRLs to consider
   * @param lookup validates CRL signers
   * @param time the time the status is needed for
   * @param now the current time
   * @param maxAge how long a CRL without nextUpdate stays usable
   * @param skew tolerated clock difference
   * @return the outcome
   */
  public static Outcome check(
      X509Certificate certificate,
      X509Certificate issuer,
      List<Candidate> candidates,
      Signers lookup,
      Instant time,
      Instant now,
      Duration maxAge,
      Duration skew) {
    // One signer search per CRL, however many distribution points and deltas ask for it: each
    // may validate another certificate path.
    Map<X509CRL, Optional<List<X509Certificate>>> signerOf = new IdentityHashMap<>();
    Signers signers = crl -> signerOf.computeIfAbsent(crl, lookup::signerOf);
    List<String> failures = new ArrayList<>();
    List<Parsed> complete = new ArrayList<>();
    List<Parsed> deltas = new ArrayList<>();
    for (Candidate c : candidates) {
      X509CRL crl;
      try {
        crl = Revocation.parseCrl(c.der());
      } catch (DocumentException e) {
        failures.add("CRL: damaged");
        continue;
      }
      String problem = structuralProblem(crl);
      if (problem != null) {
        failures.add(
            "CRL of " + Certificates.readableName(crl.getIssuerX500Principal()) + ": " + problem);
        continue;
      }
      (crl.getExtensionValue("2.5.29.27") != null ? deltas : complete)
          .add(new Parsed(crl, c.der(), c.origin()));
    }
    complete.sort(Comparator.comparing((Parsed p) -> p.crl().getThisUpdate()).reversed());
    boolean ca = certificate.getBasicConstraints() >= 0;
    int covered = 0;
    RevocationEvidence first = null;
    for (Point dp : distributionPoints(certificate)) {
      for (Parsed p : complete) {
        X509CRL crl = p.crl();
        String scope;
        try {
          scope = scopeProblem(crl, certificate, issuer, dp, ca);
        } catch (RuntimeException e) {
          // A damaged distribution point name in a CRL an attacker embedded: not evidence.
          scope = "damaged issuing distribution point";
        }
        if (scope != null) {
          if (!scope.isEmpty()) {
            failures.add(
                "CRL of " + Certificates.readableName(crl.getIssuerX500Principal()) + ": " + scope);
          }
          continue;
        }
        int interim = dp.reasons() & onlySomeReasons(crl);
        if ((interim & ~covered) == 0) {
          continue;
        }
        String stale = staleness(crl, time, now, maxAge, skew);
        if (stale != null && stale.startsWith(Revocation.FUTURE)) {
          failures.add("CRL: " + stale);
          continue;
        }
        Optional<List<X509Certificate>> signer = signers.signerOf(crl);
        if (signer.isEmpty()) {
          failures.add(
              "CRL of "
                  + Certificates.readableName(crl.getIssuerX500Principal())
                  + ": no certificate with cRLSign that verifies it validates to the same anchor");
          continue;
        }
        Parsed delta = delta(crl, deltas, signers, time, now, maxAge, skew, failures);
        X509CRLEntry entry = null;
        Parsed used = p;
        boolean lifted = false;
        if (delta != null) {
          X509CRLEntry d = delta.crl().getRevokedCertificate(certificate);
          if (d != null && d.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
            lifted = true;
          } else if (d != null) {
            entry = d;
            used = delta;
          }
        }
        if (entry == null && !lifted) {
          X509CRLEntry e = crl.getRevokedCertificate(certificate);
          if (e != null && e.getRevocationReason() != CRLReason.REMOVE_FROM_CRL) {
            entry = e;
          }
        }
        boolean hold = entry != null && entry.getRevocationReason() == CRLReason.CERTIFICATE_HOLD;
        // A revocation stays a revocation however old the list that proves it (entries leave a
        // CRL only after the certificate expires); a hold or "not revoked" needs a fresh list.
        if (stale != null && (entry == null || hold)) {
          failures.add("CRL: " + stale);
          continue;
        }
        if (entry != null) {
          Optional<String> reason =
              Optional.ofNullable(entry.getRevocationReason()).map(Enum::name);
          return new Outcome(
              evidence(
                  certificate,
                  used,
                  RevocationEvidence.Status.REVOKED,
                  Optional.of(entry.getRevocationDate().toInstant()),
                  reason,
                  signer.get()),
              failures);
        }
        covered |= interim;
        if (first == null) {
          first =
              evidence(
                  certificate,
                  delta != null ? delta : p,
                  RevocationEvidence.Status.GOOD,
                  Optional.empty(),
                  Optional.empty(),
                  signer.get());
        }
        if ((covered & ALL_REASONS) == ALL_REASONS) {
          return new Outcome(first, failures);
        }
      }
    }
    if (first != null) {
      failures.add("CRLs in scope do not cover every revocation reason");
    }
    return new Outcome(null, failures);
  }

  private static String structuralProblem(X509CRL crl) {
    if (X509Extensions.WEAK_SIGNATURE_ALGORITHMS.contains(crl.getSigAlgOID())) {
      return "weak signature algorithm " + crl.getSigAlgOID();
    }
    Set<String> critical = crl.getCriticalExtensionOIDs();
    if (critical != null) {
      for (String oid : critical) {
        if (!UNDERSTOOD_CRL_EXTENSIONS.contains(oid)) {
          return "unknown critical CRL extension " + oid;
        }
      }
    }
    if (crl.getRevokedCertificates() != null) {
      for (X509CRLEntry e : crl.getRevokedCertificates()) {
        Set<String> c = e.getCriticalExtensionOIDs();
        if (c != null && !UNDERSTOOD_ENTRY_EXTENSIONS.containsAll(c)) {
          return "unknown critical CRL entry extension";
        }
      }
    }
    return null;
  }

  /** The certificate's distribution points; one implicit point when it names none. */
  private static List<Point> distributionPoints(X509Certificate certificate) {
    byte[] ext = X509Extensions.raw(certificate, "2.5.29.31");
    if (ext == null) {
      return List.of(new Point(List.of(), ALL_REASONS, List.of()));
    }
    List<Point> out = new ArrayList<>();
    try {
      CRLDistPoint dps = CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets());
      X500Name certIssuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
      for (DistributionPoint dp : dps.getDistributionPoints()) {
        List<X500Name> crlIssuers = new ArrayList<>();
        if (dp.getCRLIssuer() != null) {
          for (GeneralName g : dp.getCRLIssuer().getNames()) {
            if (g.getTagNo() == GeneralName.directoryName) {
              crlIssuers.add(X500Name.getInstance(g.getName()));
            }
          }
        }
        X500Name base = crlIssuers.isEmpty() ? certIssuer : crlIssuers.get(0);
        int reasons = dp.getReasons() == null ? ALL_REASONS : dp.getReasons().intValue();
        out.add(new Point(names(dp.getDistributionPoint(), base), reasons, crlIssuers));
      }
    } catch (RuntimeException e) {
      return List.of(new Point(List.of(), ALL_REASONS, List.of()));
    }
    return out;
  }

  /** The full names of a distribution point name; a relative name is put under {@code base}. */
  private static List<GeneralName> names(DistributionPointName name, X500Name base) {
    if (name == null) {
      return List.of();
    }
    if (name.getType() == DistributionPointName.FULL_NAME) {
      return Arrays.asList(GeneralNames.getInstance(name.getName()).getNames());
    }
    RDN[] rdns = base.getRDNs();
    RDN[] all = Arrays.copyOf(rdns, rdns.length + 1);
    all[rdns.length] = RDN.getInstance(name.getName());
    return List.of(new GeneralName(new X500Name(all)));
  }

  /**
   * Why a CRL does not speak for the certificate through this distribution point: null when it
   * does, empty when it is merely about another issuer (no note needed), else the reason.
   */
  private static String scopeProblem(
      X509CRL crl, X509Certificate certificate, X509Certificate issuer, Point dp, boolean ca) {
    X500Name crlIssuer = X500Name.getInstance(crl.getIssuerX500Principal().getEncoded());
    IssuingDistributionPoint idp = idp(crl);
    if (idp == null && crl.getExtensionValue("2.5.29.28") != null) {
      return "damaged issuing distribution point";
    }
    if (!dp.crlIssuers().isEmpty()) {
      if (!dp.crlIssuers().contains(crlIssuer)) {
        return "";
      }
      if (idp == null || !idp.isIndirectCRL()) {
        return "names the certificate's cRLIssuer but is not an indirect CRL";
      }
    } else if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
      return "";
    }
    if (idp == null) {
      return null;
    }
    if (idp.getDistributionPoint() != null) {
      List<GeneralName> idpNames = names(idp.getDistributionPoint(), crlIssuer);
      List<GeneralName> certNames = new ArrayList<>(dp.names());
      if (certNames.isEmpty()) {
        for (X500Name n : dp.crlIssuers()) {
          certNames.add(new GeneralName(n));
        }
      }
      if (certNames.stream().noneMatch(idpNames::contains)) {
        return "its issuing distribution point is not one of the certificate's (RFC 5280 6.3.3)";
      }
    }
    if (idp.onlyContainsUserCerts() && ca) {
      return "holds only end-entity certificates";
    }
    if (idp.onlyContainsCACerts() && !ca) {
      return "holds only CA certificates";
    }
    if (idp.onlyContainsAttributeCerts()) {
      return "holds only attribute certificates";
    }
    return null;
  }

  private static IssuingDistributionPoint idp(X509CRL crl) {
    byte[] v = crl.getExtensionValue("2.5.29.28");
    if (v == null) {
      return null;
    }
    try {
      return IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(v).getOctets());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int onlySomeReasons(X509CRL crl) {
    IssuingDistributionPoint idp = idp(crl);
    return idp == null || idp.getOnlySomeReasons() == null
        ? ALL_REASONS
        : idp.getOnlySomeReasons().intValue();
  }

  /** The freshest usable delta CRL for a complete CRL, or null. */
  private static Parsed delta(
      X509CRL base,
      List<Parsed> deltas,
      Signers signers,
      Instant time,
      Instant now,
      Duration maxAge,
      Duration skew,
      List<String> failures) {
    BigInteger number = integerExtension(base, "2.5.29.20");
    byte[] baseIdp = base.getExtensionValue("2.5.29.28");
    Parsed best = null;
    for (Parsed d : deltas) {
      X509CRL crl = d.crl();
      if (!crl.getIssuerX500Principal().equals(base.getIssuerX500Principal())
          || !Arrays.equals(baseIdp, crl.getExtensionValue("2.5.29.28"))) {
        continue;
      }
      BigInteger baseNumber = integerExtension(crl, "2.5.29.27");
      if (number == null || baseNumber == null || baseNumber.compareTo(number) > 0) {
        failures.add("delta CRL: its base is not the complete CRL at hand");
        continue;
      }
      String stale = staleness(crl, time, now, maxAge, skew);
      if (stale != null) {
        failures.add("delta CRL: " + stale);
        continue;
      }
      if (signers.signerOf(crl).isEmpty()) {
        failures.add("delta CRL: no valid signer");
        continue;
      }
      if (best == null || crl.getThisUpdate().after(best.crl().getThisUpdate())) {
        best = d;
      }
    }
    return best;
  }

  private static BigInteger integerExtension(X509CRL crl, String oid) {
    byte[] v = crl.getExtensionValue(oid);
    if (v == null) {
      return null;
    }
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v).getOctets());
      return ASN1Integer.getInstance(p).getValue();
    } catch (Exception e) {
      return null;
    }
  }

  private static String staleness(
      X509CRL crl, Instant time, Instant now, Duration maxAge, Duration skew) {
    return Revocation.staleness(
        crl.getThisUpdate().toInstant(),
        Optional.ofNullable(crl.getNextUpdate()).map(d -> d.toInstant()),
        time,
        now,
        maxAge,
        skew);
  }

  private static RevocationEvidence evidence(
      X509Certificate certificate,
      Parsed p,
      RevocationEvidence.Status status,
      Optional<Instant> revocationTime,
      Optional<String> reason,
      List<X509Certificate> signer) {
    X509CRL crl = p.crl();
    return new RevocationEvidence(
        certificate,
        RevocationEvidence.Kind.CRL,
        p.origin(),
        status,
        crl.getThisUpdate().toInstant(),
        Optional.ofNullable(crl.getNextUpdate()).map(d -> d.toInstant()),
        revocationTime,
        reason,
        signer,
        p.der());
  }
}
