package vn.kyso.interop.dss;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.signature.AbstractSignatureService;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The EU DSS library as a batch tool for the interoperability suite. Jobs come one per line on
 * standard input, answers one per line on standard output (tab-separated):
 *
 * <pre>
 * validate ROOT_PEM     job: id file [detachedName detachedFile]
 *                       answer per signature: id index INDICATION SUB_INDICATION errors
 * sign ROOT_PEM TSA_URL job: id pades|xades|cades|asic-cades|asic-xades LEVEL PACKAGING P12 PASSWORD IN OUT
 *                       (PACKAGING ASiC_S or ASiC_E for asic-*)
 *                       (PACKAGING VISIBLE for pades: a visible text signature)
 *                       answer: id OK | id ERROR message
 * </pre>
 *
 * Validation uses DSS's default policy with the one root trusted and revocation fetched online from
 * the addresses the certificates carry; signing tolerates broken certificates (the suite needs such
 * signatures), validation does not.
 */
public final class DssTool {
  private DssTool() {}

  /**
   * Runs a batch.
   *
   * @param args {@code validate ROOT_PEM} or {@code sign ROOT_PEM TSA_URL}
   * @throws Exception when the input cannot be read
   */
  public static void main(String[] args) throws Exception {
    CertificateToken root = DSSUtils.loadCertificate(Files.readAllBytes(Path.of(args[1])));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String[] job = line.split("\t");
      try {
        if (args[0].equals("validate")) {
          validate(root, job);
        } else {
          sign(root, args[2], job);
          System.out.println(job[0] + "\tOK");
        }
      } catch (Exception e) {
        System.out.println(job[0] + "\tERROR\t" + clean(String.valueOf(e)));
      }
      System.out.flush();
    }
  }

  private static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static CommonCertificateVerifier verifier(CertificateToken root, boolean permissive) {
    CommonCertificateVerifier cv = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(root);
    cv.setTrustedCertSources(trusted);
    cv.setCrlSource(new OnlineCRLSource(new CommonsDataLoader()));
    cv.setOcspSource(new OnlineOCSPSource(new OCSPDataLoader()));
    cv.setAIASource(null);
    if (permissive) {
      cv.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
      cv.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());
      cv.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
      cv.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
      cv.setAlertOnInvalidTimestamp(new SilentOnStatusAlert());
      cv.setAlertOnNoRevocationAfterBestSignatureTime(new SilentOnStatusAlert());
      cv.setAlertOnUncoveredPOE(new SilentOnStatusAlert());
    }
    return cv;
  }

  private static void validate(CertificateToken root, String[] job) {
    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(new FileDocument(job[1]));
    validator.setCertificateVerifier(verifier(root, false));
    if (job.length >= 4) {
      List<DSSDocument> detached = new ArrayList<>();
      detached.add(
          new FileDocument(job[3]) {
            @Override
            public String getName() {
              return job[2];
            }
          });
      validator.setDetachedContents(detached);
    }
    Reports reports = validator.validateDocument();
    SimpleReport simple = reports.getSimpleReport();
    int i = 0;
    for (String id : simple.getSignatureIdList()) {
      List<String> errors = new ArrayList<>();
      simple.getAdESValidationErrors(id).forEach(m -> errors.add(m.getValue()));
      System.out.println(
          job[0]
              + "\t"
              + i++
              + "\t"
              + simple.getIndication(id)
              + "\t"
              + (simple.getSubIndication(id) == null ? "-" : simple.getSubIndication(id))
              + "\t"
              + clean(errors.toString()));
    }
    if (i == 0) {
      System.out.println(job[0] + "\t-\tNO_SIGNATURE\t-\t-");
    }
  }

  private static void sign(CertificateToken root, String tsa, String[] job) throws Exception {
    char[] password = job[5].toCharArray();
    try (Pkcs12SignatureToken token =
        new Pkcs12SignatureToken(job[4], new KeyStore.PasswordProtection(password))) {
      DSSPrivateKeyEntry key = token.getKeys().get(0);
      DSSDocument doc = new FileDocument(job[6]);
      SignatureLevel level = SignatureLevel.valueOf(job[2]);
      DSSDocument signed;
      if (job[1].equals("pades")) {
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        p.setContentSize(32 * 1024);
        if ("VISIBLE".equals(job[3])) {
          // An ordinary visible signature: a text block in the lower right corner of page 1.
          SignatureImageParameters image = new SignatureImageParameters();
          SignatureImageTextParameters text = new SignatureImageTextParameters();
          text.setText("Signed with EU DSS");
          image.setTextParameters(text);
          SignatureFieldParameters field = new SignatureFieldParameters();
          field.setOriginX(330);
          field.setOriginY(640);
          field.setWidth(200);
          field.setHeight(50);
          image.setFieldParameters(field);
          p.setImageParameters(image);
        }
        signed = sign(new PAdESService(verifier(root, true)), p, level, doc, tsa, token, key);
      } else if (job[1].equals("asic-cades")) {
        ASiCWithCAdESSignatureParameters p = new ASiCWithCAdESSignatureParameters();
        p.aSiC().setContainerType(ASiCContainerType.valueOf(job[3]));
        signed =
            sign(new ASiCWithCAdESService(verifier(root, true)), p, level, doc, tsa, token, key);
      } else if (job[1].equals("asic-xades")) {
        ASiCWithXAdESSignatureParameters p = new ASiCWithXAdESSignatureParameters();
        p.aSiC().setContainerType(ASiCContainerType.valueOf(job[3]));
        signed =
            sign(new ASiCWithXAdESService(verifier(root, true)), p, level, doc, tsa, token, key);
      } else if (job[1].equals("cades")) {
        CAdESSignatureParameters p = new CAdESSignatureParameters();
        p.setSignaturePackaging(SignaturePackaging.valueOf(job[3]));
        signed = sign(new CAdESService(verifier(root, true)), p, level, doc, tsa, token, key);
      } else {
        XAdESSignatureParameters p = new XAdESSignatureParameters();
        p.setSignaturePackaging(SignaturePackaging.valueOf(job[3]));
        signed = sign(new XAdESService(verifier(root, true)), p, level, doc, tsa, token, key);
      }
      signed.save(job[7]);
    }
  }

  /** Signs with the parameters every job shares (level, SHA-256, the key's chain) and the TSA. */
  private static <P extends AbstractSignatureParameters<?>> DSSDocument sign(
      AbstractSignatureService<P, ?> service,
      P p,
      SignatureLevel level,
      DSSDocument doc,
      String tsa,
      Pkcs12SignatureToken token,
      DSSPrivateKeyEntry key) {
    service.setTspSource(new OnlineTSPSource(tsa));
    p.setSignatureLevel(level);
    p.setDigestAlgorithm(DigestAlgorithm.SHA256);
    p.setSigningCertificate(key.getCertificate());
    p.setCertificateChain(List.of(key.getCertificateChain()));
    ToBeSigned tbs = service.getDataToSign(doc, p);
    SignatureValue value = token.sign(tbs, DigestAlgorithm.SHA256, key);
    return service.signDocument(doc, p, value);
  }
}
