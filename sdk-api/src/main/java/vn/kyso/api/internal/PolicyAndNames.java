package vn.kyso.api.internal;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.Reason;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PolicyNode;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import vn.kyso.api.shared.BouncyCastle;

/**
 * The parts of RFC 5280 path processing that Kyso does not write itself: certificate policies
 * (6.1.3 (d)-(f), 6.1.4 (a)-(b), (g)-(j), 6.1.5 (a)-(b), (g): the valid policy tree, policy
 * mapping, explicit policy, inhibit anyPolicy) and name constraints (6.1.3 (b)-(c), 6.1.4 (g)),
 * delegated to Bouncy Castle's PKIX validator (which passes NIST PKITS; the JDK's keeps an
 * anyPolicy branch RFC 5280 would not create in PKITS 4.10.13), with revocation off (Kyso checks
 * it) and every extension Kyso understands claimed. The caller adds its failure only when Kyso's
 * own checks of the path passed, so that a rule both check is reported once.
 */
public final class PolicyAndNames {
  private static final String ANY_POLICY = "2.5.29.32.0";

  /** Bouncy Castle's PKIX validator, which passes NIST PKITS' policy cases; never registered. */
  private static final Provider BC = BouncyCastle.provider();

  private PolicyAndNames() {}

  /**
   * What the step found.
   *
   * @param failure null when the path passed; else what failed, as a finding code
   * @param detail the JDK's message, for the report
   * @param subject the certificate at fault, if known
   * @param validPolicies the user-constrained policy set (RFC 5280 6.1.6)
   */
  public record Outcome(String failure, String detail, String subject, Set<String> validPolicies) {}

  /**
   * Runs policy and name-constraint processing over a path.
   *
   * @param path the path, the target first and the anchor last
   * @param time the validation time
   * @param initialPolicies the acceptable policies; anyPolicy accepts any
   * @param explicitPolicy initial-explicit-policy
   * @param mappingInhibited initial-policy-mapping-inhibit
   * @param anyPolicyInhibited initial-any-policy-inhibit
   * @return the outcome
   */
  public static Outcome process(
      List<X509Certificate> path,
      Instant time,
      Set<String> initialPolicies,
      boolean explicitPolicy,
      boolean mappingInhibited,
      boolean anyPolicyInhibited) {
    // The validator looks up a dozen extensions per certificate, most of them absent: answered
    // without the JDK's exceptions (QuietCertificate), the same answers.
    List<X509Certificate> quiet = path.stream().map(QuietCertificate::of).toList();
    X509Certificate anchor = quiet.get(quiet.size() - 1);
    boolean any = initialPolicies.contains(ANY_POLICY);
    try {
      CertPath certPath =
          CertificateFactory.getInstance("X.509")
              .generateCertPath(quiet.subList(0, quiet.size() - 1));
      PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      p.setRevocationEnabled(false);
      p.setDate(Date.from(time));
      p.setInitialPolicies(any ? Set.of() : initialPolicies);
      p.setExplicitPolicyRequired(explicitPolicy);
      p.setPolicyMappingInhibited(mappingInhibited);
      p.setAnyPolicyInhibited(anyPolicyInhibited);
      p.setPolicyQualifiersRejected(false);
      p.addCertPathChecker(new Claims());
      PKIXCertPathValidatorResult r =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX", BC).validate(certPath, p);
      Set<String> valid = validPolicies(r.getPolicyTree(), initialPolicies, any);
      if (valid.isEmpty() && explicitPolicyAtEnd(path, explicitPolicy) == 0) {
        // RFC 5280 6.1.5 (g): an explicit policy is required and none the user accepts remains.
        return new Outcome(
            "CERT_POLICY_INVALID",
            "no acceptable policy remains and an explicit policy is required",
            null,
            Set.of());
      }
      return new Outcome(null, null, null, valid);
    } catch (CertPathValidatorException e) {
      String code = code(e.getReason(), e.getMessage());
      String subject = null;
      if (e.getIndex() >= 0 && e.getCertPath() != null) {
        Certificate c = e.getCertPath().getCertificates().get(e.getIndex());
        subject = ((X509Certificate) c).getSubjectX500Principal().getName();
      }
      return new Outcome(code, e.getMessage(), subject, Set.of());
    } catch (CertificateException
        | NoSuchAlgorithmException
        | InvalidAlgorithmParameterException
        | RuntimeException e) {
      // Fails closed: a path the validator cannot process is not valid.
      return new Outcome("CERT_POLICY_INVALID", e.getMessage(), null, Set.of());
    }
  }

  /** The finding for a failure of the PKIX validator, by its reason or, failing that, its text. */
  private static String code(Reason reason, String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (reason == PKIXReason.INVALID_POLICY || m.contains("policy")) {
      return "CERT_POLICY_INVALID";
    }
    if (reason == PKIXReason.INVALID_NAME
        || m.contains("subtree")
        || m.contains("name constraint")
        || m.contains("permitted")
        || m.contains("excluded")) {
      return "CERT_NAME_CONSTRAINTS";
    }
    return "CERT_PATH_INVALID";
  }

  /**
   * The user-constrained policy set (RFC 5280 6.1.5 (g)(iii), 6.1.6): the valid_policy of each node
   * whose parent is anyPolicy (the valid_policy_node_set, in the anchor's domain), kept when the
   * user accepts it; a surviving anyPolicy node stands for every policy the user accepts.
   */
  private static Set<String> validPolicies(PolicyNode root, Set<String> initial, boolean any) {
    if (root == null) {
      return Set.of();
    }
    Set<String> nodeSet = new LinkedHashSet<>();
    Deque<PolicyNode> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      PolicyNode n = queue.poll();
      if (!ANY_POLICY.equals(n.getValidPolicy())) {
        continue;
      }
      Iterator<? extends PolicyNode> children = n.getChildren();
      while (children.hasNext()) {
        PolicyNode child = children.next();
        nodeSet.add(child.getValidPolicy());
        queue.add(child);
      }
    }
    if (any) {
      return nodeSet.contains(ANY_POLICY) ? Set.of(ANY_POLICY) : nodeSet;
    }
    if (nodeSet.contains(ANY_POLICY)) {
      return Set.copyOf(initial);
    }
    nodeSet.retainAll(initial);
    return nodeSet;
  }

  /**
   * The explicit_policy variable after the last certificate (RFC 5280 6.1.2 (d), 6.1.4 (h)-(i),
   * 6.1.5 (a)-(b)).
   */
  private static int explicitPolicyAtEnd(List<X509Certificate> path, boolean initialExplicit) {
    int n = path.size() - 1;
    int explicit = initialExplicit ? 0 : n + 1;
    for (int i = n - 1; i >= 0; i--) {
      X509Certificate c = path.get(i);
      boolean last = i == 0;
      boolean selfIssued = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
      if (explicit != 0 && (last || !selfIssued)) {
        explicit--;
      }
      Integer require = requireExplicitPolicy(c);
      if (require != null) {
        if (last) {
          if (require == 0) {
            explicit = 0;
          }
        } else {
          explicit = Math.min(explicit, require);
        }
      }
    }
    return explicit;
  }

  /** The requireExplicitPolicy field of a certificate's policy constraints, if any. */
  private static Integer requireExplicitPolicy(X509Certificate c) {
    byte[] v = X509Extensions.raw(c, "2.5.29.36");
    if (v == null) {
      return null;
    }
    try {
      PolicyConstraints pc =
          PolicyConstraints.getInstance(ASN1OctetString.getInstance(v).getOctets());
      return pc.getRequireExplicitPolicyMapping() == null
          ? null
          : pc.getRequireExplicitPolicyMapping().intValueExact();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Claims the critical extensions Kyso understands, so the JDK does not refuse them. */
  private static final class Claims extends PKIXCertPathChecker {
    @Override
    public void init(boolean forward) {}

    @Override
    public boolean isForwardCheckingSupported() {
      return true;
    }

    @Override
    public Set<String> getSupportedExtensions() {
      return X509Extensions.UNDERSTOOD_CRITICAL;
    }

    @Override
    public void check(Certificate cert, Collection<String> unresolvedCritExts) {
      unresolvedCritExts.removeAll(X509Extensions.UNDERSTOOD_CRITICAL);
    }
  }
}
