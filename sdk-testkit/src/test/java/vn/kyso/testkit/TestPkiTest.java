package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.SubjectType;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;

class TestPkiTest {

  @Test
  void sameSeedAndClock_giveTheSameCertificates() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    TestPki a = TestPki.builder().seed(5).clock(clock).build();
    TestPki b = TestPki.builder().seed(5).clock(clock).build();

    assertThat(a.credential(TestIdentity.CHAIRMAN).certificate())
        .isEqualTo(b.credential(TestIdentity.CHAIRMAN).certificate());
    assertThat(a.root()).isEqualTo(b.root());
  }

  @Test
  void otherSeed_givesOtherKeys() {
    TestPki a = TestPki.builder().seed(5).build();
    TestPki b = TestPki.builder().seed(6).build();

    assertThat(a.root().getPublicKey()).isNotEqualTo(b.root().getPublicKey());
  }

  @Test
  void identities_parseAsTheirKind() {
    TestPki pki = TestPki.builder().build();

    SignerIdentity chairman =
        SignerIdentity.from(pki.credential(TestIdentity.CHAIRMAN).certificate());
    assertThat(chairman.name()).isEqualTo("Nguyễn Văn An");
    assertThat(chairman.title()).contains("Chủ tịch");
    assertThat(chairman.subjectType()).isEqualTo(SubjectType.PERSON);
    assertThat(chairman.email()).contains("nvan@thunghiem.gov.vn");
    assertThat(
            SignerIdentity.from(pki.credential(TestIdentity.PROVINCE_ORGANISATION).certificate())
                .subjectType())
        .isEqualTo(SubjectType.ORGANISATION);
    assertThat(
            SignerIdentity.from(pki.credential(TestIdentity.SERVICE).certificate()).subjectType())
        .isEqualTo(SubjectType.DEVICE);
    SignerIdentity g1 =
        SignerIdentity.from(pki.credential(TestIdentity.G1_LEGACY_PERSON).certificate());
    assertThat(g1.title()).contains("Chu tich");
    assertThat(g1.isTitleFromCommonName()).isTrue();
  }

  @Test
  void signingToken_signsWithTheCredentialsKey() throws Exception {
    TestCredential chairman = TestPki.builder().build().credential(TestIdentity.CHAIRMAN);
    Digest digest = DigestAlgorithm.SHA256.digest("văn bản".getBytes(StandardCharsets.UTF_8));

    try (SigningToken token = chairman.signingToken()) {
      SigningKey key = token.keys().get(0);
      byte[] sig = key.sign(digest, SignatureAlgorithm.RSA_SHA256).value();
      Signature verify = Signature.getInstance("SHA256withRSA");
      verify.initVerify(chairman.certificate());
      verify.update("văn bản".getBytes(StandardCharsets.UTF_8));

      assertThat(verify.verify(sig)).isTrue();
      assertThat(key.chain()).hasSize(3);
    }
  }
}
