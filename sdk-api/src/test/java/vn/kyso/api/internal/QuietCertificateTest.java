package vn.kyso.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quiet view of a certificate answers every extension lookup as the certificate does, and is
 * equal to it: over NIST PKITS' 405 certificates, which carry every extension RFC 5280 path
 * validation reads, in every combination PKITS tests.
 */
class QuietCertificateTest {
  private static List<X509Certificate> pkitsCertificates() throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    Path dir = Path.of(QuietCertificateTest.class.getResource("/pkits/certs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          out.add((X509Certificate) factory.generateCertificate(in));
        }
      }
    }
    return out;
  }

  @Test
  void everyExtensionLookup_isTheCertificatesOwn() throws Exception {
    List<X509Certificate> certificates = pkitsCertificates();
    assertThat(certificates).hasSize(405);
    Set<String> oids = new TreeSet<>(X509Extensions.UNDERSTOOD_CRITICAL);
    oids.addAll(Set.of("2.5.29.27", "2.5.29.28", "2.5.29.20", "1.2.3.4", "2.5.29.99"));
    for (X509Certificate c : certificates) {
      oids.addAll(c.getCriticalExtensionOIDs() == null ? Set.of() : c.getCriticalExtensionOIDs());
      oids.addAll(
          c.getNonCriticalExtensionOIDs() == null ? Set.of() : c.getNonCriticalExtensionOIDs());
    }
    int present = 0;
    for (X509Certificate c : certificates) {
      X509Certificate quiet = QuietCertificate.of(c);
      assertThat(QuietCertificate.of(quiet)).isSameAs(quiet);
      for (String oid : oids) {
        byte[] own = c.getExtensionValue(oid);
        assertThat(quiet.getExtensionValue(oid)).as(oid).isEqualTo(own);
        assertThat(X509Extensions.raw(c, oid)).as(oid).isEqualTo(own);
        present += own == null ? 0 : 1;
      }
      assertThat(quiet).isEqualTo(c);
      assertThat(c).isEqualTo(quiet);
      assertThat(quiet.hashCode()).isEqualTo(c.hashCode());
      assertThat(quiet.getEncoded()).isEqualTo(c.getEncoded());
      assertThat(quiet.getSubjectX500Principal()).isEqualTo(c.getSubjectX500Principal());
      assertThat(quiet.getBasicConstraints()).isEqualTo(c.getBasicConstraints());
      assertThat(quiet.getKeyUsage()).isEqualTo(c.getKeyUsage());
      assertThat(quiet.getCriticalExtensionOIDs()).isEqualTo(c.getCriticalExtensionOIDs());
    }
    assertThat(present).as("extensions found present").isGreaterThan(1000);
  }
}
