package vn.kyso.pkcs11;

import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;

/** Checks token signatures with the JDK, independently of the token. */
final class Verify {
  private Verify() {}

  static boolean jdk(X509Certificate cert, byte[] data, SignatureValue value) throws Exception {
    SignatureAlgorithm alg = value.algorithm();
    Signature s;
    if (alg.isPss()) {
      s = Signature.getInstance("RSASSA-PSS");
      String h = alg.digestAlgorithm().jcaName();
      s.setParameter(
          new PSSParameterSpec(
              h, "MGF1", new MGF1ParameterSpec(h), alg.digestAlgorithm().length(), 1));
    } else {
      s = Signature.getInstance(alg.jcaName());
    }
    s.initVerify(cert);
    s.update(data);
    return s.verify(value.value());
  }
}
