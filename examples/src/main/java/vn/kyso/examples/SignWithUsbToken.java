package vn.kyso.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import vn.kyso.api.token.SigningKey;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.Placement;
import vn.kyso.pades.SignatureImage;
import vn.kyso.pades.VisibleSignature;
import vn.kyso.pkcs11.PinCallback;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.Pkcs11Token;
import vn.kyso.pkcs11.TokenSelector;

/**
 * Example: the leader signs a letter with the USB token (PKCS#11) issued by Ban Cơ yếu, with the
 * handwritten signature image in the signer block. The PIN is asked through the callback (a dialog
 * in a desktop app); the token's PIN flags are read first, so a locked token is never retried.
 */
public final class SignWithUsbToken {
  private SignWithUsbToken() {}

  /**
   * Signs a PDF with the first signing key of a token.
   *
   * @param library the token's PKCS#11 library (e.g. the VGCA driver, or SoftHSM2 for tests)
   * @param tokenLabel the token's label
   * @param pin where the PIN comes from (asked once)
   * @param signer the shared signer
   * @param in the letter
   * @param out the signed letter
   * @param signaturePng the leader's signature image (blue PNG with transparency)
   * @param titleLine the block's title line, e.g. {@code CHỦ TỊCH}
   * @param nameLine the leader's name as printed
   * @throws Exception a {@code TokenException} (wrong PIN, locked, removed), a {@code
   *     DocumentException}...
   */
  public static void sign(
      Path library,
      String tokenLabel,
      PinCallback pin,
      PdfSigner signer,
      Path in,
      Path out,
      Path signaturePng,
      String titleLine,
      String nameLine)
      throws Exception {
    SignatureImage image = SignatureImage.png(Files.readAllBytes(signaturePng));
    try (Pkcs11Module module = Pkcs11Module.load(library);
        Pkcs11Token token = module.open(TokenSelector.byLabel(tokenLabel), pin)) {
      SigningKey key = token.keys().get(0);
      signer.sign(
          in,
          out,
          PdfSignatureOptions.builder(PadesLevel.B_T)
              .visible(VisibleSignature.personal(image, Placement.signerBlock(titleLine, nameLine)))
              .build(),
          key);
    }
  }
}
