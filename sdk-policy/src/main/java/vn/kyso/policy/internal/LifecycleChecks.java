package vn.kyso.policy.internal;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.validation.Severity;
import vn.kyso.policy.EventAdvice;
import vn.kyso.policy.HrEvent;
import vn.kyso.policy.OrganisationRecord;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.Requester;

/**
 * A certificate's life: validity length and extension (CD68-03, TB-04/05), the renewal window and
 * its approval (TB-03, LC-10, CD68-06), what an HR or organisation event calls for, who may
 * ask for a revocation (TB-21, CD68-22), who gets the advice (LC-21) and the records each step
 * leaves.
 */
final class LifecycleChecks implements Check {
  private static final int MAX_WORKING_DAYS = 3660;

  record Length(
      Optional<Long> maxYears,
      Optional<Long> renewalMaxYears,
      Optional<LocalDate> issuedFrom,
      Optional<LocalDate> issuedBefore) {}

  record Window(
      Optional<Long> maxRenewals,
      long minDaysLeft,
      Optional<Long> leadDays,
      boolean change,
      boolean approvalRequired) {}

  record Event(
      List<String> revokeOn,
      List<String> changeOn,
      List<String> revokeIfAffected,
      Optional<Integer> notifyWorkingDays,
      Optional<Integer> deviceReturnWorkingDays,
      boolean fromCaNotice,
      Optional<Long> caRequestCalendarDays,
      boolean twoStepReturn) {}

  record Requests(List<String> requesters, List<String> forms) {}

  record Records(String keeper, Optional<String> copyTo) {}

  @Override
  public Object parameters(PolicyRule rule) {
    return switch (rule.check()) {
      case VALIDITY_LENGTH ->
          new Length(
              optionalNumber(rule, "max-years"),
              optionalNumber(rule, "renewal-max-years"),
              rule.date("issued-from"),
              rule.date("issued-before"));
      case RENEWAL_WINDOW ->
          new Window(
              optionalNumber(rule, "max-renewals"),
              rule.number("min-days-left", 0),
              optionalNumber(rule, "lead-days"),
              "change".equals(rule.text("request")),
              rule.flag("approval-required"));
      case HR_EVENT ->
          new Event(
              rule.list("revoke-on"),
              rule.list("change-on"),
              rule.list("revoke-if-affected"),
              optionalNumber(rule, "notify-working-days")
                  .map(n -> (int) Math.min(n, MAX_WORKING_DAYS)),
              optionalNumber(rule, "device-return-working-days")
                  .map(n -> (int) Math.min(n, MAX_WORKING_DAYS)),
              "ca-revocation-notice".equals(rule.text("device-return-from")),
              optionalNumber(rule, "ca-request-calendar-days"),
              rule.flag("two-step-return"));
      case REVOCATION_REQUEST -> new Requests(rule.list("requesters"), rule.list("request-forms"));
      case LIFECYCLE_RECORDS ->
          new Records(
              rule.text("keeper"), Optional.of(rule.text("copy-to")).filter(t -> !t.isEmpty()));
      default -> rule;
    };
  }

  private static Optional<Long> optionalNumber(PolicyRule rule, String name) {
    return rule.parameters().containsKey(name)
        ? Optional.of(rule.number(name, 0))
        : Optional.empty();
  }

  @Override
  public void lifecycle(CompiledRule rule, Out out, LifecycleFacts f) {
    switch (rule.rule().check()) {
      case VALIDITY_LENGTH -> length(rule.params(Length.class), out, f);
      case RENEWAL_WINDOW -> {
        window(rule.params(Window.class), out, f);
        if (f.daysLeft.isPresent()
            && f.daysLeft.get() <= rule.params(Window.class).leadDays().orElse(-1L)) {
          Bodies.address(rule, out, f.day);
        }
      }
      case HR_EVENT -> event(rule.params(Event.class), out, f);
      case REVOCATION_REQUEST -> request(rule.params(Requests.class), out, f);
      case FOCAL_OFFICER -> focal(out, f);
      case LIFECYCLE_RECORDS -> records(rule.params(Records.class), out, f);
      default -> out.notApplicable();
    }
  }

  // ---------------------------------------------------------------- validity length

  /**
   * A new certificate's span is at most {@code max-years}; a renewal extends the validity by at
   * most {@code renewal-max-years}, counted from the previous end of validity (ND68 Art 9, TB Art
   * 8(2); RULES-ERRATA 1.1): without the previous end the extension could not be checked.
   */
  private static void length(Length p, Out out, LifecycleFacts f) {
    if (f.q.certificate().isEmpty()) {
      out.notApplicable();
      return;
    }
    X509Certificate c = f.q.certificate().get();
    LocalDate from = LocalDate.ofInstant(c.getNotBefore().toInstant(), ZoneOffset.UTC);
    LocalDate to = LocalDate.ofInstant(c.getNotAfter().toInstant(), ZoneOffset.UTC);
    LocalDate issued = f.q.originalIssueDate().orElse(from);
    boolean renewal = f.renewal;
    if (p.issuedFrom().filter(issued::isBefore).isPresent()
        || p.issuedBefore().filter(d -> !issued.isBefore(d)).isPresent()) {
      out.notApplicable();
      return;
    }
    if (!renewal) {
      if (p.maxYears().isEmpty()) {
        out.notApplicable();
      } else if (to.isAfter(from.plusYears(p.maxYears().get()).plusDays(1))) {
        long days = ChronoUnit.DAYS.between(from, to);
        out.add(
            "VALIDITY_TOO_LONG",
            Severity.WARNING,
            days,
            String.format(Locale.ROOT, "%.1f", days / 365.25),
            p.maxYears().get());
      } else {
        out.met("MET_VALIDITY_LENGTH", from, to, p.maxYears().get());
      }
      return;
    }
    if (p.renewalMaxYears().isEmpty()) {
      out.notApplicable();
      return;
    }
    long max = p.renewalMaxYears().get();
    if (f.q.previousNotAfter().isEmpty()) {
      out.add("RENEWAL_EXTENSION_NOT_CHECKED", Severity.INFO, max);
      return;
    }
    LocalDate previous = LocalDate.ofInstant(f.q.previousNotAfter().get(), ZoneOffset.UTC);
    if (to.isAfter(previous.plusYears(max).plusDays(1))) {
      long days = ChronoUnit.DAYS.between(previous, to);
      out.add(
          "RENEWAL_EXTENSION_TOO_LONG",
          Severity.WARNING,
          previous,
          to,
          String.format(Locale.ROOT, "%.1f", days / 365.25),
          max);
    } else {
      out.met("MET_RENEWAL_EXTENSION", previous, to, max);
    }
  }

  // ---------------------------------------------------------------- renewal window

  private static void window(Window p, Out out, LifecycleFacts f) {
    if (f.daysLeft.isEmpty()) {
      out.notApplicable();
      return;
    }
    long daysLeft = f.daysLeft.get();
    LocalDate expires = f.expires.orElseThrow();
    if (p.change()) {
      // A change of information is its own request: it warns when its window closed, and is
      // never a reason a renewal is allowed.
      if (daysLeft < p.minDaysLeft()) {
        out.add("CHANGE_WINDOW_CLOSED", Severity.WARNING, p.minDaysLeft(), daysLeft);
      } else {
        out.notApplicable();
      }
      return;
    }
    if (daysLeft < p.minDaysLeft()) {
      out.add("RENEWAL_WINDOW_CLOSED", Severity.WARNING, p.minDaysLeft(), daysLeft);
      out.closeWindow();
    } else if (p.leadDays().isPresent() && daysLeft <= p.leadDays().get()) {
      out.add("RENEWAL_DUE", Severity.WARNING, p.minDaysLeft(), expires.minusDays(p.minDaysLeft()));
    }
    if (p.maxRenewals().isPresent()) {
      long max = p.maxRenewals().get();
      if (f.q.renewalsDone() >= max) {
        out.add("RENEWALS_EXHAUSTED", Severity.WARNING, f.q.renewalsDone(), max);
        out.closeWindow();
      }
      out.renewalsLeft(Math.max(0, max - f.q.renewalsDone()));
    }
    if (p.approvalRequired()) {
      // TB Art 5(1): the written request is approved by the subscriber manager (TB-03).
      if (f.q.renewalApproval().isEmpty()) {
        out.add("RENEWAL_APPROVAL_MISSING", Severity.WARNING);
      } else {
        out.met(
            "MET_RENEWAL_APPROVED",
            f.q.renewalApproval().get().by(),
            f.q.renewalApproval().get().date());
      }
    }
  }

  // ---------------------------------------------------------------- events

  private static void event(Event p, Out out, LifecycleFacts f) {
    if (f.q.event().isEmpty()) {
      out.notApplicable();
      return;
    }
    HrEvent event = f.q.event().get();
    boolean revoke = p.revokeOn().contains(event.name());
    boolean change = p.changeOn().contains(event.name());
    if (!revoke && !change) {
      out.notApplicable();
      return;
    }
    LocalDate date = f.q.eventDate();
    if (revoke && p.revokeIfAffected().contains(event.name())) {
      Optional<Boolean> affected = affected(event, f);
      if (affected.isEmpty()) {
        out.add("EVENT_REVOKE_IF_AFFECTED", Severity.WARNING, event.name());
        return;
      }
      if (!affected.get()) {
        out.add("EVENT_CERTIFICATE_UNAFFECTED", Severity.INFO, event.name());
        return;
      }
    }
    LocalDate notify =
        p.notifyWorkingDays().map(n -> f.context.calendar().addWorkingDays(date, n)).orElse(null);
    if (change && !revoke) {
      out.add("EVENT_CHANGE", Severity.WARNING, event.name(), notify == null ? "-" : notify);
      out.action(EventAdvice.Action.CHANGE_INFORMATION);
      out.notifyBy(notify);
      return;
    }
    Optional<LocalDate> returnFrom =
        p.fromCaNotice()
            ? f.q.caRevocationNoticeDate()
            : event == HrEvent.EXPIRED_NOT_RENEWED && f.expires.isPresent()
                ? f.expires
                : f.q.revocationNoticeDate();
    LocalDate device =
        p.deviceReturnWorkingDays().isPresent() && returnFrom.isPresent()
            ? f.context
                .calendar()
                .addWorkingDays(returnFrom.get(), p.deviceReturnWorkingDays().get())
            : null;
    if (device == null && p.deviceReturnWorkingDays().isPresent()) {
      out.add(
          p.fromCaNotice()
              ? "EVENT_REVOKE_RETURN_FROM_CA_NOTICE"
              : "EVENT_REVOKE_RETURN_FROM_NOTICE",
          Severity.WARNING,
          event.name(),
          notify == null ? "-" : notify,
          p.deviceReturnWorkingDays().get());
    } else {
      out.add(
          "EVENT_REVOKE",
          Severity.WARNING,
          event.name(),
          notify == null ? "-" : notify,
          device == null ? "-" : device);
    }
    if (p.caRequestCalendarDays().isPresent()) {
      // LC Art 14(2)(b), (c): the Sở's steps, for information (RULES-ERRATA 1.1, LC-13).
      out.add(
          "EVENT_AUTHORITY_STEPS",
          Severity.INFO,
          p.caRequestCalendarDays().get(),
          p.deviceReturnWorkingDays().orElse(0));
    }
    if (p.twoStepReturn()) {
      twoSteps(out, f, device);
    }
    out.action(EventAdvice.Action.REVOKE);
    out.notifyBy(notify);
    out.returnBy(device);
  }

  /**
   * Whether the event makes the certificate's data wrong: the caller's answer, else, for a title
   * change, whether the certificate carries a title at all (ND68 certificates carry none).
   */
  private static Optional<Boolean> affected(HrEvent event, LifecycleFacts f) {
    if (f.q.certificateStillMatches().isPresent()) {
      return Optional.of(!f.q.certificateStillMatches().get());
    }
    if (event == HrEvent.TITLE_CHANGE && f.identity().isPresent()) {
      return Optional.of(f.identity().flatMap(SignerIdentity::title).isPresent());
    }
    return Optional.empty();
  }

  /** KG-13: subscriber to managing body, then managing body to the CA. */
  private static void twoSteps(Out out, LifecycleFacts f, LocalDate deadline) {
    if (deadline != null && f.day.isAfter(deadline) && f.q.recordReference().isEmpty()) {
      out.add("DEVICE_RETURN_OVERDUE", Severity.WARNING, deadline);
    } else {
      out.add("DEVICE_RETURN_TWO_STEPS", Severity.INFO, deadline == null ? "-" : deadline);
    }
  }

  // ---------------------------------------------------------------- who asks, who hears

  private static void request(Requests p, Out out, LifecycleFacts f) {
    Optional<Requester> r = f.q.requester();
    if (r.isEmpty()) {
      out.notApplicable();
      return;
    }
    if (!p.requesters().contains(r.get().kind().name())) {
      out.add(
          "REQUESTER_NOT_ENTITLED",
          Severity.WARNING,
          r.get().name(),
          r.get().kind().name(),
          String.join(", ", p.requesters()));
    } else if (!p.forms().isEmpty()
        && r.get().form().filter(x -> p.forms().stream().anyMatch(x::equalsIgnoreCase)).isEmpty()) {
      out.add("REQUEST_FORM_MISSING", Severity.WARNING, String.join(", ", p.forms()));
    } else {
      out.met("MET_REQUESTER", r.get().name(), r.get().kind().name());
    }
  }

  private static void focal(Out out, LifecycleFacts f) {
    Optional<OrganisationRecord> org = f.organisation();
    if (org.isEmpty()) {
      out.notApplicable();
    } else if (org.get().focalOfficer().isEmpty()) {
      out.add("FOCAL_OFFICER_MISSING", Severity.WARNING, org.get().name());
    } else {
      out.met(
          "MET_FOCAL_OFFICER",
          org.get().head().orElse("-"),
          org.get().focalOfficer().get(),
          org.get().name());
    }
  }

  private static void records(Records p, Out out, LifecycleFacts f) {
    if (!f.q.completed()) {
      out.notApplicable();
    } else if (f.q.recordReference().isPresent()) {
      out.met("MET_RECORD_ON_FILE", f.q.recordReference().get(), p.keeper());
    } else {
      out.add(
          "LIFECYCLE_RECORD_MISSING",
          Severity.WARNING,
          f.q.operation().name(),
          p.keeper(),
          p.copyTo().orElse("-"));
    }
  }
}
