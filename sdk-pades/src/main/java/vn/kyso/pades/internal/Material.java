package vn.kyso.pades.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ServiceException;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.trust.ValidationContext;

/** Collects, for every signature and document time-stamp of a PDF, what its validation needs. */
public final class Material {
  private Material() {}

  /**
   * Validates every signer and TSA certificate now and gathers the chains and revocation data.
   *
   * <p>On a document that already has a document time-stamp (renewing a B-LTA document), what that
   * newest time-stamp covers was proven to exist then, and its validation data was gathered when it
   * was valid: a signer certificate that has since expired, or a CA that no longer answers for it,
   * does not stop the renewal, and nothing new is added for it. The newest document time-stamp
   * itself, and anything signed after it, must validate now.
   *
   * @param pdf the PDF
   * @param password the owner password, or null
   * @param verifier the certificate verifier (online, or with the data at hand)
   * @return one entry per signature dictionary
   * @throws DocumentException when the PDF cannot be read
   * @throws ServiceException when a certificate's validation data cannot be obtained
   */
  public static List<LtvWriter.Material> collect(
      Path pdf, String password, CertificateVerifier verifier)
      throws DocumentException, ServiceException {
    List<LtvWriter.Material> out = new ArrayList<>();
    try (PDDocument doc = PdfLoad.open(pdf, password)) {
      long coveredUpTo = -1;
      for (PDSignature sig : doc.getSignatureDictionaries()) {
        if (COSName.DOC_TIME_STAMP.equals(sig.getCOSObject().getCOSName(COSName.TYPE))) {
          int[] br = sig.getByteRange();
          if (br != null && br.length == 4) {
            coveredUpTo = Math.max(coveredUpTo, br[1]);
          }
        }
      }
      for (PDSignature sig : doc.getSignatureDictionaries()) {
        int[] range = sig.getByteRange();
        // Signed entirely before the newest document time-stamp's contents: already proven.
        boolean proven =
            range != null && range.length == 4 && (long) range[2] + range[3] <= coveredUpTo;
        byte[] contents =
            ((COSString) sig.getCOSObject().getDictionaryObject(COSName.CONTENTS)).getBytes();
        byte[] der =
            new ASN1InputStream(new ByteArrayInputStream(contents))
                .readObject()
                .getEncoded(ASN1Encoding.DER);
        Map<String, X509Certificate> certs = new LinkedHashMap<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        boolean docTimestamp =
            COSName.DOC_TIME_STAMP.equals(sig.getCOSObject().getCOSName(COSName.TYPE));
        CMSSignedData cms = new CMSSignedData(der);
        add(
            verifier,
            cms,
            docTimestamp ? CertificatePurpose.TIMESTAMPING : CertificatePurpose.SIGNING,
            proven,
            certs,
            ocsps,
            crls);
        if (!docTimestamp) {
          SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
          if (si.getUnsignedAttributes() != null
              && si.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                  != null) {
            byte[] token =
                si.getUnsignedAttributes()
                    .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                    .getAttrValues()
                    .getObjectAt(0)
                    .toASN1Primitive()
                    .getEncoded(ASN1Encoding.DER);
            add(
                verifier,
                new CMSSignedData(token),
                CertificatePurpose.TIMESTAMPING,
                proven,
                certs,
                ocsps,
                crls);
          }
        }
        out.add(new LtvWriter.Material(contents, List.copyOf(certs.values()), ocsps, crls));
      }
    } catch (ServiceException | DocumentException e) {
      throw e;
    } catch (Exception e) {
      PdfLoad.requireWithinCeiling();
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot read the signatures: " + e.getMessage());
    }
    return out;
  }

  private static void add(
      CertificateVerifier verifier,
      CMSSignedData cms,
      CertificatePurpose purpose,
      boolean proven,
      Map<String, X509Certificate> certs,
      List<byte[]> ocsps,
      List<byte[]> crls)
      throws Exception {
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
    List<X509Certificate> bag = new ArrayList<>();
    for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
      bag.add(conv.getCertificate(h));
    }
    SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
    @SuppressWarnings("unchecked")
    X509CertificateHolder signerHolder =
        (X509CertificateHolder) cms.getCertificates().getMatches(si.getSID()).iterator().next();
    X509Certificate signer = conv.getCertificate(signerHolder);
    CertificateResult r =
        verifier.verify(
            signer, ValidationContext.builder().purpose(purpose).certificates(bag).build());
    if (!r.isPassed() && proven) {
      // Proven to exist while it was valid; its data came with the earlier renewal.
      return;
    }
    if (!r.isPassed()) {
      String why = r.findings().isEmpty() ? r.indication().name() : r.findings().get(0).messageEn();
      throw new ServiceException(ErrorCode.SERVICE_BAD_RESPONSE, null, "validation data", why);
    }
    for (X509Certificate c : r.chain()) {
      certs.putIfAbsent(Certificates.sha256Fingerprint(c), c);
    }
    for (RevocationEvidence e : r.revocation()) {
      (e.kind() == RevocationEvidence.Kind.OCSP ? ocsps : crls).add(e.encoded());
      for (X509Certificate c : e.signerChain()) {
        certs.putIfAbsent(Certificates.sha256Fingerprint(c), c);
      }
    }
  }
}
