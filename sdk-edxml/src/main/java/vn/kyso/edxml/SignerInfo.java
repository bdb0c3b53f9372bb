package vn.kyso.edxml;

import java.util.Objects;

/**
 * Who signed the letter, as the edXML header says: the authority form ({@code Competence}, e.g.
 * {@code TL. BỘ TRƯỞNG}), the position and the full name.
 *
 * @param competence the authority form, or empty
 * @param position the position, or empty
 * @param fullName the full name
 * @since 0.2
 */
public record SignerInfo(String competence, String position, String fullName) {
  /** Checks that no field is null. */
  public SignerInfo {
    Objects.requireNonNull(competence, "competence");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(fullName, "fullName");
  }
}
