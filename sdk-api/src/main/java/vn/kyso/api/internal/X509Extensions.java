package vn.kyso.api.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Reads the certificate extensions path validation needs, tolerating damage. */
public final class X509Extensions {
  /** Extensions this SDK understands and may meet marked critical. */
  /**
   * Signature algorithms refused on certificates, CRLs and OCSP responses: MD2, MD5 and SHA-1 with
   * RSA, SHA-1 with DSA and ECDSA.
   */
  public static final Set<String> WEAK_SIGNATURE_ALGORITHMS =
      Set.of(
          "1.2.840.113549.1.1.2",
          "1.2.840.113549.1.1.4",
          "1.2.840.113549.1.1.5",
          "1.2.840.10040.4.3",
          "1.2.840.10045.4.1",
          "1.3.14.3.2.29");

  public static final Set<String> UNDERSTOOD_CRITICAL =
      Set.of(
          "2.5.29.15", // key usage
          "2.5.29.19", // basic constraints
          "2.5.29.37", // extended key usage
          "2.5.29.32", // certificate policies (RFC 5280 6.1, PolicyAndNames)
          "2.5.29.33", // policy mappings (PolicyAndNames)
          "2.5.29.36", // policy constraints (PolicyAndNames)
          "2.5.29.54", // inhibit anyPolicy (PolicyAndNames)
          "2.5.29.30", // name constraints (PolicyAndNames)
          "2.5.29.17", // subject alternative name
          "2.5.29.18", // issuer alternative name
          "2.5.29.14", // subject key identifier
          "2.5.29.35", // authority key identifier
          "2.5.29.31", // CRL distribution points
          "2.5.29.46", // freshest CRL
          "2.5.29.16", // private key usage period
          "1.3.6.1.5.5.7.1.1", // authority information access
          "1.3.6.1.5.5.7.1.3", // qualified certificate statements
          "1.3.6.1.5.5.7.48.1.5"); // OCSP no-check

  /** id-kp-OCSPSigning. */
  public static final String EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

  /** id-kp-timeStamping. */
  public static final String EKU_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

  /** id-pkix-ocsp-nocheck. */
  public static final String OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";

  /** Extended key usages that allow signing documents. */
  public static final Set<String> SIGNING_EKUS =
      Set.of(
          "2.5.29.37.0", // anyExtendedKeyUsage
          "1.3.6.1.5.5.7.3.4", // emailProtection
          "1.3.6.1.5.5.7.3.2", // clientAuth (Vietnamese special-use certificates carry it)
          "1.3.6.1.4.1.311.20.2.2", // smartcardLogon
          "1.3.6.1.4.1.311.10.3.12", // Microsoft document signing
          "1.3.6.1.5.5.7.3.36", // id-kp-documentSigning (RFC 9336)
          "1.2.840.113583.1.1.5"); // Adobe authentic documents trust

  private X509Extensions() {}

  /**
   * Returns the OCSP responder URLs of the AIA extension.
   *
   * @param c the certificate
   * @return http(s) URLs, possibly empty
   */
  public static List<URI> ocspUrls(X509Certificate c) {
    return aia(c, "1.3.6.1.5.5.7.48.1");
  }

  /**
   * Returns the caIssuers URLs of the AIA extension.
   *
   * @param c the certificate
   * @return http(s) URLs, possibly empty
   */
  public static List<URI> caIssuerUrls(X509Certificate c) {
    return aia(c, "1.3.6.1.5.5.7.48.2");
  }

  /**
   * Returns the full-name URLs of the CRL distribution points.
   *
   * @param c the certificate
   * @return http(s) URLs, possibly empty
   */
  public static List<URI> crlUrls(X509Certificate c) {
    List<URI> out = new ArrayList<>();
    try {
      ASN1Primitive v = value(c, "2.5.29.31");
      if (v == null) {
        return out;
      }
      for (DistributionPoint dp : CRLDistPoint.getInstance(v).getDistributionPoints()) {
        DistributionPointName name = dp.getDistributionPoint();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
          addUris(GeneralNames.getInstance(name.getName()).getNames(), out);
        }
      }
    } catch (RuntimeException e) {
      // A damaged extension yields no URLs: revocation then comes out INDETERMINATE.
    }
    return out;
  }

  /**
   * Returns an extension's value as the certificate gives it, without asking the certificate when
   * it does not carry the extension: JDK 17's certificate throws and catches two exceptions for
   * every such lookup (see {@link QuietCertificate}).
   *
   * @param c the certificate
   * @param oid the extension OID
   * @return the DER OCTET STRING, or null when absent
   */
  public static byte[] raw(X509Certificate c, String oid) {
    if (c instanceof QuietCertificate) {
      return c.getExtensionValue(oid);
    }
    Set<String> critical = c.getCriticalExtensionOIDs();
    Set<String> other = c.getNonCriticalExtensionOIDs();
    if ((critical == null || !critical.contains(oid)) && (other == null || !other.contains(oid))) {
      return null;
    }
    return c.getExtensionValue(oid);
  }

  /**
   * Returns the DER value inside an extension's OCTET STRING.
   *
   * @param c the certificate
   * @param oid the extension OID
   * @return the value, or null when absent
   */
  public static ASN1Primitive value(X509Certificate c, String oid) {
    byte[] ext = raw(c, oid);
    if (ext == null) {
      return null;
    }
    try {
      return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<URI> aia(X509Certificate c, String method) {
    List<URI> out = new ArrayList<>();
    try {
      ASN1Primitive v = value(c, "1.3.6.1.5.5.7.1.1");
      if (v == null) {
        return out;
      }
      List<GeneralName> names = new ArrayList<>();
      for (AccessDescription ad :
          AuthorityInformationAccess.getInstance(v).getAccessDescriptions()) {
        if (ad.getAccessMethod().getId().equals(method)) {
          names.add(ad.getAccessLocation());
        }
      }
      addUris(names.toArray(new GeneralName[0]), out);
    } catch (RuntimeException e) {
      // Damaged AIA: no URLs.
    }
    return out;
  }

  private static void addUris(GeneralName[] names, List<URI> out) {
    for (GeneralName n : names) {
      if (n.getTagNo() == GeneralName.uniformResourceIdentifier && out.size() < 4) {
        try {
          URI uri = new URI(n.getName().toString());
          String scheme = uri.getScheme();
          if ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) {
            out.add(uri);
          }
        } catch (URISyntaxException e) {
          // skip a malformed URL
        }
      }
    }
  }
}
