package vn.kyso.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.ServiceException;
import vn.kyso.api.trust.TsaAuthentication;
import vn.kyso.api.trust.TsaClient;

/** A TSA that authenticates its clients by TLS certificate, over a real TLS loopback server. */
class TsaClientCertificateTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(13).build();

  private static final char[] PASSWORD = "tls-test".toCharArray();

  private record Issued(KeyPair keys, X509Certificate certificate) {}

  private static Issued issue(String subject, Issued ca, boolean server) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair keys = g.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name(subject);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca == null
                ? name
                : X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(now.toEpochMilli())
                .add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
            Date.from(now.minusSeconds(60)),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca == null));
    if (server) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    X509Certificate c =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(ca == null ? keys.getPrivate() : ca.keys().getPrivate())));
    return new Issued(keys, c);
  }

  private static SSLContext context(Issued own, Issued ca) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "own",
        own.keys().getPrivate(),
        PASSWORD,
        new X509Certificate[] {own.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void aClientCertificate_isPresented_andWithoutItTheTsaRefuses() throws Exception {
    Issued ca = issue("CN=Kyso TLS test CA", null, false);
    Issued server = issue("CN=127.0.0.1", ca, true);
    Issued client = issue("CN=so-noi-vu", ca, false);
    try (TsaServer tsa = new TsaServer(context(server, ca), true)) {
      tsa.pki(PKI.pki());
      assertThat(tsa.uri().getScheme()).isEqualTo("https");
      var digest = DigestAlgorithm.SHA256.digest("a".getBytes(StandardCharsets.UTF_8));

      TsaClient withCertificate =
          TsaClient.builder(tsa.uri())
              .authentication(TsaAuthentication.clientCertificate(context(client, ca)))
              .verifier(PKI.verifier())
              .build();
      assertThat(withCertificate.timestamp(digest).covers(digest)).isTrue();

      // Trusting the server but without a certificate of its own, the handshake fails.
      SSLContext trustOnly = SSLContext.getInstance("TLS");
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      tmf.init(trust);
      trustOnly.init(null, tmf.getTrustManagers(), null);
      TsaClient without =
          TsaClient.builder(tsa.uri())
              .authentication(TsaAuthentication.clientCertificate(trustOnly))
              .retries(0)
              .build();
      assertThatThrownBy(() -> without.timestamp(digest)).isInstanceOf(ServiceException.class);
    }
  }
}
