package vn.kyso.cades;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import vn.kyso.api.Digest;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.ServiceException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.shared.CmsSignatures;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.shared.PolicyGate;
import vn.kyso.api.shared.SignatureAlgorithms;
import vn.kyso.api.shared.SigningTime;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.RevocationEvidence;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.cades.internal.ArchiveTimestamps;
import vn.kyso.cades.internal.CadesCheck;
import vn.kyso.cades.internal.CadesCms;
import vn.kyso.cades.internal.CmsFile;

/**
 * Signs any file with a CAdES baseline signature (ETSI EN 319 122-1): detached ({@code .p7s}) or
 * enveloping, B-B to B-LTA, in one step with a key or in two phases for an external or remote
 * signer; adds parallel signers and counter-signatures, and extends existing signatures (B-T, B-LT,
 * and a new archive time-stamp to renew a B-LTA). Built once, immutable, thread-safe.
 *
 * <pre>{@code
 * CadesSigner signer = CadesSigner.builder().timestampClient(tsa).certificateVerifier(v).build();
 * signer.sign(Path.of("bao-cao.docx"), Path.of("bao-cao.docx.p7s"),
 *     CadesSignatureOptions.builder(CadesLevel.B_LT, CadesPackaging.DETACHED).build(), key);
 * }</pre>
 *
 * <p>The signed attributes are content-type (id-data), signing-time, message-digest and
 * signing-certificate-v2; the signer's chain goes into {@code SignedData.certificates}. B-T adds a
 * signature time-stamp; B-LT puts the certificates and the revocation data (CRLs, and OCSP
 * responses as RFC 5940 other revocation information) of the signer and of the time-stamp
 * authorities into {@code SignedData}; B-LTA adds an archive-time-stamp-v3 with its
 * ats-hash-index-v3. The content of a detached signature is only streamed: a file of any size signs
 * in a small heap. Inputs are only read; the output goes to a temporary file beside it and is moved
 * into place when complete.
 *
 * @since 0.2
 */
public final class CadesSigner {
  private final TsaClient tsa;
  private final CertificateVerifier verifier;
  private final Clock clock;
  private final ResourceLimits limits;

  private CadesSigner(Builder b) {
    this.tsa = b.tsa;
    this.verifier = b.verifier;
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs in one step with a key.
   *
   * @param content the file to sign; only read
   * @param output the signature ({@code .p7s} detached, {@code .p7m} enveloping)
   * @param options what to produce
   * @param key the signing key
   * @throws SigningRefusedException when the options' policy check denies it (before the key is
   *     used)
   * @throws KysoException when the input cannot be read, the key fails, or a service fails
   */
  public void sign(Path content, Path output, CadesSignatureOptions options, SigningKey key)
      throws KysoException {
    Objects.requireNonNull(key, "key");
    PreparedCadesSignature prepared = prepare(content, options, key.chain());
    complete(prepared, content, output, key.sign(prepared.dataToSign(), prepared.algorithm()));
  }

  /**
   * Prepares an external signature: digests the content (one streaming pass) and builds the signed
   * attributes the key must sign. Nothing of the content is kept.
   *
   * @param content the file to sign; only read
   * @param options what to produce
   * @param chain the signer certificate first, then its chain (the signed attributes need it)
   * @return the prepared state, serialisable with {@link PreparedCadesSignature#toBytes()}
   * @throws DocumentException when the content or the existing signature cannot be read
   * @throws SigningRefusedException when the options' policy check denies the signature
   */
  public PreparedCadesSignature prepare(
      Path content, CadesSignatureOptions options, List<X509Certificate> chain)
      throws DocumentException, SigningRefusedException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(options, "options");
    if (Objects.requireNonNull(chain, "chain").isEmpty()) {
      throw new IllegalArgumentException("chain must hold the signer certificate");
    }
    requireServices(options.level());
    X509Certificate cert = chain.get(0);
    SignatureAlgorithm alg = SignatureAlgorithms.forKey(cert, options.pss(), options.digest());
    Instant signingTime = SigningTime.now(clock);
    if (options.packaging() == CadesPackaging.ENVELOPING) {
      requireSize(content);
    }
    byte[] digest = digestFile(content, alg.digestAlgorithm());
    if (options.parallelTo().isPresent()) {
      CmsFile existing = CmsFile.read(options.parallelTo().get(), limits.maxCmsBytes());
      requireSameContent(existing, options, content, alg.digestAlgorithm(), digest);
    }
    if (options.policyCheck().isPresent()) {
      PolicyGate.enforce(
          options.policyCheck().get(),
          chain,
          signingTime,
          alg,
          verifier,
          clock,
          options.parallelTo().isEmpty()
              ? null
              : v ->
                  CadesVerifier.builder(v)
                      .clock(clock)
                      .limits(limits)
                      .build()
                      .verify(options.parallelTo().get(), content));
    }
    ASN1Set attrs =
        CadesCms.signedAttributes(cert, alg.digestAlgorithm(), digest, signingTime, false);
    return new PreparedCadesSignature(options, alg, CadesCms.der(attrs), digest, chain);
  }

  /**
   * Completes an external signature: checks the value against the signer's key, adds the time-stamp
   * (B-T), validation data (B-LT) and archive time-stamp (B-LTA), and writes the output.
   *
   * @param prepared the state from {@link #prepare}, possibly from another JVM
   * @param content the same file (read again: it must not have changed)
   * @param output where the signature goes
   * @param value the signature value over {@link PreparedCadesSignature#dataToSign()}
   * @throws KysoException {@code SIGNATURE_VALUE_INVALID} for a value that does not verify with the
   *     signer's key (another key signed it); {@code PREPARED_STATE_INVALID} when the content
   *     changed; service failures for B-T to B-LTA
   */
  public void complete(
      PreparedCadesSignature prepared, Path content, Path output, SignatureValue value)
      throws KysoException {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(value, "value");
    CadesSignatureOptions options = prepared.options();
    requireServices(options.level());
    SignatureAlgorithm alg = prepared.algorithm();
    X509Certificate cert = prepared.chain().get(0);
    if (value.algorithm() != alg
        || !CmsSignatures.verify(cert, alg, prepared.signedAttributes(), value.value())) {
      throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
    }
    if (options.packaging() == CadesPackaging.ENVELOPING) {
      requireSize(content);
    }
    Content source = Content.of(content);
    if (!MessageDigest.isEqual(source.digest(alg.digestAlgorithm()), prepared.contentDigest())) {
      throw new DocumentException(
          ErrorCode.PREPARED_STATE_INVALID, null, "the content changed since it was prepared");
    }
    CadesCms.Parts parts;
    if (options.parallelTo().isPresent()) {
      CmsFile existing = CmsFile.read(options.parallelTo().get(), limits.maxCmsBytes());
      requireSameContent(
          existing, options, content, alg.digestAlgorithm(), prepared.contentDigest());
      parts = CadesCms.Parts.of(existing.signedData());
    } else {
      parts = CadesCms.Parts.empty();
    }
    parts.digest(alg.digestAlgorithm());
    prepared.chain().forEach(parts::certificate);
    ASN1Set attrs = ASN1Set.getInstance(CadesCms.primitive(prepared.signedAttributes()));
    parts.signers().add(CadesCms.signerInfo(cert, alg, attrs, value.value()));
    int index = parts.signers().size() - 1;
    raise(parts, index, options.level(), source);
    write(parts, options.packaging() == CadesPackaging.ENVELOPING ? source : null, output);
  }

  /**
   * Adds a counter-signature (RFC 5652, 11.4; ETSI EN 319 122-1, 5.2.7) over one signer's signature
   * value, as an unsigned attribute of that signer. The content is not needed.
   *
   * @param signature the signature file; only read
   * @param output where the counter-signed file goes
   * @param signerIndex the signer to counter-sign, from 0 in the file's order
   * @param options the counter-signature's digest, PSS and policy check (its level and packaging
   *     are not used: a counter-signature is B-B)
   * @param key the counter-signer's key
   * @throws KysoException when the file cannot be read, has no such signer, or the key fails
   */
  public void counterSign(
      Path signature, Path output, int signerIndex, CadesSignatureOptions options, SigningKey key)
      throws KysoException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(key, "key");
    CmsFile file = CmsFile.read(signature, limits.maxCmsBytes());
    CadesCms.Parts parts = CadesCms.Parts.of(file.signedData());
    if (signerIndex < 0 || signerIndex >= parts.signers().size()) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, null, "the signature has no signer " + signerIndex);
    }
    X509Certificate cert = key.certificate();
    SignatureAlgorithm alg = SignatureAlgorithms.forKey(cert, options.pss(), options.digest());
    Instant signingTime = SigningTime.now(clock);
    if (options.policyCheck().isPresent()) {
      PolicyGate.enforce(
          options.policyCheck().get(),
          key.chain(),
          signingTime,
          alg,
          verifier,
          clock,
          file.content() == null
              ? null
              : v ->
                  CadesVerifier.builder(v).clock(clock).limits(limits).build().verify(signature));
    }
    SignerInfo parent = parts.signers().get(signerIndex);
    byte[] parentValue = parent.getEncryptedDigest().getOctets();
    ASN1Set attrs =
        CadesCms.signedAttributes(
            cert,
            alg.digestAlgorithm(),
            alg.digestAlgorithm().digest(parentValue).value(),
            signingTime,
            true);
    byte[] tbs = CadesCms.der(attrs);
    SignatureValue value = key.sign(alg.digestAlgorithm().digest(tbs), alg);
    if (value.algorithm() != alg || !CmsSignatures.verify(cert, alg, tbs, value.value())) {
      throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
    }
    SignerInfo counter = CadesCms.signerInfo(cert, alg, attrs, value.value());
    parts
        .signers()
        .set(
            signerIndex,
            CadesCms.withUnsigned(
                parent, PKCSObjectIdentifiers.pkcs_9_at_counterSignature, counter));
    parts.digest(alg.digestAlgorithm());
    key.chain().forEach(parts::certificate);
    write(parts, file.content() == null ? null : Content.of(file.content()), output);
  }

  /**
   * Raises every signer of an existing signature to a level: adds the signature time-stamp where
   * missing (B-T), the validation data of the signers and of every time-stamp present (B-LT), and a
   * new archive-time-stamp-v3 (B-LTA). Called on a B-LTA signature with {@code B_LTA}, it renews
   * the archive: the newest archive time-stamp's validation data goes in, then a new time-stamp
   * over all of it.
   *
   * @param signature the signature file; only read
   * @param content the detached content, or null for an enveloping signature
   * @param output where the extended file goes
   * @param level the level to reach (B_T, B_LT or B_LTA)
   * @throws KysoException when the file or content cannot be read or a service fails
   */
  public void extend(Path signature, Path content, Path output, CadesLevel level)
      throws KysoException {
    Objects.requireNonNull(level, "level");
    requireServices(level);
    CmsFile file = CmsFile.read(signature, limits.maxCmsBytes());
    Content source;
    if (file.content() != null) {
      source = Content.of(file.content());
    } else if (content == null) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, null, "a detached signature needs its content to be extended");
    } else {
      source = Content.of(content);
    }
    CadesCms.Parts parts = CadesCms.Parts.of(file.signedData());
    for (int i = 0; i < parts.signers().size(); i++) {
      raise(parts, i, level, source);
    }
    write(parts, file.content() == null ? null : source, output);
  }

  /** Adds what a level needs to one signer. */
  private void raise(CadesCms.Parts parts, int index, CadesLevel level, Content content)
      throws KysoException {
    if (level == CadesLevel.B_B) {
      return;
    }
    SignerInfo si = parts.signers().get(index);
    if (CadesCheck.values(si, PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).isEmpty()) {
      DigestAlgorithm d = digestOf(si);
      TimestampToken token = tsa.timestamp(d.digest(si.getEncryptedDigest().getOctets()));
      si =
          CadesCms.withUnsigned(
              si,
              PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
              contentInfo(token.encoded()));
      parts.signers().set(index, si);
    }
    if (level == CadesLevel.B_T) {
      return;
    }
    addValidationData(parts, si);
    if (level == CadesLevel.B_LTA) {
      addArchiveTimestamp(parts, index, content);
    }
  }

  private void addValidationData(CadesCms.Parts parts, SignerInfo si) throws KysoException {
    List<X509Certificate> bag = new ArrayList<>();
    for (ASN1Encodable c : parts.certificates().values()) {
      try {
        bag.add(Certificates.parseOne(Certificate.getInstance(c).getEncoded(ASN1Encoding.DER)));
      } catch (IOException | RuntimeException e) {
        // an attribute certificate or other choice: not a path certificate
      }
    }
    X509Certificate signer = findSigner(si, bag);
    collect(signer, bag, CertificatePurpose.SIGNING, parts);
    List<byte[]> tokens =
        new ArrayList<>(CadesCheck.values(si, PKCSObjectIdentifiers.id_aa_signatureTimeStampToken));
    tokens.addAll(CadesCheck.values(si, CadesCms.ARCHIVE_TIMESTAMP_V3));
    for (byte[] t : tokens) {
      TimestampToken token = TimestampToken.parse(t);
      List<X509Certificate> withToken = new ArrayList<>(bag);
      withToken.addAll(token.certificates());
      collect(token.tsaCertificate(), withToken, CertificatePurpose.TIMESTAMPING, parts);
    }
  }

  private void collect(
      X509Certificate cert,
      List<X509Certificate> bag,
      CertificatePurpose purpose,
      CadesCms.Parts parts)
      throws KysoException {
    CertificateResult r =
        verifier.verify(
            cert, ValidationContext.builder().purpose(purpose).certificates(bag).build());
    if (!r.isPassed()) {
      String why = r.findings().isEmpty() ? r.indication().name() : r.findings().get(0).messageEn();
      throw new ServiceException(ErrorCode.SERVICE_BAD_RESPONSE, null, "validation data", why);
    }
    r.chain().forEach(parts::certificate);
    for (RevocationEvidence e : r.revocation()) {
      if (e.kind() == RevocationEvidence.Kind.OCSP) {
        parts.ocsp(e.encoded());
      } else {
        parts.crl(e.encoded());
      }
      e.signerChain().forEach(parts::certificate);
    }
  }

  private void addArchiveTimestamp(CadesCms.Parts parts, int index, Content content)
      throws KysoException {
    SignerInfo si = parts.signers().get(index);
    DigestAlgorithm d = digestOf(si);
    SignedData sd = parts.detached();
    ASN1Sequence hashIndex = ArchiveTimestamps.hashIndex(sd, si, d);
    byte[] imprint = ArchiveTimestamps.imprint(sd, si, content.digest(d), hashIndex, d);
    TimestampToken token = tsa.timestamp(new Digest(d, imprint));
    ContentInfo withIndex = withHashIndex(contentInfo(token.encoded()), hashIndex);
    parts.signers().set(index, CadesCms.withUnsigned(si, CadesCms.ARCHIVE_TIMESTAMP_V3, withIndex));
  }

  /** Puts the ats-hash-index-v3 into the time-stamp token's SignerInfo as an unsigned attribute. */
  private static ContentInfo withHashIndex(ContentInfo token, ASN1Sequence hashIndex) {
    SignedData sd = SignedData.getInstance(token.getContent());
    SignerInfo tsaSigner = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
    SignerInfo indexed = CadesCms.withUnsigned(tsaSigner, CadesCms.ATS_HASH_INDEX_V3, hashIndex);
    SignedData out =
        new SignedData(
            sd.getDigestAlgorithms(),
            sd.getEncapContentInfo(),
            sd.getCertificates(),
            sd.getCRLs(),
            new DERSet(indexed));
    return new ContentInfo(CMSObjectIdentifiers.signedData, out);
  }

  private static X509Certificate findSigner(SignerInfo si, List<X509Certificate> bag)
      throws DocumentException {
    for (X509Certificate c : bag) {
      if (CadesCheck.identifies(si.getSID(), c)) {
        return c;
      }
    }
    throw new DocumentException(
        ErrorCode.MALFORMED_INPUT, null, "the signer certificate is not in the signature");
  }

  private static DigestAlgorithm digestOf(SignerInfo si) throws DocumentException {
    return DigestAlgorithm.fromOid(si.getDigestAlgorithm().getAlgorithm().getId())
        .filter(DigestAlgorithm::isAllowedForNewSignatures)
        .orElseThrow(
            () ->
                new DocumentException(
                    ErrorCode.MALFORMED_INPUT,
                    null,
                    "the signer's digest algorithm is not one a time-stamp may use now"));
  }

  /** The parallel signature must be over the same content, in the same packaging. */
  private void requireSameContent(
      CmsFile existing,
      CadesSignatureOptions options,
      Path content,
      DigestAlgorithm digest,
      byte[] contentDigest)
      throws DocumentException {
    boolean enveloping = existing.content() != null;
    if (enveloping != (options.packaging() == CadesPackaging.ENVELOPING)) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT,
          null,
          "the existing signature is "
              + (enveloping ? "enveloping" : "detached")
              + "; a parallel signature must be packaged the same way");
    }
    if (enveloping) {
      if (!MessageDigest.isEqual(digest.digest(existing.content()).value(), contentDigest)) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, null, "the existing signature holds other content");
      }
      return;
    }
    Map<DigestAlgorithm, byte[]> needed = new LinkedHashMap<>();
    List<byte[]> claimed = new ArrayList<>();
    List<DigestAlgorithm> algs = new ArrayList<>();
    for (ASN1Encodable s : existing.signedData().getSignerInfos()) {
      SignerInfo si = SignerInfo.getInstance(s);
      DigestAlgorithm d =
          DigestAlgorithm.fromOid(si.getDigestAlgorithm().getAlgorithm().getId()).orElse(null);
      byte[] md =
          si.getAuthenticatedAttributes() == null
              ? null
              : CadesCms.octets(
                  new AttributeTable(si.getAuthenticatedAttributes()),
                  PKCSObjectIdentifiers.pkcs_9_at_messageDigest);
      if (d != null && md != null) {
        algs.add(d);
        claimed.add(md);
        needed.put(d, null);
      }
    }
    Map<DigestAlgorithm, byte[]> actual;
    try {
      actual =
          needed.containsKey(digest) && needed.size() == 1
              ? Map.of(digest, contentDigest)
              : CadesCms.digest(content, new ArrayList<>(needed.keySet()));
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, content);
    }
    for (int i = 0; i < algs.size(); i++) {
      if (MessageDigest.isEqual(actual.get(algs.get(i)), claimed.get(i))) {
        return;
      }
    }
    throw new DocumentException(
        ErrorCode.MALFORMED_INPUT, null, "the existing signature is not over this file");
  }

  private void requireSize(Path content) throws DocumentException {
    try {
      if (Files.size(content) > limits.maxCmsBytes()) {
        throw new DocumentException(
            ErrorCode.INPUT_TOO_LARGE,
            null,
            "content of an enveloping signature (sign it detached)",
            limits.maxCmsBytes());
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, content);
    }
  }

  private static byte[] digestFile(Path content, DigestAlgorithm d) throws DocumentException {
    try {
      return CadesCms.digest(content, List.of(d)).get(d);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, content);
    }
  }

  private void write(CadesCms.Parts parts, Content envelope, Path output) throws DocumentException {
    SignedData sd = parts.detached();
    try {
      if (envelope == null) {
        OutputFiles.write(output, out -> CadesCms.writeDetached(sd, out));
      } else {
        OutputFiles.write(
            output,
            out -> {
              try (InputStream in = envelope.open()) {
                CadesCms.writeEnveloping(sd, in, envelope.size(), out);
              }
            });
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, output);
    }
  }

  private void requireServices(CadesLevel level) {
    if (level != CadesLevel.B_B && tsa == null) {
      throw new IllegalStateException(
          level + " needs a time-stamp client: CadesSigner.builder().timestampClient(...)");
    }
    if ((level == CadesLevel.B_LT || level == CadesLevel.B_LTA) && verifier == null) {
      throw new IllegalStateException(
          level + " needs a certificate verifier: CadesSigner.builder().certificateVerifier(...)");
    }
  }

  private static ContentInfo contentInfo(byte[] der) {
    return ContentInfo.getInstance(CadesCms.primitive(der));
  }

  /**
   * The signed content: a file streamed, or the bytes an enveloping signature holds; its digests
   * are kept once computed, so that a B-LTA does not read a large file once more for the archive
   * time-stamp.
   */
  private static final class Content {
    private final Path file;
    private final byte[] bytes;
    private final Map<DigestAlgorithm, byte[]> digests = new LinkedHashMap<>();

    private Content(Path file, byte[] bytes) {
      this.file = file;
      this.bytes = bytes;
    }

    static Content of(Path file) {
      return new Content(file, null);
    }

    static Content of(byte[] bytes) {
      return new Content(null, bytes);
    }

    InputStream open() throws IOException {
      return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(bytes);
    }

    long size() throws IOException {
      return file != null ? Files.size(file) : bytes.length;
    }

    byte[] digest(DigestAlgorithm d) throws DocumentException {
      byte[] known = digests.get(d);
      if (known != null) {
        return known.clone();
      }
      try (InputStream in = open()) {
        byte[] value = CadesCms.digest(in, List.of(d)).get(d);
        digests.put(d, value);
        return value.clone();
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.IO_ERROR, e, "content");
      }
    }
  }

  /** Builds a {@link CadesSigner}. */
  public static final class Builder {
    private TsaClient tsa;
    private CertificateVerifier verifier;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder() {}

    /**
     * @param value the time-stamp client (B-T and above)
     * @return this builder
     */
    public Builder timestampClient(TsaClient value) {
      this.tsa = Objects.requireNonNull(value, "timestampClient");
      return this;
    }

    /**
     * @param value the verifier that gathers validation data (B-LT and above) and checks the signer
     *     for the policy
     * @return this builder
     */
    public Builder certificateVerifier(CertificateVerifier value) {
      this.verifier = Objects.requireNonNull(value, "certificateVerifier");
      return this;
    }

    /**
     * @param value the clock of the signing time
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @param value the limits for existing signatures and enveloped content
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the signer
     */
    public CadesSigner build() {
      return new CadesSigner(this);
    }
  }
}
