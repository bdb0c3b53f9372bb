package vn.kyso.edxml;

import java.util.Objects;
import vn.kyso.api.validation.ValidationReport;

/**
 * An edXML message as read, and the one report on it: the header's signature, every signature of
 * every attached document, and what the envelope and the documents say of each other.
 *
 * @param message the message
 * @param report the report
 * @since 0.2
 */
public record EdxmlVerification(EdxmlPackage message, ValidationReport report) {
  /** Checks that neither is null. */
  public EdxmlVerification {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(report, "report");
  }
}
