package vn.kyso.api;

/**
 * Whom a certificate belongs to, as far as the certificate itself tells.
 *
 * @since 0.1
 */
public enum SubjectType {
  /** A natural person (cá nhân): an official, a leader, a clerk. */
  PERSON,
  /** An organisation (cơ quan, tổ chức), whose signature stands for its seal. */
  ORGANISATION,
  /** A device, server or software service. */
  DEVICE,
  /** The certificate does not say; ask the host's registry. */
  UNKNOWN
}
