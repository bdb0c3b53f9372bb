package vn.kyso.api.remote;

/**
 * Where a remote signing transaction stands.
 *
 * @since 0.1
 */
public enum RemoteStatus {
  /** Waiting for the user's approval. */
  PENDING,
  /** Approved: the signature values are there. */
  APPROVED,
  /** The user refused. */
  REJECTED,
  /** The approval window closed. */
  EXPIRED,
  /** The service failed. */
  FAILED
}
