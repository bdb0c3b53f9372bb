package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * One XmlVerifier shared by 8 threads over 1,000 documents gives the reports a sequential run
 * gives.
 */
class ConcurrentXmlVerificationTest {
  @Test
  void sharedVerifier_eightThreads_thousandDocuments_sameReports(@TempDir Path dir)
      throws Exception {
    TestPki pki = TestPki.builder().seed(67).build();
    Path record = dir.resolve("ho-so.xml");
    Files.writeString(
        record,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><SoTien>1000000</SoTien></HoSo>\n");
    XmlSigner signer = XmlSigner.builder().clock(pki.clock()).build();
    List<Path> docs = new ArrayList<>();
    try (SigningToken chair = pki.credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken foreign = pki.credential(TestIdentity.FOREIGN_ROOT).signingToken()) {
      Path good = dir.resolve("good.xml");
      signer.sign(
          record,
          good,
          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
          chair.keys().get(0));
      Path untrusted = dir.resolve("foreign.xml");
      signer.sign(
          record,
          untrusted,
          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
          foreign.keys().get(0));
      Path tampered = dir.resolve("tampered.xml");
      Files.writeString(tampered, Files.readString(good).replace("1000000", "9000000"));
      docs.addAll(List.of(good, untrusted, tampered, record));
    }
    Clock fixed = pki.clock();
    XmlVerifier verifier =
        XmlVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(fixed)
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .clock(fixed)
            .build();
    List<String> expected = new ArrayList<>();
    for (Path d : docs) {
      expected.add(verifier.verify(d, Map.of()).report().toJson());
    }
    assertThat(expected.get(0)).contains("\"indication\" : \"TOTAL_PASSED\"");
    assertThat(expected.get(2)).contains("TOTAL_FAILED");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int which = i % docs.size();
        results.add(
            pool.submit(
                () ->
                    verifier
                        .verify(docs.get(which), Map.of())
                        .report()
                        .toJson()
                        .equals(expected.get(which))));
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
