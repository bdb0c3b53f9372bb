package vn.kyso.pkcs11;

import java.util.Optional;
import java.util.Set;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.TokenException;

/**
 * A {@link TokenException} from a PKCS#11 token, with the PIN flags read after the failure and the
 * raw {@code CKR_*} name when the token returned one.
 *
 * @since 0.1
 */
public final class Pkcs11Exception extends TokenException {
  private static final long serialVersionUID = 1L;
  private final Set<PinFlag> pinFlags;
  private final String ckr;

  Pkcs11Exception(
      ErrorCode code, Set<PinFlag> pinFlags, String ckr, Throwable cause, Object... arguments) {
    super(code, cause, arguments);
    this.pinFlags = Set.copyOf(pinFlags);
    this.ckr = ckr;
  }

  /**
   * @return the PIN flags the token reported after the failure (e.g. COUNT_LOW, FINAL_TRY)
   */
  public Set<PinFlag> pinFlags() {
    return pinFlags;
  }

  /**
   * @return the token's CKR code name, e.g. {@code CKR_PIN_INCORRECT}, if any
   */
  public Optional<String> ckr() {
    return Optional.ofNullable(ckr);
  }
}
