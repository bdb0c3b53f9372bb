package vn.kyso.pades;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.trust.Certificates;

/**
 * The state between the two phases of external signing: what to sign, and everything needed to
 * rebuild the same revision of the same document later, possibly in another JVM. Immutable.
 *
 * <p>What the signer must sign, depending on what it can do:
 *
 * <ul>
 *   <li>a device or service that hashes itself ({@code SHA256withRSA}, a browser plug-in's "sign
 *       data"): sign {@link #signedAttributes()};
 *   <li>a signer of pre-computed hashes (PKCS#11 {@code CKM_RSA_PKCS}, an HSM's raw RSA): sign
 *       {@link #dataToSign()}'s {@code digestInfo()} for PKCS#1 v1.5, or the raw {@link
 *       #dataToSign()} value for PSS and ECDSA; a {@code SigningKey} takes the {@link Digest}
 *       itself.
 * </ul>
 *
 * The state holds no secret (no key, no password) and is about 2 KB plus the certificate chain.
 * {@code PdfSigner.complete} refuses a value that does not verify, and a document that is not the
 * one prepared.
 *
 * @since 0.1
 */
public final class PreparedSignature {
  private static final String MAGIC = "KYSO-PADES-PREPARED";
  private static final int VERSION = 2;
  private static final int MAX_STATE = 6 * 1024 * 1024;

  private final PdfSignatureOptions options;
  private final Instant signingTime;
  private final SignatureAlgorithm algorithm;
  private final List<X509Certificate> chain;
  private final byte[] contentDigest;
  private final byte[] signedAttributes;

  PreparedSignature(
      PdfSignatureOptions options,
      Instant signingTime,
      SignatureAlgorithm algorithm,
      List<X509Certificate> chain,
      byte[] contentDigest,
      byte[] signedAttributes) {
    this.options = options;
    this.signingTime = signingTime;
    this.algorithm = algorithm;
    this.chain = List.copyOf(chain);
    this.contentDigest = contentDigest.clone();
    this.signedAttributes = signedAttributes.clone();
  }

  /**
   * @return the DER signed attributes: the data a hash-and-sign signer signs
   */
  public byte[] signedAttributes() {
    return signedAttributes.clone();
  }

  /**
   * @return the digest of the signed attributes: what a {@code SigningKey} signs
   */
  public Digest dataToSign() {
    return algorithm.digestAlgorithm().digest(signedAttributes);
  }

  /**
   * @return the signature algorithm the value must use
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * @return the claimed signing time written as /M
   */
  public Instant signingTime() {
    return signingTime;
  }

  /**
   * @return the signer certificate
   */
  public X509Certificate signerCertificate() {
    return chain.get(0);
  }

  /**
   * @return the chain, signer first
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  PdfSignatureOptions options() {
    return options;
  }

  byte[] contentDigest() {
    return contentDigest.clone();
  }

  /**
   * Serialises the state, e.g. into the web session or a database between two requests.
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(options.level().name());
      out.writeUTF(options.digest().name());
      out.writeBoolean(options.isPss());
      writeNullable(out, options.fieldName().orElse(null));
      out.writeInt(options.page());
      float[] r = options.rectangle().orElse(null);
      out.writeBoolean(r != null);
      if (r != null) {
        for (float f : r) {
          out.writeFloat(f);
        }
      }
      writeNullable(out, options.reason().orElse(null));
      writeNullable(out, options.location().orElse(null));
      writeNullable(out, options.contactInfo().orElse(null));
      writeNullable(out, options.certification().map(Enum::name).orElse(null));
      out.writeInt(options.reservedBytes().orElse(0));
      byte[] ap = options.appearance().orElse(null);
      out.writeBoolean(ap != null);
      if (ap != null) {
        writeBytes(out, ap);
      }
      VisibleSignature visible = options.visible().orElse(null);
      out.writeBoolean(visible != null);
      if (visible != null) {
        writeVisible(out, visible);
      }
      out.writeLong(signingTime.toEpochMilli());
      out.writeUTF(algorithm.name());
      writeBytes(out, contentDigest);
      writeBytes(out, signedAttributes);
      out.writeInt(chain.size());
      for (X509Certificate c : chain) {
        writeBytes(out, c.getEncoded());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a state written by {@link #toBytes()}.
   *
   * @param state the bytes
   * @return the prepared signature
   * @throws DocumentException {@code PREPARED_STATE_INVALID} when the bytes are damaged
   */
  public static PreparedSignature fromBytes(byte[] state) throws DocumentException {
    Objects.requireNonNull(state, "state");
    if (state.length > MAX_STATE) {
      throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, null, "too large");
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
      if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
        throw new DocumentException(
            ErrorCode.PREPARED_STATE_INVALID, null, "not a Kyso PAdES state");
      }
      PdfSignatureOptions.Builder b =
          PdfSignatureOptions.builder(PadesLevel.valueOf(in.readUTF()))
              .digest(DigestAlgorithm.valueOf(in.readUTF()))
              .pss(in.readBoolean());
      String field = readNullable(in);
      if (field != null) {
        b.fieldName(field);
      }
      int page = in.readInt();
      if (in.readBoolean()) {
        b.placement(page, in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat());
      }
      String reason = readNullable(in);
      if (reason != null) {
        b.reason(reason);
      }
      String location = readNullable(in);
      if (location != null) {
        b.location(location);
      }
      String contact = readNullable(in);
      if (contact != null) {
        b.contactInfo(contact);
      }
      String cert = readNullable(in);
      if (cert != null) {
        b.certification(DocMdpPermission.valueOf(cert));
      }
      int reserved = in.readInt();
      if (reserved != 0) {
        b.reservedBytes(reserved);
      }
      if (in.readBoolean()) {
        b.appearance(readBytes(in));
      }
      if (in.readBoolean()) {
        b.visible(readVisible(in));
      }
      Instant time = Instant.ofEpochMilli(in.readLong());
      SignatureAlgorithm alg = SignatureAlgorithm.valueOf(in.readUTF());
      byte[] digest = readBytes(in);
      byte[] attrs = readBytes(in);
      int n = in.readInt();
      if (n < 1 || n > 16) {
        throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, null, "chain length " + n);
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        chain.add(Certificates.parseOne(readBytes(in)));
      }
      if (in.available() != 0) {
        throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, null, "trailing bytes");
      }
      return new PreparedSignature(b.build(), time, alg, chain, digest, attrs);
    } catch (DocumentException e) {
      if (e.code() == ErrorCode.PREPARED_STATE_INVALID) {
        throw e;
      }
      throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, e, e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.PREPARED_STATE_INVALID, e, "damaged: " + e.getClass().getSimpleName());
    }
  }

  private static void writeVisible(DataOutputStream out, VisibleSignature v) throws IOException {
    out.writeUTF(v.kind().name());
    out.writeDouble(v.widthMm());
    out.writeDouble(v.heightMm());
    out.writeDouble(v.overlapRatio());
    out.writeInt(v.lines().size());
    for (String line : v.lines()) {
      out.writeUTF(line);
    }
    SignatureImage image = v.image().orElse(null);
    out.writeBoolean(image != null);
    if (image != null) {
      out.writeInt(image.width());
      out.writeInt(image.height());
      out.writeUTF(image.hue().name());
      writeBytes(out, image.rgbFlate());
      writeBytes(out, image.alphaFlate());
    } else {
      AppearanceFont font = v.font();
      out.writeUTF(font.name());
      out.writeBoolean(font.isFallback());
      writeBytes(out, font.bytes());
    }
    Placement p = v.placement();
    out.writeUTF(p.kind().name());
    writeNullable(out, p.text());
    writeNullable(out, p.secondText());
    out.writeInt(p.page());
    double[] box = p.box();
    out.writeBoolean(box != null);
    if (box != null) {
      for (double d : box) {
        out.writeDouble(d);
      }
      out.writeUTF(p.unit().name());
      out.writeUTF(p.origin().name());
    }
  }

  private static VisibleSignature readVisible(DataInputStream in) throws IOException {
    VisibleSignature.Kind kind = VisibleSignature.Kind.valueOf(in.readUTF());
    double width = in.readDouble();
    double height = in.readDouble();
    double overlap = in.readDouble();
    int n = in.readInt();
    if (n < 0 || n > 8) {
      throw new IOException("bad line count " + n);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(in.readUTF());
    }
    SignatureImage image = null;
    AppearanceFont font = null;
    if (in.readBoolean()) {
      int w = in.readInt();
      int h = in.readInt();
      SignatureImage.Hue hue = SignatureImage.Hue.valueOf(in.readUTF());
      if (w < 1 || h < 1 || w > 4096 || h > 4096) {
        throw new IOException("bad image size");
      }
      image = SignatureImage.of(w, h, readBytes(in), readBytes(in), hue);
    } else {
      String name = in.readUTF();
      boolean fallback = in.readBoolean();
      font = AppearanceFont.of(name, readBytes(in), fallback);
    }
    Placement.Kind pk = Placement.Kind.valueOf(in.readUTF());
    String text = readNullable(in);
    String second = readNullable(in);
    int page = in.readInt();
    double[] box = null;
    Placement.Unit unit = null;
    Placement.Origin origin = null;
    if (in.readBoolean()) {
      box = new double[] {in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()};
      unit = Placement.Unit.valueOf(in.readUTF());
      origin = Placement.Origin.valueOf(in.readUTF());
    }
    return VisibleSignature.of(
        kind,
        image,
        Placement.of(pk, text, second, page, box, unit, origin),
        width,
        height,
        overlap,
        lines,
        font);
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0
        || n > MAX_STATE
        || n > in.available()) { // no allocation for a length the state lacks
      throw new IOException("bad length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
