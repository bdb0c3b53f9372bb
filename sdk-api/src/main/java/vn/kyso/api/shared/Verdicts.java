package vn.kyso.api.shared;

import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SubIndication;

/** How the verifiers combine the reasons a signature did not pass. */
public final class Verdicts {
  private Verdicts() {}

  /**
   * Combines two reasons: the first stands unless a later one is a failure and the first only
   * indeterminate.
   *
   * @param current the reason so far, or null
   * @param candidate a new reason
   * @return the reason to keep
   */
  public static SubIndication worse(SubIndication current, SubIndication candidate) {
    if (current == null) {
      return candidate;
    }
    return candidate.indication() == Indication.TOTAL_FAILED
            && current.indication() != Indication.TOTAL_FAILED
        ? candidate
        : current;
  }
}
