package vn.kyso.api.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.TestCertificates;
import vn.kyso.api.TrustException;

class TrustAnchorsTest {

  /**
   * SHA-256 fingerprints recorded with the certificates' provenance (see README, built-in trust
   * anchors).
   */
  @Test
  void builtInGovernmentAnchors_arePinned() {
    TrustAnchors gov = TrustAnchors.governmentSpecialUse();

    assertThat(gov.anchors())
        .extracting(Certificates::sha256Fingerprint)
        .containsExactlyInAnyOrder(
            "F7:BC:89:05:4C:EC:7F:12:73:0D:7B:8C:D3:EB:79:55:B1:63:83:50:87:E5:EB:87:3E:DF:B5:84:76:3B:3F:90",
            "F0:4B:A4:B4:59:A7:C9:A1:B9:71:AD:9B:1C:B8:33:E6:95:A8:0C:79:AE:A6:3B:17:4B:66:A7:0E:DF:E2:FD:B8");
    assertThat(gov.intermediates())
        .extracting(Certificates::sha256Fingerprint)
        .containsExactlyInAnyOrder(
            "75:E9:69:C0:7B:A3:5C:29:C7:2B:BC:1B:FB:88:0F:20:F3:89:1A:61:9B:00:B7:7E:B0:2C:A6:16:07:36:A1:FE",
            "A2:62:CF:A4:89:DB:BE:66:6F:8B:89:FA:B8:32:54:78:09:87:4D:5A:06:FA:9F:7A:38:FC:22:7E:BD:F4:05:14",
            "EC:BF:84:28:26:6C:54:9E:B1:BF:DC:27:15:27:0D:5B:9D:FF:3B:BB:E2:D3:F0:C3:3E:0F:D9:1F:70:B2:D9:43",
            "6E:21:8B:3E:BC:2F:31:B0:D0:32:05:C6:4F:D7:E8:92:0F:B4:71:87:D3:7A:FC:DB:4C:B2:BB:41:78:BF:46:35",
            "3C:42:81:29:6F:92:D2:92:CC:95:22:95:FE:41:AD:7D:0B:37:43:8F:F1:D1:43:B5:6C:46:42:CC:1B:14:BD:93",
            "D8:CA:B7:A4:AE:F9:2E:6B:B2:50:9D:7C:61:CE:E7:B4:4F:37:31:B2:D2:10:74:96:35:30:27:7B:36:6F:AE:4B");
  }

  @Test
  void builtInNationalAnchor_isPinned() {
    TrustAnchors nat = TrustAnchors.of(BuiltInTrust.NATIONAL_PUBLIC);

    assertThat(nat.anchors())
        .extracting(Certificates::sha256Fingerprint)
        .containsExactly(
            "BA:C8:BF:60:9A:B4:20:A8:EE:17:80:D7:4F:4D:E5:C7:F7:18:49:59:D2:A7:37:5B:0A:75:E4:C2:9F:09:08:E7");
    assertThat(nat.intermediates())
        .extracting(Certificates::sha256Fingerprint)
        .containsExactly(
            "7D:6B:A5:24:53:17:F9:ED:5D:8B:C7:65:A4:63:4D:26:AC:63:40:D3:6B:9F:58:4D:F3:B5:2D:9C:4A:81:A3:06");
  }

  @Test
  void realG2SubCa_buildsAPathToTheBuiltInG2Root() {
    TrustAnchors gov = TrustAnchors.governmentSpecialUse();
    X509Certificate g2Sub =
        gov.intermediates().stream()
            .filter(c -> c.getSubjectX500Principal().getName().contains("G2"))
            .findFirst()
            .orElseThrow();
    X509Certificate g2Root =
        gov.anchors().stream()
            .filter(c -> c.getSubjectX500Principal().equals(g2Sub.getIssuerX500Principal()))
            .findFirst()
            .orElseThrow();

    assertThat(CertificateVerifier.issued(g2Root, g2Sub)).isTrue();
    assertThat(gov.isAnchor(g2Root)).isTrue();
    assertThat(gov.isAnchor(g2Sub)).isFalse();
  }

  @Test
  void combined_holdsHostAnchorsBesideTheBuiltIns() throws Exception {
    X509Certificate hostRoot =
        TestCertificates.selfSigned(
                new X500Principal("CN=Province Root,C=VN"), TestCertificates.rsa(2048), true)
            .certificate();

    TrustAnchors all =
        TrustAnchors.builder()
            .addBuiltIn(BuiltInTrust.GOVERNMENT_SPECIAL_USE)
            .addAnchor(hostRoot)
            .build();

    assertThat(all.anchors()).hasSize(3).contains(hostRoot);
  }

  @Test
  void nonCaCertificate_isRejectedAsAnchor(@TempDir Path dir) throws Exception {
    X509Certificate ee =
        TestCertificates.selfSigned(
                new X500Principal("CN=Nguyễn Văn An,C=VN"), TestCertificates.rsa(2048), false)
            .certificate();
    Path pem = dir.resolve("ee.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(ee.getEncoded())
            + "\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> TrustAnchors.load(pem))
        .isInstanceOfSatisfying(
            TrustException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_CA_CERTIFICATE);
              assertThat(e.message(Locale.forLanguageTag("vi"))).contains("không phải");
            });
    assertThatThrownBy(() -> TrustAnchors.builder().addAnchor(ee))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pemBundleAndDer_load(@TempDir Path dir) throws Exception {
    X509Certificate a =
        TestCertificates.selfSigned(
                new X500Principal("CN=A,C=VN"), TestCertificates.rsa(2048), true)
            .certificate();
    X509Certificate b =
        TestCertificates.selfSigned(
                new X500Principal("CN=B,C=VN"), TestCertificates.ec("secp256r1"), true)
            .certificate();
    String bundle = pem(a) + "some text between blocks\n" + pem(b);
    Path der = dir.resolve("a.cer");
    Files.write(der, a.getEncoded());

    assertThat(
            TrustAnchors.load(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.US_ASCII)))
                .anchors())
        .containsExactly(a, b);
    assertThat(TrustAnchors.load(der).anchors()).containsExactly(a);
  }

  @Test
  void missingResourceOrFile_isTyped(@TempDir Path dir) {
    assertThatThrownBy(() -> TrustAnchors.loadResource("no/such.pem", getClass().getClassLoader()))
        .isInstanceOfSatisfying(
            DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));
    assertThatThrownBy(() -> TrustAnchors.load(dir.resolve("missing.pem")))
        .isInstanceOfSatisfying(
            DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));
    assertThatThrownBy(
            () -> Certificates.parse("not a certificate".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CERTIFICATE));
  }

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
