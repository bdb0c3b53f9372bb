package vn.kyso.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.security.auth.x500.X500Principal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import vn.kyso.api.internal.DnParser;

/** Distinguished names with random Unicode values in random orders round-trip. */
class SignerIdentityProperties {
  private static final List<String> OIDS =
      List.of(
          "2.5.4.3",
          "2.5.4.12",
          "2.5.4.10",
          "2.5.4.11",
          "2.5.4.11",
          "2.5.4.7",
          "2.5.4.8",
          "0.9.2342.19200300.100.1.1");

  @Provide
  Arbitrary<String> values() {
    // Vietnamese letters, other scripts, punctuation that DN syntax must escape.
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.of(
                'ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'Ắ', 'ệ', 'ữ', 'Đ', ',', '+', '=', '"', '\\',
                '<', '>', ';', '#', ' '),
            Arbitraries.chars().range('a', 'z'),
            Arbitraries.chars().range('\u0100', '\u024F'),
            Arbitraries.chars().range('\u4E00', '\u4E20'));
    return chars
        .list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .map(
            l -> {
              StringBuilder sb = new StringBuilder();
              l.forEach(sb::append);
              return sb.toString();
            })
        .filter(s -> !s.isBlank());
  }

  @Property(tries = 300)
  void randomNames_roundTrip(
      @ForAll("values") String a,
      @ForAll("values") String b,
      @ForAll("values") String c,
      @ForAll long shuffleSeed) {
    List<DnAttribute> attrs = new ArrayList<>();
    attrs.add(new DnAttribute("2.5.4.6", "C", "VN"));
    List<String> oids = new ArrayList<>(OIDS);
    Collections.shuffle(oids, new Random(shuffleSeed));
    String[] vals = {a, b, c};
    for (int i = 0; i < oids.size(); i++) {
      String oid = oids.get(i);
      attrs.add(new DnAttribute(oid, DnParser.SHORT_NAMES.get(oid), vals[i % 3]));
    }
    Collections.shuffle(attrs, new Random(shuffleSeed + 1));

    X500Principal principal = DnParser.principal(attrs);
    SignerIdentity parsed = SignerIdentity.parse(principal);

    assertThat(parsed.attributes()).containsExactlyElementsOf(attrs);
    assertThat(DnParser.principal(parsed.attributes())).isEqualTo(principal);
  }

  @Property(tries = 300)
  void normaliser_isIdempotentAndIgnoresCase(@ForAll("values") String s) {
    String n = NameNormalizer.normalize(s);

    assertThat(NameNormalizer.normalize(n)).isEqualTo(n);
    assertThat(NameNormalizer.normalize(s.toUpperCase(Locale.ROOT))).isEqualTo(n);
  }
}
