package vn.kyso.api.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;

/** Signs and verifies pre-computed digests with JCA keys, without registering any provider. */
public final class RawSignatures {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RawSignatures() {}

  /**
   * Returns the DER {@code DigestInfo} that PKCS#1 v1.5 signs.
   *
   * @param digest the digest
   * @return the DER encoding
   */
  public static byte[] digestInfo(Digest digest) {
    try {
      AlgorithmIdentifier id =
          new AlgorithmIdentifier(
              new ASN1ObjectIdentifier(digest.algorithm().oid()), DERNull.INSTANCE);
      return new DigestInfo(id, digest.value()).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Signs a digest with a software private key.
   *
   * @param key the private key
   * @param digest the digest, of the algorithm's hash
   * @param algorithm the algorithm
   * @return the signature bytes
   * @throws GeneralSecurityException if the key cannot sign
   */
  public static byte[] sign(PrivateKey key, Digest digest, SignatureAlgorithm algorithm)
      throws GeneralSecurityException {
    requireMatch(digest, algorithm);
    if (algorithm.isPss()) {
      try {
        PSSSigner signer = pss(algorithm.digestAlgorithm());
        signer.init(
            true, new ParametersWithRandom(PrivateKeyFactory.createKey(key.getEncoded()), RANDOM));
        byte[] hash = digest.value();
        signer.update(hash, 0, hash.length);
        return signer.generateSignature();
      } catch (IOException | CryptoException | RuntimeException e) {
        throw new GeneralSecurityException("PSS signing failed", e);
      }
    }
    if (algorithm.keyType() == SignatureAlgorithm.KeyType.RSA) {
      Signature s = Signature.getInstance("NONEwithRSA");
      s.initSign(key);
      s.update(digestInfo(digest));
      return s.sign();
    }
    Signature s = Signature.getInstance("NONEwithECDSA");
    s.initSign(key);
    s.update(digest.value());
    return s.sign();
  }

  /**
   * Verifies a signature over a digest. For PKCS#1 v1.5 the whole DER DigestInfo must match.
   *
   * @param key the public key
   * @param digest the digest that was signed
   * @param algorithm the algorithm
   * @param signature the signature bytes
   * @return whether the signature is valid
   */
  public static boolean verify(
      PublicKey key, Digest digest, SignatureAlgorithm algorithm, byte[] signature) {
    try {
      requireMatch(digest, algorithm);
      if (algorithm.isPss()) {
        PSSSigner signer = pss(algorithm.digestAlgorithm());
        signer.init(false, PublicKeyFactory.createKey(key.getEncoded()));
        byte[] hash = digest.value();
        signer.update(hash, 0, hash.length);
        return signer.verifySignature(signature);
      }
      Signature s =
          Signature.getInstance(
              algorithm.keyType() == SignatureAlgorithm.KeyType.RSA
                  ? "NONEwithRSA"
                  : "NONEwithECDSA");
      s.initVerify(key);
      s.update(
          algorithm.keyType() == SignatureAlgorithm.KeyType.RSA
              ? digestInfo(digest)
              : digest.value());
      return s.verify(signature);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Returns the key size in bits of an RSA or EC key, or 0 when unknown.
   *
   * @param key the key
   * @return the size in bits
   */
  public static int keySize(Key key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return 0;
  }

  private static void requireMatch(Digest digest, SignatureAlgorithm algorithm) {
    if (digest.algorithm() != algorithm.digestAlgorithm()) {
      throw new IllegalArgumentException(
          "digest is "
              + digest.algorithm()
              + " but "
              + algorithm
              + " signs "
              + algorithm.digestAlgorithm());
    }
  }

  private static PSSSigner pss(DigestAlgorithm digest) {
    org.bouncycastle.crypto.Digest content = bcDigest(digest);
    return PSSSigner.createRawSigner(
        new RSABlindedEngine(),
        content,
        bcDigest(digest),
        digest.length(),
        PSSSigner.TRAILER_IMPLICIT);
  }

  private static org.bouncycastle.crypto.Digest bcDigest(DigestAlgorithm digest) {
    switch (digest) {
      case SHA256:
        return new SHA256Digest();
      case SHA384:
        return new SHA384Digest();
      case SHA512:
        return new SHA512Digest();
      default:
        throw new IllegalArgumentException("no PSS with " + digest);
    }
  }
}
