package vn.kyso.cades;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.trust.Certificates;

/**
 * A CAdES signature prepared for an external signer: the signed attributes to sign, and what {@link
 * CadesSigner#complete} needs to finish it. Serialisable with {@link #toBytes()}, so that the
 * approval may take minutes and finish in another JVM; it holds no content, only its digest.
 *
 * @since 0.2
 */
public final class PreparedCadesSignature {
  private static final String MAGIC = "KYSO-CADES-PREPARED";
  private static final int VERSION = 1;
  private static final int MAX_PART = 1 << 20;

  private final CadesSignatureOptions options;
  private final SignatureAlgorithm algorithm;
  private final byte[] signedAttributes;
  private final byte[] contentDigest;
  private final List<X509Certificate> chain;

  PreparedCadesSignature(
      CadesSignatureOptions options,
      SignatureAlgorithm algorithm,
      byte[] signedAttributes,
      byte[] contentDigest,
      List<X509Certificate> chain) {
    this.options = options;
    this.algorithm = algorithm;
    this.signedAttributes = signedAttributes.clone();
    this.contentDigest = contentDigest.clone();
    this.chain = List.copyOf(chain);
  }

  /**
   * @return the DER signed attributes: the bytes the key signs
   */
  public byte[] signedAttributes() {
    return signedAttributes.clone();
  }

  /**
   * @return the digest of {@link #signedAttributes()} that a token or remote signer signs
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
   * @return the signer certificate first, then its chain
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  CadesSignatureOptions options() {
    return options;
  }

  byte[] contentDigest() {
    return contentDigest.clone();
  }

  /**
   * Writes the state (no secret and no content is in it).
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
      out.writeBoolean(options.pss());
      out.writeUTF(options.parallelTo().map(Path::toString).orElse(""));
      out.writeUTF(algorithm.name());
      write(out, signedAttributes);
      write(out, contentDigest);
      out.writeInt(chain.size());
      for (X509Certificate c : chain) {
        write(out, c.getEncoded());
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
   * @throws DocumentException {@code PREPARED_STATE_INVALID} when damaged
   */
  public static PreparedCadesSignature fromBytes(byte[] state) throws DocumentException {
    Objects.requireNonNull(state, "state");
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
      if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
        throw new DocumentException(
            ErrorCode.PREPARED_STATE_INVALID, null, "not a Kyso CAdES state");
      }
      CadesSignatureOptions.Builder b =
          CadesSignatureOptions.builder(
              CadesLevel.valueOf(in.readUTF()), CadesPackaging.valueOf(in.readUTF()));
      b.digest(vn.kyso.api.DigestAlgorithm.valueOf(in.readUTF())).pss(in.readBoolean());
      String parallel = in.readUTF();
      if (!parallel.isEmpty()) {
        b.parallelTo(Path.of(parallel));
      }
      SignatureAlgorithm algorithm = SignatureAlgorithm.valueOf(in.readUTF());
      byte[] attrs = read(in);
      byte[] digest = read(in);
      int n = in.readInt();
      if (n < 1 || n > 16) {
        throw new IOException("chain length " + n);
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        chain.add(Certificates.parseOne(read(in)));
      }
      if (in.available() != 0) {
        throw new IOException("trailing bytes");
      }
      return new PreparedCadesSignature(b.build(), algorithm, attrs, digest, chain);
    } catch (IOException | RuntimeException e) {
      throw new DocumentException(
          ErrorCode.PREPARED_STATE_INVALID, e, "the CAdES state is damaged");
    }
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_PART) {
      throw new IOException("part length " + n);
    }
    return in.readNBytes(n);
  }
}
