package vn.kyso.pkcs11;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;

/**
 * The outcome of a batch: the values signed, in order, and the failure that stopped it, if any.
 * Items {@code 0 .. signed().size() - 1} were signed; the item at {@link #failedIndex()} failed and
 * later ones were not attempted. Immutable.
 *
 * @param signed the signature values of the items signed, in input order
 * @param failure the error that stopped the batch, if any
 * @param total how many items the batch held
 * @since 0.1
 */
public record BatchResult(
    List<SignatureValue> signed, Optional<TokenException> failure, int total) {

  /**
   * Validates and copies.
   *
   * @param signed the values
   * @param failure the failure
   * @param total the item count
   */
  public BatchResult {
    signed = List.copyOf(signed);
    Objects.requireNonNull(failure, "failure");
  }

  /**
   * @return whether every item was signed
   */
  public boolean isComplete() {
    return failure.isEmpty() && signed.size() == total;
  }

  /**
   * @return the index of the item that failed, if the batch stopped
   */
  public Optional<Integer> failedIndex() {
    return failure.map(f -> signed.size());
  }
}
