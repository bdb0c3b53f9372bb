package vn.kyso.api;

import java.util.Objects;
import java.util.stream.Collectors;
import vn.kyso.api.policy.PolicyDecision;

/**
 * The signing policy denied a signature. Thrown before any token is touched; carries the whole
 * cited decision so the host can show the reasons.
 *
 * @since 0.1
 */
public class SigningRefusedException extends KysoException {
  private static final long serialVersionUID = 1L;

  private final transient PolicyDecision decision;

  /**
   * Creates the exception.
   *
   * @param decision the denying decision
   */
  public SigningRefusedException(PolicyDecision decision) {
    super(
        ErrorCode.SIGNING_REFUSED,
        null,
        Objects.requireNonNull(decision, "decision").denials().stream()
            .map(f -> f.ruleId())
            .distinct()
            .collect(Collectors.joining(", ")));
    this.decision = decision;
  }

  /**
   * @return the decision, with every reason and citation
   */
  public PolicyDecision decision() {
    return decision;
  }
}
