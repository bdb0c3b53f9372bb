package vn.kyso.policy.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import vn.kyso.policy.Position;
import vn.kyso.policy.SignerRecord;
import vn.kyso.policy.SignerRegistry;
import vn.kyso.policy.WorkingDayCalendar;

/**
 * What every check may consult besides the question: the host's registry, its working-day calendar
 * and the zone of legal dates.
 *
 * @param registry the registry
 * @param calendar the calendar
 * @param zone the zone
 */
record Context(SignerRegistry registry, WorkingDayCalendar calendar, ZoneId zone) {

  LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, zone);
  }

  /**
   * A personal signer counts as competent unless the registry says they are out of post or a clerk.
   */
  boolean mayBeCompetent(X509Certificate certificate, Instant at) {
    Optional<SignerRecord> r = registry.signer(certificate, at);
    return r.isEmpty() || (r.get().active() && r.get().position() != Position.CLERK);
  }
}
