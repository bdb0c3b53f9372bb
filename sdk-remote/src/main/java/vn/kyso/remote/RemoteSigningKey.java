package vn.kyso.remote;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.kyso.api.Digest;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.token.SigningKey;

/**
 * A remote credential as a {@link SigningKey}, for one-step signing ({@code PdfSigner.sign}, {@code
 * XmlSigner.sign}) in a process that can wait for the approval: each signature submits one digest
 * and waits within the budget. A web back end that cannot block uses {@code prepare}, {@link
 * RemoteSigner#submit} and {@code complete} instead. A refusal, a timeout or a service failure is a
 * {@link TokenException} {@code SIGNING_FAILED} whose cause is the typed {@code
 * RemoteSigningException}.
 *
 * @since 0.1
 */
public final class RemoteSigningKey implements SigningKey {
  private final RemoteSigner signer;
  private final RemoteCredential credential;
  private final String description;
  private final Duration budget;
  private final Duration interval;

  private RemoteSigningKey(
      RemoteSigner signer,
      RemoteCredential credential,
      String description,
      Duration budget,
      Duration interval) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.description = Objects.requireNonNull(description, "description");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  /**
   * Wraps a credential.
   *
   * @param signer the service
   * @param credential the credential
   * @param description what the user sees when asked to approve
   * @param budget how long each signature may wait for the approval
   * @param interval the time between polls
   * @return the key
   */
  public static RemoteSigningKey of(
      RemoteSigner signer,
      RemoteCredential credential,
      String description,
      Duration budget,
      Duration interval) {
    return new RemoteSigningKey(signer, credential, description, budget, interval);
  }

  @Override
  public String id() {
    return credential.id();
  }

  @Override
  public X509Certificate certificate() {
    return credential.certificate();
  }

  @Override
  public List<X509Certificate> chain() {
    return credential.chain();
  }

  @Override
  public Set<SignatureAlgorithm> supportedAlgorithms() {
    Set<SignatureAlgorithm> out = EnumSet.noneOf(SignatureAlgorithm.class);
    String keyAlgorithm = credential.certificate().getPublicKey().getAlgorithm();
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      boolean rsa = a.keyType() == SignatureAlgorithm.KeyType.RSA;
      if (rsa == keyAlgorithm.equals("RSA") && !a.isPss()) {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
    try {
      return signer
          .signAndWait(credential, List.of(digest), algorithm, description, budget, interval)
          .get(0);
    } catch (ServiceException e) {
      throw new TokenException(ErrorCode.SIGNING_FAILED, e, credential.id());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(ErrorCode.SIGNING_FAILED, e, credential.id());
    }
  }

  @Override
  public String toString() {
    return "RemoteSigningKey[" + credential.id() + " at " + signer + "]";
  }
}
