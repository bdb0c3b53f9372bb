package vn.kyso.api.trust;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import vn.kyso.api.DocumentException;
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

  private final Map<Key, Object> results = new ConcurrentHashMap<>();
  private final Map<Supplied, Object> parsed = new ConcurrentHashMap<>();
  private final Map<Supplied, Set<BigInteger>> serials = new ConcurrentHashMap<>();
  private static final Revocation.NotApplicable NOT_ABOUT_THIS_CERTIFICATE =
      Revocation.notApplicable("the response is not about this certificate");

  /**
   * Checks a supplied OCSP response about a certificate, each response parsed once and each
   * (response, certificate, issuer) checked once.
   */
  RevocationEvidence ocsp(Supplied response, X509Certificate certificate, X509Certificate issuer)
      throws Revocation.Rejected, DocumentException {
    BasicOCSPResp basic = parse(response);
    if (!serials(response, basic).contains(certificate.getSerialNumber())) {
      // The quick part of the check that this is a response about the certificate (a document
      // carries responses about all its certificates): no single response names its serial.
      throw NOT_ABOUT_THIS_CERTIFICATE;
    }
    return ocsp(
        response,
        certificate,
        issuer,
        () ->
            Revocation.checkOcsp(
                parse(response),
                response.der,
                certificate,
                issuer,
                null,
                RevocationEvidence.Origin.EMBEDDED));
  }

  private Set<BigInteger> serials(Supplied response, BasicOCSPResp basic) {
    return serials.computeIfAbsent(
        response,
        r -> {
          Set<BigInteger> out = new HashSet<>();
          for (SingleResp single : basic.getResponses()) {
            out.add(single.getCertID().getSerialNumber());
          }
          return out;
        });
  }

  private BasicOCSPResp parse(Supplied response) throws DocumentException {
    Object p = parsed.get(response);
    if (p == null) {
      try {
        p = Revocation.parseOcsp(response.der);
      } catch (DocumentException e) {
        p = e;
      }
      if (parsed.size() < MAX_ENTRIES) {
        parsed.putIfAbsent(response, p);
      }
    }
    if (p instanceof DocumentException e) {
      throw e;
    }
    return (BasicOCSPResp) p;
  }

  /** Returns the result of {@code check} for this response and these certificates, once. */
  private RevocationEvidence ocsp(
      Supplied response, X509Certificate certificate, X509Certificate issuer, Check check)
      throws Revocation.Rejected, DocumentException {
    Key key = new Key(response, certificate, issuer);
    Object known = results.get(key);
    if (known == null) {
      try {
        known = check.run();
      } catch (Revocation.Rejected | DocumentException e) {
        known = e;
      }
      if (results.size() < MAX_ENTRIES) {
        results.putIfAbsent(key, known);
      }
    }
    if (known instanceof Revocation.Rejected r) {
      throw r;
    }
    if (known instanceof DocumentException d) {
      throw d;
    }
    return (RevocationEvidence) known;
  }

  @FunctionalInterface
  interface Check {
    RevocationEvidence run() throws Revocation.Rejected, DocumentException;
  }

  /** A supplied response or CRL: its bytes (never modified) and their hash, computed once. */
  static final class Supplied {
    final byte[] der;
    private final int hash;

    Supplied(byte[] der) {
      this.der = der;
      this.hash = Arrays.hashCode(der);
    }

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
