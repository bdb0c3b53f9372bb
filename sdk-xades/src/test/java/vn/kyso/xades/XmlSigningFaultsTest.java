package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.ServerMode;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPkiExtension;
import vn.kyso.xades.internal.SplicedOutput;

/**
 * Faults while signing XML: the TSA or the revocation servers slow or answering garbage, and an
 * output folder that takes no files. Each ends in a typed error with the input untouched and
 * nothing written beside it.
 */
class XmlSigningFaultsTest {
  @RegisterExtension
  static final TestPkiExtension PKI = TestPkiExtension.builder().seed(5507).build();

  private static final String RECORD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo Id=\"hs1\"><SoTien>1</SoTien></HoSo>\n";

  /**
   * A record over {@link SplicedOutput#FROM}: its output file is begun, the head written, before
   * the fault.
   */
  private static final String LARGE_RECORD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo Id=\"hs1\">"
          + "<DongTien>Bộ phận Một cửa</DongTien>\n".repeat(SplicedOutput.FROM / 40 + 1)
          + "</HoSo>\n";

  /** The fault with the small record, and (but when the fault is a slow server) the large one. */
  private static void failsCleanly(
      XadesLevel level, ServerMode mode, Path dir, Class<? extends Exception> type)
      throws Exception {
    failsCleanly(level, RECORD, dir, type);
    if (mode == ServerMode.SLOW) {
      return; // a timeout either way: the large record's begun output is exercised by the others
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    failsCleanly(level, LARGE_RECORD, dir, type);
  }

  private static void failsCleanly(
      XadesLevel level, String record, Path dir, Class<? extends Exception> type) throws Exception {
    Path in = Files.writeString(dir.resolve("ho-so.xml"), record, StandardCharsets.UTF_8);
    byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(in));
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      XmlSigner signer =
          XmlSigner.builder()
              .timestampClient(PKI.tsaClient())
              .certificateVerifier(PKI.verifier())
              .clock(PKI.pki().clock())
              .build();
      assertThatThrownBy(
              () ->
                  signer.sign(
                      in,
                      dir.resolve("ho-so-ky.xml"),
                      XmlSignatureOptions.builder(level, XadesPackaging.ENVELOPED).build(),
                      token.keys().get(0)))
          .isInstanceOf(type);
    }
    assertThat(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(in)))
        .isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ho-so.xml");
    }
  }

  @ParameterizedTest(name = "TSA {0}")
  @EnumSource(
      value = ServerMode.class,
      names = {"SLOW", "MALFORMED", "ERROR_STATUS", "WRONG_IMPRINT"})
  void tsaFault_bt(ServerMode mode, @TempDir Path dir) throws Exception {
    PKI.tsa().mode(mode);

    failsCleanly(XadesLevel.B_T, mode, dir, ServiceException.class);
  }

  @ParameterizedTest(name = "OCSP and CRL {0}")
  @EnumSource(
      value = ServerMode.class,
      names = {"SLOW", "MALFORMED", "ERROR_STATUS"})
  void revocationFault_blt(ServerMode mode, @TempDir Path dir) throws Exception {
    PKI.ocsp().mode(mode);
    PKI.crl().mode(mode);

    failsCleanly(XadesLevel.B_LT, mode, dir, ServiceException.class);
  }

  @Test
  void outputFolderNotWritable(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
    Path in = Files.writeString(dir.resolve("ho-so.xml"), RECORD, StandardCharsets.UTF_8);
    try (SigningToken token = PKI.pki().credential(TestIdentity.CHAIRMAN).signingToken()) {
      assertThatThrownBy(
              () ->
                  XmlSigner.builder()
                      .build()
                      .sign(
                          in,
                          Path.of("/proc/self/ho-so-ky.xml"),
                          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
                              .build(),
                          token.keys().get(0)))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_FAILED));
    }
    assertThat(Files.readString(in)).isEqualTo(RECORD);
  }
}
