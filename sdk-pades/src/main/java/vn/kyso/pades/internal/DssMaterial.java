package vn.kyso.pades.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.kyso.api.DocumentException;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.ValidationContext;

/**
 * The validation material of a document's DSS dictionary (ETSI EN 319 142-1, 5.4): certificates,
 * OCSP responses and CRLs, each read within the stream ceiling; damaged entries are left out.
 *
 * @param certificates the certificates
 * @param ocsps the OCSP responses
 * @param crls the CRLs
 * @param documentContext a context holding this material, from which each context of the document
 *     is built ({@link ValidationContext#toBuilder}): the material is not copied again and the
 *     checks of its revocation data are shared
 */
public record DssMaterial(
    List<X509Certificate> certificates,
    List<byte[]> ocsps,
    List<byte[]> crls,
    ValidationContext documentContext) {
  private static final int MAX_ENTRIES = 1000;

  /**
   * Reads the DSS of a document.
   *
   * @param doc the document
   * @param limit the largest decoded stream
   * @return the material, empty when there is no DSS
   */
  public static DssMaterial read(PDDocument doc, long limit) {
    List<X509Certificate> certs = new ArrayList<>();
    List<byte[]> ocsps = new ArrayList<>();
    List<byte[]> crls = new ArrayList<>();
    COSDictionary dss =
        doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
    if (dss != null) {
      for (byte[] b : streams(dss.getCOSArray(COSName.getPDFName("Certs")), limit)) {
        try {
          certs.add(Certificates.parseOne(b));
        } catch (DocumentException e) {
          // a damaged certificate in the DSS is not used
        }
      }
      ocsps.addAll(streams(dss.getCOSArray(COSName.getPDFName("OCSPs")), limit));
      crls.addAll(streams(dss.getCOSArray(COSName.getPDFName("CRLs")), limit));
    }
    ValidationContext.Builder base = ValidationContext.builder().certificates(certs);
    ocsps.forEach(base::ocspResponse);
    crls.forEach(base::crl);
    return new DssMaterial(List.copyOf(certs), List.copyOf(ocsps), List.copyOf(crls), base.build());
  }

  private static List<byte[]> streams(COSArray a, long limit) {
    List<byte[]> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size() && i < MAX_ENTRIES; i++) {
        COSBase b = a.getObject(i);
        if (b instanceof COSStream s) {
          try {
            out.add(BoundedDecode.decode(s, limit));
          } catch (IOException | RuntimeException e) {
            // an unreadable or over-large stream is not used
          }
        }
      }
    }
    return out;
  }

  /**
   * @return whether the DSS holds revocation data (an OCSP response or a CRL): the structure of
   *     B-LT
   */
  public boolean hasRevocationData() {
    return !ocsps.isEmpty() || !crls.isEmpty();
  }

  /**
   * @return a validation context holding this material; the contexts of one document share the
   *     checks of its revocation data ({@link ValidationContext.Builder#sharingChecksWith})
   */
  public ValidationContext.Builder context() {
    return documentContext.toBuilder();
  }
}
