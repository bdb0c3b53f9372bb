package vn.kyso.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.testkit.Pkcs11Shim;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * PIN lock-out, final try, to-be-changed and token removal, through the fault-injecting shim in
 * front of a real SoftHSM2 token (SoftHSM2 alone simulates none of them).
 */
class PinStateAndRemovalIT {
  private static final String LABEL = "kyso-shim-it";
  private static final String PIN = "123456";
  private static final byte[] DATA = "Tờ trình số 9/TTr-SNV".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = DigestAlgorithm.SHA256.digest(DATA);
  private static Pkcs11Shim shim;
  private static Pkcs11Module module;

  @BeforeAll
  static void setUp() {
    SoftHsm hsm = SoftHsm.assumeAvailable();
    shim = Pkcs11Shim.build(Path.of("target", "p11shim").toAbsolutePath());
    TestPki pki = TestPki.builder().clock(Clock.systemUTC()).build();
    hsm.createToken(LABEL, "12345678", PIN);
    hsm.importCredential(LABEL, PIN, pki.credential(TestIdentity.CLERK), "0a", "clerk");
    try {
      module = Pkcs11Module.load(shim.library());
    } catch (TokenException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void resetShim() {
    shim.reset();
  }

  @AfterAll
  static void tearDown() {
    if (module != null) {
      module.close();
    }
  }

  private static Pkcs11Token open(TestPins pins) throws TokenException {
    return module.open(TokenSelector.byLabel(LABEL), pins);
  }

  @Test
  void wrongPins_countLowThenFinalTryThenLocked() throws Exception {
    TestPins pins = new TestPins().then("111111", "222222", "333333");

    try (Pkcs11Token token = open(pins)) {
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                assertThat(e.pinFlags()).containsExactly(PinFlag.COUNT_LOW);
              });
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                assertThat(e.pinFlags()).contains(PinFlag.COUNT_LOW, PinFlag.FINAL_TRY);
              });
      assertThat(pins.countLowWarnings).hasValue(1);

      // Final try: refused without the person's explicit confirmation, and no PIN is even asked.
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.PIN_FINAL_TRY_NOT_CONFIRMED));
      assertThat(pins.asked).hasValue(2);
      assertThat(shim.failures()).isEqualTo(2);

      pins.confirmFinal = true;
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PIN_INCORRECT);
                assertThat(e.pinFlags()).contains(PinFlag.LOCKED);
              });

      // Locked: a typed error naming the recovery procedure, and never another attempt.
      pins.then(PIN);
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PIN_LOCKED);
                assertThat(e.message(Locale.forLanguageTag("vi"))).contains("văn bản đề nghị");
              });
      assertThat(pins.asked).hasValue(3);
      assertThat(shim.failures()).isEqualTo(3);

      // The certificate manager unlocks it with the SO PIN and a new user PIN.
      pins.answers.clear();
      pins.then("12345678", PIN, PIN);
      token.resetUserPin();
      token.login();
      assertThat(token.describe().pinFlags()).isEmpty();
    }
  }

  @Test
  void rightPinAfterOneMistake_clearsTheCounter() throws Exception {
    try (Pkcs11Token token = open(new TestPins().then("999999", PIN))) {
      assertThatThrownBy(token::login).isInstanceOf(Pkcs11Exception.class);
      token.login();
      assertThat(token.describe().pinFlags()).isEmpty();
      assertThat(shim.failures()).isZero();
    }
  }

  @Test
  void toBeChanged_blocksLoginUntilThePinIsChanged() throws Exception {
    shim.toBeChanged(true);
    TestPins pins = new TestPins().then(PIN, "777777", "777777", "777777", PIN);
    try (Pkcs11Token token = open(pins)) {
      assertThatThrownBy(token::login)
          .isInstanceOfSatisfying(
              Pkcs11Exception.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PIN_TO_BE_CHANGED);
                assertThat(e.pinFlags()).contains(PinFlag.TO_BE_CHANGED);
              });

      token.changePin();

      assertThat(token.describe().pinFlags()).doesNotContain(PinFlag.TO_BE_CHANGED);
      token.login();
      token.changePin(); // back to the original PIN for the other tests
    }
  }

  @Test
  void removal_isTyped_andReinsertionWorksAfterAskingThePinAgain() throws Exception {
    TestPins pins = TestPins.always(PIN);
    try (Pkcs11Token token = open(pins)) {
      Pkcs11Key key = token.allKeys().get(0);
      assertThat(
              Verify.jdk(key.certificate(), DATA, key.sign(DIGEST, SignatureAlgorithm.RSA_SHA256)))
          .isTrue();
      assertThat(pins.asked).hasValue(1);

      shim.remove();
      assertThatThrownBy(() -> key.sign(DIGEST, SignatureAlgorithm.RSA_SHA256))
          .isInstanceOfSatisfying(
              TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REMOVED));
      assertThatThrownBy(() -> key.sign(DIGEST, SignatureAlgorithm.RSA_SHA256))
          .isInstanceOfSatisfying(
              TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REMOVED));

      shim.insert();
      SignatureValue after = key.sign(DIGEST, SignatureAlgorithm.RSA_SHA256);

      assertThat(Verify.jdk(key.certificate(), DATA, after)).isTrue();
      assertThat(pins.asked).hasValue(2); // logged in again with a new PIN entry
    }
  }

  @Test
  void removalDuringABatch_reportsExactlyWhatWasSigned() throws Exception {
    try (Pkcs11Token token = open(TestPins.always(PIN))) {
      Pkcs11Key key = token.allKeys().get(0);
      // Item 5 pulls the token out as it is read: items 0-4 are signed, 5 fails, 6-9 are not tried.
      List<Digest> digests =
          new AbstractList<>() {
            @Override
            public Digest get(int index) {
              if (index == 5) {
                shim.remove();
              }
              return DIGEST;
            }

            @Override
            public int size() {
              return 10;
            }
          };

      BatchResult r = token.signBatch(key, digests, SignatureAlgorithm.RSA_SHA256);

      assertThat(r.signed()).hasSize(5);
      assertThat(r.failedIndex()).contains(5);
      assertThat(r.failure().orElseThrow().getCause())
          .isInstanceOfSatisfying(
              TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REMOVED));
    }
  }

  @Test
  void listingSlots_withTheTokenPulled_showsNoToken() throws Exception {
    shim.remove();

    assertThat(module.slots()).allSatisfy(s -> assertThat(s.token()).isEmpty());
    assertThatThrownBy(() -> open(TestPins.always(PIN)))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_NOT_FOUND));
  }
}
