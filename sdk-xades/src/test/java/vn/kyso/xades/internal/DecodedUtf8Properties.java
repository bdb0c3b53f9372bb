package vn.kyso.xades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.w3c.dom.Document;
import vn.kyso.api.DocumentException;

/**
 * The parser reads a document the JDK decoded as UTF-8 exactly as it reads the bytes: the same tree
 * and encodings when both accept it, a refusal when either refuses. Documents are drawn with and
 * without BOMs and declarations, in UTF-8, UTF-16 and Latin-1, with characters the XML grammar
 * refuses, and with bytes flipped.
 */
class DecodedUtf8Properties {
  private static final String[] TEXT = {
    "Ủy ban nhân dân", "a&amp;b", "x", " ", "\r\n", "\t", "😀", "\u0001", "\uFFFE", "\u00e9", "]]>"
  };
  private static final String[] DECLARATIONS = {
    "",
    "<?xml version=\"1.0\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    "<?xml version=\"1.1\" encoding=\"UTF-8\"?>",
    "<?xml-stylesheet href=\"a.xsl\"?>",
    " <?xml version=\"1.0\"?>",
  };

  @Property(tries = 400)
  void decodedAndReadAsBytes_agree(@ForAll @LongRange(min = 0, max = 1L << 40) long seed)
      throws Exception {
    Random random = new Random(seed);
    StringBuilder xml = new StringBuilder(DECLARATIONS[random.nextInt(DECLARATIONS.length)]);
    xml.append("<r xmlns=\"urn:x\" a=\"").append(pick(random)).append("\">");
    for (int i = random.nextInt(6); i > 0; i--) {
      xml.append("<e n=\"").append(i).append("\">").append(pick(random)).append("</e>");
      if (random.nextBoolean()) {
        xml.append(pick(random));
      }
    }
    xml.append("</r>");
    Charset charset =
        switch (random.nextInt(6)) {
          case 0 -> StandardCharsets.UTF_16LE;
          case 1 -> StandardCharsets.ISO_8859_1;
          default -> StandardCharsets.UTF_8;
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (charset == StandardCharsets.UTF_8 && random.nextInt(4) == 0) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    out.write(xml.toString().getBytes(charset));
    byte[] data = out.toByteArray();
    if (random.nextInt(4) == 0) {
      data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
    }

    SecureXml.Parsers parsers = new SecureXml.Parsers(1 << 20, 16);
    Document decoded = null;
    Document bytes = null;
    try {
      decoded = parsers.parse(data);
    } catch (DocumentException refused) {
      // compared below
    }
    try {
      bytes = parsers.parseBytes(data);
    } catch (DocumentException refused) {
      // compared below
    }
    assertThat(decoded == null).as("refused one way only").isEqualTo(bytes == null);
    if (decoded != null) {
      assertThat(decoded.isEqualNode(bytes)).as("the same tree").isTrue();
      assertThat(decoded.getInputEncoding()).isEqualToIgnoringCase(bytes.getInputEncoding());
      assertThat(decoded.getXmlEncoding()).isEqualTo(bytes.getXmlEncoding());
      assertThat(decoded.getXmlVersion()).isEqualTo(bytes.getXmlVersion());
      assertThat(decoded.getXmlStandalone()).isEqualTo(bytes.getXmlStandalone());
    }
  }

  private static String pick(Random random) {
    return TEXT[random.nextInt(TEXT.length)];
  }
}
