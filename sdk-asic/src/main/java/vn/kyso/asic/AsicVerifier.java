package vn.kyso.asic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.shared.SafeXml;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureLevel;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.asic.internal.AsicFindings;
import vn.kyso.asic.internal.Container;
import vn.kyso.asic.internal.Manifest;
import vn.kyso.cades.CadesVerifier;
import vn.kyso.xades.XmlVerifier;

/**
 * Verifies ASiC-S and ASiC-E containers (ETSI EN 319 162-1) with CAdES or XAdES signatures: the
 * container read within bounds ({@link ResourceLimits#maxContainerEntries()}, {@link
 * ResourceLimits#maxContainerBytes()}, a 200:1 compression ratio, names that stay inside it), the
 * {@code mimetype} entry, every signature with Kyso's CAdES or XAdES verifier, an ASiCManifest's
 * digests against the files, and which data files no signature covers. Built once, immutable and
 * thread-safe.
 *
 * <pre>{@code
 * ValidationReport report = AsicVerifier.builder(certificateVerifier).build()
 *     .verify(Path.of("ho-so.asice"));
 * }</pre>
 *
 * <p>Each result's id is the signature's entry and its id inside it ({@code
 * META-INF/signature001.p7s#Signature1}); its scope names the files it covers. Findings on the
 * container: {@code ASIC_MIMETYPE} (missing, not first, compressed, or of another type), {@code
 * ASIC_UNSIGNED_FILES} (data files no signature covers; an error, so the container does not pass as
 * a whole even when every signature does), {@code ASIC_NO_SIGNATURE}.
 *
 * @since 0.2
 */
public final class AsicVerifier {
  private final CertificateVerifier certificates;
  private final Clock clock;
  private final ResourceLimits limits;

  private AsicVerifier(Builder b) {
    this.certificates = b.certificates;
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * @param certificateVerifier validates signer and TSA certificates
   * @return the builder
   */
  public static Builder builder(CertificateVerifier certificateVerifier) {
    return new Builder(certificateVerifier);
  }

  /**
   * Verifies a container.
   *
   * @param container the {@code .asics}/{@code .asice} file; only read
   * @return one result per signature (and counter-signature), and the container's findings
   * @throws DocumentException {@code MALFORMED_INPUT} when it is not a zip or a name escapes it,
   *     {@code LIMIT_EXCEEDED} or {@code INPUT_TOO_LARGE} past a bound, {@code IO_ERROR}
   */
  public ValidationReport verify(java.nio.file.Path container) throws DocumentException {
    Objects.requireNonNull(container, "container");
    ValidationReport.Builder report =
        ValidationReport.builder(String.valueOf(container.getFileName()), clock.instant());
    try (Container c = Container.open(container, limits)) {
      Map<String, Container.Entry> data = new java.util.LinkedHashMap<>();
      List<Container.Entry> meta = new ArrayList<>();
      Container.Entry mimetype = null;
      for (Container.Entry e : c.entries()) {
        if (e.name().equals("mimetype")) {
          mimetype = e;
        } else if (e.name().startsWith("META-INF/")) {
          meta.add(e);
        } else {
          data.put(e.name(), e);
        }
      }
      boolean hasManifest =
          meta.stream().anyMatch(e -> e.name().matches("META-INF/ASiCManifest.*\\.xml"));
      AsicType type = mimetype(mimetype, data.size() > 1 || hasManifest, report);
      Set<String> covered = new LinkedHashSet<>();
      List<Pending> pending = new ArrayList<>();
      int signatures = 0;
      CadesVerifier cades = CadesVerifier.builder(certificates).clock(clock).limits(limits).build();
      Manifests manifests = manifests(meta);
      // The data files as XAdES's detached content: read once, for the first XAdES entry.
      Map<String, byte[]> detached = new HashMap<>();
      for (Container.Entry e : meta) {
        String n = e.name();
        if (n.endsWith(".p7s") && n.contains("signature")) {
          signatures++;
          cades(e, type, data, manifests, cades, covered, report, pending);
        } else if (n.endsWith(".xml") && n.contains("signatures")) {
          signatures++;
          if (detached.isEmpty()) {
            for (Container.Entry d : data.values()) {
              detached.put(d.name(), d.bytes(limits.maxXmlBytes()));
            }
          }
          xades(e, detached, covered, report, pending);
        }
      }
      archives(c, meta, pending, report);
      pending.forEach(x -> report.signature(x.result().build()));
      if (signatures == 0) {
        report.documentFinding(AsicFindings.of("ASIC_NO_SIGNATURE", Severity.INFO));
      }
      List<String> unsigned = new ArrayList<>();
      for (String name : data.keySet()) {
        if (!covered.contains(name)) {
          unsigned.add(name);
        }
      }
      if (!unsigned.isEmpty() && signatures > 0) {
        report.documentFinding(
            AsicFindings.of("ASIC_UNSIGNED_FILES", Severity.ERROR, String.join(", ", unsigned)));
      }
    }
    return report.build();
  }

  private static AsicType mimetype(
      Container.Entry entry, boolean looksExtended, ValidationReport.Builder report)
      throws DocumentException {
    AsicType byShape = looksExtended ? AsicType.E : AsicType.S;
    if (entry == null) {
      report.documentFinding(AsicFindings.of("ASIC_MIMETYPE", Severity.WARNING, "missing"));
      return byShape;
    }
    String value = new String(entry.bytes(256), StandardCharsets.US_ASCII).trim();
    if (entry.position() != 0 || !entry.stored()) {
      report.documentFinding(
          AsicFindings.of("ASIC_MIMETYPE", Severity.WARNING, "not the first entry, or compressed"));
    }
    for (AsicType t : AsicType.values()) {
      if (t.mimeType().equals(value)) {
        return t;
      }
    }
    report.documentFinding(AsicFindings.of("ASIC_MIMETYPE", Severity.ERROR, value));
    return byShape;
  }

  /** The container's ASiCManifests, each read once, by the signature they name. */
  private record Manifests(
      Map<String, Map.Entry<Container.Entry, Manifest>> bySignature, String unreadable) {}

  private Manifests manifests(List<Container.Entry> meta) throws DocumentException {
    Map<String, Map.Entry<Container.Entry, Manifest>> bySignature = new HashMap<>();
    String unreadable = null;
    for (Container.Entry m : meta) {
      if (m.name().matches("META-INF/ASiCManifest.*\\.xml")) {
        try {
          Manifest parsed = Manifest.parse(m.bytes(limits.maxXmlBytes()));
          bySignature.put(parsed.signature(), Map.entry(m, parsed));
        } catch (IOException e) {
          unreadable = "a manifest cannot be read: " + e.getMessage();
        }
      }
    }
    return new Manifests(bySignature, unreadable);
  }

  private void cades(
      Container.Entry sig,
      AsicType type,
      Map<String, Container.Entry> data,
      Manifests manifests,
      CadesVerifier verifier,
      Set<String> covered,
      ValidationReport.Builder report,
      List<Pending> pending)
      throws DocumentException {
    Map.Entry<Container.Entry, Manifest> found = manifests.bySignature().get(sig.name());
    Manifest manifest = found == null ? null : found.getValue();
    Container.Entry signed = found == null ? null : found.getKey();
    String problem = manifests.unreadable();
    List<String> scope = new ArrayList<>();
    if (manifest == null) {
      if (type == AsicType.S && data.size() == 1) {
        signed = data.values().iterator().next();
        scope.add(signed.name());
      } else {
        problem = problem != null ? problem : "no ASiCManifest names this signature";
      }
    } else {
      for (Manifest.Reference r : manifest.references()) {
        Container.Entry d = data.get(r.uri());
        if (d == null) {
          problem = "the manifest names " + r.uri() + ", which the container does not hold";
        } else if (r.digest() == null
            || !r.digest().isAllowedForNewSignatures()
            || !MessageDigest.isEqual(r.value(), digest(d, r.digest()))) {
          problem = "the digest of " + r.uri() + " in the manifest does not match the file";
        } else {
          scope.add(r.uri());
        }
      }
    }
    if (signed == null) {
      report.signature(
          SignatureResult.builder(sig.name(), SignatureFormat.CADES)
              .notPassed(SubIndication.FORMAT_FAILURE)
              .finding(AsicFindings.of("ASIC_SIGNATURE_INVALID", Severity.ERROR, problem))
              .build());
      return;
    }
    ValidationReport inner;
    try {
      inner = verifier.verify(sig.file(), signed.file());
    } catch (DocumentException e) {
      report.signature(
          SignatureResult.builder(sig.name(), SignatureFormat.CADES)
              .notPassed(SubIndication.FORMAT_FAILURE)
              .finding(AsicFindings.of("ASIC_SIGNATURE_INVALID", Severity.ERROR, e.getMessage()))
              .build());
      return;
    }
    for (SignatureResult r : inner.signatures()) {
      SignatureResult.Builder b = SignatureResult.copyOf(r, sig.name() + "#" + r.id());
      b.scopeFromBundle(AsicFindings.BUNDLE, AsicFindings.class, "FILES", String.join(", ", scope));
      if (problem != null) {
        b.notPassed(SubIndication.HASH_FAILURE)
            .finding(AsicFindings.of("ASIC_SIGNATURE_INVALID", Severity.ERROR, problem));
      } else if (r.isPassed()) {
        covered.addAll(scope);
      }
      pending.add(new Pending(sig.name(), b));
    }
  }

  private void xades(
      Container.Entry sig,
      Map<String, byte[]> detached,
      Set<String> covered,
      ValidationReport.Builder report,
      List<Pending> pending)
      throws DocumentException {
    Map<String, List<String>> references = new HashMap<>();
    try {
      Document doc = SafeXml.parse(sig.bytes(limits.maxXmlBytes()));
      NodeList sigs = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
      for (int i = 0; i < sigs.getLength(); i++) {
        Element s = (Element) sigs.item(i);
        List<String> uris = new ArrayList<>();
        NodeList refs = s.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Reference");
        for (int j = 0; j < refs.getLength(); j++) {
          String uri = ((Element) refs.item(j)).getAttribute("URI");
          if (!uri.isEmpty() && !uri.startsWith("#")) {
            uris.add(java.net.URLDecoder.decode(uri, StandardCharsets.UTF_8));
          }
        }
        references.put(s.getAttribute("Id"), uris);
      }
    } catch (IOException | IllegalArgumentException e) {
      report.signature(
          SignatureResult.builder(sig.name(), SignatureFormat.XADES_BASELINE)
              .notPassed(SubIndication.FORMAT_FAILURE)
              .finding(AsicFindings.of("ASIC_SIGNATURE_INVALID", Severity.ERROR, e.getMessage()))
              .build());
      return;
    }
    ValidationReport inner =
        XmlVerifier.builder(certificates)
            .clock(clock)
            .limits(limits)
            .build()
            .verify(sig.file(), detached)
            .report();
    for (SignatureResult r : inner.signatures()) {
      List<String> uris = references.getOrDefault(r.id(), List.of());
      SignatureResult.Builder b = SignatureResult.copyOf(r, sig.name() + "#" + r.id());
      if (!uris.isEmpty()) {
        b.scopeFromBundle(
            AsicFindings.BUNDLE, AsicFindings.class, "FILES", String.join(", ", uris));
      }
      if (r.isPassed()) {
        covered.addAll(uris);
      }
      pending.add(new Pending(sig.name(), b));
    }
    for (Finding f : inner.documentFindings()) {
      report.documentFinding(f);
    }
  }

  /** A signature's result, before the container's archive time-stamps are added to it. */
  private record Pending(String entry, SignatureResult.Builder result) {}

  /**
   * The ASiC archive manifests of ASiC-E with CAdES (ETSI EN 319 162-1, 4.4.3.4; DSS writes them
   * for B-LTA): a time-stamp token over {@code META-INF/ASiCArchiveManifest*.xml}, which lists the
   * digests of the files, signatures and manifests it preserves. Each one that holds is an archive
   * time-stamp of the signatures it lists (their level becomes B-LTA); one that does not is
   * reported on them.
   */
  private void archives(
      Container c,
      List<Container.Entry> meta,
      List<Pending> pending,
      ValidationReport.Builder report)
      throws DocumentException {
    for (Container.Entry m : meta) {
      if (!m.name().matches("META-INF/ASiCArchiveManifest.*\\.xml")) {
        continue;
      }
      byte[] xml = m.bytes(limits.maxXmlBytes());
      String problem = null;
      Manifest manifest = null;
      TimestampToken token = null;
      try {
        manifest = Manifest.parse(xml);
        Container.Entry tst = c.get(manifest.signature()).orElse(null);
        if (tst == null) {
          problem = "the time-stamp " + manifest.signature() + " is missing";
        } else {
          token = TimestampToken.parse(tst.bytes(1 << 20));
          if (!token.covers(token.imprint().algorithm().digest(xml))) {
            problem = "the time-stamp does not cover " + m.name();
          }
          for (Manifest.Reference r : manifest.references()) {
            Container.Entry e = c.get(r.uri()).orElse(null);
            if (problem == null
                && (e == null
                    || r.digest() == null
                    || !MessageDigest.isEqual(r.value(), digest(e, r.digest())))) {
              problem = "the file " + r.uri() + " it preserves is missing or changed";
            }
          }
        }
      } catch (IOException | DocumentException | RuntimeException e) {
        problem = "it cannot be read: " + e.getMessage();
      }
      SubIndication failure = problem == null ? null : SubIndication.HASH_FAILURE;
      if (problem == null) {
        CertificateResult tsa =
            certificates.verify(
                token.tsaCertificate(),
                ValidationContext.builder()
                    .purpose(CertificatePurpose.TIMESTAMPING)
                    .certificates(token.certificates())
                    .revocationFreshAt(token.genTime())
                    .build());
        if (!tsa.isPassed()) {
          failure = tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE);
          problem =
              tsa.findings().isEmpty()
                  ? tsa.indication().name()
                  : tsa.findings().get(0).messageEn();
        }
      }
      for (Pending p : pending) {
        boolean listed =
            manifest != null
                && manifest.references().stream().anyMatch(r -> r.uri().equals(p.entry()));
        if (!listed) {
          continue;
        }
        if (token != null) {
          p.result()
              .timestamp(
                  TimestampResult.of(TimestampResult.Kind.ARCHIVE, m.name(), token, failure));
        }
        if (problem != null) {
          p.result()
              .finding(
                  AsicFindings.of(
                      "ASIC_ARCHIVE_TIMESTAMP_INVALID", Severity.ERROR, m.name(), problem))
              .validationDataUsable(false);
        }
        SignatureResult now = p.result().build();
        if (now.level() == SignatureLevel.B_LT) {
          p.result().level(SignatureLevel.B_LTA);
        }
      }
    }
  }

  private static byte[] digest(Container.Entry e, vn.kyso.api.DigestAlgorithm d)
      throws DocumentException {
    try {
      return vn.kyso.api.shared.Files2.digest(e.file(), d);
    } catch (IOException x) {
      throw new DocumentException(ErrorCode.IO_ERROR, x, e.name());
    }
  }

  /** Builds an {@link AsicVerifier}. */
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
     * @param value the bounds for the container and the signatures in it
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the verifier
     */
    public AsicVerifier build() {
      return new AsicVerifier(this);
    }
  }
}
