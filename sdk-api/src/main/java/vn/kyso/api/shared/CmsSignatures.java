package vn.kyso.api.shared;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.SignatureAlgorithm;

/**
 * The pieces of a CMS signer that PAdES and CAdES build and check alike: the SignerInfo's signature
 * algorithm identifier, the signing-certificate-v2 attribute (ETSI EN 319 122-1, 5.2.2) and its
 * binding to the signer's certificate, and the check of a signature value over the DER signed
 * attributes.
 */
public final class CmsSignatures {
  private CmsSignatures() {}

  /**
   * Bouncy Castle's algorithm-name tables, built once: {@code JcaSimpleSignerInfoVerifierBuilder}
   * fills a new copy of each (some hundred map entries) for every signature it checks. Both are
   * only read after construction.
   */
  private static final DefaultCMSSignatureAlgorithmNameGenerator SIGNATURE_NAMES =
      new DefaultCMSSignatureAlgorithmNameGenerator();

  private static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURE_ALGORITHMS =
      new DefaultSignatureAlgorithmIdentifierFinder();

  /**
   * What {@code new JcaSimpleSignerInfoVerifierBuilder().setProvider(provider).build(signer)}
   * builds, with the algorithm tables shared instead of built again for every signature, and with
   * an RSA PKCS#1 v1.5 signature value checked by the installed providers (the JDK) when they
   * implement its algorithm (see {@link JdkFirstRsaVerifiers}: the same verdict, without Bouncy
   * Castle's primality test of every new modulus).
   *
   * @param signer the certificate whose key checks the signature
   * @param provider the JCA provider, or null for the installed providers
   * @return the verifier for {@code SignerInformation.verify}
   * @throws OperatorCreationException when the key cannot be used
   */
  public static SignerInformationVerifier verifier(X509Certificate signer, Provider provider)
      throws OperatorCreationException {
    JcaContentVerifierProviderBuilder content = new JcaContentVerifierProviderBuilder();
    JcaDigestCalculatorProviderBuilder digests = new JcaDigestCalculatorProviderBuilder();
    if (provider != null) {
      content.setProvider(provider);
      digests.setProvider(provider);
    }
    ContentVerifierProvider contents = content.build(signer);
    if (provider != null && signer.getPublicKey() instanceof RSAPublicKey rsa) {
      contents =
          new JdkFirstRsaVerifiers(
              new JcaContentVerifierProviderBuilder().build(signer), contents, rsa);
    }
    return new SignerInformationVerifier(
        SIGNATURE_NAMES, SIGNATURE_ALGORITHMS, contents, digests.build());
  }

  /**
   * How a signer's certificate is bound by its signed attributes.
   *
   * @param present whether a signing-certificate (v1 or v2) attribute is there
   * @param bound whether it names the signer's certificate
   * @param note what to tell the user, or null when it is bound by v2
   */
  public record Binding(boolean present, boolean bound, String note) {}

  /**
   * Returns the signing-certificate-v2 attribute naming a certificate.
   *
   * @param signer the signer certificate
   * @param digest the hash of the certificate (SHA-256 is the DEFAULT and is left out, as DER asks)
   * @return the attribute
   */
  public static Attribute signingCertificateV2(X509Certificate signer, DigestAlgorithm digest) {
    try {
      byte[] certHash = MessageDigest.getInstance(digest.jcaName()).digest(signer.getEncoded());
      IssuerSerial issuerSerial =
          new IssuerSerial(
              new GeneralNames(
                  new GeneralName(
                      X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))),
              signer.getSerialNumber());
      ESSCertIDv2 id =
          digest == DigestAlgorithm.SHA256
              ? new ESSCertIDv2(certHash, issuerSerial)
              : new ESSCertIDv2(
                  new AlgorithmIdentifier(new ASN1ObjectIdentifier(digest.oid())),
                  certHash,
                  issuerSerial);
      return new Attribute(
          PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the binding of the signer's certificate from its signed attributes:
   * signing-certificate-v2 first, then the SHA-1 signing-certificate (v1).
   *
   * @param signed the signed attributes
   * @param signer the certificate the signer identifier found
   * @return the binding
   */
  public static Binding binding(AttributeTable signed, X509Certificate signer) {
    Attribute v2 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    Attribute v1 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
    try {
      if (v2 != null) {
        boolean bound =
            v2.getAttrValues().size() == 1
                && boundV2(
                    SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)), signer);
        return new Binding(
            true, bound, bound ? null : "signing-certificate-v2 names another certificate");
      }
      if (v1 != null) {
        boolean bound =
            v1.getAttrValues().size() == 1
                && boundV1(
                    SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)), signer);
        return new Binding(
            true,
            bound,
            bound
                ? "signing-certificate (v1, SHA-1)"
                : "signing-certificate names another certificate");
      }
    } catch (RuntimeException | CertificateEncodingException e) {
      return new Binding(true, false, "the signing-certificate attribute cannot be read");
    }
    return new Binding(false, false, "no signing-certificate attribute");
  }

  private static boolean boundV2(SigningCertificateV2 sc, X509Certificate signer)
      throws CertificateEncodingException {
    ESSCertIDv2[] ids = sc.getCerts();
    if (ids.length == 0) {
      return false;
    }
    ESSCertIDv2 id = ids[0];
    DigestAlgorithm d =
        DigestAlgorithm.fromOid(id.getHashAlgorithm().getAlgorithm().getId()).orElse(null);
    return d != null
        && MessageDigest.isEqual(id.getCertHash(), d.newMessageDigest().digest(signer.getEncoded()))
        && issuerSerialMatches(id.getIssuerSerial(), signer);
  }

  private static boolean boundV1(SigningCertificate sc, X509Certificate signer)
      throws CertificateEncodingException {
    ESSCertID[] ids = sc.getCerts();
    return ids.length > 0
        && MessageDigest.isEqual(
            ids[0].getCertHash(),
            DigestAlgorithm.SHA1.newMessageDigest().digest(signer.getEncoded()))
        && issuerSerialMatches(ids[0].getIssuerSerial(), signer);
  }

  private static boolean issuerSerialMatches(IssuerSerial is, X509Certificate signer) {
    return is == null || is.getSerial().getValue().equals(signer.getSerialNumber());
  }

  /**
   * Checks the parameters of a SignerInfo's algorithm identifiers, which the signature does not
   * cover (RFC 5652, 5.3): the digest algorithm's must be absent or NULL (RFC 5754, 2), RSA PKCS#1
   * v1.5's NULL or absent (RFC 4055, 5), ECDSA's absent or NULL (RFC 5758, 3.2), and RSASSA-PSS's
   * must be there. Other values change no result of a lenient verifier, so a file could be altered
   * without its verdict changing; a strict verifier refuses them.
   *
   * @param digestAlgorithm the SignerInfo's digestAlgorithm
   * @param signatureAlgorithm the SignerInfo's signatureAlgorithm
   * @return what is wrong, or null
   */
  public static String algorithmParametersProblem(
      AlgorithmIdentifier digestAlgorithm, AlgorithmIdentifier signatureAlgorithm) {
    if (!absentOrNull(digestAlgorithm)) {
      return "the digest algorithm identifier has parameters RFC 5754 does not allow";
    }
    ASN1ObjectIdentifier oid = signatureAlgorithm.getAlgorithm();
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
      try {
        RSASSAPSSparams.getInstance(signatureAlgorithm.getParameters());
        return signatureAlgorithm.getParameters() == null ? "RSASSA-PSS without parameters" : null;
      } catch (RuntimeException e) {
        return "the RSASSA-PSS parameters cannot be read";
      }
    }
    if (!absentOrNull(signatureAlgorithm)) {
      return "the signature algorithm identifier has parameters its algorithm does not allow";
    }
    return null;
  }

  /**
   * Tells whether a digest algorithm identifier's parameters are absent or NULL, as RFC 5754 allows
   * (for the SignedData's digestAlgorithms, which are not signed either).
   *
   * @param id the identifier
   * @return whether they are
   */
  public static boolean absentOrNull(AlgorithmIdentifier id) {
    return id.getParameters() == null
        || id.getParameters().toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1Null;
  }

  /**
   * Returns the SignerInfo signature algorithm identifier.
   *
   * @param algorithm the algorithm
   * @return rsaEncryption, id-RSASSA-PSS with parameters, or ecdsa-with-SHAxxx
   */
  public static AlgorithmIdentifier signatureAlgorithmId(SignatureAlgorithm algorithm) {
    if (algorithm.isPss()) {
      AlgorithmIdentifier hash =
          new AlgorithmIdentifier(
              new ASN1ObjectIdentifier(algorithm.digestAlgorithm().oid()), DERNull.INSTANCE);
      return new AlgorithmIdentifier(
          PKCSObjectIdentifiers.id_RSASSA_PSS,
          new RSASSAPSSparams(
              hash,
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, hash),
              new ASN1Integer(algorithm.digestAlgorithm().length()),
              new ASN1Integer(1)));
    }
    if (algorithm.keyType() == SignatureAlgorithm.KeyType.RSA) {
      return new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
    }
    ASN1ObjectIdentifier oid =
        switch (algorithm.digestAlgorithm()) {
          case SHA384 -> X9ObjectIdentifiers.ecdsa_with_SHA384;
          case SHA512 -> X9ObjectIdentifiers.ecdsa_with_SHA512;
          default -> X9ObjectIdentifiers.ecdsa_with_SHA256;
        };
    return new AlgorithmIdentifier(oid);
  }

  /**
   * Verifies a signature value over signed bytes (CMS signed attributes, an XML SignedInfo) with
   * the certificate's key.
   *
   * @param certificate the signer certificate
   * @param algorithm the algorithm
   * @param signedAttributes the signed bytes: the DER signed attributes (tag SET), or a canonical
   *     SignedInfo
   * @param value the signature value (DER for ECDSA)
   * @return whether it verifies
   */
  public static boolean verify(
      X509Certificate certificate,
      SignatureAlgorithm algorithm,
      byte[] signedAttributes,
      byte[] value) {
    try {
      Signature s;
      if (algorithm.isPss()) {
        String h = algorithm.digestAlgorithm().jcaName();
        s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(
            new PSSParameterSpec(
                h, "MGF1", new MGF1ParameterSpec(h), algorithm.digestAlgorithm().length(), 1));
      } else {
        s = Signature.getInstance(algorithm.jcaName());
      }
      s.initVerify(certificate.getPublicKey());
      s.update(signedAttributes);
      return s.verify(value);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
