package vn.kyso.api.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.Digest;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.TestCertificates;
import vn.kyso.api.TokenException;

class Pkcs12TokenTest {
  private static final byte[] DATA = "Quyết định số 01/QĐ-UBND".getBytes(StandardCharsets.UTF_8);

  static byte[] p12(KeyPair keys, String cn, char[] password) throws Exception {
    var issued = TestCertificates.selfSigned(new X500Principal("CN=" + cn + ",C=VN"), keys, false);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("k", keys.getPrivate(), password, new Certificate[] {issued.certificate()});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, password);
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void sign_everyAlgorithm_verifiesWithTheJdk(SignatureAlgorithm alg) throws Exception {
    KeyPair keys =
        alg.keyType() == SignatureAlgorithm.KeyType.EC
            ? TestCertificates.ec(alg.digestAlgorithm().length() > 32 ? "secp384r1" : "secp256r1")
            : TestCertificates.rsa(2048);
    try (Pkcs12Token token =
        Pkcs12Token.load(
            new ByteArrayInputStream(p12(keys, "Signer", "pw".toCharArray())),
            "pw".toCharArray())) {
      SigningKey key = token.keys().get(0);
      Digest digest = alg.digestAlgorithm().digest(DATA);

      byte[] value = key.sign(digest, alg).value();

      Signature jdk;
      if (alg.isPss()) {
        jdk = Signature.getInstance("RSASSA-PSS");
        String h = alg.digestAlgorithm().jcaName();
        jdk.setParameter(
            new PSSParameterSpec(
                h, "MGF1", new MGF1ParameterSpec(h), alg.digestAlgorithm().length(), 1));
      } else {
        jdk = Signature.getInstance(alg.jcaName());
      }
      jdk.initVerify(key.certificate());
      jdk.update(DATA);
      assertThat(jdk.verify(value)).as(alg.name()).isTrue();
    }
  }

  @Test
  void load_wrongPassword_isTypedAndPasswordIsWiped() throws Exception {
    byte[] p12 = p12(TestCertificates.rsa(2048), "Signer", "right".toCharArray());
    char[] wrong = "wrong".toCharArray();

    // A wrong password and a file that is not a key store get different codes (issue 20).
    assertThatThrownBy(() -> Pkcs12Token.load(new ByteArrayInputStream(p12), wrong))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEYSTORE_PASSWORD_INCORRECT));
    assertThat(wrong).containsOnly('\0');
    assertThatThrownBy(
            () ->
                Pkcs12Token.load(
                    new ByteArrayInputStream("not a key store".getBytes(StandardCharsets.UTF_8)),
                    "right".toCharArray()))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEYSTORE_UNREADABLE));
  }

  @Test
  void load_passwordWipedAfterSuccess() throws Exception {
    char[] pw = "secret".toCharArray();
    try (Pkcs12Token token =
        Pkcs12Token.load(
            new ByteArrayInputStream(p12(TestCertificates.rsa(2048), "S", "secret".toCharArray())),
            pw)) {
      assertThat(pw).containsOnly('\0');
      assertThat(token.keys()).hasSize(1);
    }
  }

  @Test
  void sign_rsa1024_isRefusedAsTooWeak() throws Exception {
    try (Pkcs12Token token =
        Pkcs12Token.load(
            new ByteArrayInputStream(p12(TestCertificates.rsa(1024), "Weak", "p".toCharArray())),
            "p".toCharArray())) {
      SigningKey key = token.keys().get(0);

      assertThatThrownBy(
              () ->
                  key.sign(
                      SignatureAlgorithm.RSA_SHA256.digestAlgorithm().digest(DATA),
                      SignatureAlgorithm.RSA_SHA256))
          .isInstanceOfSatisfying(
              TokenException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ALGORITHM_TOO_WEAK));
    }
  }

  @Test
  void sign_ecdsaOnRsaKey_isNotSupported_andClosedTokenRefuses() throws Exception {
    Pkcs12Token token =
        Pkcs12Token.load(
            new ByteArrayInputStream(p12(TestCertificates.rsa(2048), "S", "p".toCharArray())),
            "p".toCharArray());
    SigningKey key = token.keys().get(0);
    Digest d = SignatureAlgorithm.ECDSA_SHA256.digestAlgorithm().digest(DATA);

    assertThatThrownBy(() -> key.sign(d, SignatureAlgorithm.ECDSA_SHA256))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALGORITHM_NOT_SUPPORTED));
    token.close();
    assertThatThrownBy(() -> key.sign(d, SignatureAlgorithm.RSA_SHA256))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_CLOSED));
    assertThatThrownBy(token::keys).isInstanceOf(TokenException.class);
  }

  @Test
  void sign_digestOfOtherAlgorithm_isAProgrammerError() throws Exception {
    try (Pkcs12Token token =
        Pkcs12Token.load(
            new ByteArrayInputStream(p12(TestCertificates.rsa(2048), "S", "p".toCharArray())),
            "p".toCharArray())) {
      SigningKey key = token.keys().get(0);
      Digest sha384 = SignatureAlgorithm.RSA_SHA384.digestAlgorithm().digest(DATA);

      assertThatThrownBy(() -> key.sign(sha384, SignatureAlgorithm.RSA_SHA256))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
