package vn.kyso.policy.internal;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The facts of a certificate lifecycle question. */
final class CertificateFacts {
  final X509Certificate certificate;
  final long renewalsDone;
  final LocalDate day;
  final LocalDate expires;
  final long daysLeft;
  final Context context;

  CertificateFacts(X509Certificate certificate, long renewalsDone, LocalDate day, Context context) {
    this.certificate = certificate;
    this.renewalsDone = renewalsDone;
    this.day = day;
    this.context = context;
    this.expires = context.day(certificate.getNotAfter().toInstant());
    this.daysLeft = ChronoUnit.DAYS.between(day, expires);
  }
}
