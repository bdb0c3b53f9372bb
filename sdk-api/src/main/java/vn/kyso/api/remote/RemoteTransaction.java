package vn.kyso.api.remote;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;

/**
 * A submitted request for signatures that may finish later, perhaps in another JVM: the service,
 * its transaction id, the credential and how many values are expected. Holds no secret and no
 * document. {@link #toBytes()} and {@link #fromBytes(byte[])} keep it between two HTTP requests.
 *
 * @param service the adapter's name, e.g. {@code csc}
 * @param id the service's transaction id
 * @param credentialId the credential that signs
 * @param count how many signature values the transaction returns
 * @param algorithm the signature algorithm asked for
 * @param submitted when it was submitted
 * @since 0.1
 */
public record RemoteTransaction(
    String service,
    String id,
    String credentialId,
    int count,
    SignatureAlgorithm algorithm,
    Instant submitted) {
  /** Validates the parts. */
  public RemoteTransaction {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(submitted, "submitted");
    if (count < 1) {
      throw new IllegalArgumentException("count < 1");
    }
  }

  /**
   * @return the state as bytes (a line of text)
   */
  public byte[] toBytes() {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    String line =
        String.join(
            " ",
            "kyso-remote-1",
            b.encodeToString(service.getBytes(StandardCharsets.UTF_8)),
            b.encodeToString(id.getBytes(StandardCharsets.UTF_8)),
            b.encodeToString(credentialId.getBytes(StandardCharsets.UTF_8)),
            Integer.toString(count),
            algorithm.name(),
            submitted.toString());
    return line.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads the state {@link #toBytes()} wrote.
   *
   * @param state the bytes
   * @return the transaction
   * @throws DocumentException {@code PREPARED_STATE_INVALID} when the bytes are not such a state
   */
  public static RemoteTransaction fromBytes(byte[] state) throws DocumentException {
    Objects.requireNonNull(state, "state");
    try {
      if (state.length > 16_384) {
        throw new IllegalArgumentException("too long");
      }
      List<String> parts = List.of(new String(state, StandardCharsets.US_ASCII).split(" "));
      if (parts.size() != 7 || !parts.get(0).equals("kyso-remote-1")) {
        throw new IllegalArgumentException("not a remote transaction");
      }
      Base64.Decoder d = Base64.getUrlDecoder();
      return new RemoteTransaction(
          new String(d.decode(parts.get(1)), StandardCharsets.UTF_8),
          new String(d.decode(parts.get(2)), StandardCharsets.UTF_8),
          new String(d.decode(parts.get(3)), StandardCharsets.UTF_8),
          Integer.parseInt(parts.get(4)),
          SignatureAlgorithm.valueOf(parts.get(5)),
          Instant.parse(parts.get(6)));
    } catch (RuntimeException e) {
      throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, e, e.getMessage());
    }
  }
}
