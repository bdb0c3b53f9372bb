package vn.kyso.pades.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/**
 * Adds long-term validation material: a DSS dictionary (ETSI EN 319 142-1, 5.4.2) with VRI entries,
 * and document time-stamps ({@code ETSI.RFC3161}, 5.4.3), each in its own incremental update.
 */
public final class LtvWriter {
  static final COSName DSS = COSName.getPDFName("DSS");
  static final COSName VRI = COSName.getPDFName("VRI");
  static final COSName CERTS = COSName.getPDFName("Certs");
  static final COSName OCSPS = COSName.getPDFName("OCSPs");
  static final COSName CRLS = COSName.getPDFName("CRLs");

  private LtvWriter() {}

  /** Validation material for one signature, keyed by its /Contents. */
  public record Material(
      byte[] signatureContents,
      List<X509Certificate> certificates,
      List<byte[]> ocspResponses,
      List<byte[]> crls) {}

  /**
   * Writes an incremental update that adds the material to the document's DSS.
   *
   * @param input the PDF
   * @param password the owner password, or null
   * @param material one entry per signature
   * @param when the time written as the VRI's /TU
   * @param out where the updated PDF goes
   * @throws DocumentException when the document cannot be updated
   */
  public static void addDss(
      Path input, String password, List<Material> material, Instant when, OutputStream out)
      throws DocumentException {
    try (PDDocument doc = PdfLoad.open(input, password)) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary dss = catalog.getCOSDictionary(DSS);
      if (dss == null) {
        dss = new COSDictionary();
        dss.setItem(COSName.TYPE, DSS);
        catalog.setItem(DSS, dss);
      }
      COSArray certs = array(dss, CERTS);
      COSArray ocsps = array(dss, OCSPS);
      COSArray crls = array(dss, CRLS);
      COSDictionary vri = dss.getCOSDictionary(VRI);
      if (vri == null) {
        vri = new COSDictionary();
        dss.setItem(VRI, vri);
      }
      Set<String> present = new HashSet<>();
      for (COSArray a : List.of(certs, ocsps, crls)) {
        for (COSBase b : a) {
          present.add(hash(streamBytes(b)));
        }
      }
      for (Material m : material) {
        COSDictionary entry = new COSDictionary();
        COSArray c = new COSArray();
        for (X509Certificate x : m.certificates()) {
          c.add(add(doc, certs, x.getEncoded(), present));
        }
        COSArray o = new COSArray();
        for (byte[] r : m.ocspResponses()) {
          o.add(add(doc, ocsps, r, present));
        }
        COSArray l = new COSArray();
        for (byte[] r : m.crls()) {
          l.add(add(doc, crls, r, present));
        }
        entry.setItem(COSName.getPDFName("Cert"), c);
        entry.setItem(COSName.getPDFName("OCSP"), o);
        entry.setItem(COSName.getPDFName("CRL"), l);
        Calendar tu = Calendar.getInstance(PdfUpdate.VIETNAM, Locale.ROOT);
        tu.setTimeInMillis(when.toEpochMilli());
        entry.setDate(COSName.getPDFName("TU"), tu);
        vri.setItem(COSName.getPDFName(sha1Hex(m.signatureContents())), entry);
      }
      dss.setNeedToBeUpdated(true);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(out);
    } catch (CertificateEncodingException | IOException | RuntimeException e) {
      PdfLoad.requireWithinCeiling();
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot add validation data: " + e.getMessage());
    }
  }

  /** A document time-stamp update in progress: digest first, then the token. */
  public static final class DocumentTimestamp implements AutoCloseable {
    private final PDDocument doc;
    private final SignatureOptions options;
    private final ExternalSigningSupport external;
    private final int placeholder;

    private DocumentTimestamp(
        PDDocument doc,
        SignatureOptions options,
        ExternalSigningSupport external,
        int placeholder) {
      this.placeholder = placeholder;
      this.doc = doc;
      this.options = options;
      this.external = external;
    }

    /**
     * Starts an update with an empty document time-stamp dictionary.
     *
     * @param input the PDF
     * @param password the owner password, or null
     * @param reserved bytes reserved for the token
     * @param out where the updated PDF goes
     * @return the update
     * @throws DocumentException when the document cannot be updated
     */
    public static DocumentTimestamp open(
        Path input, String password, int reserved, OutputStream out) throws DocumentException {
      PDDocument doc = PdfLoad.open(input, password);
      SignatureOptions so = new SignatureOptions();
      try {
        PDSignature ts = new PDSignature();
        ts.setType(COSName.DOC_TIME_STAMP);
        ts.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        ts.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
        so.setPreferredSignatureSize(reserved);
        doc.addSignature(ts, so);
        ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(out);
        return new DocumentTimestamp(doc, so, external, PdfUpdate.placeholderBytes(ts, reserved));
      } catch (IOException | RuntimeException e) {
        PdfUpdate.closeQuietly(doc, so);
        PdfLoad.requireWithinCeiling();
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, e, "cannot add a document time-stamp: " + e.getMessage());
      }
    }

    /**
     * Hashes the byte ranges.
     *
     * @param alg the algorithm
     * @return the digest
     * @throws DocumentException when reading fails
     */
    public byte[] digest(DigestAlgorithm alg) throws DocumentException {
      return PdfUpdate.digestOf(external, alg, "document time-stamp");
    }

    /**
     * Writes the token into the placeholder.
     *
     * @param token the DER time-stamp token
     * @throws DocumentException when it does not fit or cannot be written
     */
    public void embed(byte[] token) throws DocumentException {
      try {
        if (token.length > placeholder) {
          throw new DocumentException(
              ErrorCode.SIGNATURE_TOO_LARGE, null, token.length, placeholder);
        }
        // Overwrite the whole placeholder: see PdfUpdate#placeholderBytes.
        external.setSignature(Arrays.copyOf(token, placeholder));
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.SIGNATURE_TOO_LARGE, e, token.length, "reserved");
      }
    }

    @Override
    public void close() {
      PdfUpdate.closeQuietly(doc, options);
    }
  }

  /**
   * Returns the VRI key of a signature: upper-case hex SHA-1 of its /Contents bytes.
   *
   * @param contents the /Contents bytes as stored (with padding)
   * @return the key
   */
  public static String sha1Hex(byte[] contents) {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(DigestAlgorithm.SHA1.newMessageDigest().digest(contents));
  }

  private static COSArray array(COSDictionary dss, COSName name) {
    COSArray a = dss.getCOSArray(name);
    if (a == null) {
      a = new COSArray();
      dss.setItem(name, a);
    }
    a.setNeedToBeUpdated(true);
    return a;
  }

  private static COSBase add(PDDocument doc, COSArray into, byte[] data, Set<String> present)
      throws IOException {
    String h = hash(data);
    if (present.contains(h)) {
      for (COSBase b : into) {
        if (hash(streamBytes(b)).equals(h)) {
          return b;
        }
      }
    }
    COSStream s = doc.getDocument().createCOSStream();
    try (OutputStream o = s.createOutputStream(COSName.FLATE_DECODE)) {
      o.write(data);
    }
    into.add(s);
    present.add(h);
    return s;
  }

  static byte[] streamBytes(COSBase b) {
    COSBase r = b instanceof COSObject o ? o.getObject() : b;
    if (!(r instanceof COSStream s)) {
      return new byte[0];
    }
    try (InputStream in = s.createInputStream()) {
      return in.readNBytes(16 * 1024 * 1024);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String hash(byte[] data) {
    return HexFormat.of()
        .formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(data))
        .toLowerCase(Locale.ROOT);
  }
}
