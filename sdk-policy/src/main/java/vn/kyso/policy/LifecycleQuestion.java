package vn.kyso.policy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.policy.Operation;

/**
 * A question about a certificate's life rather than a signature: may it be requested, renewed,
 * revoked or recovered, and what must be done by when. Carries only what the caller knows; each
 * rule says "could not check" when a fact it needs is missing. Immutable and thread-safe.
 *
 * <pre>{@code
 * LifecycleQuestion renewal =
 *     LifecycleQuestion.builder(Operation.RENEW, LocalDate.of(2026, 12, 6))
 *         .certificate(renewed)                       // the certificate after renewal
 *         .previousNotAfter(old.getNotAfter().toInstant())
 *         .renewalsDone(1)
 *         .renewalApproval(new Approval("Giám đốc Sở Nội vụ", LocalDate.of(2026, 11, 20)))
 *         .build();
 * PolicyDecision d = policy.lifecycle(renewal);       // CD68-03: extended by at most 3 years
 * }</pre>
 *
 * @since 0.1
 */
public final class LifecycleQuestion {
  private final Operation operation;
  private final LocalDate asOf;
  private final X509Certificate certificate;
  private final long renewalsDone;
  private final Instant previousNotAfter;
  private final LocalDate originalIssueDate;
  private final Approval renewalApproval;
  private final HrEvent event;
  private final LocalDate eventDate;
  private final LocalDate revocationNoticeDate;
  private final LocalDate caRevocationNoticeDate;
  private final Requester requester;
  private final String organisation;
  private final String holder;
  private final Boolean certificateStillMatches;
  private final String recordReference;
  private final boolean completed;

  private LifecycleQuestion(Builder b) {
    this.operation = b.operation;
    this.asOf = b.asOf;
    this.certificate = b.certificate;
    this.renewalsDone = b.renewalsDone;
    this.previousNotAfter = b.previousNotAfter;
    this.originalIssueDate = b.originalIssueDate;
    this.renewalApproval = b.renewalApproval;
    this.event = b.event;
    this.eventDate = b.eventDate;
    this.revocationNoticeDate = b.revocationNoticeDate;
    this.caRevocationNoticeDate = b.caRevocationNoticeDate;
    this.requester = b.requester;
    this.organisation = b.organisation;
    this.holder = b.holder;
    this.certificateStillMatches = b.certificateStillMatches;
    this.recordReference = b.recordReference;
    this.completed = b.completed;
  }

  /**
   * Returns a builder.
   *
   * @param operation a certificate operation: {@link Operation#REQUEST_CERTIFICATE}, {@link
   *     Operation#RENEW}, {@link Operation#REVOKE} or {@link Operation#RECOVER}
   * @param asOf the day the law is taken as of
   * @return the builder
   * @throws IllegalArgumentException for an operation on a document
   */
  public static Builder builder(Operation operation, LocalDate asOf) {
    return new Builder(operation, asOf);
  }

  /**
   * @return the operation asked about
   */
  public Operation operation() {
    return operation;
  }

  /**
   * @return the day the law is taken as of
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * @return the certificate: the one to renew, revoke or recover, or the one issued
   */
  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /**
   * @return how many times the certificate was renewed before
   */
  public long renewalsDone() {
    return renewalsDone;
  }

  /**
   * @return the previous certificate's end of validity, for a renewal (CD68-03, TB-05)
   */
  public Optional<Instant> previousNotAfter() {
    return Optional.ofNullable(previousNotAfter);
  }

  /**
   * @return when the certificate was first issued, when it differs from the certificate's notBefore
   *     (TB-05 applies to certificates issued before TT08/2016 took effect)
   */
  public Optional<LocalDate> originalIssueDate() {
    return Optional.ofNullable(originalIssueDate);
  }

  /**
   * @return the subscriber manager's approval of the renewal request (TB-03)
   */
  public Optional<Approval> renewalApproval() {
    return Optional.ofNullable(renewalApproval);
  }

  /**
   * @return the HR or organisation event that calls for the operation
   */
  public Optional<HrEvent> event() {
    return Optional.ofNullable(event);
  }

  /**
   * @return the day of the event (default: {@link #asOf()})
   */
  public LocalDate eventDate() {
    return eventDate == null ? asOf : eventDate;
  }

  /**
   * @return the day the holder was notified of the revocation (device return runs from it, CD68-10)
   */
  public Optional<LocalDate> revocationNoticeDate() {
    return Optional.ofNullable(revocationNoticeDate);
  }

  /**
   * @return the day of the CA's revocation notice (the Lào Cai collection deadline runs from it,
   *     LC-13)
   */
  public Optional<LocalDate> caRevocationNoticeDate() {
    return Optional.ofNullable(caRevocationNoticeDate);
  }

  /**
   * @return who asks (TB-21, CD68-22)
   */
  public Optional<Requester> requester() {
    return Optional.ofNullable(requester);
  }

  /**
   * @return the holder's organisation, as the registry names it
   */
  public Optional<String> organisation() {
    return Optional.ofNullable(organisation);
  }

  /**
   * @return the holder's registry id
   */
  public Optional<String> holder() {
    return Optional.ofNullable(holder);
  }

  /**
   * @return whether the certificate's data still matches the holder after the event (a title or
   *     post change revokes only when it does not, CD68-09, LC-12), when the caller knows
   */
  public Optional<Boolean> certificateStillMatches() {
    return Optional.ofNullable(certificateStillMatches);
  }

  /**
   * @return the reference of the dossier or minutes on file for a completed operation
   */
  public Optional<String> recordReference() {
    return Optional.ofNullable(recordReference);
  }

  /**
   * @return true when the operation already took place (its records are then checked, X-13)
   */
  public boolean completed() {
    return completed;
  }

  /** Builds a {@link LifecycleQuestion}. Not thread-safe. */
  public static final class Builder {
    private final Operation operation;
    private final LocalDate asOf;
    private X509Certificate certificate;
    private long renewalsDone;
    private Instant previousNotAfter;
    private LocalDate originalIssueDate;
    private Approval renewalApproval;
    private HrEvent event;
    private LocalDate eventDate;
    private LocalDate revocationNoticeDate;
    private LocalDate caRevocationNoticeDate;
    private Requester requester;
    private String organisation;
    private String holder;
    private Boolean certificateStillMatches;
    private String recordReference;
    private boolean completed;

    private Builder(Operation operation, LocalDate asOf) {
      if (Objects.requireNonNull(operation, "operation").onDocument()) {
        throw new IllegalArgumentException(
            operation + " is an operation on a document; ask it with a SigningRequest");
      }
      this.operation = operation;
      this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * @param value the certificate
     * @return this builder
     */
    public Builder certificate(X509Certificate value) {
      this.certificate = Objects.requireNonNull(value, "certificate");
      return this;
    }

    /**
     * @param value renewals done before
     * @return this builder
     */
    public Builder renewalsDone(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("renewalsDone < 0");
      }
      this.renewalsDone = value;
      return this;
    }

    /**
     * @param value the previous notAfter
     * @return this builder
     */
    public Builder previousNotAfter(Instant value) {
      this.previousNotAfter = Objects.requireNonNull(value, "previousNotAfter");
      return this;
    }

    /**
     * @param value the first issue day
     * @return this builder
     */
    public Builder originalIssueDate(LocalDate value) {
      this.originalIssueDate = Objects.requireNonNull(value, "originalIssueDate");
      return this;
    }

    /**
     * @param value the approval
     * @return this builder
     */
    public Builder renewalApproval(Approval value) {
      this.renewalApproval = Objects.requireNonNull(value, "renewalApproval");
      return this;
    }

    /**
     * @param value the event
     * @param date when it happened
     * @return this builder
     */
    public Builder event(HrEvent value, LocalDate date) {
      this.event = Objects.requireNonNull(value, "event");
      this.eventDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * @param value the notice day
     * @return this builder
     */
    public Builder revocationNoticeDate(LocalDate value) {
      this.revocationNoticeDate = Objects.requireNonNull(value, "revocationNoticeDate");
      return this;
    }

    /**
     * @param value the CA's notice day
     * @return this builder
     */
    public Builder caRevocationNoticeDate(LocalDate value) {
      this.caRevocationNoticeDate = Objects.requireNonNull(value, "caRevocationNoticeDate");
      return this;
    }

    /**
     * @param value who asks
     * @return this builder
     */
    public Builder requester(Requester value) {
      this.requester = Objects.requireNonNull(value, "requester");
      return this;
    }

    /**
     * @param value the holder's organisation
     * @return this builder
     */
    public Builder organisation(String value) {
      this.organisation = Objects.requireNonNull(value, "organisation");
      return this;
    }

    /**
     * @param personId the holder's registry id
     * @return this builder
     */
    public Builder holder(String personId) {
      this.holder = Objects.requireNonNull(personId, "holder");
      return this;
    }

    /**
     * @param value whether the certificate still matches after the event
     * @return this builder
     */
    public Builder certificateStillMatches(boolean value) {
      this.certificateStillMatches = value;
      return this;
    }

    /**
     * @param value the dossier or minutes reference
     * @return this builder
     */
    public Builder recordReference(String value) {
      this.recordReference = Objects.requireNonNull(value, "recordReference");
      return this;
    }

    /**
     * Says the operation already took place, so its dossier or minutes must be on file.
     *
     * @param value true when completed
     * @return this builder
     */
    public Builder completed(boolean value) {
      this.completed = value;
      return this;
    }

    /**
     * @return the question
     */
    public LifecycleQuestion build() {
      return new LifecycleQuestion(this);
    }
  }
}
