package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;

/**
 * Signing refuses a PDF that PDFBox reads only by repairing it, with DOCUMENT_NEEDS_REPAIR and no
 * output file: a signature appended to it would cover bytes other readers cannot follow.
 */
class RepairRefusedTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(4242).build();

  private static void signInto(Path in, Path out) throws Exception {
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      PdfSigner.builder()
          .clock(PKI.pki().clock())
          .build()
          .sign(in, out, PdfSignatureOptions.builder(PadesLevel.B_B).build(), token.keys().get(0));
    }
  }

  private static void assertRefused(Path damaged, Path dir) throws Exception {
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> signInto(damaged, out))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_NEEDS_REPAIR));
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void aTruncatedLetter_isRefused(@TempDir Path dir) throws Exception {
    byte[] whole = Files.readAllBytes(TestPdfs.letter(dir, "l.pdf", null));
    Path truncated =
        Files.write(dir.resolve("cut.pdf"), Arrays.copyOf(whole, whole.length * 2 / 3));

    assertRefused(truncated, dir);
  }

  @Test
  void aCrossReferenceThatPlacesObjectsWhereTheyAreNot_isRefused(@TempDir Path dir)
      throws Exception {
    byte[] whole = Files.readAllBytes(TestPdfs.letter(dir, "l.pdf", null));
    // Twenty bytes of comment after the header: every object moves, the cross-reference does not.
    String text = new String(whole, StandardCharsets.ISO_8859_1);
    int afterHeader = text.indexOf('\n') + 1;
    String shifted =
        text.substring(0, afterHeader) + "% moved by a tool.\n" + text.substring(afterHeader);
    Path moved =
        Files.write(dir.resolve("moved.pdf"), shifted.getBytes(StandardCharsets.ISO_8859_1));

    assertRefused(moved, dir);
  }

  @Test
  void aPageTreeThatIsNotADictionary_isRefused(@TempDir Path dir) throws Exception {
    byte[] whole = Files.readAllBytes(TestPdfs.letter(dir, "l.pdf", null));
    String text = new String(whole, StandardCharsets.ISO_8859_1);
    // Same length, so the cross-reference stays right: /Pages now names the catalog itself.
    String broken = text.replaceFirst("/Pages 2 0 R", "/Pages 1 0 R");
    assertThat(broken).isNotEqualTo(text);
    Path file = Files.write(dir.resolve("pages.pdf"), broken.getBytes(StandardCharsets.ISO_8859_1));

    assertRefused(file, dir);
  }

  @Test
  void anIntactLetter_stillSigns(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("signed.pdf");
    signInto(TestPdfs.letter(dir, "l.pdf", null), out);
    assertThat(out).isNotEmptyFile();
  }
}
