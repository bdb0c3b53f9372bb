package vn.kyso.pkcs11;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.Certificates;
import vn.kyso.pkcs11.internal.Binding;

/**
 * A private key on a PKCS#11 token with its certificate (paired by CKA_ID). Thread-safe; usable
 * until its token is closed.
 *
 * <p>Mechanisms: RSA PKCS#1 v1.5 as {@code CKM_RSA_PKCS} over the DER DigestInfo of the digest
 * ({@link #sign}) or {@code CKM_SHA256/384/512_RSA_PKCS} over the data ({@link #signData});
 * RSASSA-PSS as {@code CKM_RSA_PKCS_PSS} over the digest (MGF1 with the same hash, salt = hash
 * length); ECDSA as {@code CKM_ECDSA} over the digest, the value returned DER-encoded. Keys with
 * {@code CKA_ALWAYS_AUTHENTICATE} get a context-specific login through the PIN callback for every
 * signature.
 *
 * @since 0.1
 */
public final class Pkcs11Key implements SigningKey {
  private static final long CKM_RSA_PKCS = 0x1L;
  private static final long CKM_RSA_PKCS_PSS = 0xDL;
  private static final long CKM_ECDSA = 0x1041L;
  private static final long CKK_EC = 0x3L;

  private final Pkcs11Token token;
  private final byte[] ckaId;
  private final String label;
  private final boolean alwaysAuthenticate;
  private final X509Certificate certificate;
  private final List<X509Certificate> chain;
  private final Set<SignatureAlgorithm> algorithms;
  private volatile long handle;
  private volatile int handleGeneration;

  Pkcs11Key(
      Pkcs11Token token,
      Binding.KeyObject key,
      X509Certificate certificate,
      List<X509Certificate> chain) {
    this.token = token;
    this.ckaId = key.id().clone();
    this.label = key.label();
    this.alwaysAuthenticate = key.alwaysAuthenticate();
    this.certificate = certificate;
    this.chain = List.copyOf(chain);
    this.handle = key.handle();
    this.handleGeneration = token.generation();
    EnumSet<SignatureAlgorithm> set = EnumSet.noneOf(SignatureAlgorithm.class);
    SignatureAlgorithm.KeyType type =
        key.keyType() == CKK_EC ? SignatureAlgorithm.KeyType.EC : SignatureAlgorithm.KeyType.RSA;
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      if (a.keyType() == type) {
        set.add(a);
      }
    }
    this.algorithms = Collections.unmodifiableSet(set);
  }

  /**
   * @return the hex of CKA_ID
   */
  @Override
  public String id() {
    return Pkcs11Token.hex(ckaId);
  }

  /**
   * @return the CKA_LABEL of the private key
   */
  public String label() {
    return label;
  }

  /**
   * @return whether every signature needs a context-specific PIN entry (CKA_ALWAYS_AUTHENTICATE)
   */
  public boolean isAlwaysAuthenticate() {
    return alwaysAuthenticate;
  }

  @Override
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public List<X509Certificate> chain() {
    return chain;
  }

  @Override
  public Set<SignatureAlgorithm> supportedAlgorithms() {
    return algorithms;
  }

  Pkcs11Token token() {
    return token;
  }

  @Override
  public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(algorithm, "algorithm");
    check(algorithm);
    if (digest.algorithm() != algorithm.digestAlgorithm()) {
      throw new IllegalArgumentException(
          "digest is "
              + digest.algorithm()
              + " but "
              + algorithm
              + " signs "
              + algorithm.digestAlgorithm());
    }
    return token.withSession(s -> signOn(s, handle(s), digest, algorithm));
  }

  /**
   * Signs data with a hash-and-sign mechanism on the token ({@code CKM_SHA256_RSA_PKCS} and its
   * SHA-384/512 siblings). Only RSA PKCS#1 v1.5 algorithms.
   *
   * @param data the data; the token hashes it
   * @param algorithm an RSA PKCS#1 v1.5 algorithm
   * @return the signature value
   * @throws TokenException as {@link #sign}
   */
  public SignatureValue signData(byte[] data, SignatureAlgorithm algorithm) throws TokenException {
    Objects.requireNonNull(data, "data");
    check(algorithm);
    if (algorithm.isPss() || algorithm.keyType() != SignatureAlgorithm.KeyType.RSA) {
      throw new IllegalArgumentException("signData supports RSA PKCS#1 v1.5 only");
    }
    long mechanism =
        algorithm.digestAlgorithm() == DigestAlgorithm.SHA256
            ? 0x40L
            : algorithm.digestAlgorithm() == DigestAlgorithm.SHA384 ? 0x41L : 0x42L;
    byte[] copy = data.clone();
    return token.withSession(
        s -> new SignatureValue(algorithm, signRaw(s, handle(s), mechanism, 0, 0, 0, copy)));
  }

  /** Signs on a session the caller holds (batch signing). */
  SignatureValue signOn(
      Binding.Session s, long keyHandle, Digest digest, SignatureAlgorithm algorithm)
      throws TokenException {
    check(algorithm);
    if (digest.algorithm() != algorithm.digestAlgorithm()) {
      throw new IllegalArgumentException(
          "digest is "
              + digest.algorithm()
              + " but "
              + algorithm
              + " signs "
              + algorithm.digestAlgorithm());
    }
    try {
      byte[] value;
      if (algorithm.isPss()) {
        long[] p = pss(algorithm.digestAlgorithm());
        value =
            signRaw(
                s,
                keyHandle,
                CKM_RSA_PKCS_PSS,
                p[0],
                p[1],
                algorithm.digestAlgorithm().length(),
                digest.value());
      } else if (algorithm.keyType() == SignatureAlgorithm.KeyType.RSA) {
        value = signRaw(s, keyHandle, CKM_RSA_PKCS, 0, 0, 0, digest.digestInfo());
      } else {
        value = derEcdsa(signRaw(s, keyHandle, CKM_ECDSA, 0, 0, 0, digest.value()));
      }
      return new SignatureValue(algorithm, value);
    } catch (Binding.Ck e) {
      throw token.translate(e, "C_Sign");
    }
  }

  private byte[] signRaw(
      Binding.Session s, long keyHandle, long mechanism, long hash, long mgf, int salt, byte[] data)
      throws Binding.Ck, TokenException {
    char[] contextPin = alwaysAuthenticate ? token.askContextPin() : null;
    try {
      return s.sign(mechanism, hash, mgf, salt, keyHandle, data, contextPin);
    } finally {
      Pkcs11Token.wipe(contextPin);
    }
  }

  /**
   * Returns the key handle valid for the current login, re-finding it by CKA_ID after a new login.
   */
  long handle(Binding.Session s) throws Binding.Ck, TokenException {
    int current = token.generation();
    if (handleGeneration != current) {
      List<Binding.KeyObject> found = s.privateKeys(ckaId);
      if (found.isEmpty()) {
        throw new Pkcs11Exception(
            ErrorCode.TOKEN_ERROR,
            token.description().pinFlags(),
            null,
            null,
            "no private key with CKA_ID " + id(),
            "C_FindObjects");
      }
      handle = found.get(0).handle();
      handleGeneration = current;
    }
    return handle;
  }

  private void check(SignatureAlgorithm algorithm) throws TokenException {
    if (!algorithms.contains(algorithm)) {
      throw new TokenException(
          ErrorCode.ALGORITHM_NOT_SUPPORTED,
          null,
          algorithm,
          certificate.getPublicKey().getAlgorithm());
    }
    int bits = Certificates.keySize(certificate);
    if (algorithm.keyType() == SignatureAlgorithm.KeyType.RSA && bits < 2048
        || algorithm.keyType() == SignatureAlgorithm.KeyType.EC && bits < 256) {
      throw new TokenException(
          ErrorCode.ALGORITHM_TOO_WEAK,
          null,
          certificate.getPublicKey().getAlgorithm() + "-" + bits);
    }
  }

  private static long[] pss(DigestAlgorithm d) {
    switch (d) {
      case SHA256:
        return new long[] {0x250L, 0x2L};
      case SHA384:
        return new long[] {0x260L, 0x3L};
      case SHA512:
        return new long[] {0x270L, 0x4L};
      default:
        throw new IllegalArgumentException("no PSS with " + d);
    }
  }

  /** PKCS#11 returns ECDSA as r || s; CMS and XML-DSig interop wants DER SEQUENCE {r, s}. */
  private static byte[] derEcdsa(byte[] raw) {
    int n = raw.length / 2;
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, n))));
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, n, raw.length))));
    try {
      return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Pkcs11Key["
        + id()
        + ", "
        + Certificates.readableName(certificate.getSubjectX500Principal())
        + "]";
  }
}
