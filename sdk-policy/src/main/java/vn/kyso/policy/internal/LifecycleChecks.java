package vn.kyso.policy.internal;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.CheckType;
import vn.kyso.policy.EventAdvice;
import vn.kyso.policy.PolicyRule;

/**
 * A certificate's life: validity length (CD68-03, TB-04/05), the renewal window (TB-03, LC-10,
 * CD68-06), what an HR or organisation event calls for and reporting dates.
 */
final class LifecycleChecks implements Check {
  private static final int MAX_WORKING_DAYS = 3660;

  record Length(
      Optional<Long> maxYears, Optional<Long> renewalMaxYears, Optional<LocalDate> issuedFrom) {}

  record Window(
      Optional<Long> maxRenewals, long minDaysLeft, Optional<Long> leadDays, boolean change) {}

  record Event(
      List<String> revokeOn,
      List<String> changeOn,
      Optional<Integer> notifyWorkingDays,
      Optional<Integer> deviceReturnWorkingDays) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case VALIDITY_LENGTH ->
          new Length(
              optionalNumber(rule, "max-years"),
              optionalNumber(rule, "renewal-max-years"),
              rule.date("issued-from"));
      case RENEWAL_WINDOW ->
          new Window(
              optionalNumber(rule, "max-renewals"),
              rule.number("min-days-left", 0),
              optionalNumber(rule, "lead-days"),
              "change".equals(rule.text("request")));
      case HR_EVENT ->
          new Event(
              rule.list("revoke-on"),
              rule.list("change-on"),
              optionalNumber(rule, "notify-working-days")
                  .map(n -> (int) Math.min(n, MAX_WORKING_DAYS)),
              optionalNumber(rule, "device-return-working-days")
                  .map(n -> (int) Math.min(n, MAX_WORKING_DAYS)));
      default -> rule;
    };
  }

  private static Optional<Long> optionalNumber(PolicyRule rule, String name) {
    return rule.parameters().containsKey(name)
        ? Optional.of(rule.number(name, 0))
        : Optional.empty();
  }

  @Override
  public void certificate(CompiledRule rule, Out out, CertificateFacts f) {
    if (rule.rule().check() == CheckType.VALIDITY_LENGTH) {
      length(rule.params(Length.class), out, f.certificate, f.renewalsDone > 0);
    } else {
      window(rule.params(Window.class), out, f);
    }
  }

  private static void length(Length p, Out out, X509Certificate c, boolean renewal) {
    LocalDate from = LocalDate.ofInstant(c.getNotBefore().toInstant(), ZoneOffset.UTC);
    LocalDate to = LocalDate.ofInstant(c.getNotAfter().toInstant(), ZoneOffset.UTC);
    Optional<Long> max = renewal ? p.renewalMaxYears() : p.maxYears();
    if (p.issuedFrom().filter(from::isBefore).isPresent() || max.isEmpty()) {
      out.notApplicable();
      return;
    }
    if (to.isAfter(from.plusYears(max.get()).plusDays(1))) {
      long days = ChronoUnit.DAYS.between(from, to);
      out.add(
          "VALIDITY_TOO_LONG",
          Severity.WARNING,
          days,
          String.format(Locale.ROOT, "%.1f", days / 365.25),
          max.get());
    }
  }

  private static void window(Window p, Out out, CertificateFacts f) {
    if (p.change()) {
      if (f.daysLeft < p.minDaysLeft()) {
        out.add("CHANGE_WINDOW_CLOSED", Severity.WARNING, p.minDaysLeft(), f.daysLeft);
      }
      return;
    }
    if (f.daysLeft < p.minDaysLeft()) {
      out.add("RENEWAL_WINDOW_CLOSED", Severity.WARNING, p.minDaysLeft(), f.daysLeft);
      out.closeWindow();
    } else if (p.leadDays().isPresent() && f.daysLeft <= p.leadDays().get()) {
      out.add(
          "RENEWAL_DUE", Severity.WARNING, p.minDaysLeft(), f.expires.minusDays(p.minDaysLeft()));
    }
    if (p.maxRenewals().isPresent()) {
      long max = p.maxRenewals().get();
      if (f.renewalsDone >= max) {
        out.add("RENEWALS_EXHAUSTED", Severity.WARNING, f.renewalsDone, max);
        out.closeWindow();
      }
      out.renewalsLeft(Math.max(0, max - f.renewalsDone));
    }
  }

  @Override
  public void event(CompiledRule rule, Out out, EventFacts f) {
    Event p = rule.params(Event.class);
    boolean revoke = p.revokeOn().contains(f.event.name());
    boolean change = p.changeOn().contains(f.event.name());
    if (!revoke && !change) {
      out.notApplicable();
      return;
    }
    LocalDate notify =
        p.notifyWorkingDays().map(n -> f.context.calendar().addWorkingDays(f.date, n)).orElse(null);
    LocalDate device =
        p.deviceReturnWorkingDays()
            .map(n -> f.context.calendar().addWorkingDays(notify != null ? notify : f.date, n))
            .orElse(null);
    if (revoke) {
      out.add(
          "EVENT_REVOKE",
          Severity.WARNING,
          f.event.name(),
          notify == null ? "-" : notify,
          device == null ? "-" : device);
      out.action(EventAdvice.Action.REVOKE);
      out.notifyBy(notify);
      out.returnBy(device);
    } else {
      out.add("EVENT_CHANGE", Severity.WARNING, f.event.name(), notify == null ? "-" : notify);
      out.action(EventAdvice.Action.CHANGE_INFORMATION);
      out.notifyBy(notify);
    }
  }
}
