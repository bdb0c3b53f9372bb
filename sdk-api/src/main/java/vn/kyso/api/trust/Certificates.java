package vn.kyso.api.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.internal.Bounded;
import vn.kyso.api.internal.DnParser;
import vn.kyso.api.internal.RawSignatures;
import vn.kyso.api.shared.CmsEncoding;

/**
 * Reads X.509 certificates from PEM or DER, single or as bundles (several PEM blocks, or a PKCS#7
 * {@code .p7b}/{@code .p7c} certificate bag). Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Certificates {
  /** Largest certificate file or bundle accepted. */
  public static final long MAX_BUNDLE_SIZE = 8L * 1024 * 1024;

  private Certificates() {}

  /**
   * Writes a certificate name (subject or issuer) as people read it: RFC 4514 text with short
   * attribute names (CN, O, OU, T, E, UID, L, ST, C) and string values as Unicode text, never
   * {@code #hex} for a string type; reports and the CLI use it.
   *
   * @param name the name, e.g. {@code certificate.getSubjectX500Principal()}
   * @return the text, e.g. {@code CN=Nguyễn Văn A,T=Giám đốc,O=Sở Nội vụ,C=VN}
   */
  public static String readableName(X500Principal name) {
    // Keyed by the encoding, not the principal: equal principals may differ in case as written.
    ByteBuffer encoded = ByteBuffer.wrap(Objects.requireNonNull(name, "name").getEncoded());
    String known = READABLE.get(encoded);
    if (known == null) {
      known = DnParser.readable(name);
      if (encoded.capacity() <= MAX_REMEMBERED_NAME) {
        if (READABLE.size() >= MAX_READABLE) {
          READABLE.clear(); // a long-running service meets new names: start again
        }
        READABLE.putIfAbsent(encoded, known);
      }
    }
    return known;
  }

  /**
   * Names already written out: every check of a path names its certificates for the findings it may
   * make, and a letter's validation checks the same few certificates hundreds of times. Bounded to
   * about a megabyte: at most {@link #MAX_READABLE} names of at most {@link #MAX_REMEMBERED_NAME}
   * bytes (longer ones are written out each time), forgotten all at once when full.
   */
  private static final Map<ByteBuffer, String> READABLE = new ConcurrentHashMap<>();

  private static final int MAX_READABLE = 512;
  private static final int MAX_REMEMBERED_NAME = 512;

  /**
   * Parses one or more certificates.
   *
   * @param data PEM text or DER bytes
   * @return the certificates, at least one
   * @throws DocumentException {@code MALFORMED_CERTIFICATE} when the data holds no valid
   *     certificate, {@code INPUT_TOO_LARGE} past {@link #MAX_BUNDLE_SIZE}
   */
  public static List<X509Certificate> parse(byte[] data) throws DocumentException {
    Objects.requireNonNull(data, "data");
    if (data.length > MAX_BUNDLE_SIZE) {
      throw new DocumentException(ErrorCode.INPUT_TOO_LARGE, null, "certificate", MAX_BUNDLE_SIZE);
    }
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      if (isOneSequence(data)) {
        // One DER certificate, the usual case: read as such. The JDK's reader of a bundle tries
        // PKCS#7 first and throws and catches an exception for every plain certificate.
        try {
          if (factory.generateCertificate(new ByteArrayInputStream(data))
              instanceof X509Certificate x) {
            return List.of(x);
          }
        } catch (CertificateException | RuntimeException e) {
          // a PKCS#7 bundle, or damage: read as before, which says which
        }
      }
      for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(data))) {
        if (c instanceof X509Certificate x) {
          out.add(x);
        }
      }
    } catch (CertificateException | RuntimeException e) {
      throw new DocumentException(ErrorCode.MALFORMED_CERTIFICATE, e, 0);
    }
    if (out.isEmpty()) {
      throw new DocumentException(ErrorCode.MALFORMED_CERTIFICATE, null, 0);
    }
    return List.copyOf(out);
  }

  /** Whether the bytes are exactly one SEQUENCE, its length as written spanning them all. */
  private static boolean isOneSequence(byte[] data) {
    try {
      return data.length >= 2 && data[0] == 0x30 && CmsEncoding.encodedLength(data) == data.length;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Parses exactly one certificate.
   *
   * @param data PEM text or DER bytes
   * @return the certificate
   * @throws DocumentException {@code MALFORMED_CERTIFICATE} unless the data holds exactly one
   */
  public static X509Certificate parseOne(byte[] data) throws DocumentException {
    List<X509Certificate> all = parse(data);
    if (all.size() != 1) {
      throw new DocumentException(ErrorCode.MALFORMED_CERTIFICATE, null, all.size());
    }
    return all.get(0);
  }

  /**
   * Reads certificates from a stream.
   *
   * @param in the stream; read to the end, not closed
   * @return the certificates
   * @throws DocumentException when unreadable, malformed or too large
   */
  public static List<X509Certificate> load(InputStream in) throws DocumentException {
    return parse(Bounded.read(Objects.requireNonNull(in, "in"), MAX_BUNDLE_SIZE, "certificate"));
  }

  /**
   * Reads certificates from a file.
   *
   * @param file the file
   * @return the certificates
   * @throws DocumentException when unreadable, malformed or too large
   */
  public static List<X509Certificate> load(Path file) throws DocumentException {
    try (InputStream in = Files.newInputStream(Objects.requireNonNull(file, "file"))) {
      return load(in);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file);
    }
  }

  /**
   * Returns the SHA-256 fingerprint as upper-case hex pairs separated by colons.
   *
   * @param certificate the certificate
   * @return e.g. {@code F0:4B:A4:...}
   */
  public static String sha256Fingerprint(X509Certificate certificate) {
    MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    try {
      return HexFormat.ofDelimiter(":")
          .withUpperCase()
          .formatHex(md.digest(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /**
   * Returns the size in bits of a certificate's RSA modulus or EC field, 0 for other keys.
   *
   * @param certificate the certificate
   * @return the key size
   */
  public static int keySize(X509Certificate certificate) {
    return RawSignatures.keySize(certificate.getPublicKey());
  }

  /**
   * Says whether a certificate may act as a CA: basicConstraints CA and, when key usage is present,
   * keyCertSign.
   *
   * @param certificate the certificate
   * @return whether it is a CA certificate
   */
  public static boolean isCa(X509Certificate certificate) {
    boolean[] ku = certificate.getKeyUsage();
    return certificate.getBasicConstraints() >= 0 && (ku == null || ku.length > 5 && ku[5]);
  }
}
