package vn.kyso.pades;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.kyso.testkit.TestCredential;

/**
 * Tagged PDF/A documents, and later revisions written the way other signing tools write them
 * (Acrobat, iText-based tools such as the government plug-in, DSS): a second signature added with
 * PDFBox's own signing in an incremental save, together with the extra objects those tools update
 * on every signing. Each extra is a switch, so a test can show which ones are allowed.
 */
final class ToolLikeUpdates {
  private ToolLikeUpdates() {}

  /** What the tool writes besides the signature field, widget and signature dictionary. */
  enum Extra {
    /** An updated XMP metadata stream (ModifyDate, MetadataDate), as Acrobat writes. */
    METADATA,
    /** Structure for the new widget: a /Form element with an OBJR, a parent-tree entry, /Tabs. */
    STRUCTURE,
    /** The appearance's font added to the page's /Resources under a new name. */
    PAGE_RESOURCES,
    /** New appearance streams for the signature widgets already signed. */
    REGENERATED_APPEARANCES,
    /** A destination added to the /Dests name tree. */
    DESTINATION,
    /** An sRGB output intent added to a document that had none (DSS does for its appearance). */
    OUTPUT_INTENT,
    /** The catalog's /Version raised, as tools do when they sign with newer algorithms. */
    VERSION
  }

  private static final Path FONT_RESOURCE =
      Path.of("/vn/kyso/pades/fonts/LiberationSerif-Regular.ttf");

  private static InputStream font() {
    return PdfVerifier.class.getResourceAsStream(FONT_RESOURCE.toString());
  }

  /**
   * A one-page tagged PDF/A-2b letter: embedded font, sRGB output intent, XMP identification, the
   * page's text marked as a paragraph of a Document element, and a /Dests name tree.
   */
  static Path taggedPdfA(Path file) throws IOException {
    return taggedPdfA(file, true);
  }

  /** The same letter, with or without its output intent (then it is not PDF/A). */
  static Path taggedPdfA(Path file, boolean outputIntent) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font font;
      try (InputStream in = font()) {
        font = PDType0Font.load(doc, in);
      }
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        COSDictionary mc = new COSDictionary();
        mc.setInt(COSName.MCID, 0);
        cs.beginMarkedContent(COSName.P, PDPropertyList.create(mc));
        cs.beginText();
        cs.setFont(font, 13);
        cs.newLineAtOffset(70, 760);
        cs.showText("ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM — Số: 12/UBND-VP");
        cs.newLineAtOffset(0, -20);
        cs.showText("Về việc thử nghiệm liên thông chữ ký số giữa các phần mềm.");
        cs.endText();
        cs.endMarkedContent();
      }
      PDStructureTreeRoot root = new PDStructureTreeRoot();
      doc.getDocumentCatalog().setStructureTreeRoot(root);
      PDStructureElement document = new PDStructureElement("Document", root);
      root.appendKid(document);
      PDStructureElement p = new PDStructureElement("P", document);
      p.setPage(page);
      p.appendKid(0);
      document.appendKid(p);
      COSArray forPage = new COSArray();
      forPage.add(p);
      COSDictionary parentTree = new COSDictionary();
      COSArray nums = new COSArray();
      nums.add(COSInteger.get(0));
      nums.add(forPage);
      parentTree.setItem(COSName.NUMS, nums);
      root.getCOSObject().setItem(COSName.PARENT_TREE, parentTree);
      root.setParentTreeNextKey(1);
      page.getCOSObject().setInt(COSName.STRUCT_PARENTS, 0);
      PDMarkInfo mark = new PDMarkInfo();
      mark.setMarked(true);
      doc.getDocumentCatalog().setMarkInfo(mark);
      doc.getDocumentCatalog().setLanguage("vi-VN");
      doc.getDocumentCatalog().setMetadata(xmp(doc, null));
      if (outputIntent) {
        doc.getDocumentCatalog().addOutputIntent(srgb(doc));
      }
      COSDictionary dests = new COSDictionary();
      COSArray names = new COSArray();
      names.add(new COSString("trang-1"));
      names.add(fit(page));
      dests.setItem(COSName.NAMES, names);
      COSDictionary nameDict = new COSDictionary();
      nameDict.setItem(COSName.DESTS, dests);
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.NAMES, nameDict);
      doc.save(file.toFile());
    }
    return file;
  }

  /** The sRGB output intent PDF/A documents carry. */
  static PDOutputIntent srgb(PDDocument doc) throws IOException {
    PDOutputIntent intent =
        new PDOutputIntent(
            doc, new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setOutputCondition("sRGB IEC61966-2.1");
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    return intent;
  }

  private static COSArray fit(PDPage page) {
    COSArray d = new COSArray();
    d.add(page);
    d.add(COSName.getPDFName("Fit"));
    return d;
  }

  private static PDMetadata xmp(PDDocument doc, Calendar modified) throws IOException {
    try {
      XMPMetadata xmp = XMPMetadata.createXMPMetadata();
      PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
      id.setPart(2);
      id.setConformance("B");
      if (modified != null) {
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setModifyDate(modified);
        basic.setMetadataDate(modified);
      }
      ByteArrayOutputStream xml = new ByteArrayOutputStream();
      new XmpSerializer().serialize(xmp, xml, true);
      PDMetadata metadata = new PDMetadata(doc);
      metadata.importXMPMetadata(xml.toByteArray());
      return metadata;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /**
   * Adds a visible signature the way another tool does, in an incremental save.
   *
   * @param in the document (already signed once, usually)
   * @param out where to write
   * @param who the signer
   * @param subFilter {@code ETSI.CAdES.detached} or {@code adbe.pkcs7.detached}
   * @param x the widget's left edge on page 1
   * @param extras what else the tool writes
   */
  static Path sign(
      Path in, Path out, TestCredential who, String subFilter, float x, List<Extra> extras)
      throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        OutputStream os = Files.newOutputStream(out);
        SignatureOptions options = new SignatureOptions()) {
      PDPage page = doc.getPage(0);
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
      Calendar now = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
      if (extras.contains(Extra.REGENERATED_APPEARANCES) && form != null) {
        for (PDField f : form.getFieldTree()) {
          if (f instanceof PDSignatureField s && s.getSignature() != null) {
            for (PDAnnotationWidget w : s.getWidgets()) {
              PDRectangle r = w.getRectangle();
              PDAppearanceStream ap = appearance(doc, r, "Đã ký (hiển thị lại)");
              PDAppearanceDictionary d = new PDAppearanceDictionary();
              d.setNormalAppearance(ap);
              w.setAppearance(d);
              w.getCOSObject().setNeedToBeUpdated(true);
            }
          }
        }
      }
      if (extras.contains(Extra.METADATA)) {
        // Acrobat rewrites the same metadata object with new dates.
        PDMetadata old = doc.getDocumentCatalog().getMetadata();
        PDMetadata fresh = xmp(doc, now);
        if (old != null) {
          try (OutputStream w = old.getCOSObject().createOutputStream()) {
            try (InputStream r = fresh.exportXMPMetadata()) {
              r.transferTo(w);
            }
          }
          old.getCOSObject().setNeedToBeUpdated(true);
        } else {
          doc.getDocumentCatalog().setMetadata(fresh);
          doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        }
      }
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(COSName.getPDFName(subFilter));
      signature.setName("Tool signer");
      signature.setSignDate(now);
      PDRectangle rect = new PDRectangle(x, 80, 160, 60);
      if (form == null) {
        form = new PDAcroForm(doc);
        doc.getDocumentCatalog().setAcroForm(form);
      }
      PDSignatureField field = new PDSignatureField(form);
      field.setPartialName("ToolSignature" + (int) x);
      PDAnnotationWidget widget = field.getWidgets().get(0);
      widget.setRectangle(rect);
      widget.setPage(page);
      widget.setPrinted(true);
      PDAppearanceDictionary ad = new PDAppearanceDictionary();
      ad.setNormalAppearance(appearance(doc, rect, "Ký bởi công cụ khác"));
      widget.setAppearance(ad);
      page.getAnnotations().add(widget);
      form.getFields().add(field);
      form.setSignaturesExist(true);
      form.setAppendOnly(true);
      field.getCOSObject().setItem(COSName.V, signature);
      page.getCOSObject().setNeedToBeUpdated(true);
      form.getCOSObject().setNeedToBeUpdated(true);
      doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
      if (extras.contains(Extra.PAGE_RESOURCES)) {
        PDResources res = page.getResources();
        PDType0Font f;
        try (InputStream fin = font()) {
          f = PDType0Font.load(doc, fin, false);
        }
        res.getCOSObject()
            .getCOSDictionary(COSName.FONT)
            .setItem(COSName.getPDFName("KysoToolF1"), f);
        res.getCOSObject().setNeedToBeUpdated(true);
        res.getCOSObject().getCOSDictionary(COSName.FONT).setNeedToBeUpdated(true);
      }
      if (extras.contains(Extra.STRUCTURE)) {
        PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
        PDStructureElement document = (PDStructureElement) root.getKids().get(0);
        PDStructureElement formElem = new PDStructureElement("Form", document);
        formElem.setAlternateDescription("Chữ ký số");
        formElem.setPage(page);
        COSDictionary objr = new COSDictionary();
        objr.setItem(COSName.TYPE, COSName.getPDFName("OBJR"));
        objr.setItem(COSName.OBJ, widget);
        objr.setItem(COSName.PG, page);
        formElem.getCOSObject().setItem(COSName.K, objr);
        document.appendKid(formElem);
        int key = root.getParentTreeNextKey();
        widget.setStructParent(key);
        COSDictionary parentTree = root.getCOSObject().getCOSDictionary(COSName.PARENT_TREE);
        COSArray nums = parentTree.getCOSArray(COSName.NUMS);
        nums.add(COSInteger.get(key));
        nums.add(formElem);
        root.setParentTreeNextKey(key + 1);
        page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
        root.getCOSObject().setNeedToBeUpdated(true);
        parentTree.setNeedToBeUpdated(true);
        nums.setNeedToBeUpdated(true);
        document.getCOSObject().setNeedToBeUpdated(true);
        COSBase k = document.getCOSObject().getDictionaryObject(COSName.K);
        if (k instanceof COSArray ka) {
          ka.setNeedToBeUpdated(true);
        }
      }
      if (extras.contains(Extra.DESTINATION)) {
        COSDictionary nameDict =
            doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.NAMES);
        COSDictionary dests = nameDict.getCOSDictionary(COSName.DESTS);
        COSArray names = dests.getCOSArray(COSName.NAMES);
        names.add(new COSString("y-chu-ky"));
        names.add(fit(page));
        nameDict.setNeedToBeUpdated(true);
        dests.setNeedToBeUpdated(true);
        names.setNeedToBeUpdated(true);
      }
      if (extras.contains(Extra.VERSION)) {
        doc.getDocumentCatalog().setVersion("1.7");
      }
      if (extras.contains(Extra.OUTPUT_INTENT)
          && doc.getDocumentCatalog().getOutputIntents().isEmpty()) {
        doc.getDocumentCatalog().addOutputIntent(srgb(doc));
      }
      doc.addSignature(signature, content -> cms(who, content), options);
      doc.saveIncremental(os);
    }
    return out;
  }

  /**
   * Signs an empty signature field that was in the document before, as Acrobat does: the value, an
   * appearance, print and lock flags, appearance characteristics and a default appearance on the
   * field's widget.
   */
  static Path signEmptyField(Path in, Path out, TestCredential who, String fieldName)
      throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        OutputStream os = Files.newOutputStream(out);
        SignatureOptions options = new SignatureOptions()) {
      PDSignatureField field =
          (PDSignatureField) doc.getDocumentCatalog().getAcroForm(null).getField(fieldName);
      PDAnnotationWidget widget = field.getWidgets().get(0);
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      signature.setSignDate(Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));
      field.getCOSObject().setItem(COSName.V, signature);
      PDAppearanceDictionary ad = new PDAppearanceDictionary();
      ad.setNormalAppearance(appearance(doc, widget.getRectangle(), "Lãnh đạo đã ký"));
      widget.setAppearance(ad);
      widget.setPrinted(true);
      widget.setLocked(true);
      widget.getCOSObject().setItem(COSName.MK, new COSDictionary());
      widget.getCOSObject().setString(COSName.DA, "/Helv 0 Tf 0 g");
      field.getCOSObject().setNeedToBeUpdated(true);
      widget.getCOSObject().setNeedToBeUpdated(true);
      doc.addSignature(signature, content -> cms(who, content), options);
      doc.saveIncremental(os);
    }
    return out;
  }

  private static PDAppearanceStream appearance(PDDocument doc, PDRectangle rect, String text)
      throws IOException {
    PDAppearanceStream ap = new PDAppearanceStream(doc);
    ap.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
    PDResources res = new PDResources();
    ap.setResources(res);
    PDType0Font f;
    try (InputStream in = font()) {
      f = PDType0Font.load(doc, in);
    }
    try (PDPageContentStream cs = new PDPageContentStream(doc, ap)) {
      cs.beginText();
      cs.setFont(f, 10);
      cs.newLineAtOffset(4, rect.getHeight() / 2);
      cs.showText(text);
      cs.endText();
    }
    return ap;
  }

  /** A CMS the way a tool makes it: SHA-256 with RSA, the chain, no signing-certificate tweaks. */
  static byte[] cms(TestCredential who, InputStream content) throws IOException {
    try {
      // CAdES needs the signing certificate bound in the signed attributes (ESS v2); a PAdES
      // signer leaves out the signing-time attribute (the time is in the dictionary's /M).
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(
          new Attribute(
              PKCSObjectIdentifiers.id_aa_signingCertificateV2,
              new DERSet(
                  new SigningCertificateV2(
                      new ESSCertIDv2[] {
                        new ESSCertIDv2(
                            MessageDigest.getInstance("SHA-256")
                                .digest(who.certificate().getEncoded()))
                      }))));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(new AttributeTable(v)) {
                    @Override
                    @SuppressWarnings({"rawtypes", "unchecked"})
                    public AttributeTable getAttributes(Map parameters) {
                      return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
                    }
                  })
              .build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(who.privateKey()),
                  who.certificate()));
      gen.addCertificates(new JcaCertStore(who.chain()));
      return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** Replaces a stream object's bytes in an incremental update. */
  static void rewrite(COSStream stream, String text) throws IOException {
    try (OutputStream w = stream.createOutputStream()) {
      w.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    stream.setNeedToBeUpdated(true);
  }
}
