package vn.kyso.api.remote;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.SignatureValue;

/**
 * What a remote service says about a transaction: still pending, or done with the signature values
 * in the order the digests were submitted, or refused, expired or failed with the service's reason.
 *
 * @param status where it stands
 * @param signatures the values when {@link RemoteStatus#APPROVED}, in submission order
 * @param serviceCode the service's own status or error code, when it gave one
 * @param message the service's message, when it gave one
 * @since 0.1
 */
public record RemoteResult(
    RemoteStatus status,
    List<SignatureValue> signatures,
    Optional<String> serviceCode,
    Optional<String> message) {
  /** Validates the parts. */
  public RemoteResult {
    Objects.requireNonNull(status, "status");
    signatures = List.copyOf(Objects.requireNonNull(signatures, "signatures"));
    Objects.requireNonNull(serviceCode, "serviceCode");
    Objects.requireNonNull(message, "message");
    if (status == RemoteStatus.APPROVED && signatures.isEmpty()) {
      throw new IllegalArgumentException("an approved result carries signatures");
    }
  }

  /**
   * A pending result.
   *
   * @return the result
   */
  public static RemoteResult pending() {
    return new RemoteResult(RemoteStatus.PENDING, List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * An approved result.
   *
   * @param signatures the values in submission order
   * @return the result
   */
  public static RemoteResult approved(List<SignatureValue> signatures) {
    return new RemoteResult(RemoteStatus.APPROVED, signatures, Optional.empty(), Optional.empty());
  }
}
