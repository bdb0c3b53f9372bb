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
  ORGANISATION_DISSOLVED
}
