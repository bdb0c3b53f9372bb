package vn.kyso.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import vn.kyso.api.token.Pkcs12Token;
import vn.kyso.pades.PadesLevel;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;

/**
 * The start-up probe for Kyso: the smallest program that signs a PDF (PAdES B-B, PKCS#12 key), run
 * on Kyso's own class path by benchmarks/startup.sh. Prints the milliseconds from the JVM's start
 * to the written signature.
 */
public final class StartupKyso {
  private StartupKyso() {}

  /**
   * Signs {@code IN} into {@code OUT} with the key of {@code P12} (password {@code PASSWORD}).
   *
   * @param args IN OUT P12 PASSWORD
   * @throws Exception when signing fails
   */
  public static void main(String[] args) throws Exception {
    try (Pkcs12Token token = Pkcs12Token.load(Path.of(args[2]), args[3].toCharArray())) {
      PdfSigner.builder()
          .build()
          .sign(
              Path.of(args[0]),
              Path.of(args[1]),
              PdfSignatureOptions.builder(PadesLevel.B_B).build(),
              token.keys().get(0));
    }
    System.out.println(
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
  }
}
