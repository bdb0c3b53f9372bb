package vn.kyso.api.token;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.internal.Bounded;
import vn.kyso.api.internal.RawSignatures;
import vn.kyso.api.trust.Certificates;

/**
 * A software token: the private keys of a PKCS#12 ({@code .p12}, {@code .pfx}) file.
 *
 * <p>Not thread-safe; close it when done (try-with-resources). The password is wiped from the
 * caller's array as soon as the file is opened, whether or not that succeeds.
 *
 * <p><b>Security notes.</b> Keys live in this JVM's memory until {@link #close()}; for production
 * signing with special-use certificates use a PKCS#11 token. RSA keys shorter than 2048 bits and
 * SHA-1 are refused for signing.
 *
 * @since 0.1
 */
public final class Pkcs12Token implements SigningToken {
  /** Largest PKCS#12 file accepted. */
  public static final long MAX_FILE_SIZE = 4L * 1024 * 1024;

  private List<SigningKey> keys = List.of();
  private volatile boolean closed;

  private Pkcs12Token() {}

  /**
   * Opens a PKCS#12 file.
   *
   * @param file the file
   * @param password the password; wiped before this method returns
   * @return the open token
   * @throws TokenException {@code KEYSTORE_PASSWORD_INCORRECT} for a wrong password, {@code
   *     KEYSTORE_UNREADABLE} for a damaged file or one that is not PKCS#12, {@code NO_SIGNING_KEY}
   *     when no key has a certificate
   * @throws DocumentException {@code IO_ERROR} or {@code INPUT_TOO_LARGE} when the file cannot be
   *     read
   */
  public static Pkcs12Token load(Path file, char[] password)
      throws TokenException, DocumentException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, password);
    } catch (IOException e) {
      Arrays.fill(password, '\0');
      throw new DocumentException(ErrorCode.IO_ERROR, e, file);
    }
  }

  /**
   * Opens a PKCS#12 key store from a stream.
   *
   * @param in the stream; read to the end, not closed
   * @param password the password; wiped before this method returns
   * @return the open token
   * @throws TokenException {@code KEYSTORE_PASSWORD_INCORRECT} for a wrong password, {@code
   *     KEYSTORE_UNREADABLE} for damaged data or data that is not PKCS#12, {@code NO_SIGNING_KEY}
   *     when no key has a certificate
   * @throws DocumentException {@code IO_ERROR} or {@code INPUT_TOO_LARGE} when the stream cannot be
   *     read
   */
  public static Pkcs12Token load(InputStream in, char[] password)
      throws TokenException, DocumentException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(password, "password");
    try {
      byte[] data = Bounded.read(in, MAX_FILE_SIZE, "PKCS#12");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(data), password);
      Pkcs12Token token = new Pkcs12Token();
      List<SigningKey> keys = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
          continue;
        }
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        List<X509Certificate> x509 = new ArrayList<>();
        for (Certificate c : chain) {
          x509.add((X509Certificate) c);
        }
        keys.add(token.new SoftwareKey(alias, key, x509));
      }
      if (keys.isEmpty()) {
        throw new TokenException(ErrorCode.NO_SIGNING_KEY, null);
      }
      token.keys = List.copyOf(keys);
      return token;
    } catch (IOException
        | GeneralSecurityException
        | ClassCastException
        | IllegalArgumentException e) {
      // The JDK reports a wrong password as an IOException caused by UnrecoverableKeyException
      // (the integrity check of an intact file fails); anything else is not a readable key store.
      boolean wrongPassword =
          e instanceof UnrecoverableKeyException
              || e.getCause() instanceof UnrecoverableKeyException;
      throw new TokenException(
          wrongPassword ? ErrorCode.KEYSTORE_PASSWORD_INCORRECT : ErrorCode.KEYSTORE_UNREADABLE, e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public List<SigningKey> keys() throws TokenException {
    if (closed) {
      throw new TokenException(ErrorCode.TOKEN_CLOSED, null);
    }
    return keys;
  }

  @Override
  public void close() {
    closed = true;
  }

  private final class SoftwareKey implements SigningKey {
    private final String alias;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Set<SignatureAlgorithm> algorithms;

    SoftwareKey(String alias, PrivateKey key, List<X509Certificate> chain) {
      this.alias = alias;
      this.key = key;
      this.chain = List.copyOf(chain);
      EnumSet<SignatureAlgorithm> set = EnumSet.noneOf(SignatureAlgorithm.class);
      for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
        if (a.keyType().name().equals(keyFamily(key))) {
          set.add(a);
        }
      }
      this.algorithms = Collections.unmodifiableSet(set);
    }

    @Override
    public String id() {
      return alias;
    }

    @Override
    public X509Certificate certificate() {
      return chain.get(0);
    }

    @Override
    public List<X509Certificate> chain() {
      return chain;
    }

    @Override
    public Set<SignatureAlgorithm> supportedAlgorithms() {
      return algorithms;
    }

    @Override
    public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(algorithm, "algorithm");
      if (closed) {
        throw new TokenException(ErrorCode.TOKEN_CLOSED, null);
      }
      if (!algorithms.contains(algorithm)) {
        throw new TokenException(
            ErrorCode.ALGORITHM_NOT_SUPPORTED, null, algorithm, key.getAlgorithm());
      }
      int bits = RawSignatures.keySize(key);
      if (algorithm.keyType() == SignatureAlgorithm.KeyType.RSA && bits < 2048
          || algorithm.keyType() == SignatureAlgorithm.KeyType.EC && bits < 256) {
        throw new TokenException(
            ErrorCode.ALGORITHM_TOO_WEAK, null, key.getAlgorithm() + "-" + bits);
      }
      try {
        return new SignatureValue(algorithm, RawSignatures.sign(key, digest, algorithm));
      } catch (GeneralSecurityException e) {
        throw new TokenException(ErrorCode.SIGNING_FAILED, e, alias);
      }
    }

    @Override
    public String toString() {
      return "Pkcs12Key["
          + alias
          + ", "
          + Certificates.readableName(certificate().getSubjectX500Principal())
          + "]";
    }
  }

  private static String keyFamily(PrivateKey key) {
    String alg = key.getAlgorithm();
    return alg.equals("EC") || alg.equals("ECDSA") ? "EC" : alg.equals("RSA") ? "RSA" : alg;
  }
}
