package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Indication;

/**
 * Embedded CRLs are attacker material: a mutated CRL of the signer's CA never makes the verifier
 * throw, and never makes a revoked signer pass; it counts as "not revoked" only when it still
 * parses and its issuer's signature still verifies over it.
 */
class MutatedCrlProperties {
  private static TestPki pki;
  private static byte[] intermediateCrl;
  private static byte[] rootCrl;

  @BeforeContainer
  static void pki() throws Exception {
    pki = TestPki.builder().seed(43).build();
    intermediateCrl = CrlServer.crl(pki, pki.intermediate(), ServerMode.NORMAL);
    rootCrl = CrlServer.crl(pki, pki.rootCredential(), ServerMode.NORMAL);
  }

  @AfterContainer
  static void release() {
    pki = null;
  }

  @Property(tries = 120)
  void mutatedCrl_neverThrows_andNeverPassesARevokedSigner(
      @ForAll @IntRange(min = 0, max = 4000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor,
      @ForAll boolean truncate) {
    byte[] crl = intermediateCrl.clone();
    int at = position % crl.length;
    if (truncate) {
      crl = Arrays.copyOf(crl, at);
    } else {
      crl[at] ^= (byte) xor;
    }
    CertificateVerifier offline =
        CertificateVerifier.builder(pki.trustAnchors())
            .clock(pki.clock())
            .network(NetworkSettings.offline())
            .build();
    for (TestIdentity who : new TestIdentity[] {TestIdentity.REVOKED, TestIdentity.CHAIRMAN}) {
      CertificateResult r =
          offline.verify(
              pki.credential(who).certificate(),
              ValidationContext.builder()
                  .certificates(pki.credential(who).chain())
                  .crl(rootCrl)
                  .crl(crl)
                  .build());
      if (who == TestIdentity.REVOKED) {
        assertThat(r.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
      } else if (r.indication() == Indication.TOTAL_PASSED) {
        assertThat(stillGenuine(crl)).as("a mutated CRL was taken as evidence").isTrue();
      }
    }
  }

  private static boolean stillGenuine(byte[] der) {
    try {
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      crl.verify(pki.intermediate().certificate().getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
