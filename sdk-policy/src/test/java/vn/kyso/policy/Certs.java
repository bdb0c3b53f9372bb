package vn.kyso.policy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates shaped like special-use and public ones, made in the test (no files, no testkit: it
 * depends on us).
 */
final class Certs {
  static final String SPECIAL_USE_ISSUER =
      "CN=CA phục vụ các cơ quan Nhà nước G2,O=Ban Cơ yếu Chính phủ,C=VN";
  static final String PUBLIC_ISSUER = "CN=VNPT Certification Authority,O=VNPT Group,C=VN";
  private static final AtomicLong SERIAL = new AtomicLong(1000);
  private static final KeyPair ISSUER_KEY = rsa(2048);
  private static final KeyPair SUBJECT_KEY = rsa(2048);

  private Certs() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits, new SecureRandom());
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Builder person(String name) {
    return new Builder(
        "C=VN,O=Ủy ban nhân dân tỉnh Thử Nghiệm,CN=" + name + ",UID=CCCD:0010800" + SERIAL.get());
  }

  static Builder organisation(String name) {
    return new Builder("C=VN,O=Ủy ban nhân dân tỉnh Thử Nghiệm,CN=" + name + ",UID=MST:0101234567");
  }

  static final class Builder {
    private String subject;
    private String issuer = SPECIAL_USE_ISSUER;
    private String email;
    private LocalDate from = LocalDate.of(2015, 1, 1);
    private LocalDate to = LocalDate.of(2029, 12, 31);
    private KeyPair key = SUBJECT_KEY;
    private Integer keyUsage;

    private Builder(String subject) {
      this.subject = subject;
    }

    Builder title(String title) {
      subject = subject + ",T=" + title;
      return this;
    }

    Builder email(String value) {
      this.email = value;
      return this;
    }

    Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    Builder valid(LocalDate first, LocalDate last) {
      this.from = first;
      this.to = last;
      return this;
    }

    /** Adds a key usage extension ({@code org.bouncycastle.asn1.x509.KeyUsage} bits). */
    Builder keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    Builder key(KeyPair value) {
      this.key = value;
      return this;
    }

    X509Certificate build() {
      try {
        X509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)),
                Date.from(to.atTime(16, 59).toInstant(ZoneOffset.UTC)),
                new X500Name(subject),
                key.getPublic());
        if (keyUsage != null) {
          b.addExtension(
              Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(keyUsage));
        }
        if (email != null) {
          b.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        }
        return new JcaX509CertificateConverter()
            .getCertificate(
                b.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(ISSUER_KEY.getPrivate())));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static Instant at(LocalDate day) {
    return day.atTime(3, 0).toInstant(ZoneOffset.UTC);
  }
}
