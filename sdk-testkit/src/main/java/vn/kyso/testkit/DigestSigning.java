package vn.kyso.testkit;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** How the loopback remote signing services sign a digest they are sent. */
final class DigestSigning {
  private DigestSigning() {}

  /** SHA-256, SHA-384 or SHA-512 by the digest's length. */
  static String oidFor(byte[] hash) {
    return switch (hash.length) {
      case 48 -> "2.16.840.1.101.3.4.2.2";
      case 64 -> "2.16.840.1.101.3.4.2.3";
      default -> "2.16.840.1.101.3.4.2.1";
    };
  }

  /** RSA PKCS#1 v1.5 over the DigestInfo, or ECDSA over the digest. */
  static byte[] sign(PrivateKey key, String hashOid, byte[] hash) throws Exception {
    if (key.getAlgorithm().equals("EC")) {
      Signature s = Signature.getInstance("NONEwithECDSA");
      s.initSign(key);
      s.update(hash);
      return s.sign();
    }
    byte[] digestInfo =
        new DigestInfo(
                new AlgorithmIdentifier(new ASN1ObjectIdentifier(hashOid), DERNull.INSTANCE), hash)
            .getEncoded();
    Signature s = Signature.getInstance("NONEwithRSA");
    s.initSign(key);
    s.update(digestInfo);
    return s.sign();
  }

  /** A key that belongs to no test certificate. */
  static PrivateKey strangerKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair().getPrivate();
  }
}
