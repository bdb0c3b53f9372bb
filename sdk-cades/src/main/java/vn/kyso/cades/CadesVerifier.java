package vn.kyso.cades;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.cades.internal.CadesCheck;
import vn.kyso.cades.internal.CadesCms;
import vn.kyso.cades.internal.CadesFindings;
import vn.kyso.cades.internal.CmsFile;
import vn.kyso.cades.internal.Material;

/**
 * Verifies CAdES signatures (ETSI EN 319 122-1, validated as EN 319 102-1 says): detached ({@code
 * .p7s} beside its file) and enveloping ({@code .p7m}), every parallel signer and every
 * counter-signature, with the same certificate validation, long-term validation and report model as
 * the PDF and XML verifiers. Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * CadesVerifier verifier = CadesVerifier.builder(
 *         CertificateVerifier.builder(TrustAnchors.governmentSpecialUse()).build())
 *     .build();
 * ValidationReport report = verifier.verify(Path.of("bao-cao.docx.p7s"), Path.of("bao-cao.docx"));
 * }</pre>
 *
 * <p>Per signer: the SignerInfo's version and identifier, DER signed attributes (RFC 5652, 5.4),
 * content-type equal to the content's type, message-digest over the content (streamed for a
 * detached file, never held), the signature value, the signing-certificate(-v2) binding, the
 * claimed signing-time; then the archive-time-stamps-v3 newest first (their ats-hash-index-v3 must
 * name only what the signature still holds, and their imprint must match), the signature
 * time-stamps, and the signer's path and revocation at the best proven time with the material the
 * signature carries ({@code SignedData.certificates} and {@code crls}, OCSP responses as RFC 5940
 * other revocation information, and the older certificate-values and revocation-values attributes).
 * Each time-stamp authority is judged at the proof of existence a newer archive time-stamp gives
 * it. A detached signature verified without its content ends INDETERMINATE, SIGNED_DATA_NOT_FOUND.
 *
 * <p><b>Security notes.</b> A signature file is read into memory only up to {@link
 * ResourceLimits#maxCmsBytes()}; anything that is not a CMS SignedData is {@code MALFORMED_INPUT}.
 * Structural defects fail the signer; they never make it "skipped".
 *
 * @since 0.2
 */
public final class CadesVerifier {
  private final CertificateVerifier certificates;
  private final Clock clock;
  private final ResourceLimits limits;

  private CadesVerifier(Builder b) {
    this.certificates = b.certificates;
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * Returns a builder; a verifier cannot exist without a certificate verifier (and its anchors).
   *
   * @param certificateVerifier validates signer and TSA certificates
   * @return the builder
   */
  public static Builder builder(CertificateVerifier certificateVerifier) {
    return new Builder(certificateVerifier);
  }

  /**
   * Verifies an enveloping signature, or a detached one without its content (its signers then end
   * INDETERMINATE, SIGNED_DATA_NOT_FOUND).
   *
   * @param signature the signature file; only read
   * @return one result per signer and counter-signature
   * @throws DocumentException {@code MALFORMED_INPUT} when it is not a CMS SignedData, {@code
   *     INPUT_TOO_LARGE} past the limit, {@code IO_ERROR} when it cannot be read
   */
  public ValidationReport verify(Path signature) throws DocumentException {
    return verify(signature, null);
  }

  /**
   * Verifies a detached signature over its file (or an enveloping one; the file is then not used).
   *
   * @param signature the signature file; only read
   * @param content the signed file, or null; only read, streamed
   * @return one result per signer and counter-signature
   * @throws DocumentException {@code MALFORMED_INPUT} when it is not a CMS SignedData, {@code
   *     INPUT_TOO_LARGE} past the limit, {@code IO_ERROR} when a file cannot be read
   */
  public ValidationReport verify(Path signature, Path content) throws DocumentException {
    Objects.requireNonNull(signature, "signature");
    CmsFile file = CmsFile.read(signature, limits.maxCmsBytes());
    ValidationReport.Builder report =
        ValidationReport.builder(String.valueOf(signature.getFileName()), clock.instant());
    List<SignerInfo> signers = new ArrayList<>();
    try {
      for (ASN1Encodable s : file.signedData().getSignerInfos()) {
        signers.add(SignerInfo.getInstance(s));
      }
    } catch (RuntimeException e) {
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, e, "the SignerInfos cannot be read");
    }
    if (signers.isEmpty()) {
      report.documentFinding(CadesFindings.of("CADES_NO_SIGNATURE", Severity.INFO));
      return report.build();
    }
    Function<DigestAlgorithm, byte[]> digests;
    Object[] scope;
    if (file.content() != null) {
      byte[] bytes = file.content();
      Map<DigestAlgorithm, byte[]> cache = new EnumMap<>(DigestAlgorithm.class);
      digests = d -> cache.computeIfAbsent(d, a -> a.digest(bytes).value());
      scope = new Object[] {"ENVELOPED", String.valueOf(bytes.length)};
      if (content != null) {
        report.documentFinding(CadesFindings.of("CADES_DETACHED_IGNORED", Severity.WARNING));
      }
    } else if (content != null) {
      digests = fileDigests(content, signers);
      scope = new Object[] {"DETACHED", String.valueOf(content.getFileName()), size(content)};
    } else {
      digests = null;
      scope = new Object[] {"DETACHED_MISSING"};
    }
    List<SignerInformation> bc = bcSigners(file, signers, digests);
    CadesCheck.Context ctx =
        new CadesCheck.Context(
            file.raw(),
            file.signedData(),
            signers,
            bc,
            digests,
            Material.of(file.signedData(), signers),
            certificates,
            scope);
    for (int i = 0; i < signers.size(); i++) {
      if (bc == null) {
        report.signature(
            SignatureResult.builder("Signature" + (i + 1), SignatureFormat.CADES)
                .notPassed(SubIndication.FORMAT_FAILURE)
                .finding(
                    CadesFindings.of(
                        "CADES_CMS_INVALID", Severity.ERROR, "the CMS cannot be processed"))
                .build());
        continue;
      }
      List<SignatureResult> results;
      try {
        results = CadesCheck.check(ctx, i);
      } catch (RuntimeException | StackOverflowError e) {
        // A structure the libraries cannot follow fails the signer; it never escapes.
        results =
            List.of(
                SignatureResult.builder("Signature" + (i + 1), SignatureFormat.CADES)
                    .notPassed(SubIndication.FORMAT_FAILURE)
                    .finding(
                        CadesFindings.of(
                            "CADES_CMS_INVALID",
                            Severity.ERROR,
                            "damaged structure: " + e.getClass().getSimpleName()))
                    .build());
      }
      results.forEach(report::signature);
    }
    return report.build();
  }

  /** The content's digests for every algorithm a signer or time-stamp needs, streamed once each. */
  private static Function<DigestAlgorithm, byte[]> fileDigests(
      Path content, List<SignerInfo> signers) throws DocumentException {
    List<DigestAlgorithm> algs = new ArrayList<>();
    for (SignerInfo si : signers) {
      DigestAlgorithm.fromOid(si.getDigestAlgorithm().getAlgorithm().getId()).ifPresent(algs::add);
    }
    algs.add(DigestAlgorithm.SHA256);
    Map<DigestAlgorithm, byte[]> cache = new HashMap<>();
    try {
      cache.putAll(CadesCms.digest(content, algs));
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, content);
    }
    return d ->
        cache.computeIfAbsent(
            d,
            a -> {
              try (InputStream in = Files.newInputStream(content)) {
                return CadesCms.digest(in, List.of(a)).get(a);
              } catch (IOException e) {
                return new byte[0];
              }
            });
  }

  /** The signers as Bouncy Castle reads them (it checks the signature value), or null. */
  private static List<SignerInformation> bcSigners(
      CmsFile file, List<SignerInfo> signers, Function<DigestAlgorithm, byte[]> digests) {
    try {
      byte[] der =
          // DL keeps the signers in the file's order (DER would sort them).
          new ContentInfo(CMSObjectIdentifiers.signedData, file.signedData())
              .getEncoded(ASN1Encoding.DL);
      CMSSignedData cms;
      if (file.content() != null || digests == null) {
        cms = new CMSSignedData(der);
      } else {
        Map<String, byte[]> byOid = new HashMap<>();
        for (SignerInfo si : signers) {
          String oid = si.getDigestAlgorithm().getAlgorithm().getId();
          DigestAlgorithm.fromOid(oid).ifPresent(d -> byOid.put(oid, digests.apply(d)));
        }
        cms = new CMSSignedData(byOid, der);
      }
      List<SignerInformation> out = new ArrayList<>(cms.getSignerInfos().getSigners());
      return out.size() == signers.size() ? out : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String size(Path content) throws DocumentException {
    try {
      return String.valueOf(Files.size(content));
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, content);
    }
  }

  /** Builds a {@link CadesVerifier}. */
  public static final class Builder {
    private final CertificateVerifier certificates;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder(CertificateVerifier certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificateVerifier");
    }

    /**
     * @param value the clock of the report's validation time
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @param value how large a signature file may be ({@link ResourceLimits#maxCmsBytes()})
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the verifier
     */
    public CadesVerifier build() {
      return new CadesVerifier(this);
    }
  }
}
