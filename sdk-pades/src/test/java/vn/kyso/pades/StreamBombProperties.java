package vn.kyso.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.testkit.TestPki;

/**
 * Object streams PDFBox decodes while it loads a document, through a random chain of distinct
 * filters (ASCIIHex, ASCII85, Flate, LZW, run-length), plain or in an AES-256 encrypted document,
 * decoding to a random size around the stream limit. The oracle is exact: when any filter's output
 * is over the limit, verification ends in {@code LIMIT_EXCEEDED}; otherwise the document opens and
 * the verifier reports it (no signature). Runs with -Xmx256m; tries from {@code
 * jqwik.tries.default}.
 */
class StreamBombProperties {
  private static final long LIMIT = 64 * 1024;
  private static final List<COSName> FILTERS =
      List.of(
          COSName.ASCII_HEX_DECODE,
          COSName.ASCII85_DECODE,
          COSName.FLATE_DECODE,
          COSName.LZW_DECODE,
          COSName.RUN_LENGTH_DECODE);

  private static Path dir;
  private static Path plain;
  private static Path encrypted;
  private static PdfVerifier verifier;
  private static int made;

  @BeforeContainer
  static void documents() throws IOException {
    dir = Files.createTempDirectory("kyso-bombs");
    plain = TestPdfs.letter(dir, "plain.pdf", null);
    encrypted = TestPdfs.encrypted(dir, "owner", "", 256, true);
    TestPki pki = TestPki.builder().seed(93).build();
    verifier =
        PdfVerifier.builder(
                CertificateVerifier.builder(pki.trustAnchors())
                    .clock(pki.clock())
                    .network(NetworkSettings.offline())
                    .insecureSkipRevocationCheck()
                    .build())
            .clock(pki.clock())
            .limits(ResourceLimits.builder().maxDecodedStreamBytes(LIMIT).build())
            .build();
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    TestPdfs.deleteFolder(dir);
  }

  @Provide
  Arbitrary<List<COSName>> chains() {
    return Arbitraries.of(FILTERS).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
  }

  @Provide
  Arbitrary<Integer> paddings() {
    // uniform, so that about three cases in four go over the limit and one in four stays within
    return Arbitraries.integers()
        .between(0, (int) (4 * LIMIT))
        .withDistribution(RandomDistribution.uniform());
  }

  @Property
  void objectStreamThroughAnyFilterChain_isWithinTheLimitOrLimitExceeded(
      @ForAll("chains") List<COSName> chain,
      @ForAll("paddings") int padding,
      @ForAll boolean randomPadding,
      @ForAll boolean encrypt,
      @ForAll long seed)
      throws Exception {
    long[] largest = {0};
    Path pdf =
        ObjectStreamBombs.withCatalogInObjectStream(
            dir,
            encrypt ? encrypted : plain,
            "bomb-" + made++ + ".pdf",
            names(chain),
            head -> {
              byte[] data = Arrays.copyOf(head, head.length + padding);
              if (randomPadding) {
                byte[] noise = new byte[padding];
                new Random(seed).nextBytes(noise);
                System.arraycopy(noise, 0, data, head.length, padding);
              } else {
                Arrays.fill(data, head.length, data.length, (byte) ' ');
              }
              // PDFBox decodes with the first filter first: encode with the last one first. What
              // each
              // filter will write when decoding is the data before that filter encoded it.
              for (int i = chain.size() - 1; i >= 0; i--) {
                largest[0] = Math.max(largest[0], data.length);
                data = encode(chain.get(i), data);
              }
              return data;
            });
    Statistics.collect(
        largest[0] > LIMIT ? "over the limit" : "within", encrypt ? "encrypted" : "plain");
    try {
      if (largest[0] > LIMIT) {
        assertThatThrownBy(() -> verifier.verify(pdf))
            .isInstanceOfSatisfying(
                DocumentException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
      } else {
        ValidationReport report = verifier.verify(pdf);
        assertThat(report.signatures()).isEmpty();
        assertThat(report.documentFindings())
            .anySatisfy(f -> assertThat(f.code()).isEqualTo("PDF_NO_SIGNATURE"));
      }
    } finally {
      Files.deleteIfExists(pdf);
    }
  }

  private static String names(List<COSName> chain) {
    List<String> names = new ArrayList<>();
    chain.forEach(n -> names.add("/" + n.getName()));
    return "[" + String.join(" ", names) + "]";
  }

  private static byte[] encode(COSName filter, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FilterFactory.INSTANCE
        .getFilter(filter)
        .encode(new ByteArrayInputStream(data), out, new COSDictionary(), 0);
    return out.toByteArray();
  }
}
