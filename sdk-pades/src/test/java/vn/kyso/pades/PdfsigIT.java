package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** Poppler's pdfsig, an independent verifier, accepts what Kyso signs. */
class PdfsigIT {
  @RegisterExtension static final TestPkiExtension PKI = TestPkiExtension.builder().seed(5).build();

  @BeforeAll
  static void requirePdfsig() {
    ExternalTools.requireCommand("pdfsig", "poppler-utils");
  }

  private static String pdfsig(Path pdf) throws Exception {
    Process p =
        new ProcessBuilder("pdfsig", "-nocert", pdf.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static long count(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }

  @Test
  void everyLevel_singleAndDouble_areValidForPdfsig(@TempDir Path dir) throws Exception {
    Path in = TestPdfs.letter(dir, "letter.pdf", null);
    Path bb = dir.resolve("bb.pdf");
    Path bt = dir.resolve("bt.pdf");
    Path both = dir.resolve("both.pdf");
    PdfSigner signer =
        PdfSigner.builder()
            .timestampClient(PKI.tsaClient())
            .certificateVerifier(PKI.verifier())
            .build();
    Path lta = dir.resolve("lta.pdf");
    Path lt = dir.resolve("lt.pdf");
    try (SigningToken leader = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken();
        SigningToken clerk =
            PKI.pki().credential(TestIdentity.PROVINCE_ORGANISATION).signingToken()) {
      signer.sign(
          in, bb, PdfSignatureOptions.builder(PadesLevel.B_B).build(), leader.keys().get(0));
      signer.sign(
          in,
          bt,
          PdfSignatureOptions.builder(PadesLevel.B_T).digest(DigestAlgorithm.SHA384).build(),
          leader.keys().get(0));
      signer.sign(
          bt,
          both,
          PdfSignatureOptions.builder(PadesLevel.B_T).pss(true).build(),
          clerk.keys().get(0));
      signer.sign(
          in, lta, PdfSignatureOptions.builder(PadesLevel.B_LTA).build(), leader.keys().get(0));
      signer.sign(
          in, lt, PdfSignatureOptions.builder(PadesLevel.B_LT).build(), leader.keys().get(0));
    }
    String l = pdfsig(lt);
    assertThat(count(l, "Signature is Valid")).as(l).isEqualTo(1); // the DSS update follows it
    String d = pdfsig(lta);
    // Poppler (Debian 12) validates the PAdES signature of a B-LTA file; it lists the RFC 3161
    // document time-stamp but cannot validate that type ("Unimplemented Feature").
    assertThat(count(d, "Signature is Valid")).as(d).isEqualTo(1);
    assertThat(d).contains("Signature #2", "Total document signed");

    String a = pdfsig(bb);
    String b = pdfsig(bt);
    String c = pdfsig(both);

    assertThat(count(a, "Signature is Valid")).as(a).isEqualTo(1);
    assertThat(a).contains("ETSI.CAdES.detached");
    assertThat(count(b, "Signature is Valid")).as(b).isEqualTo(1);
    assertThat(count(c, "Signature is Valid")).as(c).isEqualTo(2);
    assertThat(c).contains("Total document signed");
  }

  @Test
  void encryptedDocuments_rc4AndAes256_areValidForPdfsig(@TempDir Path dir) throws Exception {
    PdfSigner signer =
        PdfSigner.builder()
            .timestampClient(PKI.tsaClient())
            .certificateVerifier(PKI.verifier())
            .build();
    for (int[] variant : new int[][] {{128, 0}, {256, 1}}) {
      Path sub = Files.createDirectories(dir.resolve("k" + variant[0]));
      Path in = TestPdfs.encrypted(sub, "chu-so-huu", "", variant[0], variant[1] == 1);
      Path out = sub.resolve("signed.pdf");
      try (SigningToken leader = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
        signer.sign(
            in,
            out,
            PdfSignatureOptions.builder(PadesLevel.B_T)
                .ownerPassword("chu-so-huu".toCharArray())
                .build(),
            leader.keys().get(0));
      }

      String r = pdfsig(out);

      assertThat(count(r, "Signature is Valid")).as(r).isEqualTo(1);
      assertThat(r).contains("Total document signed");
    }
  }
}
