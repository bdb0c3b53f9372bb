package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.token.SigningToken;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;

/**
 * One verifier shared by 8 threads over 1,000 documents gives the reports a sequential run gives.
 */
class ConcurrentVerificationTest {
  @Test
  void sharedVerifier_eightThreads_thousandDocuments_sameReports(@TempDir Path dir)
      throws Exception {
    TestPki pki = TestPki.builder().seed(61).build();
    Path letter = Letters.letter(dir, "letter.pdf", 0, Letters.TM);
    List<Path> docs = new ArrayList<>();
    PdfSigner signer = PdfSigner.builder().clock(pki.clock()).build();
    try (SigningToken chair = pki.credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken revoked = pki.credential(TestIdentity.EXPIRED).signingToken()) {
      Path plain = dir.resolve("plain.pdf");
      signer.sign(
          letter, plain, PdfSignatureOptions.builder(PadesLevel.B_B).build(), chair.keys().get(0));
      Path visible = dir.resolve("visible.pdf");
      signer.sign(
          letter,
          visible,
          PdfSignatureOptions.builder(PadesLevel.B_B)
              .visible(
                  VisibleSignature.personal(
                      SignatureImage.png(Letters.signaturePng(new Color(20, 40, 200))),
                      Placement.signerBlock("CHỦ TỊCH", "Nguyễn Văn An")))
              .build(),
          chair.keys().get(0));
      Path expired = dir.resolve("expired.pdf");
      signer.sign(
          letter,
          expired,
          PdfSignatureOptions.builder(PadesLevel.B_B).build(),
          revoked.keys().get(0));
      docs.addAll(List.of(plain, visible, expired, letter));
    }
    Clock fixed = pki.clock();
    PdfVerifier verifier =
        PdfVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(fixed)
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .clock(fixed)
            .build();
    List<String> expected = new ArrayList<>();
    for (Path d : docs) {
      expected.add(verifier.verify(d).toJson());
    }
    assertThat(expected.get(0)).contains("TOTAL_PASSED");
    assertThat(expected.get(2)).doesNotContain("\"indication\" : \"TOTAL_PASSED\"");

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int which = i % docs.size();
        results.add(
            pool.submit(
                () -> verifier.verify(docs.get(which)).toJson().equals(expected.get(which))));
      }
      int same = 0;
      for (Future<Boolean> f : results) {
        same += f.get(5, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(same).isEqualTo(1000);
    } finally {
      pool.shutdownNow();
    }
  }
}
