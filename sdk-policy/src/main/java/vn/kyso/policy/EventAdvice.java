package vn.kyso.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.policy.PolicyFinding;

/**
 * What to do after a personnel or organisation event, with deadlines in working days. Immutable.
 *
 * @param event the event
 * @param action what the rules require
 * @param notifyBy the last day to notify the managing body (or request the change)
 * @param returnDeviceBy the last day to hand the key device back, after a revocation
 * @param findings the cited reasons, one per applicable rule
 * @since 0.1
 */
public record EventAdvice(
    HrEvent event,
    Action action,
    Optional<LocalDate> notifyBy,
    Optional<LocalDate> returnDeviceBy,
    List<PolicyFinding> findings) {

  /** The required action. */
  public enum Action {
    /** Revoke the certificate and hand back the device. */
    REVOKE,
    /** Request a change of the certificate's information. */
    CHANGE_INFORMATION,
    /** Nothing to do. */
    NONE
  }

  /**
   * Validates the parts.
   *
   * @param event event
   * @param action action
   * @param notifyBy notify deadline
   * @param returnDeviceBy return deadline
   * @param findings reasons
   */
  public EventAdvice {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(notifyBy, "notifyBy");
    Objects.requireNonNull(returnDeviceBy, "returnDeviceBy");
    findings = List.copyOf(findings);
  }
}
