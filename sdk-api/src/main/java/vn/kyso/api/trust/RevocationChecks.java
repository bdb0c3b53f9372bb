package vn.kyso.api.trust;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.internal.Revocation;

/**
 * The checks of supplied OCSP responses made under the contexts of one document: parsing the
 * response, matching it to the certificate, and verifying the responder's signature and
 * authorisation. Each depends only on the response's bytes and the two certificates, never on the
 * time or the other facts of a context, so a result computed once is the result every time; what
 * does depend on the time (freshness, revocation before the validation time) is judged by the
 * caller on every use. A letter with four signatures checks each certificate of each path under
 * several contexts against every response it carries; without this, each of those responses was
 * parsed hundreds of times and its signatures verified hundreds of times per document.
 *
 * <p>Bounded: past {@link #MAX_ENTRIES} results it stops remembering (and keeps checking).
 * Thread-safe.
 */
final class RevocationChecks {
  static final int MAX_ENTRIES = 4096;

  private final Map<Key, Object> claims = new ConcurrentHashMap<>();
  private final Map<X509Certificate, Revocation.OcspIssuer> issuers = new ConcurrentHashMap<>();
  private final Map<Key, Object> results = new ConcurrentHashMap<>();
  private final Map<Supplied, Object> parsed = new ConcurrentHashMap<>();
  private static final Revocation.NotApplicable NOT_ABOUT_THIS_CERTIFICATE =
      Revocation.notApplicable("the response is not about this certificate");

  /** A parsed response's structure and the serial numbers its single responses name. */
  private record Parsed(BasicOCSPResponse structure, Set<BigInteger> serials) {}

  /**
   * Checks a supplied OCSP response about a certificate, each response parsed once and each
   * (response, certificate, issuer) checked once.
   */
  RevocationEvidence ocsp(Supplied response, X509Certificate certificate, X509Certificate issuer)
      throws Revocation.Rejected, DocumentException {
    RevocationEvidence claimed = claim(response, certificate, issuer);
    Parsed p = (Parsed) rethrown(remember(parsed, response, () -> parse(response)));
    return (RevocationEvidence)
        rethrown(
            remember(
                results,
                new Key(response, certificate, issuer),
                () -> Revocation.signedOcsp(new BasicOCSPResp(p.structure()), claimed, issuer)));
  }

  /**
   * Whether a supplied response may be about a certificate: one of its single responses names the
   * serial number, or it cannot be read (its reading fails again, with the reason, in {@link
   * #claim}). Answers without an exception: a document carries responses about all its
   * certificates, and each certificate of each path is asked about every response.
   */
  boolean mayBeAbout(Supplied response, X509Certificate certificate) {
    Object p = remember(parsed, response, () -> parse(response));
    return !(p instanceof Parsed known) || known.serials().contains(certificate.getSerialNumber());
  }

  /**
   * What a supplied OCSP response says about a certificate, its signature not yet checked ({@link
   * Revocation#claimedOcsp}): for choosing which responses are worth the check of their signature.
   * Remembered like the checks.
   */
  RevocationEvidence claim(Supplied response, X509Certificate certificate, X509Certificate issuer)
      throws Revocation.Rejected, DocumentException {
    Parsed p = (Parsed) rethrown(remember(parsed, response, () -> parse(response)));
    if (!p.serials().contains(certificate.getSerialNumber())) {
      // The quick part of the check that this is a response about the certificate (a document
      // carries responses about all its certificates): no single response names its serial.
      throw NOT_ABOUT_THIS_CERTIFICATE;
    }
    return (RevocationEvidence)
        rethrown(
            remember(
                claims,
                new Key(response, certificate, issuer),
                () ->
                    Revocation.claimedOcsp(
                        p.structure(),
                        response.der,
                        certificate,
                        named(issuer),
                        null,
                        RevocationEvidence.Origin.EMBEDDED)));
  }

  /** The issuer as OCSP names it, read once per document. */
  private Revocation.OcspIssuer named(X509Certificate issuer) throws Revocation.Rejected {
    Revocation.OcspIssuer known = issuers.get(issuer);
    if (known == null) {
      known = Revocation.OcspIssuer.of(issuer);
      if (issuers.size() < MAX_ENTRIES) {
        issuers.putIfAbsent(issuer, known);
      }
    }
    return known;
  }

  private static Parsed parse(Supplied response) throws DocumentException {
    BasicOCSPResponse structure = Revocation.readOcsp(response.der);
    Set<BigInteger> serials = new HashSet<>();
    try {
      for (ASN1Encodable e : structure.getTbsResponseData().getResponses()) {
        serials.add(SingleResponse.getInstance(e).getCertID().getSerialNumber().getValue());
      }
    } catch (RuntimeException e) {
      // As Bouncy Castle's reading of the responses would fail: the response is not readable.
      throw new DocumentException(
          ErrorCode.MALFORMED_OCSP_RESPONSE, e, e.getClass().getSimpleName());
    }
    return new Parsed(structure, serials);
  }

  /**
   * The result of {@code work} for {@code key}: computed once (a refusal is a result too), and
   * remembered while {@code memo} holds fewer than {@link #MAX_ENTRIES}.
   */
  private static <K> Object remember(Map<K, Object> memo, K key, Work work) {
    Object known = memo.get(key);
    if (known == null) {
      try {
        known = work.run();
      } catch (Revocation.Rejected | DocumentException e) {
        known = e;
      }
      if (memo.size() < MAX_ENTRIES) {
        memo.putIfAbsent(key, known);
      }
    }
    return known;
  }

  /** A remembered result, or the refusal it was. */
  private static Object rethrown(Object known) throws Revocation.Rejected, DocumentException {
    if (known instanceof Revocation.Rejected r) {
      throw r;
    }
    if (known instanceof DocumentException d) {
      throw d;
    }
    return known;
  }

  @FunctionalInterface
  private interface Work {
    Object run() throws Revocation.Rejected, DocumentException;
  }

  /** A supplied OCSP response: its bytes (never modified) and their hash, computed once. */
  static final class Supplied {
    final byte[] der;
    private final int hash;

    Supplied(byte[] der) {
      this.der = der;
      this.hash = hash(der);
    }

    /**
     * A hash of every byte, eight at a time: a document's contexts are built over dozens of
     * responses of a few kilobytes each, and {@link Arrays#hashCode(byte[])} takes them a byte at a
     * time.
     */
    static int hash(byte[] b) {
      long h = b.length;
      int i = 0;
      for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
        h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(b, i);
      }
      for (; i < b.length; i++) {
        h = h * 31 + b[i];
      }
      return (int) (h ^ (h >>> 32));
    }

    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @Override
    public boolean equals(Object o) {
      return o instanceof Supplied s
          && (s.der == der || (s.hash == hash && Arrays.equals(s.der, der)));
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private record Key(Supplied response, X509Certificate certificate, X509Certificate issuer) {}
}
