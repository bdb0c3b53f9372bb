package vn.kyso.api.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.TimestampToken;

/**
 * One time-stamp that gives a signature proof of existence, as the report shows it: what kind it
 * is, the time it proves, the time-stamping authority and whether it held. Immutable.
 *
 * <p>A signature's own time-stamp ({@link Kind#SIGNATURE}, over the signature value) makes B-T; an
 * archive time-stamp ({@link Kind#ARCHIVE}: a PDF document time-stamp or an XAdES archive
 * time-stamp, over the signature and its validation data) makes B-LTA.
 *
 * @param kind what the time-stamp covers
 * @param id the document time-stamp's field name or XML Id; empty for a signature time-stamp
 * @param time the time the authority attests (genTime)
 * @param tsaCertificate the authority's certificate, when the token holds it
 * @param indication TOTAL_PASSED when the token matches what it covers and its authority's
 *     certificate validates; otherwise why not
 * @param subIndication why it did not pass, or null
 */
public record TimestampResult(
    Kind kind,
    String id,
    Instant time,
    X509Certificate tsaCertificate,
    Indication indication,
    SubIndication subIndication) {

  /** What a time-stamp covers. */
  public enum Kind {
    /** The signature value (CAdES/XAdES signature time-stamp): B-T. */
    SIGNATURE,
    /** The signature with its validation data (PDF document time-stamp, archive time-stamp). */
    ARCHIVE
  }

  /**
   * Checks the parts.
   *
   * @param kind what it covers
   * @param id field name or Id; empty for a signature time-stamp
   * @param time the attested time
   * @param tsaCertificate the authority's certificate, or null
   * @param indication the outcome
   * @param subIndication why not passed, or null
   */
  public TimestampResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(indication, "indication");
    if ((indication == Indication.TOTAL_PASSED) != (subIndication == null)) {
      throw new IllegalArgumentException("a sub-indication exactly when not passed");
    }
  }

  /**
   * Describes a token as checked.
   *
   * @param kind what it covers
   * @param id field name or Id; empty for a signature time-stamp
   * @param token the token
   * @param failure why it did not pass, or null when it passed
   * @return the result
   */
  public static TimestampResult of(
      Kind kind, String id, TimestampToken token, SubIndication failure) {
    return new TimestampResult(
        kind,
        id,
        token.genTime(),
        token.tsaCertificate(),
        failure == null ? Indication.TOTAL_PASSED : failure.indication(),
        failure);
  }

  /**
   * @return whether the time-stamp held
   */
  public boolean isPassed() {
    return indication == Indication.TOTAL_PASSED;
  }

  /**
   * @return the authority's certificate, when the token holds it
   */
  public Optional<X509Certificate> tsa() {
    return Optional.ofNullable(tsaCertificate);
  }

  /**
   * @return the authority's name as people read it, or empty
   */
  public String tsaName() {
    return tsaCertificate == null
        ? ""
        : Certificates.readableName(tsaCertificate.getSubjectX500Principal());
  }
}
