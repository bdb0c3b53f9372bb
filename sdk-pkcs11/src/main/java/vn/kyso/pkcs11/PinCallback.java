package vn.kyso.pkcs11;

/**
 * How the SDK asks the host for PINs and confirmations. Called on the thread that needs the PIN;
 * the SDK wipes the returned array after use and never retries a PIN by itself.
 *
 * @since 0.1
 */
public interface PinCallback {

  /** Why a PIN is asked. */
  enum Purpose {
    /** To log in to the token. */
    LOGIN,
    /** A context-specific login for one signature (keys with CKA_ALWAYS_AUTHENTICATE). */
    CONTEXT_SPECIFIC,
    /** The current PIN, to change it. */
    CHANGE_OLD,
    /** The new PIN. */
    CHANGE_NEW,
    /** The security officer's PIN (PUK), held by the certificate manager, to unlock a user PIN. */
    SECURITY_OFFICER
  }

  /**
   * Asks for a PIN.
   *
   * @param token the token, with its PIN flags as read just before
   * @param purpose why the PIN is needed
   * @return the PIN, which the SDK wipes after use; {@code null} to cancel
   */
  char[] pin(TokenDescription token, Purpose purpose);

  /**
   * Tells the host that a wrong PIN was entered before (COUNT_LOW): a chance to warn the person.
   *
   * @param token the token
   */
  default void pinCountLow(TokenDescription token) {}

  /**
   * Asks whether to try a PIN although one more wrong PIN locks the token (FINAL_TRY).
   *
   * @param token the token
   * @return {@code true} only when the person explicitly confirmed
   */
  default boolean confirmFinalTry(TokenDescription token) {
    return false;
  }
}
