package vn.kyso.api.policy;

/**
 * Where the signing key lives (Nghị định 68/2024 and the Kiên Giang draft Art 3(9)-(11)).
 *
 * @since 0.1
 */
public enum KeyStorage {
  /** A PKI token (USB) issued to the subscriber. */
  TOKEN,
  /** A SIM PKI card in a phone. */
  SIM,
  /** Centralised signing: the key is held in the CA's HSM. */
  CENTRALISED,
  /** A software key file such as PKCS#12: not a special-use key device. */
  SOFTWARE,
  /** Not known to the host. */
  UNKNOWN
}
