package vn.kyso.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.bouncycastle.asn1.ASN1GeneralizedTime;

/**
 * {@link DerTimes#instant} names the instant Bouncy Castle's {@code getDate} names, or refuses as
 * it does, for every {@code GeneralizedTime} a response can carry: DER times with fields in and out
 * of range, before and after the Gregorian cutover, and other forms (fractions, offsets, no zone,
 * other lengths, stray characters).
 */
class DerTimesProperties {
  @Property(tries = 3000)
  void readsEveryTimeAsBouncyCastleDoes(@ForAll @LongRange(min = 0, max = 1L << 40) long seed)
      throws Exception {
    String text = time(new Random(seed));
    // Read from DER, as a parsed response holds it: Bouncy Castle does not check it then.
    byte[] contents = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] der = new byte[contents.length + 2];
    der[0] = 0x18;
    der[1] = (byte) contents.length;
    System.arraycopy(contents, 0, der, 2, contents.length);
    ASN1GeneralizedTime time;
    try {
      time = ASN1GeneralizedTime.getInstance(der);
    } catch (IllegalArgumentException malformed) {
      // Bouncy Castle refuses it while parsing: no response holds it.
      Assume.that(false);
      return;
    }

    Object expected;
    try {
      expected = time.getDate().toInstant();
    } catch (Exception e) {
      expected = e.getClass();
    }
    Object got;
    try {
      got = DerTimes.instant(time);
    } catch (Exception e) {
      got = e.getClass();
    }

    assertThat(got).as(text).isEqualTo(expected);
  }

  /** Mostly the DER form with fields drawn around their ranges; now and then something else. */
  private static String time(Random r) {
    String der =
        String.format(
            Locale.ROOT,
            "%04d%02d%02d%02d%02d%02dZ",
            r.nextInt(4) == 0 ? r.nextInt(10_000) : 1890 + r.nextInt(200),
            r.nextInt(14),
            r.nextInt(33),
            r.nextInt(26),
            r.nextInt(62),
            r.nextInt(62));
    return switch (r.nextInt(8)) {
      case 0 -> der.substring(0, 14) + ".5Z";
      case 1 -> der.substring(0, 14) + "+0700";
      case 2 -> der.substring(0, 14);
      case 3 -> der.substring(0, 1 + r.nextInt(14)) + "Z";
      case 4 -> {
        char[] c = der.toCharArray();
        c[r.nextInt(14)] = "x -+/:".charAt(r.nextInt(6));
        yield new String(c);
      }
      default -> der;
    };
  }

  @Example
  void theDerFormOfNow_isNow() throws Exception {
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    ASN1GeneralizedTime time = new ASN1GeneralizedTime(java.util.Date.from(now));

    assertThat(time.getTimeString()).hasSize(15).endsWith("Z");
    assertThat(DerTimes.instant(time)).isEqualTo(now);
  }
}
