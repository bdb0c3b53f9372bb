package vn.kyso.pades;

import java.nio.file.Path;
import vn.kyso.api.Digest;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.shared.ForwardingKey;
import vn.kyso.api.token.Pkcs12Token;
import vn.kyso.api.token.SigningKey;

/**
 * The child JVM of the process-level fault tests ({@link SigningFaultsTest}): signs {@code IN} into
 * {@code OUT} (PAdES B-B) with the key of a PKCS#12 file. With {@code stall} the key prints {@code
 * SIGNING} and waits a minute before it signs, so that the parent can kill the process while the
 * new revision is half written.
 */
public final class FaultChild {
  private FaultChild() {}

  /**
   * Runs the child.
   *
   * @param args {@code sign|stall IN OUT P12 PASSWORD}
   * @throws Exception when signing fails (the exit status is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    boolean stall = args[0].equals("stall");
    try (Pkcs12Token token = Pkcs12Token.load(Path.of(args[3]), args[4].toCharArray())) {
      SigningKey key = token.keys().get(0);
      SigningKey used =
          !stall
              ? key
              : new ForwardingKey(key) {

                @Override
                public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm)
                    throws TokenException {
                  System.out.println("SIGNING");
                  System.out.flush();
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return key.sign(digest, algorithm);
                }
              };
      PdfSigner.builder()
          .build()
          .sign(
              Path.of(args[1]),
              Path.of(args[2]),
              PdfSignatureOptions.builder(PadesLevel.B_B).build(),
              used);
    }
    System.out.println("SIGNED");
  }
}
