package vn.kyso.policy.internal;

import java.time.LocalDate;
import vn.kyso.policy.HrEvent;

/** The facts of an HR or organisation event. */
final class EventFacts {
  final HrEvent event;
  final LocalDate date;
  final Context context;

  EventFacts(HrEvent event, LocalDate date, Context context) {
    this.event = event;
    this.date = date;
    this.context = context;
  }
}
