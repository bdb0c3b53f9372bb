package vn.kyso.api.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked piece of revocation information about one certificate: an OCSP response or a CRL, where
 * it came from and what it says. Immutable.
 *
 * <p>{@link #encoded()} is the DER of the whole response or CRL, ready to embed in a document for
 * long-term validation (PAdES B-LT, XAdES B-LT).
 *
 * @param certificate the certificate the evidence is about
 * @param kind OCSP or CRL
 * @param origin where it came from
 * @param status what it says at the validation time
 * @param thisUpdate when the information was produced
 * @param nextUpdate when newer information is promised, if stated
 * @param revocationTime the revocation time, when revoked
 * @param reason the CRL reason code name, when revoked and stated
 * @param signerChain the certificates that signed the evidence (the CA or its OCSP responder)
 * @param encoded the DER bytes; copied
 * @since 0.1
 */
public record RevocationEvidence(
    X509Certificate certificate,
    Kind kind,
    Origin origin,
    Status status,
    Instant thisUpdate,
    Optional<Instant> nextUpdate,
    Optional<Instant> revocationTime,
    Optional<String> reason,
    List<X509Certificate> signerChain,
    byte[] encoded) {

  /** The form of the evidence. */
  public enum Kind {
    /** An OCSP response (RFC 6960). */
    OCSP,
    /** A certificate revocation list (RFC 5280). */
    CRL
  }

  /** Where the evidence came from. */
  public enum Origin {
    /** Supplied with the document or by the host. */
    EMBEDDED,
    /** Reused from this verifier's cache. */
    CACHE,
    /** Fetched from the network during this validation. */
    NETWORK
  }

  /** The status at the validation time. */
  public enum Status {
    /** Not revoked. */
    GOOD,
    /** Revoked. */
    REVOKED,
    /** The responder does not know the certificate. */
    UNKNOWN
  }

  /**
   * Validates and copies.
   *
   * @param certificate the certificate
   * @param kind the kind
   * @param origin the origin
   * @param status the status
   * @param thisUpdate the production time
   * @param nextUpdate the next update
   * @param revocationTime the revocation time
   * @param reason the reason
   * @param signerChain the signers
   * @param encoded the DER
   */
  public RevocationEvidence {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(thisUpdate, "thisUpdate");
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    Objects.requireNonNull(revocationTime, "revocationTime");
    Objects.requireNonNull(reason, "reason");
    signerChain = List.copyOf(signerChain);
    encoded = encoded.clone();
  }

  /**
   * Returns a copy of the DER bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Returns the same evidence marked as coming from another origin.
   *
   * @param newOrigin the origin
   * @return the copy
   */
  public RevocationEvidence withOrigin(Origin newOrigin) {
    return new RevocationEvidence(
        certificate,
        kind,
        newOrigin,
        status,
        thisUpdate,
        nextUpdate,
        revocationTime,
        reason,
        signerChain,
        encoded);
  }
}
