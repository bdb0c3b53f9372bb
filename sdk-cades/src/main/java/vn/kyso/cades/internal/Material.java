package vn.kyso.cades.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.OtherRevocationInfoFormat;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.esf.RevocationValues;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import vn.kyso.api.DocumentException;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.ValidationContext;

/**
 * The validation material a CAdES signature carries: the certificates and revocation data of {@code
 * SignedData} (B-LT puts them there, OCSP responses as RFC 5940 other revocation information) and,
 * from older CAdES-X-L and -A forms, the certificate-values and revocation-values attributes.
 *
 * @param certificates the X.509 certificates
 * @param ocsps the OCSP responses (OCSPResponse or BasicOCSPResponse)
 * @param crls the CRLs
 */
public record Material(List<X509Certificate> certificates, List<byte[]> ocsps, List<byte[]> crls) {

  /**
   * Reads what a SignedData and its signers carry.
   *
   * @param sd the SignedData
   * @param signers its signers
   * @return the material; unreadable items are left out
   */
  public static Material of(SignedData sd, List<SignerInfo> signers) {
    Material m = new Material(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    if (sd.getCertificates() != null) {
      for (ASN1Encodable c : sd.getCertificates()) {
        m.certificate(c);
      }
    }
    if (sd.getCRLs() != null) {
      for (ASN1Encodable c : sd.getCRLs()) {
        try {
          if (c instanceof ASN1TaggedObject t && t.getTagNo() == 1) {
            OtherRevocationInfoFormat other = OtherRevocationInfoFormat.getInstance(t, false);
            if (CadesCms.OCSP_RESPONSE.equals(other.getInfoFormat())
                || OCSPObjectIdentifiers.id_pkix_ocsp_basic.equals(other.getInfoFormat())) {
              m.ocsps.add(other.getInfo().toASN1Primitive().getEncoded(ASN1Encoding.DER));
            }
          } else {
            m.crls.add(CertificateList.getInstance(c).getEncoded(ASN1Encoding.DER));
          }
        } catch (IOException | RuntimeException e) {
          // unreadable revocation data does not count
        }
      }
    }
    for (SignerInfo si : signers) {
      if (si.getUnauthenticatedAttributes() == null) {
        continue;
      }
      try {
        AttributeTable t = new AttributeTable(si.getUnauthenticatedAttributes());
        for (ASN1Encodable a :
            CadesCms.elements(t.getAll(PKCSObjectIdentifiers.id_aa_ets_certValues))) {
          for (ASN1Encodable v :
              org.bouncycastle.asn1.cms.Attribute.getInstance(a).getAttrValues()) {
            for (ASN1Encodable c : ASN1Sequence.getInstance(v)) {
              m.certificate(c);
            }
          }
        }
        for (ASN1Encodable a :
            CadesCms.elements(t.getAll(PKCSObjectIdentifiers.id_aa_ets_revocationValues))) {
          for (ASN1Encodable v :
              org.bouncycastle.asn1.cms.Attribute.getInstance(a).getAttrValues()) {
            RevocationValues rv = RevocationValues.getInstance(v);
            for (CertificateList crl : rv.getCrlVals()) {
              m.crls.add(crl.getEncoded(ASN1Encoding.DER));
            }
            for (BasicOCSPResponse o : rv.getOcspVals()) {
              m.ocsps.add(o.getEncoded(ASN1Encoding.DER));
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // unreadable material does not count
      }
    }
    return m;
  }

  private void certificate(ASN1Encodable c) {
    try {
      certificates.add(
          Certificates.parseOne(Certificate.getInstance(c).getEncoded(ASN1Encoding.DER)));
    } catch (IOException | RuntimeException | DocumentException e) {
      // attribute certificates and unreadable ones are not path material
    }
  }

  /**
   * @return whether revocation data is carried
   */
  public boolean hasRevocationData() {
    return !ocsps.isEmpty() || !crls.isEmpty();
  }

  /**
   * A validation context with all of it, plus more certificates.
   *
   * @param more certificates to add (a time-stamp token's)
   * @return the builder
   */
  public ValidationContext.Builder context(List<X509Certificate> more) {
    List<X509Certificate> all = new ArrayList<>(certificates);
    all.addAll(more);
    ValidationContext.Builder b = ValidationContext.builder().certificates(all);
    ocsps.forEach(b::ocspResponse);
    crls.forEach(b::crl);
    return b;
  }
}
