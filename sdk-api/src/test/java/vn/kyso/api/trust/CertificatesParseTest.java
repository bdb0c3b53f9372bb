package vn.kyso.api.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/** Certificates.parse reads one DER certificate, concatenations and PKCS#7 bundles alike. */
class CertificatesParseTest {
  private static X509Certificate pkits(String name) throws Exception {
    try (InputStream in = CertificatesParseTest.class.getResourceAsStream("/pkits/certs/" + name)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void oneDerCertificate_concatenation_andPkcs7Bundle() throws Exception {
    X509Certificate anchor = pkits("TrustAnchorRootCertificate.crt");
    X509Certificate good = pkits("GoodCACert.crt");

    assertThat(Certificates.parse(anchor.getEncoded())).containsExactly(anchor);

    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(anchor.getEncoded());
    two.write(good.getEncoded());
    assertThat(Certificates.parse(two.toByteArray())).containsExactly(anchor, good);

    CMSSignedDataGenerator bundle = new CMSSignedDataGenerator();
    bundle.addCertificates(new JcaCertStore(List.of(anchor, good)));
    byte[] p7 = bundle.generate(new CMSAbsentContent()).getEncoded();
    assertThat(Certificates.parse(p7)).containsExactlyInAnyOrder(anchor, good);
  }

  @Test
  void truncatedOrTrailingBytes_areRefusedOrReadAsBefore() throws Exception {
    byte[] der = pkits("GoodCACert.crt").getEncoded();
    assertThatThrownBy(() -> Certificates.parse(Arrays.copyOf(der, der.length - 1)))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CERTIFICATE));
    byte[] wrongLength = der.clone();
    wrongLength[3] ^= 0x01; // the outer length no longer matches the bytes
    assertThatThrownBy(() -> Certificates.parse(wrongLength)).isInstanceOf(DocumentException.class);
  }
}
