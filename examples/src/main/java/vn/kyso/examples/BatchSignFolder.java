package vn.kyso.examples;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.kyso.api.token.SigningKey;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfBatchResult;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;

/**
 * Example: a clerk signs every PDF of a folder with one PIN entry. The token is opened once (the
 * PIN callback is asked once, at the first signature) and the same key signs each file, in one
 * {@link PdfSigner#signAll} batch; a file that fails is reported and the others go on. Inputs are
 * never modified; each output is written atomically beside its input as {@code <name>-ky.pdf}.
 *
 * <pre>{@code
 * try (Pkcs11Module m = Pkcs11Module.load(Path.of("/usr/lib/vgca/libvgca.so"));
 *     Pkcs11Token token = m.open(TokenSelector.first(), pinPrompt)) {
 *   BatchSignFolder.Result r = BatchSignFolder.signAll(signer, folder, token.keys().get(0));
 * }
 * }</pre>
 */
public final class BatchSignFolder {
  private BatchSignFolder() {}

  /**
   * What happened to the folder.
   *
   * @param signed the signed files written
   * @param failed the files that could not be signed, with the reason
   */
  public record Result(List<Path> signed, List<String> failed) {}

  /**
   * Signs every {@code *.pdf} of a folder (not those already ending in {@code -ky.pdf}).
   *
   * @param signer the shared signer
   * @param folder the folder
   * @param key the key, from a token opened once
   * @return what was signed and what failed
   * @throws IOException when the folder cannot be listed
   */
  public static Result signAll(PdfSigner signer, Path folder, SigningKey key) throws IOException {
    List<Path> signed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.pdf")) {
      files.forEach(inputs::add);
    }
    inputs.sort(null);
    PdfSignatureOptions options =
        PdfSignatureOptions.builder(PadesLevel.B_B).reason("Phát hành / Issued").build();
    List<PdfSigner.BatchItem> items = new ArrayList<>();
    for (Path in : inputs) {
      String name = in.getFileName().toString();
      if (!name.endsWith("-ky.pdf")) {
        items.add(
            new PdfSigner.BatchItem(
                in, in.resolveSibling(name.substring(0, name.length() - 4) + "-ky.pdf")));
      }
    }
    // One batch: the documents overlap while the key signs one at a time; a bad file is reported
    // and the others go on; a token failure stops the rest (BATCH_INTERRUPTED).
    for (PdfBatchResult.Outcome o : signer.signAll(items, options, key).outcomes()) {
      if (o.isSigned()) {
        signed.add(o.item().output());
      } else {
        failed.add(o.item().input().getFileName() + ": " + o.failure().orElseThrow().getMessage());
      }
    }
    return new Result(signed, failed);
  }
}
