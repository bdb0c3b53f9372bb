package vn.kyso.pades;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Test documents built in the test, and an independent check of signatures with plain PDFBox + BC.
 */
final class TestPdfs {
  private TestPdfs() {}

  /** A three-page official letter with an optional empty signature field on the last page. */
  static Path letter(Path dir, String name, String emptyField) throws IOException {
    Path file = dir.resolve(name);
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
      for (int p = 0; p < 3; p++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 13);
          cs.newLineAtOffset(70, 760);
          cs.showText("UY BAN NHAN DAN TINH THU NGHIEM   So: 123/UBND-VP   trang " + (p + 1));
          for (int l = 0; l < 30; l++) {
            cs.newLineAtOffset(0, -20);
            cs.showText(
                "Noi dung cong van, dong " + l + ": trien khai chu ky so chuyen dung Chinh phu.");
          }
          cs.endText();
        }
      }
      if (emptyField != null) {
        PDAcroForm form = new PDAcroForm(doc);
        doc.getDocumentCatalog().setAcroForm(form);
        form.setSignaturesExist(true);
        form.setAppendOnly(true);
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(emptyField);
        PDAnnotationWidget widget = field.getWidgets().get(0);
        PDPage last = doc.getPage(2);
        widget.setRectangle(new PDRectangle(350, 100, 180, 80));
        widget.setPage(last);
        last.getAnnotations().add(widget);
        form.getFields().add(field);
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /** The letter with a text field for the document number in the empty top-right corner. */
  static Path letterWithNumberField(Path dir, String name, boolean readOnly) throws IOException {
    Path plain = letter(dir, "plain-" + name, null);
    Path file = dir.resolve(name);
    try (PDDocument doc = Loader.loadPDF(plain.toFile())) {
      PDAcroForm form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
      PDResources dr = new PDResources();
      dr.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
      form.setDefaultResources(dr);
      form.setDefaultAppearance("/Helv 10 Tf 0 g");
      PDTextField number = new PDTextField(form);
      number.setPartialName("SoVanBan");
      number.setDefaultAppearance("/Helv 10 Tf 0 g");
      number.setReadOnly(readOnly);
      PDAnnotationWidget widget = number.getWidgets().get(0);
      widget.setRectangle(new PDRectangle(420, 800, 150, 20));
      PDPage first = doc.getPage(0);
      widget.setPage(first);
      first.getAnnotations().add(widget);
      form.getFields().add(number);
      doc.save(file.toFile());
    }
    return file;
  }

  /**
   * Fills the number field in an incremental update, as an e-office system does after the leader
   * signs.
   */
  static Path fillNumber(Path signed, Path out, String value) throws IOException {
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      var field = doc.getDocumentCatalog().getAcroForm().getField("SoVanBan");
      field.getCOSObject().setString(COSName.V, value);
      field.getCOSObject().setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    return out;
  }

  /** Deletes a flat folder of test files and the folder. */
  /** The first place of {@code needle} in {@code haystack}, or -1. */
  static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle, 0);
  }

  /** The first place of {@code needle} in {@code haystack} from {@code from}, or -1. */
  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static void deleteFolder(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(folder);
  }

  /** The same letter, encrypted with an owner and an empty user password. */
  static Path encrypted(Path dir, String ownerPassword) throws IOException {
    return encrypted(dir, ownerPassword, "");
  }

  /** The same letter, encrypted with an owner and a user password (empty: anyone may open it). */
  static Path encrypted(Path dir, String ownerPassword, String userPassword) throws IOException {
    return encrypted(dir, ownerPassword, userPassword, 128, false);
  }

  /** The letter encrypted with the given key length (40 and 128 may be RC4; 256 is always AES). */
  static Path encrypted(
      Path dir, String ownerPassword, String userPassword, int keyLength, boolean aes)
      throws IOException {
    Path plain = letter(dir, "plain-for-encryption.pdf", null);
    Path file = dir.resolve("encrypted.pdf");
    try (PDDocument doc = Loader.loadPDF(plain.toFile())) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy(ownerPassword, userPassword, new AccessPermission());
      policy.setEncryptionKeyLength(keyLength);
      policy.setPreferAES(aes);
      doc.protect(policy);
      doc.save(file.toFile());
    }
    return file;
  }

  /** What an independent check found about one signature. */
  record Checked(
      String subFilter,
      boolean cmsValid,
      boolean hasSigningCertificateV2,
      boolean hasSigningTimeAttribute,
      TimeStampToken timestamp,
      X509Certificate signer,
      boolean coversWholeRevision) {}

  /** Verifies every signature with plain PDFBox and Bouncy Castle, independently of Kyso. */
  static List<Checked> check(Path pdf) throws Exception {
    byte[] all = Files.readAllBytes(pdf);
    List<Checked> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(all)) {
      for (PDSignature sig : doc.getSignatureDictionaries()) {
        int[] br = sig.getByteRange();
        byte[] padded = sig.getContents(new ByteArrayInputStream(all));
        byte[] contents = new ASN1InputStream(padded).readObject().getEncoded("DER");
        byte[] signed = sig.getSignedContent(new ByteArrayInputStream(all));
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), contents);
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder holder =
            (X509CertificateHolder) cms.getCertificates().getMatches(si.getSID()).iterator().next();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
        boolean valid =
            si.verify(
                new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(new BouncyCastleProvider())
                    .build(cert));
        AttributeTable signedAttrs = si.getSignedAttributes();
        TimeStampToken tst = null;
        if (si.getUnsignedAttributes() != null
            && si.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                != null) {
          ASN1Primitive token =
              si.getUnsignedAttributes()
                  .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                  .getAttrValues()
                  .getObjectAt(0)
                  .toASN1Primitive();
          tst = new TimeStampToken(new CMSSignedData(token.getEncoded()));
        }
        boolean coversRevision =
            br.length == 4
                && br[0] == 0
                && br[1] + padded.length * 2 + 2 == br[2]
                && br[2] + br[3] <= all.length;
        out.add(
            new Checked(
                sig.getCOSObject().getNameAsString(COSName.SUB_FILTER),
                valid,
                signedAttrs.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null,
                signedAttrs.get(PKCSObjectIdentifiers.pkcs_9_at_signingTime) != null,
                tst,
                cert,
                coversRevision));
      }
    }
    return out;
  }
}
