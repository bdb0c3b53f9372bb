package vn.kyso.api.internal;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1GeneralizedTime;

/**
 * Reads ASN.1 {@code GeneralizedTime} values as instants. The DER form (RFC 5280 4.1.2.5.2, {@code
 * YYYYMMDDHHMMSSZ}, which OCSP responses and CRLs use) is read directly; any other form goes to
 * Bouncy Castle's {@link ASN1GeneralizedTime#getDate}, which builds a {@code SimpleDateFormat} per
 * call. For the DER form both give the same instant: the direct reading takes only fields in range,
 * and leaves everything else (a 13th month, a 60th second) to Bouncy Castle.
 */
public final class DerTimes {
  private DerTimes() {}

  /**
   * The instant a {@code GeneralizedTime} names.
   *
   * @param time the value
   * @return the instant
   * @throws ParseException when Bouncy Castle cannot read a value that is not in the DER form
   */
  public static Instant instant(ASN1GeneralizedTime time) throws ParseException {
    String s = time.getTimeString();
    if (s.length() == 15 && s.charAt(14) == 'Z') {
      int year = digits(s, 0, 4);
      int month = digits(s, 4, 2);
      int day = digits(s, 6, 2);
      int hour = digits(s, 8, 2);
      int minute = digits(s, 10, 2);
      int second = digits(s, 12, 2);
      if (year >= 1900
          && month >= 1
          && month <= 12
          && day >= 1
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59) {
        try {
          return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException dayOutOfMonth) {
          // e.g. 30 February: Bouncy Castle's lenient reading decides
        }
      }
    }
    return time.getDate().toInstant();
  }

  /** The decimal number in {@code s[from, from + count)}, or -1 when a character is no digit. */
  private static int digits(String s, int from, int count) {
    int n = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
