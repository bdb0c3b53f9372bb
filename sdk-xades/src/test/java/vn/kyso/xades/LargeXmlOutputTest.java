package vn.kyso.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.TokenException;
import vn.kyso.api.shared.ForwardingKey;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.token.SigningToken;
import vn.kyso.testkit.TestIdentity;
import vn.kyso.testkit.TestPki;
import vn.kyso.xades.internal.AppendedXml;
import vn.kyso.xades.internal.SplicedOutput;

/**
 * Signing a document over {@link SplicedOutput#FROM}: its output is begun (the input's head written
 * and on its way to disk) before the signature exists. Whatever path the signature then takes, the
 * output is the input's bytes with the signature written in, it verifies, and nothing else is left
 * in the folder; a failure leaves only the input.
 */
class LargeXmlOutputTest {
  private static final TestPki PKI = TestPki.builder().seed(6207).build();

  private static String records(int bytes) {
    return "  <HoSo so=\"1\"><NguoiNop>Nguyễn Văn Định</NguoiNop></HoSo>\n".repeat(bytes / 60 + 1);
  }

  private static Path sign(Path dir, String xml, Charset charset) throws Exception {
    Path in = dir.resolve("so.xml");
    Files.write(in, xml.getBytes(charset));
    Path out = dir.resolve("so-ky.xml");
    SignedOnce.signAndVerify(PKI, in, out);
    assertThat(names(dir)).containsExactlyInAnyOrder("so.xml", "so-ky.xml");
    return out;
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void theOutputIsTheInputWithTheSignatureWrittenIn(@TempDir Path dir) throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SoTiepNhan xmlns=\"urn:kyso:so\">\n"
            + records(SplicedOutput.FROM + 4096)
            + "</SoTiepNhan  >\n\n";
    byte[] input = xml.getBytes(StandardCharsets.UTF_8);
    int at = AppendedXml.lastEndTag(input);

    byte[] output = Files.readAllBytes(sign(dir, xml, StandardCharsets.UTF_8));

    assertThat(Arrays.copyOf(output, at)).isEqualTo(Arrays.copyOf(input, at));
    assertThat(Arrays.copyOfRange(output, output.length - (input.length - at), output.length))
        .isEqualTo(Arrays.copyOfRange(input, at, input.length));
    String inserted = new String(output, at, output.length - input.length, StandardCharsets.UTF_8);
    assertThat(inserted).startsWith("<ds:Signature").endsWith("</ds:Signature>");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // what looks like the last end tag is in a processing instruction after the document
        // element: the begun head is not the splice's, the document is written from its DOM
        "<?pi </x?>",
        "<?pi </SoTiepNhan?>",
        // nothing that looks like an end tag last: no output begun
        "<!-- </SoTiepNhan> -->",
        "\n<?after?>"
      })
  void aDocumentTheGuessDoesNotFit_isWrittenWhole(String trailer, @TempDir Path dir)
      throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SoTiepNhan xmlns=\"urn:kyso:so\">\n"
            + records(SplicedOutput.FROM)
            + "</SoTiepNhan>"
            + trailer;

    String out = Files.readString(sign(dir, xml, StandardCharsets.UTF_8));

    assertThat(out).contains("</ds:Signature></SoTiepNhan>").endsWith(trailer.strip());
  }

  @Test
  void aLatin1Document_isWrittenFromItsDom(@TempDir Path dir) throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<So xmlns=\"urn:kyso:so\">\n"
            + "  <Muc>caf\u00e9</Muc>\n".repeat(SplicedOutput.FROM / 20 + 1)
            + "</So>\n";

    byte[] out = Files.readAllBytes(sign(dir, xml, StandardCharsets.ISO_8859_1));

    assertThat(new String(out, StandardCharsets.ISO_8859_1)).contains("caf\u00e9");
  }

  @Test
  void aKeyThatSignsWrongly_leavesOnlyTheInput(@TempDir Path dir) throws Exception {
    String xml = "<So xmlns=\"urn:kyso:so\">\n" + records(SplicedOutput.FROM) + "</So>\n";
    Path in = Files.writeString(dir.resolve("so.xml"), xml);
    try (SigningToken token = PKI.credential(TestIdentity.CHAIRMAN).signingToken()) {
      SigningKey real = token.keys().get(0);
      SigningKey wrong = new WrongKey(real);
      assertThatThrownBy(
              () ->
                  XmlSigner.builder()
                      .clock(PKI.clock())
                      .build()
                      .sign(
                          in,
                          dir.resolve("so-ky.xml"),
                          XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED)
                              .build(),
                          wrong))
          .isInstanceOfSatisfying(
              DocumentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_VALUE_INVALID));
    }
    assertThat(names(dir)).containsExactly("so.xml");
    assertThat(Files.readString(in)).isEqualTo(xml);
  }

  @Test
  void endTag_matchesTheWholeName() {
    assertThat(AppendedXml.endTag(bytes("<a></a>"), bytes("a"))).isEqualTo(3);
    assertThat(AppendedXml.endTag(bytes("<a></a \n>\n"), bytes("a"))).isEqualTo(3);
    assertThat(AppendedXml.endTag(bytes("<p:a></p:a>"), bytes("p:a"))).isEqualTo(5);
    assertThat(AppendedXml.endTag(bytes("<ab></ab>"), bytes("a"))).isEqualTo(-1);
    assertThat(AppendedXml.endTag(bytes("<ba></ba>"), bytes("a"))).isEqualTo(-1);
    assertThat(AppendedXml.endTag(bytes("<a></a>"), bytes("ab"))).isEqualTo(-1);
    assertThat(AppendedXml.endTag(bytes("<a></a><!--c-->"), bytes("a"))).isEqualTo(-1);
    assertThat(AppendedXml.endTag(bytes("<a></a>"), bytes(""))).isEqualTo(-1);
  }

  @Test
  void lastEndTag_findsTheFinalEndTagOnly() {
    assertThat(AppendedXml.lastEndTag(bytes("<a><b/></a>"))).isEqualTo(7);
    assertThat(AppendedXml.lastEndTag(bytes("<a></a \n>\r\n\t "))).isEqualTo(3);
    assertThat(AppendedXml.lastEndTag(bytes("<p:a xmlns:p='u'></p:a>"))).isEqualTo(17);
    assertThat(AppendedXml.lastEndTag(bytes("<a/>"))).isEqualTo(-1);
    assertThat(AppendedXml.lastEndTag(bytes("<a></a><!--c-->"))).isEqualTo(-1);
    assertThat(AppendedXml.lastEndTag(bytes("</>"))).isEqualTo(-1);
    assertThat(AppendedXml.lastEndTag(bytes("a>"))).isEqualTo(-1);
    assertThat(AppendedXml.lastEndTag(bytes(""))).isEqualTo(-1);
    assertThat(AppendedXml.lastEndTag(bytes("/a>"))).isEqualTo(-1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The real key in every respect but its signature value, one bit of which is flipped. */
  private static final class WrongKey extends ForwardingKey {
    WrongKey(SigningKey real) {
      super(real);
    }

    @Override
    public SignatureValue sign(Digest digest, SignatureAlgorithm algorithm) throws TokenException {
      byte[] b = key.sign(digest, algorithm).value();
      b[b.length / 2] ^= 1;
      return new SignatureValue(algorithm, b);
    }
  }
}
