package vn.kyso.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.testkit.RemoteSigningExtension;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.testkit.UserAnswer;

/** The testkit's extension starts the four services with the user holding the chosen key. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteSigningExtensionTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(21).build();

  @RegisterExtension
  static final RemoteSigningExtension REMOTE =
      RemoteSigningExtension.of(PKI, TestIdentity.VICE_CHAIRMAN);

  private static List<RemoteSigner> adapters() {
    return List.of(
        CscSigner.builder(REMOTE.csc().v2())
            .clientCredentials(RemoteSigningExtension.CLIENT_ID, RemoteSigningExtension.secret())
            .userId(RemoteSigningExtension.CSC_USER)
            .build(),
        Api769Signer.builder(REMOTE.api769().base())
            .serviceProvider(RemoteSigningExtension.CLIENT_ID, RemoteSigningExtension.secret())
            .userId(RemoteSigningExtension.API769_USER)
            .build(),
        MySignSigner.builder(REMOTE.mySign().base())
            .client(RemoteSigningExtension.CLIENT_ID, RemoteSigningExtension.secret())
            .userId(RemoteSigningExtension.MYSIGN_USER)
            .build(),
        MssSigner.builder(REMOTE.mss().signaturePort())
            .applicationProvider(RemoteSigningExtension.CLIENT_ID, RemoteSigningExtension.secret())
            .msisdn(RemoteSigningExtension.MSISDN)
            .certificateChain(REMOTE.chain())
            .build());
  }

  private static byte[] signWith(RemoteSigner remote, RemoteCredential c) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest("to be signed".getBytes(StandardCharsets.UTF_8));
    return remote
        .signAndWait(
            c,
            List.of(new Digest(DigestAlgorithm.SHA256, hash)),
            SignatureAlgorithm.RSA_SHA256,
            "Cong van",
            Duration.ofSeconds(10),
            Duration.ofMillis(20))
        .get(0)
        .value();
  }

  @Test
  @Order(1)
  void everyServiceSignsWithTheChosenIdentitysKey() throws Exception {
    for (RemoteSigner remote : adapters()) {
      RemoteCredential c = remote.credentials().get(0);
      assertThat(c.chain().get(0))
          .isEqualTo(PKI.pki().credential(TestIdentity.VICE_CHAIRMAN).certificate());
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(c.chain().get(0).getPublicKey());
      v.update("to be signed".getBytes(StandardCharsets.UTF_8));
      assertThat(v.verify(signWith(remote, c))).as(remote.toString()).isTrue();
    }
    // Misbehaviour set in one test ...
    REMOTE.csc().outcome(UserAnswer.REJECT);
    RemoteSigner csc = adapters().get(0);
    assertThatThrownBy(() -> signWith(csc, csc.credentials().get(0)))
        .isInstanceOfSatisfying(
            RemoteSigningException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_REJECTED));
  }

  @Test
  @Order(2)
  void theServicesAreResetAfterEachTest() throws Exception {
    // ... is gone in the next.
    RemoteSigner csc = adapters().get(0);
    assertThat(signWith(csc, csc.credentials().get(0))).isNotEmpty();
  }
}
