package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.validation.Indication;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.Pkcs11Token;
import vn.kyso.pkcs11.TokenSelector;
import vn.kyso.testkit.SoftHsm;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/** The USB-token example, with SoftHSM2 as the token. */
class SignWithUsbTokenIT {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(43).build();

  @Test
  void signsWithTheTokensKey_askingThePinOnce(@TempDir Path dir) throws Exception {
    SoftHsm hsm = SoftHsm.assumeAvailable();
    hsm.createToken("lanh-dao", "12345678", "246810");
    hsm.importCredential(
        "lanh-dao", "246810", PKI.pki().credential(TestIdentity.CHAIRMAN), "01", "chu-tich");
    Path folder = SmokeDemo.run(dir.resolve("demo")).folder();
    Path png = dir.resolve("chu-ky.png");
    BufferedImage img = new BufferedImage(120, 50, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(20, 40, 200));
    g.fillOval(5, 5, 110, 40);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
    AtomicInteger asked = new AtomicInteger();
    Path out = dir.resolve("signed.pdf");
    SignWithUsbToken.sign(
        hsm.module(),
        "lanh-dao",
        (token, purpose) -> {
          asked.incrementAndGet();
          return "246810".toCharArray();
        },
        PdfSigner.builder().timestampClient(PKI.tsaClient()).build(),
        folder.resolve("cong-van.pdf"),
        out,
        png,
        "CHỦ TỊCH",
        "Nguyễn Văn An");
    assertThat(asked).hasValue(1);
    assertThat(Files.exists(out)).isTrue();
    assertThat(PdfVerifier.builder(PKI.verifier()).build().verify(out).overall())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  /**
   * A clerk's folder signed in one batch with SoftHSM2's key: four documents at a time around the
   * token's one-at-a-time signatures, the PIN asked once, a bad file reported and the rest signed.
   */
  @Test
  void batchSignsAFolder_withTheTokensKey_askingThePinOnce(@TempDir Path dir) throws Exception {
    SoftHsm hsm = SoftHsm.assumeAvailable();
    hsm.createToken("van-thu", "12345678", "135790");
    hsm.importCredential(
        "van-thu", "135790", PKI.pki().credential(TestIdentity.CLERK), "01", "van-thu");
    Path letter = SmokeDemo.run(dir.resolve("demo")).folder().resolve("cong-van.pdf");
    Path folder = Files.createDirectories(dir.resolve("hom-nay"));
    for (int i = 1; i <= 8; i++) {
      Files.copy(letter, folder.resolve("cv-" + i + ".pdf"));
    }
    Files.writeString(folder.resolve("hong.pdf"), "%PDF-1.7\nnot a pdf");
    AtomicInteger asked = new AtomicInteger();
    BatchSignFolder.Result r;
    try (Pkcs11Module module = Pkcs11Module.load(hsm.module());
        Pkcs11Token token =
            module.open(
                TokenSelector.byLabel("van-thu"),
                (t, purpose) -> {
                  asked.incrementAndGet();
                  return "135790".toCharArray();
                })) {
      r = BatchSignFolder.signAll(PdfSigner.builder().build(), folder, token.keys().get(0));
    }
    assertThat(asked).hasValue(1);
    assertThat(r.signed()).hasSize(8);
    assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f).startsWith("hong.pdf"));
    PdfVerifier verifier = PdfVerifier.builder(PKI.verifier()).build();
    for (Path out : r.signed()) {
      assertThat(verifier.verify(out).overall())
          .as(out.toString())
          .isEqualTo(Indication.TOTAL_PASSED);
    }
  }
}
