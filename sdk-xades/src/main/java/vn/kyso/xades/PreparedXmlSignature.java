package vn.kyso.xades;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;

/**
 * The state between the two phases of external XML signing: the document with the complete
 * signature except its value, and the canonical SignedInfo to sign. Immutable; holds no secret.
 *
 * <p>A hash-and-sign signer signs {@link #signedInfo()}; a signer of pre-computed hashes signs
 * {@link #dataToSign()} (for RSA PKCS#1 v1.5, its {@code digestInfo()}). The state is about the
 * size of the document.
 *
 * @since 0.1
 */
public final class PreparedXmlSignature {
  private static final String MAGIC = "KYSO-XADES-PREPARED";
  private static final int VERSION = 1;

  private final XmlSignatureOptions options;
  private final String signatureId;
  private final SignatureAlgorithm algorithm;
  private final boolean declaration;
  private final byte[] document;
  private final byte[] signedInfo;

  PreparedXmlSignature(
      XmlSignatureOptions options,
      String signatureId,
      SignatureAlgorithm algorithm,
      boolean declaration,
      byte[] document,
      byte[] signedInfo) {
    this.options = options;
    this.signatureId = signatureId;
    this.algorithm = algorithm;
    this.declaration = declaration;
    this.document = document.clone();
    this.signedInfo = signedInfo.clone();
  }

  /**
   * @return the canonical SignedInfo: what a hash-and-sign signer signs
   */
  public byte[] signedInfo() {
    return signedInfo.clone();
  }

  /**
   * @return the digest of the canonical SignedInfo: what a {@code SigningKey} signs
   */
  public Digest dataToSign() {
    return algorithm.digestAlgorithm().digest(signedInfo);
  }

  /**
   * @return the algorithm the value must use
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * @return the Id of the prepared ds:Signature
   */
  public String signatureId() {
    return signatureId;
  }

  XmlSignatureOptions options() {
    return options;
  }

  boolean declaration() {
    return declaration;
  }

  byte[] document() {
    return document.clone();
  }

  /**
   * Serialises the state.
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
      out.writeUTF(options.packaging().name());
      out.writeUTF(options.digest().name());
      out.writeUTF(options.mimeType());
      out.writeUTF(options.detachedUri().orElse(""));
      out.writeUTF(options.signatureParent().orElse(""));
      out.writeUTF(options.commitment().orElse(""));
      out.writeInt(options.additionalDetachedFiles().size());
      for (Path p : options.additionalDetachedFiles()) {
        out.writeUTF(p.toString());
      }
      out.writeUTF(signatureId);
      out.writeUTF(algorithm.name());
      out.writeBoolean(declaration);
      out.writeInt(document.length);
      out.write(document);
      out.writeInt(signedInfo.length);
      out.write(signedInfo);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a state written by {@link #toBytes()}.
   *
   * @param state the bytes
   * @return the prepared signature
   * @throws DocumentException {@code PREPARED_STATE_INVALID} when damaged
   */
  public static PreparedXmlSignature fromBytes(byte[] state) throws DocumentException {
    Objects.requireNonNull(state, "state");
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
      if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
        throw new DocumentException(
            ErrorCode.PREPARED_STATE_INVALID, null, "not a Kyso XAdES state");
      }
      XmlSignatureOptions.Builder b =
          XmlSignatureOptions.builder(
                  XadesLevel.valueOf(in.readUTF()), XadesPackaging.valueOf(in.readUTF()))
              .digest(DigestAlgorithm.valueOf(in.readUTF()))
              .mimeType(in.readUTF());
      String uri = in.readUTF();
      if (!uri.isEmpty()) {
        b.detachedUri(uri);
      }
      String parent = in.readUTF();
      if (!parent.isEmpty()) {
        b.signatureParent(parent);
      }
      String commitment = in.readUTF();
      if (!commitment.isEmpty()) {
        b.commitment(commitment);
      }
      int more = in.readInt();
      if (more < 0 || more > 64) {
        throw new IOException("bad detached count");
      }
      for (int i = 0; i < more; i++) {
        b.additionalDetachedFile(Path.of(in.readUTF()));
      }
      String id = in.readUTF();
      SignatureAlgorithm alg = SignatureAlgorithm.valueOf(in.readUTF());
      boolean decl = in.readBoolean();
      byte[] doc = read(in);
      byte[] si = read(in);
      if (in.available() != 0) {
        throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, null, "trailing bytes");
      }
      return new PreparedXmlSignature(b.build(), id, alg, decl, doc, si);
    } catch (DocumentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.PREPARED_STATE_INVALID, e, "damaged: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0
        || n > 80 * 1024 * 1024
        || n > in.available()) { // no allocation for a length the state lacks
      throw new IOException("bad length");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
