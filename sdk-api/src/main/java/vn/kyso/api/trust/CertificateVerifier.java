package vn.kyso.api.trust;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ServiceException;
import vn.kyso.api.internal.CrlCheck;
import vn.kyso.api.internal.Findings;
import vn.kyso.api.internal.PolicyAndNames;
import vn.kyso.api.internal.RawSignatures;
import vn.kyso.api.internal.Revocation;
import vn.kyso.api.internal.X509Extensions;
import vn.kyso.api.shared.Http;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SubIndication;

/**
 * Validates a certificate at a given time: builds its path to a trust anchor, checks validity
 * periods, basic constraints, path length, key usage, critical extensions and algorithms, and the
 * revocation status of every certificate of the path (RFC 5280, RFC 6960, ETSI EN 319 102-1 clause
 * 5.2.6).
 *
 * <p>Built once, immutable and thread-safe; share one instance. Revocation material is taken first
 * from the {@link ValidationContext} (embedded in the document), then from this verifier's cache,
 * then, when {@link NetworkSettings#isOnline() online}, from the OCSP responder and the CRL
 * distribution points named in the certificate.
 *
 * <p><b>Security notes.</b>
 *
 * <ul>
 *   <li>Paths are built by key and signature, never by name alone; anchors are matched by subject
 *       and public key.
 *   <li>SHA-1 and MD5 signatures and RSA keys under 2048 bits (EC under 256) fail, with one
 *       exception: a CA certificate issued directly by a pinned anchor may be SHA-1 signed, because
 *       the whole Vietnamese G1 special-use hierarchy is; this is reported as the finding {@code
 *       CERT_SHA1_PINNED_SUBCA}.
 *   <li>Revocation that cannot be established gives INDETERMINATE with the reason, never a pass. A
 *       certificate revoked after a merely claimed signing time gives INDETERMINATE ({@code
 *       REVOKED_NO_POE}).
 *   <li>OCSP responses must be signed by the issuer or by a responder it authorised
 *       (id-kp-OCSPSigning); a nonce is sent online and a response echoing another nonce is
 *       refused. SHA-1-signed OCSP responses and CRLs are refused.
 * </ul>
 *
 * @since 0.1
 */
public final class CertificateVerifier {
  private static final int MAX_PATH_LENGTH = 10;
  private static final int MAX_PATHS = 8;

  private final TrustAnchors anchors;
  private final List<X509Certificate> intermediates;
  private final List<byte[]> suppliedCrls;
  private final List<RevocationChecks.Supplied> suppliedOcsp;
  private final NetworkSettings network;
  private final Clock clock;
  private final Duration maxRevocationAge;
  private final Duration clockSkew;
  private final boolean skipRevocation;
  private final Http http;
  private final Map<String, List<RevocationEvidence>> cache;

  private CertificateVerifier(Builder b) {
    this.anchors = b.anchors;
    this.intermediates = List.copyOf(b.intermediates);
    this.suppliedCrls = List.copyOf(b.suppliedCrls);
    this.suppliedOcsp = b.suppliedOcsp.stream().map(RevocationChecks.Supplied::new).toList();
    this.network = b.network;
    this.clock = b.clock;
    this.maxRevocationAge = b.maxRevocationAge;
    this.clockSkew = b.clockSkew;
    this.skipRevocation = b.skipRevocation;
    this.http =
        network.isOnline()
            ? new Http(network.connectTimeout(), network.timeout(), network.maxResponseBytes())
            : null;
    int cacheSize = b.cacheSize;
    this.cache =
        Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(
                  Map.Entry<String, List<RevocationEvidence>> eldest) {
                return size() > cacheSize;
              }
            });
  }

  /**
   * Returns a builder; a verifier cannot exist without trust anchors.
   *
   * @param anchors the anchors to build paths to
   * @return the builder
   */
  public static Builder builder(TrustAnchors anchors) {
    return new Builder(anchors);
  }

  /**
   * Returns the anchors this verifier trusts.
   *
   * @return the anchors
   */
  public TrustAnchors trustAnchors() {
    return anchors;
  }

  /**
   * Returns the clock that defines "now".
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Validates a signing certificate now, with no extra material.
   *
   * @param certificate the certificate
   * @return the result
   */
  public CertificateResult verify(X509Certificate certificate) {
    return verify(certificate, ValidationContext.now());
  }

  /**
   * Validates a certificate in a context.
   *
   * @param certificate the certificate
   * @param context time, purpose and supplied material
   * @return the result; never throws for a bad certificate or bad material
   */
  public CertificateResult verify(X509Certificate certificate, ValidationContext context) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(context, "context");
    Instant now = clock.instant();
    Instant time = context.time().orElse(now);
    boolean proven = context.time().isEmpty() || context.isTimeProven();
    List<X509Certificate> pool = new ArrayList<>(anchors.anchors());
    pool.addAll(anchors.intermediates());
    pool.addAll(intermediates);
    pool.addAll(context.certificates());
    List<Finding> preliminary = new ArrayList<>();
    List<List<X509Certificate>> paths = buildPaths(certificate, pool);
    if (paths.isEmpty() && network.isAiaFetchingAllowed()) {
      fetchIssuers(certificate, pool, preliminary);
      paths = buildPaths(certificate, pool);
    }
    if (paths.isEmpty()) {
      preliminary.add(
          0,
          Findings.of(
              "CERT_CHAIN_NOT_FOUND",
              Severity.ERROR,
              Certificates.readableName(certificate.getSubjectX500Principal()),
              Certificates.readableName(certificate.getIssuerX500Principal())));
      return new CertificateResult(
          Indication.INDETERMINATE,
          Optional.of(SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
          List.of(),
          time,
          List.of(),
          preliminary);
    }
    CertificateResult best = null;
    for (List<X509Certificate> path : paths) {
      CertificateResult r =
          evaluate(path, context, time, proven, now, preliminary, pool, 0, Set.of());
      if (best == null || rank(r) < rank(best)) {
        best = r;
      }
      if (best.isPassed()) {
        break;
      }
    }
    return best;
  }

  private static int rank(CertificateResult r) {
    return switch (r.indication()) {
      case TOTAL_PASSED -> 0;
      case INDETERMINATE -> 1;
      case TOTAL_FAILED -> 2;
    };
  }

  // ---- path building: by name, key identifier and signature ----

  private List<List<X509Certificate>> buildPaths(
      X509Certificate start, List<X509Certificate> pool) {
    List<List<X509Certificate>> out = new ArrayList<>();
    List<X509Certificate> path = new ArrayList<>();
    path.add(start);
    extend(path, pool, out);
    return out;
  }

  private void extend(
      List<X509Certificate> path, List<X509Certificate> pool, List<List<X509Certificate>> out) {
    if (out.size() >= MAX_PATHS) {
      return;
    }
    X509Certificate last = path.get(path.size() - 1);
    if (anchors.isAnchor(last)) {
      out.add(List.copyOf(path));
      return;
    }
    if (path.size() >= MAX_PATH_LENGTH) {
      return;
    }
    for (X509Certificate candidate : pool) {
      if (contains(path, candidate) || !issued(candidate, last)) {
        continue;
      }
      path.add(candidate);
      extend(path, pool, out);
      path.remove(path.size() - 1);
    }
  }

  private static boolean contains(List<X509Certificate> path, X509Certificate c) {
    for (X509Certificate p : path) {
      if (p.equals(c)
          || p.getSubjectX500Principal().equals(c.getSubjectX500Principal())
              && Arrays.equals(p.getPublicKey().getEncoded(), c.getPublicKey().getEncoded())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code issuer} signed {@code child}: same name, and the signature verifies. */
  static boolean issued(X509Certificate issuer, X509Certificate child) {
    if (!issuer.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
      return false;
    }
    try {
      child.verify(issuer.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private void fetchIssuers(
      X509Certificate start, List<X509Certificate> pool, List<Finding> findings) {
    X509Certificate current = start;
    for (int depth = 0; depth < 4; depth++) {
      X509Certificate found = null;
      for (URI uri : X509Extensions.caIssuerUrls(current)) {
        try {
          for (X509Certificate c : Certificates.parse(http.get(uri))) {
            if (issued(c, current)) {
              pool.add(c);
              found = c;
            }
          }
          findings.add(Findings.of("CERT_ISSUER_FETCHED", Severity.INFO, uri));
        } catch (ServiceException | DocumentException e) {
          findings.add(Findings.of("CERT_ISSUER_FETCH_FAILED", Severity.INFO, uri, e.getMessage()));
        }
        if (found != null) {
          break;
        }
      }
      if (found == null || anchors.isAnchor(found)) {
        return;
      }
      current = found;
    }
  }

  // ---- evaluation of one path ----

  private final class Outcome {
    Indication indication = Indication.TOTAL_PASSED;
    SubIndication sub;
    final List<Finding> findings = new ArrayList<>();
    final List<Finding> notes = new ArrayList<>();

    void fail(SubIndication s, Finding f) {
      findings.add(f);
      if (indication == Indication.TOTAL_PASSED
          || indication == Indication.INDETERMINATE && s.indication() == Indication.TOTAL_FAILED) {
        indication = s.indication();
        sub = s;
      }
    }

    void note(Finding f) {
      notes.add(f);
    }
  }

  private CertificateResult evaluate(
      List<X509Certificate> path,
      ValidationContext context,
      Instant time,
      boolean proven,
      Instant now,
      List<Finding> preliminary,
      List<X509Certificate> pool,
      int depth,
      Set<X509Certificate> validating) {
    Outcome o = new Outcome();
    int anchorIndex = path.size() - 1;
    X509Certificate anchor = path.get(anchorIndex);
    if (!proven) {
      o.note(Findings.of("CERT_TIME_UNPROVEN", Severity.INFO, time));
    }
    for (int i = 0; i <= anchorIndex; i++) {
      X509Certificate c = path.get(i);
      String subject = Certificates.readableName(c.getSubjectX500Principal());
      int bits = RawSignatures.keySize(c.getPublicKey());
      String alg = c.getPublicKey().getAlgorithm();
      if (alg.equals("RSA") && bits < 2048
          || alg.equals("EC") && bits < 256
          || !alg.equals("RSA") && !alg.equals("EC")) {
        o.fail(
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
            Findings.of("CERT_WEAK_KEY", Severity.ERROR, subject, alg + "-" + bits));
      }
      if (i == anchorIndex) {
        if (time.isAfter(c.getNotAfter().toInstant())
            || time.isBefore(c.getNotBefore().toInstant())) {
          o.note(
              Findings.of(
                  "ANCHOR_OUT_OF_VALIDITY",
                  Severity.WARNING,
                  subject,
                  c.getNotAfter().toInstant()));
        }
        break;
      }
      X509Certificate issuer = path.get(i + 1);
      if (X509Extensions.WEAK_SIGNATURE_ALGORITHMS.contains(c.getSigAlgOID())) {
        if (i + 1 == anchorIndex && c.getBasicConstraints() >= 0) {
          o.note(Findings.of("CERT_SHA1_PINNED_SUBCA", Severity.INFO, subject, c.getSigAlgName()));
        } else {
          o.fail(
              SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
              Findings.of(
                  "CERT_WEAK_SIGNATURE_ALGORITHM", Severity.ERROR, subject, c.getSigAlgName()));
        }
      }
      checkValidity(o, c, i == 0, time, context.time().isPresent() && proven);
      checkExtensions(o, c, i == 0, context.purpose());
      checkIssuer(o, issuer, intermediatesCounted(path, i));
    }
    PolicyAndNames.Outcome policies =
        PolicyAndNames.process(
            path,
            time,
            context.initialPolicies(),
            context.isExplicitPolicyRequired(),
            context.isPolicyMappingInhibited(),
            context.isAnyPolicyInhibited());
    if (policies.failure() != null && o.indication == Indication.TOTAL_PASSED) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of(
              policies.failure(),
              Severity.ERROR,
              policies.subject() == null ? "" : policies.subject(),
              policies.detail()));
    }
    List<RevocationEvidence> evidence = new ArrayList<>();
    if (skipRevocation) {
      o.note(Findings.of("REVOCATION_CHECK_SKIPPED", Severity.WARNING));
    } else if (o.indication != Indication.TOTAL_FAILED) {
      for (int i = 0; i < anchorIndex; i++) {
        checkRevocation(
            o,
            path.get(i),
            path.get(i + 1),
            i == 0,
            context,
            time,
            proven,
            now,
            evidence,
            new Lookup(pool, anchor, depth, validating));
      }
    }
    List<Finding> all = new ArrayList<>(o.findings);
    all.addAll(preliminary);
    all.addAll(o.notes);
    return new CertificateResult(
        o.indication,
        Optional.ofNullable(o.sub),
        path,
        time,
        evidence,
        all,
        o.indication == Indication.TOTAL_PASSED ? policies.validPolicies() : Set.of());
  }

  /**
   * The intermediate CA certificates below {@code path[i + 1]} that count against its path length
   * constraint: those between it and the end entity, less the self-issued ones (RFC 5280 6.1.4
   * (l)).
   */
  private static int intermediatesCounted(List<X509Certificate> path, int i) {
    int n = 0;
    for (int j = 1; j <= i; j++) {
      X509Certificate c = path.get(j);
      if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        n++;
      }
    }
    return n;
  }

  private void checkValidity(
      Outcome o, X509Certificate c, boolean endEntity, Instant time, boolean poe) {
    String subject = Certificates.readableName(c.getSubjectX500Principal());
    Instant notBefore = c.getNotBefore().toInstant();
    Instant notAfter = c.getNotAfter().toInstant();
    if (time.isBefore(notBefore)) {
      if (endEntity) {
        o.fail(
            SubIndication.NOT_YET_VALID,
            Findings.of("CERT_NOT_YET_VALID", Severity.ERROR, subject, notBefore, time));
      } else {
        o.fail(
            SubIndication.OUT_OF_BOUNDS_NO_POE,
            Findings.of(
                "CA_CERT_OUT_OF_VALIDITY", Severity.ERROR, subject, notBefore, notAfter, time));
      }
    } else if (time.isAfter(notAfter)) {
      if (endEntity) {
        o.fail(
            poe ? SubIndication.EXPIRED : SubIndication.OUT_OF_BOUNDS_NO_POE,
            Findings.of("CERT_EXPIRED", Severity.ERROR, subject, notAfter, time));
      } else {
        o.fail(
            SubIndication.OUT_OF_BOUNDS_NO_POE,
            Findings.of(
                "CA_CERT_OUT_OF_VALIDITY", Severity.ERROR, subject, notBefore, notAfter, time));
      }
    }
  }

  private void checkExtensions(
      Outcome o, X509Certificate c, boolean endEntity, CertificatePurpose purpose) {
    String subject = Certificates.readableName(c.getSubjectX500Principal());
    Set<String> critical = c.getCriticalExtensionOIDs();
    if (critical != null) {
      for (String oid : critical) {
        if (!X509Extensions.UNDERSTOOD_CRITICAL.contains(oid)) {
          o.fail(
              SubIndication.CHAIN_CONSTRAINTS_FAILURE,
              Findings.of("CERT_UNKNOWN_CRITICAL_EXTENSION", Severity.ERROR, subject, oid));
        }
      }
    }
    if (!endEntity || purpose == CertificatePurpose.ANY) {
      return;
    }
    List<String> eku;
    try {
      eku = c.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of("CERT_EKU_NOT_SIGNING", Severity.ERROR, subject, "damaged"));
      return;
    }
    if (purpose == CertificatePurpose.TIMESTAMPING) {
      boolean criticalEku = critical != null && critical.contains("2.5.29.37");
      if (eku == null || !eku.contains(X509Extensions.EKU_TIME_STAMPING) || !criticalEku) {
        o.fail(
            SubIndication.CHAIN_CONSTRAINTS_FAILURE,
            Findings.of("CERT_EKU_NOT_TIMESTAMPING", Severity.ERROR, subject));
      }
      return;
    }
    boolean[] ku = c.getKeyUsage();
    if (ku == null || !(ku.length > 0 && ku[0] || ku.length > 1 && ku[1])) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of("CERT_KEY_USAGE_NOT_SIGNING", Severity.ERROR, subject));
    }
    if (eku != null && eku.stream().noneMatch(X509Extensions.SIGNING_EKUS::contains)) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of("CERT_EKU_NOT_SIGNING", Severity.ERROR, subject, String.join(", ", eku)));
    }
    if (c.getBasicConstraints() >= 0) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of("CERT_SIGNER_IS_CA", Severity.ERROR, subject));
    }
  }

  /**
   * Checks that {@code issuer} may issue: CA, keyCertSign, and path length (i = certificates below
   * it minus one).
   */
  private void checkIssuer(Outcome o, X509Certificate issuer, int intermediatesBelow) {
    String subject = Certificates.readableName(issuer.getSubjectX500Principal());
    int pathLen = issuer.getBasicConstraints();
    if (pathLen < 0) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of("CERT_ISSUER_NOT_CA", Severity.ERROR, subject));
      return;
    }
    boolean[] ku = issuer.getKeyUsage();
    if (ku != null && !(ku.length > 5 && ku[5])) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of("CERT_ISSUER_KEY_USAGE", Severity.ERROR, subject));
    }
    if (intermediatesBelow > pathLen) {
      o.fail(
          SubIndication.CHAIN_CONSTRAINTS_FAILURE,
          Findings.of(
              "CERT_PATH_LENGTH_EXCEEDED", Severity.ERROR, subject, pathLen, intermediatesBelow));
    }
  }

  // ---- revocation ----

  private void checkRevocation(
      Outcome o,
      X509Certificate c,
      X509Certificate issuer,
      boolean endEntity,
      ValidationContext context,
      Instant time,
      boolean proven,
      Instant now,
      List<RevocationEvidence> used,
      Lookup lookup) {
    String subject = Certificates.readableName(c.getSubjectX500Principal());
    List<String> failures = new ArrayList<>();
    // The material must speak for the proof of existence it sits under (EN 319 102-1 5.6.2.4).
    Instant fresh = context.revocationFreshAt().orElse(time);
    RevocationEvidence chosen;
    List<RevocationChecks.Supplied> ocsps = new ArrayList<>(context.suppliedOcsp());
    ocsps.addAll(this.suppliedOcsp);
    List<byte[]> crls = new ArrayList<>(context.suppliedCrls());
    crls.addAll(suppliedCrls);
    List<CrlCheck.Candidate> crlCandidates = new ArrayList<>();
    for (byte[] der : crls) {
      crlCandidates.add(new CrlCheck.Candidate(der, RevocationEvidence.Origin.EMBEDDED));
    }
    // Built only if a CRL signer other than the path's own issuer has to be validated: it copies
    // every CRL and OCSP response of the context.
    Supplier<ValidationContext> signerContext =
        once(() -> signerContext(context, time, proven, fresh));
    CrlCheck.Signers signers =
        crl -> crlSigner(crl, issuer, lookup, signerContext, time, proven, now);
    CrlCheck.Outcome fromCrls =
        CrlCheck.check(c, issuer, crlCandidates, signers, fresh, now, maxRevocationAge, clockSkew);
    chosen = chooseEmbedded(ocsps, c, issuer, fromCrls, context.checks(), fresh, now, failures);
    String key = Certificates.sha256Fingerprint(c);
    if (!decisive(chosen)) {
      List<RevocationEvidence> cached = cache.get(key);
      if (cached != null) {
        List<RevocationEvidence> fromCache = new ArrayList<>();
        cached.forEach(e -> fromCache.add(e.withOrigin(RevocationEvidence.Origin.CACHE)));
        chosen = better(chosen, pick(fromCache, fresh, now, new ArrayList<>()));
      }
    }
    if (!decisive(chosen) && network.isOnline()) {
      for (URI uri : X509Extensions.ocspUrls(c)) {
        List<RevocationEvidence> fetched = new ArrayList<>();
        Revocation.OcspRequest request = Revocation.ocspRequest(c, issuer);
        addChecked(
            fetched,
            failures,
            () ->
                Revocation.checkOcsp(
                    http.post(uri, "application/ocsp-request", request.encoded()),
                    c,
                    issuer,
                    request.nonce(),
                    RevocationEvidence.Origin.NETWORK),
            false);
        chosen = better(chosen, pick(fetched, fresh, now, failures));
        if (decisive(chosen)) {
          break;
        }
      }
      if (!decisive(chosen)) {
        for (URI uri : X509Extensions.crlUrls(c)) {
          try {
            crlCandidates.add(
                new CrlCheck.Candidate(http.get(uri), RevocationEvidence.Origin.NETWORK));
          } catch (ServiceException e) {
            failures.add(e.getMessage());
            continue;
          }
          CrlCheck.Outcome fetched =
              CrlCheck.check(
                  c, issuer, crlCandidates, signers, fresh, now, maxRevocationAge, clockSkew);
          failures.addAll(fetched.failures());
          if (fetched.evidence() != null) {
            chosen = better(chosen, pick(List.of(fetched.evidence()), fresh, now, failures));
          }
          if (decisive(chosen)) {
            break;
          }
        }
      }
      if (chosen != null
          && chosen.status() == RevocationEvidence.Status.GOOD
          && chosen.origin() == RevocationEvidence.Origin.NETWORK) {
        cache.put(key, List.of(chosen));
      }
    }
    for (String f : failures) {
      o.note(Findings.of("REVOCATION_SOURCE_FAILED", Severity.INFO, subject, f));
    }
    if (chosen == null) {
      o.fail(
          SubIndication.TRY_LATER,
          Findings.of(
              "REVOCATION_UNAVAILABLE",
              Severity.ERROR,
              subject,
              network.isOnline() ? "online" : "offline"));
      return;
    }
    used.add(chosen);
    switch (chosen.status()) {
      case GOOD -> {}
      case UNKNOWN ->
          o.fail(
              SubIndication.TRY_LATER,
              Findings.of("REVOCATION_STATUS_UNKNOWN", Severity.ERROR, subject));
      case REVOKED -> {
        Instant revoked = chosen.revocationTime().orElse(Instant.MIN);
        String reason = chosen.reason().orElse("UNSPECIFIED");
        if (reason.equals("CERTIFICATE_HOLD") && !revoked.isAfter(time)) {
          // On hold: suspended, perhaps to be lifted (EN 319 102-1, 5.2.6: TRY_LATER).
          o.fail(
              SubIndication.TRY_LATER,
              Findings.of("CERT_ON_HOLD", Severity.ERROR, subject, revoked));
        } else if (!revoked.isAfter(time)) {
          if (endEntity) {
            o.fail(
                SubIndication.REVOKED,
                Findings.of("CERT_REVOKED", Severity.ERROR, subject, revoked, reason));
          } else {
            o.fail(
                SubIndication.REVOKED_CA_NO_POE,
                Findings.of("CA_CERT_REVOKED", Severity.ERROR, subject, revoked, reason));
          }
        } else if (proven) {
          o.note(Findings.of("CERT_REVOKED_LATER", Severity.WARNING, subject, revoked, reason));
        } else {
          o.fail(
              endEntity ? SubIndication.REVOKED_NO_POE : SubIndication.REVOKED_CA_NO_POE,
              Findings.of("CERT_REVOKED_NO_POE", Severity.ERROR, subject, revoked, reason, time));
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  /** Where a CRL's signer is looked for: the path's pool, its anchor, how deep the search is. */
  private record Lookup(
      List<X509Certificate> pool,
      X509Certificate anchor,
      int depth,
      Set<X509Certificate> validating) {}

  /** The maximum nesting of CRL-signer validations (a signer whose CRL has another signer). */
  private static final int MAX_SIGNER_DEPTH = 2;

  private static ValidationContext signerContext(
      ValidationContext context, Instant time, boolean proven, Instant fresh) {
    ValidationContext.Builder b =
        ValidationContext.builder()
            .at(time, proven)
            .revocationFreshAt(fresh)
            .purpose(CertificatePurpose.ANY)
            .certificates(context.certificates())
            .sharingChecksWith(context);
    context.suppliedCrls().forEach(b::crl);
    context.suppliedOcsp().forEach(r -> b.ocspResponse(r.der));
    return b.build();
  }

  /**
   * The validated signer of a CRL (RFC 5280 6.3.3 (f)): the certificate's own issuer, or another
   * certificate of the CRL's issuer (another key of the same CA after a rollover, a separate
   * CRL-signing key, an indirect CRL issuer) that holds cRLSign, verifies the CRL and validates to
   * the same anchor, its own revocation included.
   */
  private Optional<List<X509Certificate>> crlSigner(
      X509CRL crl,
      X509Certificate issuer,
      Lookup lookup,
      Supplier<ValidationContext> signerContext,
      Instant time,
      boolean proven,
      Instant now) {
    List<X509Certificate> candidates = new ArrayList<>();
    candidates.add(issuer);
    for (X509Certificate p : lookup.pool()) {
      if (!candidates.contains(p)) {
        candidates.add(p);
      }
    }
    for (X509Certificate s : candidates) {
      if (!crl.getIssuerX500Principal().equals(s.getSubjectX500Principal())) {
        continue;
      }
      boolean[] ku = s.getKeyUsage();
      if (ku != null && !(ku.length > 6 && ku[6])) {
        continue;
      }
      try {
        crl.verify(s.getPublicKey());
      } catch (Exception e) {
        continue;
      }
      if (s.equals(issuer) || s.equals(lookup.anchor()) || lookup.validating().contains(s)) {
        // On the path, the anchor, or a signer whose own validation asked for this CRL (an
        // indirect CRL issuer's CRL covering itself): its path is being judged already.
        return Optional.of(List.of(s));
      }
      if (lookup.depth() >= MAX_SIGNER_DEPTH) {
        continue;
      }
      for (List<X509Certificate> path : buildPaths(s, lookup.pool())) {
        if (!path.get(path.size() - 1).equals(lookup.anchor())) {
          continue;
        }
        CertificateResult r =
            evaluate(
                path,
                signerContext.get(),
                time,
                proven,
                now,
                new ArrayList<>(),
                lookup.pool(),
                lookup.depth() + 1,
                plus(lookup.validating(), s));
        if (r.isPassed()) {
          return Optional.of(path);
        }
      }
    }
    return Optional.empty();
  }

  /** A supplier that computes its value at most once (per revocation check, one thread). */
  private static <T> Supplier<T> once(Supplier<T> source) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }

  private static Set<X509Certificate> plus(Set<X509Certificate> set, X509Certificate c) {
    Set<X509Certificate> out = new HashSet<>(set);
    out.add(c);
    return Set.copyOf(out);
  }

  /** GOOD or REVOKED settles the question; UNKNOWN or nothing does not. */
  private static boolean decisive(RevocationEvidence e) {
    return e != null && e.status() != RevocationEvidence.Status.UNKNOWN;
  }

  private static RevocationEvidence better(RevocationEvidence current, RevocationEvidence found) {
    return found != null && (current == null || decisive(found)) ? found : current;
  }

  @FunctionalInterface
  private interface EvidenceSource {
    RevocationEvidence get() throws Revocation.Rejected, DocumentException, ServiceException;
  }

  private static void addChecked(
      List<RevocationEvidence> into,
      List<String> failures,
      EvidenceSource source,
      boolean embedded) {
    try {
      into.add(source.get());
    } catch (Revocation.NotApplicable e) {
      // about another certificate: a document's DSS holds data for every certificate it needs
    } catch (Revocation.Rejected e) {
      failures.add(e.reason());
    } catch (DocumentException | ServiceException e) {
      failures.add(e.getMessage());
    }
  }

  /**
   * The evidence {@link #pick} chooses from the supplied OCSP responses and the CRLs' outcome, with
   * the signatures checked only of the responses that can be chosen.
   *
   * <p>A document carries many responses about one certificate (each augmentation adds fresh ones):
   * the four-signature letter carries 36 and uses a handful, and checking every responder signature
   * was about a fifth of its validation. What a response says (its status and times, under every
   * check but its signature) is read first; then, in the order {@link #pick} prefers: each response
   * that says REVOKED is checked in turn, then the CRLs' REVOKED, then each fresh response that
   * says GOOD until one checks out, then the CRLs' fresh GOOD. A response is used only once its
   * signature checked out; one whose signature fails is noted and passed over, as before. When this
   * finds nothing decisive, every response is checked and {@link #pick} chooses with every reason
   * noted, exactly as when all were checked; when it does, the result is the one {@link #pick}
   * would choose after checking all, and only the responses that could not change it (stale, from
   * the future, or after a GOOD one that checked out) go unchecked and unmentioned.
   */
  private RevocationEvidence chooseEmbedded(
      List<RevocationChecks.Supplied> ocsps,
      X509Certificate c,
      X509Certificate issuer,
      CrlCheck.Outcome fromCrls,
      RevocationChecks checks,
      Instant fresh,
      Instant now,
      List<String> failures) {
    List<RevocationChecks.Supplied> about = new ArrayList<>();
    List<RevocationChecks.Supplied> saysRevoked = new ArrayList<>();
    List<RevocationChecks.Supplied> saysGood = new ArrayList<>();
    boolean allRead = true;
    for (RevocationChecks.Supplied response : ocsps) {
      if (!checks.mayBeAbout(response, c)) {
        continue;
      }
      about.add(response);
      try {
        RevocationEvidence claim = checks.claim(response, c, issuer);
        if (provesRevocation(claim, now)) {
          saysRevoked.add(response);
        } else if (freshGood(claim, fresh, now)) {
          saysGood.add(response);
        }
      } catch (Revocation.NotApplicable e) {
        // about another certificate
      } catch (Revocation.Rejected | DocumentException e) {
        allRead = false; // unreadable or refused before its signature: noted by the full check
      }
    }
    RevocationEvidence crl = fromCrls.evidence();
    if (allRead) {
      List<String> noted = new ArrayList<>();
      RevocationEvidence found = firstChecked(saysRevoked, c, issuer, checks, noted);
      if (found == null && crl != null && provesRevocation(crl, now)) {
        found = crl;
      }
      if (found == null) {
        found = firstChecked(saysGood, c, issuer, checks, noted);
      }
      if (found == null && crl != null && freshGood(crl, fresh, now)) {
        found = crl;
      }
      if (found != null) {
        failures.addAll(noted);
        failures.addAll(fromCrls.failures());
        return found;
      }
    }
    List<RevocationEvidence> candidates = new ArrayList<>();
    for (RevocationChecks.Supplied response : about) {
      addChecked(candidates, failures, () -> checks.ocsp(response, c, issuer), true);
    }
    failures.addAll(fromCrls.failures());
    if (crl != null) {
      candidates.add(crl);
    }
    return pick(candidates, fresh, now, failures);
  }

  /** The first of {@code responses} whose signature checks out; the others' reasons noted. */
  private static RevocationEvidence firstChecked(
      List<RevocationChecks.Supplied> responses,
      X509Certificate c,
      X509Certificate issuer,
      RevocationChecks checks,
      List<String> noted) {
    for (RevocationChecks.Supplied response : responses) {
      try {
        return checks.ocsp(response, c, issuer);
      } catch (Revocation.Rejected | DocumentException e) {
        noted.add(e instanceof Revocation.Rejected r ? r.reason() : e.getMessage());
      }
    }
    return null;
  }

  /** Whether evidence says REVOKED and was not produced in the future: {@link #pick} takes it. */
  private boolean provesRevocation(RevocationEvidence e, Instant now) {
    return e.status() == RevocationEvidence.Status.REVOKED
        && !e.thisUpdate().isAfter(now.plus(clockSkew));
  }

  /** Whether evidence says GOOD and can speak for {@code time}: {@link #pick} takes the first. */
  private boolean freshGood(RevocationEvidence e, Instant time, Instant now) {
    return e.status() == RevocationEvidence.Status.GOOD
        && Revocation.staleness(e, time, now, maxRevocationAge, clockSkew) == null;
  }

  /** Prefers evidence that proves revocation, then fresh GOOD evidence, then UNKNOWN. */
  private RevocationEvidence pick(
      Collection<RevocationEvidence> candidates, Instant time, Instant now, List<String> failures) {
    RevocationEvidence good = null;
    RevocationEvidence unknown = null;
    for (RevocationEvidence e : candidates) {
      if (provesRevocation(e, now)) {
        return e;
      }
      String stale = Revocation.staleness(e, time, now, maxRevocationAge, clockSkew);
      if (stale != null) {
        failures.add(e.kind() + ": " + stale);
        continue;
      }
      if (e.status() == RevocationEvidence.Status.GOOD && good == null) {
        good = e;
      } else if (e.status() == RevocationEvidence.Status.UNKNOWN && unknown == null) {
        unknown = e;
      }
    }
    return good != null ? good : unknown;
  }

  /** Builds a {@link CertificateVerifier}. Not thread-safe; build once. */
  public static final class Builder {
    private final TrustAnchors anchors;
    private final List<X509Certificate> intermediates = new ArrayList<>();
    private final List<byte[]> suppliedCrls = new ArrayList<>();
    private final List<byte[]> suppliedOcsp = new ArrayList<>();
    private NetworkSettings network = NetworkSettings.online();
    private Clock clock = Clock.systemUTC();
    private Duration maxRevocationAge = Duration.ofDays(7);
    private Duration clockSkew = Duration.ofMinutes(5);
    private boolean skipRevocation;
    private int cacheSize = 1000;

    private Builder(TrustAnchors anchors) {
      this.anchors = Objects.requireNonNull(anchors, "anchors");
    }

    /**
     * Adds intermediates the host knows, for path building.
     *
     * @param certificates CA certificates
     * @return this builder
     */
    public Builder intermediates(Collection<X509Certificate> certificates) {
      certificates.forEach(c -> intermediates.add(Objects.requireNonNull(c, "certificate")));
      return this;
    }

    /**
     * Supplies revocation material for every validation, e.g. CRLs and OCSP responses the host
     * downloaded or received with a document (DER). Each item is checked like material embedded in
     * a document: issuer, signature and freshness; a bad item is a finding, never trusted.
     *
     * @param crls CRLs (DER)
     * @param ocspResponses OCSP responses (DER)
     * @return this builder
     */
    public Builder revocationData(List<byte[]> crls, List<byte[]> ocspResponses) {
      for (byte[] c : Objects.requireNonNull(crls, "crls")) {
        suppliedCrls.add(Objects.requireNonNull(c, "crl").clone());
      }
      for (byte[] o : Objects.requireNonNull(ocspResponses, "ocspResponses")) {
        suppliedOcsp.add(Objects.requireNonNull(o, "ocspResponse").clone());
      }
      return this;
    }

    /**
     * Sets network access; the default is {@link NetworkSettings#online()}.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder network(NetworkSettings settings) {
      this.network = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the clock that defines "now".
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets how long revocation data without a nextUpdate stays usable after its thisUpdate.
     *
     * @param value a positive duration; default 7 days
     * @return this builder
     */
    public Builder maxRevocationAge(Duration value) {
      Objects.requireNonNull(value, "maxRevocationAge");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("maxRevocationAge must be positive");
      }
      this.maxRevocationAge = value;
      return this;
    }

    /**
     * Sets the tolerated clock difference with responders.
     *
     * @param value a duration, not negative; default 5 minutes
     * @return this builder
     */
    public Builder clockSkew(Duration value) {
      Objects.requireNonNull(value, "clockSkew");
      if (value.isNegative()) {
        throw new IllegalArgumentException("clockSkew must not be negative");
      }
      this.clockSkew = value;
      return this;
    }

    /**
     * Sets how many certificates' revocation answers are cached.
     *
     * @param entries the cache size, 0 to disable
     * @return this builder
     */
    public Builder revocationCacheSize(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("cache size must not be negative");
      }
      this.cacheSize = entries;
      return this;
    }

    /**
     * Turns revocation checking off. Insecure: a revoked certificate then passes. Meant for tests
     * and for diagnosing a chain; results carry the warning {@code REVOCATION_CHECK_SKIPPED}.
     *
     * @return this builder
     */
    public Builder insecureSkipRevocationCheck() {
      this.skipRevocation = true;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public CertificateVerifier build() {
      return new CertificateVerifier(this);
    }
  }
}
