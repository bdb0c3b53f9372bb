package vn.kyso.pades.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import vn.kyso.api.shared.BouncyCastle;

/**
 * The one-time work of a JVM's first PDF verification, done ahead ({@code PdfVerifier.warmUp}).
 * Each step builds a table the libraries keep for the life of the JVM, through their public API;
 * none reads a document or changes a setting. Times are those of a fresh JVM with the quick
 * compiler and a class-data-sharing archive, by hand.
 */
public final class WarmUp {
  /**
   * A ToUnicode CMap with one two-byte range: parsing it makes FontBox build its table of the
   * 65,536 two-byte strings (about 58 ms), which the first embedded font's ToUnicode map otherwise
   * builds in the middle of the appearance check.
   */
  private static final byte[] TO_UNICODE =
      ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
              + "/CMapName /Kyso-WarmUp def /CMapType 2 def\n"
              + "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
              + "1 beginbfrange <0001> <0002> <0041> endbfrange\n"
              + "endcmap CMapName currentdict /CMap defineresource pop end end\n")
          .getBytes(StandardCharsets.US_ASCII);

  private WarmUp() {}

  /**
   * The steps, longest first. Each builds tables of one library and none needs another's, so they
   * may run at the same time on different threads; none throws: a step that fails is skipped, as
   * the verification that needs it will then do the same work and report what goes wrong.
   */
  public static List<Runnable> steps() {
    return List.of(
        // FontBox's two-byte strings (about 58 ms), through the warm-up's own ToUnicode map.
        skippedOnFailure(WarmUp::toUnicode),
        // Bouncy Castle's algorithm tables (about 55 ms): path validation and the CMS checks.
        skippedOnFailure(BouncyCastle::provider),
        // The Adobe glyph list (about 15 ms), which simple fonts' text goes through.
        skippedOnFailure(GlyphList::getAdobeGlyphList),
        // The JDK's provider list and the services every signature check looks up.
        skippedOnFailure(
            () -> {
              MessageDigest.getInstance("SHA-256");
              Signature.getInstance("SHA256withRSA");
              CertificateFactory.getInstance("X.509");
            }));
  }

  /** Runs every step on the calling thread. */
  public static void run() {
    steps().forEach(Runnable::run);
  }

  /** A step that builds tables. */
  @FunctionalInterface
  private interface Step {
    void build() throws Exception;
  }

  /** The step as a runnable that never throws: a failure leaves the work to the verification. */
  private static Runnable skippedOnFailure(Step step) {
    return () -> {
      try {
        step.build();
      } catch (Exception | LinkageError e) {
        // skipped: the verification that needs these tables builds them and reports the failure
      }
    };
  }

  /** Parses the warm-up's ToUnicode map: codes 1 and 2 to "A" and "B". */
  static CMap toUnicode() throws IOException {
    try (RandomAccessReadBuffer in = new RandomAccessReadBuffer(TO_UNICODE)) {
      return new CMapParser().parse(in);
    }
  }
}
