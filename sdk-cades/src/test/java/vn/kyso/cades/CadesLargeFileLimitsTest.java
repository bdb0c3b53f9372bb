package vn.kyso.cades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * A detached CAdES signature over a file twice the size of the heap (this class runs in the
 * -Xmx256m execution): the file is only streamed, when signing and when verifying.
 */
class CadesLargeFileLimitsTest {
  @Test
  void aFileLargerThanTheHeap_signsAndVerifies_detached(@TempDir Path dir) throws Exception {
    long heap = Runtime.getRuntime().maxMemory();
    Path big = dir.resolve("luu-tru.zip");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(Math.max(heap * 2, 512L << 20));
      f.seek(f.length() - 7);
      f.write("cuối tệp".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 7);
    }
    TestPki pki = TestPki.builder().seed(141).build();
    Path p7s = dir.resolve("luu-tru.zip.p7s");
    try (SigningToken t = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
      CadesSigner.builder()
          .clock(pki.clock())
          .build()
          .sign(
              big,
              p7s,
              CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
              t.keys().get(0));
    }

    ValidationReport r =
        CadesVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .clock(pki.clock())
            .build()
            .verify(p7s, big);

    assertThat(Files.size(big)).isGreaterThan(heap);
    assertThat(Files.size(p7s)).isLessThan(16 << 10);
    assertThat(r.overall()).isEqualTo(Indication.TOTAL_PASSED);
  }
}
