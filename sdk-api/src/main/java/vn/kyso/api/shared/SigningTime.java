package vn.kyso.api.shared;

import java.time.Clock;
import java.time.Instant;

/** The claimed signing time every Kyso signer writes. */
public final class SigningTime {
  private SigningTime() {}

  /**
   * Returns the clock's instant truncated to whole seconds (towards the past). A PDF date, a CMS
   * {@code signingTime} and a XAdES {@code SigningTime} carry seconds, so the policy check, the
   * signed attributes and the report all see the same instant when they are given this one value.
   *
   * @param clock the signer's clock
   * @return the signing time
   */
  public static Instant now(Clock clock) {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }
}
