package vn.kyso.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The territory a provincial pack governs after the 2025 mergers (RULES-ERRATA 3.2, item 1;
 * Resolution 202/2025/QH15): a pre-merger act keeps applying in the former province only, until the
 * merged province replaces it. From {@code from}, the pack applies to a signer or a document only
 * when the organisation's registry record names {@code formerProvince} ({@link
 * OrganisationRecord#formerProvince()}); never from names in certificates.
 *
 * @param formerProvince the province the act was made for, e.g. {@code Thái Bình}
 * @param mergedInto the province that territory now belongs to, e.g. {@code Hưng Yên}
 * @param from the first day of the merged province
 * @since 0.1
 */
public record Territory(String formerProvince, String mergedInto, LocalDate from) {
  /** Validates the parts. */
  public Territory {
    Objects.requireNonNull(formerProvince, "formerProvince");
    Objects.requireNonNull(mergedInto, "mergedInto");
    Objects.requireNonNull(from, "from");
  }
}
