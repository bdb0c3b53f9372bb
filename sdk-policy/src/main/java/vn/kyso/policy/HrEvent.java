package vn.kyso.policy;

/**
 * Personnel and organisation events that call for revoking or changing a certificate (RULES.md
 * CD68-08/09/20, LC-12, TB-06/07/08).
 *
 * @since 0.1
 */
public enum HrEvent {
  /** The holder retires. */
  RETIREMENT,
  /** The holder leaves the job or the state sector. */
  RESIGNATION,
  /** The holder died. */
  DEATH,
  /** The holder moves to another state organisation. */
  TRANSFER_WITHIN_STATE,
  /** The holder's title or post changes. */
  TITLE_CHANGE,
  /** The holder's official e-mail address changes. */
  EMAIL_CHANGE,
  /** The holder is convicted (notice from a prosecuting or security body). */
  CONVICTION,
  /** The key is exposed or suspected to be. */
  KEY_COMPROMISE,
  /** The key device is lost. */
  DEVICE_LOST,
  /** The organisation is renamed or changes address. */
  ORGANISATION_RENAMED,
  /** The organisation is split. */
  ORGANISATION_SPLIT,
  /** The organisation is merged into or with another. */
  ORGANISATION_MERGED,
  /** The organisation is dissolved. */
  ORGANISATION_DISSOLVED,
  /** The key device or the certificate is damaged (TB Art 6(1)(a), (c)). */
  DEVICE_DAMAGED,
  /** The key device was altered or tampered with by tools or programs (TB Art 6(1)(c)). */
  DEVICE_TAMPERED,
  /** The device was not guarded as a "Mật" state secret (TB Art 6(1)(c)). */
  CUSTODY_BREACH,
  /** The certificate expired without being renewed (LC Art 14(1)(a); ND68 Art 17). */
  EXPIRED_NOT_RENEWED,
  /** The holder is declared missing (LC Art 14(1)(d), "mất tích"). */
  MISSING_PERSON,
  /** The device, service or software the certificate serves was stopped (ND68 Art 17). */
  SERVICE_STOPPED,
  /**
   * A prosecuting or security body, or the ministry in charge, asks for revocation (LC Art
   * 14(1)(c)); the body goes in {@link Requester}.
   */
  AUTHORITY_REQUEST,
  /** The holder forgot the device password (TB Art 10(3), Mẫu 09). */
  PASSWORD_FORGOTTEN
}
