package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.SubIndication;

/**
 * Whatever OCSP responses a document carries about the signer, and in whatever order, the verdict
 * is the one the genuine responses alone give: a genuine REVOKED wins, else a fresh genuine GOOD
 * passes, else a genuine UNKNOWN is "try later", else there is no usable evidence. Forged (signed
 * by a key the CA never authorised), tampered (a signature bit flipped) and stale responses never
 * count, wherever they stand; the evidence reported is always one of the genuine responses.
 *
 * <p>The verifier reads what each response says before it checks signatures, and checks only those
 * that can be chosen; this holds that shortcut to the verdict of checking them all.
 */
class EmbeddedOcspChoiceProperties {
  private static TestPki pki;
  private static byte[] rootCrl;
  private static List<Response> all;

  /** A response as the document carries it, and what an honest reader knows about it. */
  private record Response(String name, byte[] der, boolean genuine, ServerMode said) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeContainer
  static void pki() throws Exception {
    pki = TestPki.builder().seed(71).build();
    rootCrl = CrlServer.crl(pki, pki.rootCredential(), ServerMode.NORMAL);
    byte[] request =
        CertificateVerifierTest.request(
            pki.credential(TestIdentity.CHAIRMAN).certificate(), pki.intermediate().certificate());
    all = new ArrayList<>();
    for (ServerMode mode :
        List.of(
            ServerMode.NORMAL,
            ServerMode.REVOKED,
            ServerMode.UNKNOWN,
            ServerMode.STALE,
            ServerMode.UNAUTHORISED_SIGNER)) {
      byte[] der = OcspServer.respond(pki, request, mode);
      all.add(new Response(mode.name(), der, mode != ServerMode.UNAUTHORISED_SIGNER, mode));
      all.add(new Response("TAMPERED_" + mode.name(), tampered(der), false, mode));
    }
  }

  @AfterContainer
  static void release() {
    pki = null;
    all = null;
    rootCrl = null;
  }

  @Provide
  Arbitrary<List<Response>> carried() {
    return Arbitraries.of(all).list().ofMinSize(0).ofMaxSize(6);
  }

  @Property(tries = 150)
  void theVerdict_isTheGenuineResponses_whateverElseIsCarried(
      @ForAll("carried") List<Response> carried) {
    CertificateVerifier offline =
        CertificateVerifier.builder(pki.trustAnchors())
            .clock(pki.clock())
            .network(NetworkSettings.offline())
            .build();
    ValidationContext.Builder b =
        ValidationContext.builder()
            .certificates(pki.credential(TestIdentity.CHAIRMAN).chain())
            .crl(rootCrl);
    carried.forEach(r -> b.ocspResponse(r.der()));
    ValidationContext context = b.build();
    X509Certificate chairman = pki.credential(TestIdentity.CHAIRMAN).certificate();

    CertificateResult first = offline.verify(chairman, context);
    // Again under a context sharing the first one's remembered checks.
    CertificateResult again =
        offline.verify(chairman, context.toBuilder().sharingChecksWith(context).build());

    for (CertificateResult r : List.of(first, again)) {
      Optional<ServerMode> expected = expected(carried);
      Optional<RevocationEvidence> used =
          r.revocation().stream().filter(e -> e.certificate().equals(chairman)).findFirst();
      if (expected.isEmpty()) {
        assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
        assertThat(r.hasFinding("REVOCATION_UNAVAILABLE")).isTrue();
        continue;
      }
      assertThat(used).as("the evidence about the signer").isPresent();
      assertThat(carried)
          .as("the evidence used is a genuine response saying so")
          .anySatisfy(
              c -> {
                assertThat(c.genuine()).isTrue();
                assertThat(c.said()).isEqualTo(expected.get());
                assertThat(Arrays.equals(c.der(), used.get().encoded())).as("its bytes").isTrue();
              });
      switch (expected.get()) {
        case REVOKED -> assertThat(r.subIndication()).contains(SubIndication.REVOKED);
        case NORMAL -> assertThat(r.indication()).isEqualTo(Indication.TOTAL_PASSED);
        case UNKNOWN -> {
          assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
          assertThat(r.hasFinding("REVOCATION_STATUS_UNKNOWN")).isTrue();
        }
        default -> throw new AssertionError(expected);
      }
    }
  }

  /** What the genuine responses alone say, in the order of precedence; empty when none speaks. */
  private static Optional<ServerMode> expected(List<Response> carried) {
    for (ServerMode said : List.of(ServerMode.REVOKED, ServerMode.NORMAL, ServerMode.UNKNOWN)) {
      if (carried.stream().anyMatch(r -> r.genuine() && r.said() == said)) {
        return Optional.of(said);
      }
    }
    return Optional.empty();
  }

  /** The response with one bit of its signature flipped: it parses, and says the same. */
  private static byte[] tampered(byte[] der) throws Exception {
    OCSPResponse response = OCSPResponse.getInstance(der);
    BasicOCSPResponse basic =
        BasicOCSPResponse.getInstance(response.getResponseBytes().getResponse().getOctets());
    byte[] signature = basic.getSignature().getBytes();
    signature[signature.length / 2] ^= 0x10;
    BasicOCSPResponse forged =
        new BasicOCSPResponse(
            basic.getTbsResponseData(),
            basic.getSignatureAlgorithm(),
            new DERBitString(signature),
            basic.getCerts());
    byte[] out =
        new OCSPResponse(
                new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                new ResponseBytes(
                    OCSPObjectIdentifiers.id_pkix_ocsp_basic,
                    new DEROctetString(forged.getEncoded())))
            .getEncoded();
    assertThat(Arrays.equals(out, der)).isFalse();
    return out;
  }
}
