package vn.kyso.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestCredential;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/** The token layer against a real SoftHSM2 token. */
class SoftHsmTokenIT {
  private static final String LABEL = "kyso-softhsm-it";
  private static final String PIN = "123456";
  private static final byte[] DATA = "Công văn số 45/UBND-VP".getBytes(StandardCharsets.UTF_8);
  private static TestPki pki;
  private static Pkcs11Module module;
  private static SoftHsm hsm;

  @BeforeAll
  static void createToken() throws Exception {
    hsm = SoftHsm.assumeAvailable();
    pki = TestPki.builder().clock(Clock.systemUTC()).build();
    hsm.createToken(LABEL, "12345678", PIN);
    hsm.importCredential(LABEL, PIN, pki.credential(TestIdentity.CHAIRMAN), "01", "chairman");
    hsm.importCredential(LABEL, PIN, pki.credential(TestIdentity.EXPIRED), "02", "expired");
    hsm.importCredential(LABEL, PIN, ecCredential(), "03", "ec");
    hsm.generateKey(LABEL, PIN, pki, "04", "always-auth", true);
    module =
        Pkcs11Module.load(
            hsm.module(), Pkcs11Options.builder().issuerAnchors(pki.trustAnchors()).build());
  }

  @AfterAll
  static void unload() {
    if (module != null) {
      module.close();
    }
  }

  private static TestCredential ecCredential() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    TestCredential ca = pki.intermediate();
    Instant now = Instant.now();
    var b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(300))),
            new X500Name("CN=Trần Văn EC,C=VN"),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey())));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(cert);
    chain.addAll(ca.chain());
    return TestCredential.of(cert, keys.getPrivate(), chain);
  }

  private static Pkcs11Key key(Pkcs11Token token, String id) throws TokenException {
    return token.allKeys().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void slots_listTheTokenWithItsDetails() throws Exception {
    List<SlotDescription> slots = module.slots();

    TokenDescription t =
        slots.stream()
            .flatMap(s -> s.token().stream())
            .filter(x -> x.label().equals(LABEL))
            .findFirst()
            .orElseThrow();
    assertThat(t.manufacturer()).containsIgnoringCase("SoftHSM");
    assertThat(t.serial()).isNotBlank();
    assertThat(t.loginRequired()).isTrue();
    assertThat(Pkcs11Module.commonLibraryLocations()).isNotEmpty();
  }

  @Test
  void selectBySerial_andUnknownLabel() throws Exception {
    TokenDescription t;
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      t = token.describe();
    }
    try (Pkcs11Token bySerial =
        module.open(TokenSelector.bySerial(t.serial()), TestPins.always(PIN))) {
      assertThat(bySerial.describe().label()).isEqualTo(LABEL);
    }
    assertThatThrownBy(
            () -> module.open(TokenSelector.byLabel("no such token"), TestPins.always(PIN)))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_NOT_FOUND));
  }

  @Test
  void keys_areFilteredLikeSigningSoftware() throws Exception {
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      List<SigningKey> offered = token.keys();

      assertThat(token.allKeys())
          .extracting(Pkcs11Key::id)
          .containsExactlyInAnyOrder("01", "02", "03", "04");
      assertThat(offered).extracting(SigningKey::id).containsExactlyInAnyOrder("01", "03", "04");
      SigningKey chairman =
          offered.stream().filter(k -> k.id().equals("01")).findFirst().orElseThrow();
      assertThat(chairman.identity().name()).isEqualTo("Nguyễn Văn An");
      assertThat(chairman.chain()).hasSize(2); // the intermediate written on the token
    }
  }

  @Test
  void keys_underOtherAnchors_areNotOffered() throws Exception {
    try (Pkcs11Module other =
            Pkcs11Module.load(
                hsm.module(),
                Pkcs11Options.builder()
                    .issuerAnchors(TrustAnchors.governmentSpecialUse())
                    .build());
        Pkcs11Token token = other.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      assertThat(token.keys()).isEmpty();
      assertThat(token.allKeys()).hasSize(4);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {
        "RSA_SHA256",
        "RSA_SHA384",
        "RSA_SHA512",
        "RSA_PSS_SHA256",
        "RSA_PSS_SHA384",
        "RSA_PSS_SHA512",
        "ECDSA_SHA256"
      })
  void sign_everyMechanism_verifiesWithTheJdk(SignatureAlgorithm alg) throws Exception {
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      Pkcs11Key key = key(token, alg.keyType() == SignatureAlgorithm.KeyType.EC ? "03" : "01");

      SignatureValue value = key.sign(alg.digestAlgorithm().digest(DATA), alg);

      assertThat(Verify.jdk(key.certificate(), DATA, value)).isTrue();
    }
  }

  @Test
  void alwaysAuthenticateKey_asksForAContextPinForEverySignature() throws Exception {
    TestPins pins = TestPins.always(PIN);
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), pins)) {
      Pkcs11Key key = key(token, "04");
      assertThat(key.isAlwaysAuthenticate()).isTrue();
      int afterLogin = pins.asked.get();

      SignatureValue first =
          key.sign(DigestAlgorithm.SHA256.digest(DATA), SignatureAlgorithm.RSA_SHA256);
      SignatureValue second =
          key.sign(DigestAlgorithm.SHA256.digest(DATA), SignatureAlgorithm.RSA_SHA256);

      assertThat(Verify.jdk(key.certificate(), DATA, first)).isTrue();
      assertThat(Verify.jdk(key.certificate(), DATA, second)).isTrue();
      assertThat(pins.asked.get() - afterLogin).isEqualTo(2);
    }
  }

  @Test
  void signData_hashesOnTheToken() throws Exception {
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      Pkcs11Key key = key(token, "01");

      SignatureValue a = key.signData(DATA, SignatureAlgorithm.RSA_SHA256);
      SignatureValue b =
          key.sign(DigestAlgorithm.SHA256.digest(DATA), SignatureAlgorithm.RSA_SHA256);

      assertThat(Verify.jdk(key.certificate(), DATA, a)).isTrue();
      assertThat(a.value()).isEqualTo(b.value()); // PKCS#1 v1.5 is deterministic
    }
  }

  @Test
  void wrongPin_isTypedWithFlags_andAskedOnce() throws Exception {
    TestPins pins = new TestPins().then("000000");
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), pins)) {
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                assertThat(e.ckr()).contains("CKR_PIN_INCORRECT");
                assertThat(e.pinFlags()).contains(PinFlag.COUNT_LOW); // SoftHSM2 sets COUNT_LOW
              });
      assertThat(pins.asked).hasValue(1);
      assertThat(token.tokenState().pinCountLow()).isTrue();
    }
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      token.login(); // the right PIN clears COUNT_LOW
      assertThat(token.describe().pinFlags()).doesNotContain(PinFlag.COUNT_LOW);
    }
  }

  @Test
  void cancelledPin_isTyped() throws Exception {
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(null))) {
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_CANCELLED));
    }
  }

  @Test
  void changePin_changesItAndRecordsTheDate(@TempDir Path dir) throws Exception {
    FilePinChangeLog log = new FilePinChangeLog(dir.resolve("pin-changes.properties"));
    try (Pkcs11Module m =
        Pkcs11Module.load(hsm.module(), Pkcs11Options.builder().pinChangeLog(log).build())) {
      try (Pkcs11Token token =
          m.open(TokenSelector.byLabel(LABEL), new TestPins().then(PIN, "654321"))) {
        token.changePin();
        assertThat(token.pinAge())
            .hasValueSatisfying(a -> assertThat(a).isLessThan(Duration.ofMinutes(1)));
        assertThat(token.tokenState().pinLastChanged()).isPresent();
        assertThat(token.tokenState().pinLocked()).isFalse();
        assertThat(log.lastChanged(token.describe().serial())).isPresent();
      }
      try (Pkcs11Token token =
          m.open(TokenSelector.byLabel(LABEL), new TestPins().then("654321", "654321", PIN))) {
        token.login(); // the new PIN works
        token.changePin(); // and back
      }
      try (Pkcs11Token token =
          m.open(TokenSelector.byLabel(LABEL), new TestPins().then(PIN, "12"))) {
        assertThatThrownBy(token::changePin)
            .isInstanceOfSatisfying(
                TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_INVALID));
      }
    }
  }

  @Test
  void concurrentSigning_fourThreadsTimesOneHundred() throws Exception {
    TestPins pins = TestPins.always(PIN);
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), pins)) {
      Pkcs11Key key = key(token, "01");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    byte[] data = ("văn bản " + thread + "-" + i).getBytes(StandardCharsets.UTF_8);
                    SignatureValue v =
                        key.sign(
                            DigestAlgorithm.SHA256.digest(data), SignatureAlgorithm.RSA_SHA256);
                    if (!Verify.jdk(key.certificate(), data, v)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
      pool.shutdown();
      assertThat(pins.asked).hasValue(1); // one login for all 400 signatures
    }
  }

  @Test
  void batch_signsAllWithOneLogin() throws Exception {
    TestPins pins = TestPins.always(PIN);
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), pins)) {
      Pkcs11Key key = key(token, "01");
      List<Digest> digests = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        digests.add(DigestAlgorithm.SHA256.digest(("hồ sơ " + i).getBytes(StandardCharsets.UTF_8)));
      }

      BatchResult r = token.signBatch(key, digests, SignatureAlgorithm.RSA_SHA256);

      assertThat(r.isComplete()).isTrue();
      assertThat(r.signed()).hasSize(50);
      assertThat(
              Verify.jdk(
                  key.certificate(), "hồ sơ 7".getBytes(StandardCharsets.UTF_8), r.signed().get(7)))
          .isTrue();
      assertThat(pins.asked).hasValue(1);
    }
  }

  @Test
  void batch_stopsAtTheFailingItem() throws Exception {
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      Pkcs11Key key = key(token, "01");
      List<Digest> digests =
          new ArrayList<>(Collections.nCopies(3, DigestAlgorithm.SHA256.digest(DATA)));
      digests.add(DigestAlgorithm.SHA384.digest(DATA)); // wrong hash for RSA_SHA256
      digests.add(DigestAlgorithm.SHA256.digest(DATA));

      BatchResult r = token.signBatch(key, digests, SignatureAlgorithm.RSA_SHA256);

      assertThat(r.isComplete()).isFalse();
      assertThat(r.signed()).hasSize(3);
      assertThat(r.failedIndex()).contains(3);
      assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.BATCH_INTERRUPTED);
    }
  }

  @Test
  void closedToken_refusesToSign() throws Exception {
    Pkcs11Key key;
    try (Pkcs11Token token = module.open(TokenSelector.byLabel(LABEL), TestPins.always(PIN))) {
      key = key(token, "01");
    }
    assertThatThrownBy(
            () -> key.sign(DigestAlgorithm.SHA256.digest(DATA), SignatureAlgorithm.RSA_SHA256))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_CLOSED));
  }
}
