package vn.kyso.api.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.Security;
import java.security.cert.CertPathValidator;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BouncyCastleTest {
  @Test
  void oneProvider_neverRegistered_servingWhatKysoAsksOf() throws Exception {
    assertThat(BouncyCastle.provider()).isSameAs(BouncyCastle.provider());
    assertThat(BouncyCastle.provider().getName()).isEqualTo("BC");
    // An application's provider list stays as it was: the provider is passed, not installed.
    assertThat(Security.getProvider("BC")).isNull();
    assertThat(CertPathValidator.getInstance("PKIX", BouncyCastle.provider()).getProvider())
        .isSameAs(BouncyCastle.provider());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256", BouncyCastle.provider());
    assertThat(HexFormat.of().formatHex(sha256.digest("abc".getBytes("US-ASCII"))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
