package vn.kyso.api.token;

import java.util.List;
import vn.kyso.api.TokenException;

/**
 * Something that holds signing keys: a PKCS#12 file, a PKCS#11 token or HSM, or a remote signing
 * service.
 *
 * <p>Tokens are the one stateful type of the SDK: they are {@link AutoCloseable}, <b>not</b>
 * thread-safe unless an implementation says otherwise, and belong in try-with-resources. Keys
 * obtained from a token are unusable after {@link #close()}.
 *
 * @since 0.1
 */
public interface SigningToken extends AutoCloseable {

  /**
   * Lists the keys that can sign, each with its certificate.
   *
   * @return the keys, possibly empty
   * @throws TokenException if the token cannot be read (removed, closed, locked)
   */
  List<SigningKey> keys() throws TokenException;

  /** Releases the token: wipes secrets, closes sessions. Idempotent. */
  @Override
  void close();
}
