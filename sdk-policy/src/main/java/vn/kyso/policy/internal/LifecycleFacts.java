package vn.kyso.policy.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.policy.Operation;
import vn.kyso.policy.LifecycleQuestion;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.SignerRecord;

/** The facts of a certificate lifecycle question. */
final class LifecycleFacts {
  final LifecycleQuestion q;
  final LocalDate day;
  final Context context;

  /** The certificate's last day, when the question has a certificate. */
  final Optional<LocalDate> expires;

  /** Days from {@link #day} to expiry (negative once expired), when known. */
  final Optional<Long> daysLeft;

  /**
   * Whether the certificate is a renewal: renewed before, a previous end of validity given, or a
   * renewal asked about directly ({@code Policy.lifecycle} with RENEW).
   */
  final boolean renewal;

  LifecycleFacts(LifecycleQuestion q, Context context, boolean asked) {
    this.q = q;
    this.day = q.asOf();
    this.context = context;
    this.expires = q.certificate().map(c -> context.day(c.getNotAfter().toInstant()));
    this.daysLeft = expires.map(e -> ChronoUnit.DAYS.between(day, e));
    this.renewal =
        q.renewalsDone() > 0
            || q.previousNotAfter().isPresent()
            || (asked && q.operation() == Operation.RENEW);
  }

  Optional<SignerIdentity> identity() {
    return q.certificate().map(SignerIdentity::from);
  }

  /** The holder's registry record: by id, else by certificate. */
  Optional<SignerRecord> holder() {
    Instant at = day.atStartOfDay(context.zone()).toInstant();
    return q.holder()
        .flatMap(id -> context.registry().person(id, at))
        .or(() -> q.certificate().flatMap(c -> context.registry().signer(c, at)));
  }

  /** The holder's organisation: the question's, else the registry's, else the certificate's. */
  Optional<String> organisationName() {
    return q.organisation()
        .or(() -> holder().map(SignerRecord::organisation))
        .or(() -> identity().flatMap(SignerIdentity::organisation));
  }

  Optional<OrganisationRecord> organisation() {
    return organisationName()
        .flatMap(
            n -> context.registry().organisation(n, day.atStartOfDay(context.zone()).toInstant()));
  }
}
