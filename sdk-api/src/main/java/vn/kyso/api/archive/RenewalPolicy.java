package vn.kyso.api.archive;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;

/**
 * When a signed document needs a new archive time-stamp. Its newest proof of existence (the latest
 * time-stamp: a PDF document time-stamp, a XAdES archive time-stamp, or a signature time-stamp) is
 * due when, within the horizon: its TSA certificate expires; a root its proof or its signatures
 * rest on expires (the government G1 root on 2030-03-05, for example); or its TSA certificate uses
 * an algorithm due to weaken (SHA-1, RSA under 2048 bits). A document without any proof of
 * existence is due at once. A document that does not verify is never due: it is reported with its
 * reason, since a time-stamp over it would preserve nothing.
 *
 * @param horizon how far ahead to look (default two years)
 * @param clock the clock that says "now"
 * @since 0.1
 */
public record RenewalPolicy(Duration horizon, Clock clock) {
  /**
   * Checks the parts.
   *
   * @param horizon horizon
   * @param clock clock
   */
  public RenewalPolicy {
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(clock, "clock");
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("the horizon must not be negative");
    }
  }

  /**
   * @return two years ahead of the system clock
   */
  public static RenewalPolicy defaults() {
    return new RenewalPolicy(Duration.ofDays(730), Clock.systemUTC());
  }

  /** What a document needs. */
  public enum Status {
    /** Its proof holds beyond the horizon. */
    FINE,
    /** It needs a new archive time-stamp. */
    DUE,
    /** It does not verify, or its format cannot take an archive time-stamp: never renewed. */
    FAILED
  }

  /**
   * The judgement of one document.
   *
   * @param status what it needs
   * @param reason why, in English (stable words for logs and CSV)
   * @param dueBy when its newest proof stops holding, when known
   */
  public record Assessment(Status status, String reason, Optional<Instant> dueBy) {
    /**
     * Checks the parts.
     *
     * @param status status
     * @param reason reason
     * @param dueBy due date
     */
    public Assessment {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(dueBy, "dueBy");
    }
  }

  /**
   * Judges a verified document.
   *
   * @param report its report, as verified now
   * @return the assessment
   */
  public Assessment assess(ValidationReport report) {
    if (report.signatures().isEmpty()) {
      return new Assessment(Status.FAILED, "no signature", Optional.empty());
    }
    if (report.overall() != Indication.TOTAL_PASSED) {
      String why =
          java.util.stream.Stream.concat(
                  report.signatures().stream(), report.documentTimestamps().stream())
              .filter(s -> !s.isPassed())
              .findFirst()
              .map(
                  s ->
                      s.id()
                          + ": "
                          + s.subIndication().map(Enum::name).orElse(s.indication().name())
                          + s.findings().stream()
                              .filter(f -> f.severity() != vn.kyso.api.validation.Severity.INFO)
                              .findFirst()
                              .map(f -> ", " + f.code() + ": " + f.messageEn())
                              .orElse(""))
              .orElse(report.overall().name());
      return new Assessment(Status.FAILED, "does not verify (" + why + ")", Optional.empty());
    }
    if (report.signatures().stream().anyMatch(s -> s.format() == SignatureFormat.XMLDSIG)) {
      return new Assessment(
          Status.FAILED, "plain XML-DSig cannot carry an archive time-stamp", Optional.empty());
    }
    Instant now = clock.instant();
    Instant limit = now.plus(horizon);
    List<Candidate> proofs = proofs(report);
    if (proofs.isEmpty()) {
      return new Assessment(Status.DUE, "no proof of existence", Optional.of(now));
    }
    Candidate newest = proofs.stream().max(Comparator.comparing(Candidate::time)).get();
    List<String> reasons = new ArrayList<>();
    Instant due = null;
    if (newest.tsa() != null) {
      Instant tsaEnd = newest.tsa().getNotAfter().toInstant();
      due = tsaEnd;
      if (tsaEnd.isBefore(limit)) {
        reasons.add("TSA certificate expires " + tsaEnd);
      }
      if (weak(newest.tsa())) {
        reasons.add("TSA certificate uses a weakening algorithm");
        due = due.isBefore(now) ? due : now;
      }
    }
    for (X509Certificate root : roots(report, newest)) {
      Instant end = root.getNotAfter().toInstant();
      due = due == null || end.isBefore(due) ? end : due;
      if (end.isBefore(limit)) {
        reasons.add("root " + root.getSubjectX500Principal().getName() + " expires " + end);
      }
    }
    if (reasons.isEmpty()) {
      return new Assessment(Status.FINE, "proof holds until " + due, Optional.ofNullable(due));
    }
    return new Assessment(Status.DUE, String.join("; ", reasons), Optional.ofNullable(due));
  }

  private record Candidate(Instant time, X509Certificate tsa, CertificateResult chain) {}

  private static List<Candidate> proofs(ValidationReport report) {
    List<Candidate> out = new ArrayList<>();
    for (SignatureResult t : report.documentTimestamps()) {
      if (t.isPassed() && t.bestSignatureTime().isPresent()) {
        out.add(
            new Candidate(
                t.bestSignatureTime().get(),
                t.signingCertificate().orElse(null),
                t.certificateResult().orElse(null)));
      }
    }
    for (SignatureResult s : report.signatures()) {
      for (TimestampResult t : s.timestamps()) {
        if (t.isPassed()) {
          out.add(new Candidate(t.time(), t.tsaCertificate(), null));
        }
      }
    }
    return out;
  }

  /** The roots the newest proof and every signature rest on. */
  private static List<X509Certificate> roots(ValidationReport report, Candidate newest) {
    List<X509Certificate> out = new ArrayList<>();
    if (newest.chain() != null) {
      newest.chain().anchor().ifPresent(out::add);
    }
    for (SignatureResult s : report.signatures()) {
      s.certificateResult().flatMap(CertificateResult::anchor).ifPresent(out::add);
    }
    return out.stream().distinct().toList();
  }

  private static boolean weak(X509Certificate c) {
    String alg = c.getSigAlgName().toUpperCase(Locale.ROOT);
    if (alg.contains("SHA1") || alg.contains("MD5")) {
      return true;
    }
    return c.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048;
  }
}
