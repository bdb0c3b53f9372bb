package vn.kyso.xades;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.shared.BaselineLevel;
import vn.kyso.api.shared.LongTermFindings;
import vn.kyso.api.shared.SafeXml;
import vn.kyso.api.shared.Verdicts;
import vn.kyso.api.trust.CertificatePurpose;
import vn.kyso.api.trust.CertificateResult;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.TimestampToken;
import vn.kyso.api.trust.ValidationContext;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.Severity;
import vn.kyso.api.validation.SignatureFormat;
import vn.kyso.api.validation.SignatureResult;
import vn.kyso.api.validation.SubIndication;
import vn.kyso.api.validation.TimestampResult;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.xades.internal.ArchiveInput;
import vn.kyso.xades.internal.CoreValidation;
import vn.kyso.xades.internal.EnvelopedDigest;
import vn.kyso.xades.internal.SecureXml;
import vn.kyso.xades.internal.StreamedXml;
import vn.kyso.xades.internal.Xades;

/**
 * Verifies XAdES and plain XML-DSig signatures. Built once, immutable, thread-safe.
 *
 * <pre>{@code
 * XmlVerifier verifier = XmlVerifier.builder(certificateVerifier).build();
 * XmlVerification v = verifier.verify(Path.of("ho-so-ky.xml"), Map.of());
 * List<Element> signed = v.signedElements(v.report().signatures().get(0).id());   // read these
 * }</pre>
 *
 * <p><b>Security notes.</b> The document is parsed with no DOCTYPE, no external entities, no
 * XInclude and bounded depth; Santuario runs in secure-validation mode (no XSLT, few transforms and
 * references, no external URI dereferencing: detached content only from the host's map). A
 * whole-document enveloped reference (enveloped signature, optionally XPath Filter 2.0 subtracting
 * every ds:Signature, exclusive c14n) and a {@code #Id} reference with only exclusive c14n are
 * canonicalised and digested by Kyso itself, to the octets Santuario would produce; any other
 * reference goes through Santuario. When every reference is such a whole-document one (with
 * SHA-256) or points into a signature, the document is verified from one pass of the same parser
 * without building its DOM: the digest is computed during the pass, the signatures are checked in a
 * skeleton holding them and their ancestors, and {@link XmlVerification#document()} parses the DOM
 * only when asked; every other document is verified on its DOM. Any duplicate value of an Id-like
 * attribute ({@code Id}, {@code ID}, {@code id}, {@code xml:id}, {@code wsu:Id}) fails every
 * signature. A signature binds only to what an application reads: a {@code #Id} reference under the
 * enveloped-signature transform must point at an element that holds the signature; a reference into
 * the signature must land in one of its own {@code ds:Object}s; any other signed element must be
 * the document element or the one named with {@link Builder#signedElement}, else the signature is
 * INDETERMINATE ({@code XML_SIGNED_ELEMENT_NOT_BOUND}). A counter-signature must cover its parent's
 * SignatureValue. The key comes from exactly one certificate: the one bound by SigningCertificateV2
 * (XAdES) or the first X509Certificate (plain XML-DSig); KeyValue, KeyName and RetrievalMethod are
 * ignored. XAdES properties are read only from the SignedProperties that a {@code
 * #SignedProperties} reference covers, inside QualifyingProperties whose Target is this signature.
 * SHA-1, DSA and HMAC fail under the default policy (INDETERMINATE). Without a time-stamp the
 * certificate is judged now, not at the claimed SigningTime.
 *
 * @since 0.1
 */
public final class XmlVerifier {
  private static final String BUNDLE = "vn.kyso.xades.messages";
  private static final Set<String> STRONG_SIGNATURES =
      Set.of(
          XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
          XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384,
          XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512,
          XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256,
          XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384,
          XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512,
          XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256_MGF1,
          XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384_MGF1,
          XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512_MGF1);

  private static final Set<String> ALLOWED_TRANSFORMS =
      Set.of(
          Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
          Xades.EXC_C14N,
          "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
          "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
          "http://www.w3.org/2006/12/xml-c14n11",
          Transforms.TRANSFORM_BASE64_DECODE);

  private final CertificateVerifier certificates;
  private final Clock clock;
  private final ResourceLimits limits;
  private final SecureXml.Parsers parsers;
  private final String signedElementId;
  private final boolean acceptPlainXmlDsig;

  private XmlVerifier(Builder b) {
    this.certificates = b.certificates;
    this.clock = b.clock;
    this.limits = b.limits;
    this.parsers = new SecureXml.Parsers(limits.maxXmlBytes(), limits.maxNestingDepth());
    this.signedElementId = b.signedElementId;
    this.acceptPlainXmlDsig = b.acceptPlainXmlDsig;
  }

  /**
   * Returns a builder; a verifier cannot exist without a certificate verifier.
   *
   * @param certificateVerifier validates signer and TSA certificates
   * @return the builder
   */
  public static Builder builder(CertificateVerifier certificateVerifier) {
    return new Builder(certificateVerifier);
  }

  /**
   * Verifies every signature of an XML file.
   *
   * @param xml the file; only read
   * @param detachedContents the files detached signatures reference, by their URI; nothing else is
   *     ever dereferenced
   * @return the report and the signed elements
   * @throws DocumentException when the file is not acceptable XML (malformed, DOCTYPE, too large)
   */
  public XmlVerification verify(Path xml, Map<String, byte[]> detachedContents)
      throws DocumentException {
    Objects.requireNonNull(xml, "xml");
    Objects.requireNonNull(detachedContents, "detachedContents");
    Xades.init();
    byte[] data = SecureXml.read(xml, limits.maxXmlBytes());
    String name = String.valueOf(xml.getFileName());
    Instant now = clock.instant();
    XmlVerification v = verifyStreamed(name, now, data, parsers.stream(data), detachedContents);
    if (v != null) {
      if (CROSS_CHECK && data.length <= CROSS_CHECK_UP_TO) {
        crossCheck(v, verifyDom(name, now, data, detachedContents));
      }
      return v;
    }
    return verifyDom(name, now, data, detachedContents);
  }

  /**
   * Set (a system property read once) only by Kyso's own test runs: every streamed verification is
   * repeated on the document's DOM, and a difference in the report or the signed elements is an
   * {@link AssertionError}. Every test that verifies XML, the interoperability and fuzzing suites
   * among them, thereby compares the two paths.
   */
  private static final boolean CROSS_CHECK = Boolean.getBoolean("kyso.xades.crossCheck");

  /** Larger documents are not cross-checked: their DOM would not fit the tests' bounded heaps. */
  private static final int CROSS_CHECK_UP_TO = 8 * 1024 * 1024;

  private static void crossCheck(XmlVerification streamedResult, XmlVerification dom) {
    String a = comparable(streamedResult.report());
    String b = comparable(dom.report());
    if (!a.equals(b)) {
      throw new AssertionError("streamed and DOM verification differ:\n" + a + "\n---\n" + b);
    }
    Map<String, List<Element>> s = streamedResult.signedElements();
    Map<String, List<Element>> d = dom.signedElements();
    if (!s.keySet().equals(d.keySet())) {
      throw new AssertionError("streamed and DOM verification cover different signatures");
    }
    for (Map.Entry<String, List<Element>> e : d.entrySet()) {
      List<String> want = new ArrayList<>();
      for (Element el : e.getValue()) {
        want.add(where(el) + "#" + StreamedXml.position(el));
      }
      List<String> got = new ArrayList<>();
      for (Element el : s.get(e.getKey())) {
        got.add(where(el) + "#" + StreamedXml.position(el));
      }
      if (!want.equals(got)) {
        throw new AssertionError("signed elements differ: " + got + " vs " + want);
      }
    }
  }

  /**
   * A report's text for the cross-check: each verification fetches revocation from the network
   * itself, and a responder's production time may differ by a second between the two fetches.
   */
  private static String comparable(ValidationReport report) {
    return NETWORK_TIME
        .matcher(report.toText(Locale.ENGLISH))
        .replaceAll("produced at (time), NETWORK");
  }

  private static final Pattern NETWORK_TIME = Pattern.compile("produced at [^,\\n]*, NETWORK");

  private XmlVerification verifyDom(
      String name, Instant now, byte[] data, Map<String, byte[]> detachedContents)
      throws DocumentException {
    Document doc = parsers.parse(data);
    Map<String, List<Element>> signed = new HashMap<>();
    ValidationReport report =
        verifyAll(name, now, doc, detachedContents, new EnumMap<>(DigestAlgorithm.class), signed);
    return new XmlVerification(report, doc, signed);
  }

  /**
   * Verifies from what one pass of the parser learnt, without the document's DOM, when the skeleton
   * answers everything the signatures ask ({@link #answersAll}); otherwise returns null and the
   * caller builds the DOM. The checks are the DOM path's, on the skeleton, with the whole-document
   * digest from the pass.
   */
  private XmlVerification verifyStreamed(
      String name, Instant now, byte[] data, StreamedXml pass, Map<String, byte[]> detached) {
    byte[] digest = pass.digest();
    if (pass.duplicateIds() || digest == null || !answersAll(pass)) {
      return null;
    }
    Map<DigestAlgorithm, byte[]> documentDigests = new EnumMap<>(DigestAlgorithm.class);
    documentDigests.put(StreamedXml.DIGEST, digest);
    Map<String, List<Element>> signed = new HashMap<>();
    ValidationReport report =
        verifyAll(name, now, pass.skeleton(), detached, documentDigests, signed);
    Map<String, List<Integer>> ordinals = new HashMap<>();
    for (Map.Entry<String, List<Element>> e : signed.entrySet()) {
      List<Integer> at = new ArrayList<>();
      for (Element el : e.getValue()) {
        at.add(StreamedXml.ordinal(el));
      }
      ordinals.put(e.getKey(), at);
    }
    return new XmlVerification(
        report,
        () -> {
          try {
            return parsers.parse(data);
          } catch (DocumentException e) {
            throw new IllegalStateException("the verified document cannot be parsed again", e);
          }
        },
        ordinals);
  }

  /**
   * Whether the skeleton holds everything the signatures' references read: each is either the whole
   * document under a chain whose digest the pass computed (Kyso's, or the plain enveloped one when
   * the document holds one signature) with that digest algorithm, or a {@code #id} of an element
   * inside a signature (its SignedProperties, a counter-signed SignatureValue, its own ds:Object).
   * An archive time-stamp reads the references' data, which the skeleton does not hold.
   */
  private static boolean answersAll(StreamedXml pass) {
    Document sk = pass.skeleton();
    if (sk.getElementsByTagNameNS("*", "ArchiveTimeStamp").getLength() > 0) {
      return false;
    }
    // The DOM path's ID rule, on the skeleton: no value repeats in the document (the pass checked),
    // so an ID found here is the document's one element with it.
    List<Element> signatures = new ArrayList<>();
    registerIds(sk, signatures);
    NodeList refs = sk.getElementsByTagNameNS(Xades.DS, "Reference");
    for (int i = 0; i < refs.getLength(); i++) {
      Element ref = (Element) refs.item(i);
      if (!ref.hasAttributeNS(null, "URI")) {
        return false;
      }
      String uri = ref.getAttributeNS(null, "URI");
      if (uri.isEmpty()) {
        Boolean everySignature = EnvelopedDigest.chain(ref);
        Element dm = SafeXml.child(ref, Xades.DS, "DigestMethod");
        if (everySignature == null
            || (!everySignature && signatures.size() != 1)
            || dm == null
            || Xades.digestOf(dm.getAttributeNS(null, "Algorithm")) != StreamedXml.DIGEST) {
          return false;
        }
      } else if (!uri.startsWith("#") || !insideSignature(sk.getElementById(uri.substring(1)))) {
        return false;
      }
    }
    return true;
  }

  /** Whether an element is a ds:Signature or inside one: copied whole into the skeleton. */
  private static boolean insideSignature(Element e) {
    for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
      if (Xades.DS.equals(el.getNamespaceURI()) && "Signature".equals(el.getLocalName())) {
        return true;
      }
    }
    return false;
  }

  /** Every signature of a document (or skeleton), into a report; fills in what each covers. */
  private ValidationReport verifyAll(
      String name,
      Instant now,
      Document doc,
      Map<String, byte[]> detachedContents,
      Map<DigestAlgorithm, byte[]> documentDigests,
      Map<String, List<Element>> signed) {
    ValidationReport.Builder report = ValidationReport.builder(name, now);
    List<Element> sigs = new ArrayList<>();
    List<String> duplicates = registerIds(doc, sigs);
    if (!duplicates.isEmpty()) {
      report.documentFinding(
          finding("XML_DUPLICATE_ID", Severity.ERROR, String.join(", ", duplicates)));
    }
    // The document without any signature is the same for every signature using Kyso's chain:
    // digested once per algorithm (nothing the verifier does to the DOM changes its canonical
    // form).
    int n = 0;
    for (Element sigEl : sigs) {
      n++;
      String id = sigEl.getAttribute("Id").isEmpty() ? "Signature" + n : sigEl.getAttribute("Id");
      List<Element> covered = new ArrayList<>();
      SignatureResult r;
      try {
        r =
            verifyOne(
                doc, sigEl, id, detachedContents, !duplicates.isEmpty(), covered, documentDigests);
      } catch (RuntimeException e) {
        r =
            SignatureResult.builder(id, SignatureFormat.XMLDSIG)
                .notPassed(SubIndication.FORMAT_FAILURE)
                .finding(
                    finding("XML_SIGNATURE_INVALID", Severity.ERROR, e.getClass().getSimpleName()))
                .build();
      }
      report.signature(r);
      signed.put(id, List.copyOf(covered));
    }
    if (sigs.isEmpty()) {
      report.documentFinding(finding("XML_NO_SIGNATURE", Severity.INFO));
    }
    return report.build();
  }

  private SignatureResult verifyOne(
      Document doc,
      Element sigEl,
      String id,
      Map<String, byte[]> detached,
      boolean duplicateIds,
      List<Element> covered,
      Map<DigestAlgorithm, byte[]> documentDigests) {
    Element qp = qualifyingProperties(sigEl);
    SignatureResult.Builder r =
        SignatureResult.builder(
            id, qp != null ? SignatureFormat.XADES_BASELINE : SignatureFormat.XMLDSIG);
    if (duplicateIds) {
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("XML_DUPLICATE_ID_SIGNATURE", Severity.ERROR))
          .build();
    }
    Element parentSignature = counterSignedParent(sigEl);
    if (parentSignature != null && !coversParentSignatureValue(doc, sigEl, parentSignature)) {
      // A counter-signature that does not cover its parent's SignatureValue counter-signs
      // nothing: injected, faked or pointed elsewhere (EN 319 132-1, 5.2.7.2).
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("XML_COUNTERSIGNATURE_NOT_COVERING", Severity.ERROR))
          .build();
    }
    Preflight pre = preflight(sigEl, detached);
    if (pre != null) {
      return r.notPassed(pre.sub())
          .finding(finding(pre.code(), Severity.ERROR, pre.what()))
          .build();
    }
    XMLSignature sig;
    try {
      sig = new XMLSignature(sigEl, "", true);
      for (Map.Entry<String, byte[]> e : detached.entrySet()) {
        sig.addResourceResolver(new HostResolver(e.getKey(), e.getValue()));
      }
    } catch (Exception e) {
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("XML_SIGNATURE_INVALID", Severity.ERROR, e.getMessage()))
          .build();
    }
    List<X509Certificate> keyInfoCerts = keyInfoCertificates(sigEl);
    if (keyInfoCerts.isEmpty()) {
      // The value is still checked with a bare KeyValue: a signature that does not verify is a
      // failure, not merely "no certificate".
      if (bareKeyVerifies(sig, documentDigests) == Boolean.FALSE) {
        return r.notPassed(SubIndication.SIG_CRYPTO_FAILURE)
            .finding(finding("XML_SIGNATURE_VALUE", Severity.ERROR))
            .build();
      }
      return r.notPassed(SubIndication.NO_SIGNING_CERTIFICATE_FOUND)
          .finding(finding("XML_NO_CERTIFICATE", Severity.ERROR))
          .build();
    }
    SignedInfo si = sig.getSignedInfo();
    if (qp == null && referencesSignedProperties(si)) {
      // Signed XAdES properties exist but do not target this signature: they belong to another.
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("XML_FOREIGN_SIGNED_PROPERTIES", Severity.ERROR))
          .build();
    }
    // XAdES: the SignedProperties must be covered, and they name the one signing certificate.
    Element sp = null;
    X509Certificate signer = keyInfoCerts.get(0);
    if (qp != null) {
      sp = SafeXml.child(qp, Xades.NS, "SignedProperties");
      if (sp == null || !coveredBySignedPropertiesReference(si, sp)) {
        return r.notPassed(SubIndication.FORMAT_FAILURE)
            .finding(finding("XML_SIGNED_PROPERTIES_NOT_COVERED", Severity.ERROR))
            .build();
      }
      signer = boundCertificate(sp, keyInfoCerts);
      if (signer == null) {
        return r.notPassed(SubIndication.NO_SIGNING_CERTIFICATE_FOUND)
            .finding(finding("XML_SIGNING_CERTIFICATE_MISMATCH", Severity.ERROR))
            .build();
      }
    }
    r.signingCertificate(signer);
    CoreValidation.Result core;
    try {
      core = CoreValidation.check(sig, signer.getPublicKey(), true, documentDigests);
    } catch (Exception e) {
      return r.notPassed(SubIndication.FORMAT_FAILURE)
          .finding(finding("XML_SIGNATURE_INVALID", Severity.ERROR, e.getMessage()))
          .build();
    }
    boolean valid = core.valid();
    SubIndication failure = null;
    boolean dataReference = false;
    try {
      for (int i = 0; i < si.getLength(); i++) {
        Reference ref = si.item(i);
        if (core.referenceFailed(i)) {
          r.finding(finding("XML_REFERENCE_DIGEST", Severity.ERROR, ref.getURI()));
          failure = SubIndication.HASH_FAILURE;
        }
        DigestAlgorithm d = Xades.digestOf(ref.getMessageDigestAlgorithm().getAlgorithmURI());
        if (d == null || !d.isAllowedForNewSignatures()) {
          r.finding(
              finding(
                  "XML_WEAK_ALGORITHM",
                  Severity.ERROR,
                  ref.getMessageDigestAlgorithm().getAlgorithmURI()));
          failure = Verdicts.worse(failure, SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE);
        }
        if (Xades.SIGNED_PROPERTIES_TYPE.equals(ref.getType())) {
          continue;
        }
        dataReference = true;
        String uri = ref.getURI();
        if (uri == null || uri.isEmpty()) {
          if (!hasEnvelopedTransform(ref)
              || sigEl.getOwnerDocument().getDocumentElement() == sigEl) {
            r.finding(finding("XML_WHOLE_DOCUMENT_REFERENCE", Severity.WARNING));
          }
          covered.add(doc.getDocumentElement());
        } else if (uri.startsWith("#")) {
          Element target = doc.getElementById(uri.substring(1));
          if (target != null) {
            String unbound =
                Xades.COUNTERSIGNED_SIGNATURE_TYPE.equals(ref.getType())
                    ? null
                    : bindingProblem(doc, sigEl, target, hasEnvelopedTransform(ref));
            if (unbound != null) {
              r.finding(
                  finding("XML_SIGNED_ELEMENT_NOT_BOUND", Severity.ERROR, where(target), unbound));
              failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
            }
            covered.add(target);
          }
        }
        // Detached content the caller did not supply, and transforms this verifier does not
        // run, never get here: preflight() reported them before Santuario read the references.
      }
    } catch (Exception e) {
      r.finding(finding("XML_SIGNATURE_INVALID", Severity.ERROR, e.getMessage()));
      failure = Verdicts.worse(failure, SubIndication.FORMAT_FAILURE);
    }
    if (!dataReference) {
      r.finding(finding("XML_NO_DATA_REFERENCE", Severity.ERROR));
      failure = Verdicts.worse(failure, SubIndication.FORMAT_FAILURE);
    }
    if (!valid && failure == null) {
      r.finding(finding("XML_SIGNATURE_VALUE", Severity.ERROR));
      failure = SubIndication.SIG_CRYPTO_FAILURE;
    } else if (!valid && failure != SubIndication.HASH_FAILURE) {
      failure = SubIndication.SIG_CRYPTO_FAILURE;
    }
    if (failure != null && failure.indication() == Indication.TOTAL_FAILED) {
      return r.notPassed(failure).build();
    }
    if (!STRONG_SIGNATURES.contains(si.getSignatureMethodURI())) {
      r.finding(finding("XML_WEAK_ALGORITHM", Severity.ERROR, si.getSignatureMethodURI()));
      failure = Verdicts.worse(failure, SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE);
    }
    // Claimed time and proof of existence.
    Instant best = null;
    // Archive time-stamps first, newest first: each gives proof of existence to what it covers,
    // the older time-stamps among it (EN 319 102-1, 5.6.2.4 and the LTA process).
    boolean archived = false;
    Instant archivePoe = null;
    if (qp != null) {
      NodeList ats = qp.getElementsByTagNameNS(ArchiveInput.NS141, "ArchiveTimeStamp");
      archived = ats.getLength() > 0;
      for (int i = ats.getLength() - 1; i >= 0; i--) {
        Element a = (Element) ats.item(i);
        try {
          Instant t = archiveTimestamp(sig, a, keyInfoCerts, qp, archivePoe, r);
          if (archivePoe == null || t.isBefore(archivePoe)) {
            archivePoe = t;
          }
        } catch (Exception e) {
          r.finding(finding("XML_ARCHIVE_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
          failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
        }
      }
    }
    boolean byArchiveTimestamp = false;
    boolean timestampHeld = false;
    if (sp != null) {
      Element time = descendant(sp, Xades.NS, "SigningTime");
      if (time != null) {
        try {
          r.claimedSigningTime(OffsetDateTime.parse(time.getTextContent().trim()).toInstant());
        } catch (RuntimeException e) {
          r.finding(finding("XML_SIGNING_TIME", Severity.WARNING, time.getTextContent()));
        }
      }
      Element sts = descendant(qp, Xades.NS, "SignatureTimeStamp");
      if (sts != null) {
        try {
          best = signatureTimestamp(sigEl, sts, keyInfoCerts, qp, archivePoe, r);
          r.bestSignatureTime(best);
          timestampHeld = true;
        } catch (DocumentException e) {
          r.finding(finding("XML_TIMESTAMP_INVALID", Severity.ERROR, e.getMessage()));
          failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
        }
      }
    }
    if (archivePoe != null && (best == null || archivePoe.isBefore(best))) {
      best = archivePoe;
      byArchiveTimestamp = true;
      r.bestSignatureTime(best);
    }
    if (best != null) {
      r.finding(LongTermFindings.proofOfExistence(best, byArchiveTimestamp));
    }
    ValidationContext.Builder ctx = embedded(qp).certificates(keyInfoCerts);
    if (best != null) {
      ctx.at(best, true);
    }
    CertificateResult cert = certificates.verify(signer, ctx.build());
    r.certificateResult(cert).findings(cert.findings());
    r.findings(LongTermFindings.material(false, cert));
    if (!cert.isPassed()) {
      failure =
          Verdicts.worse(
              failure,
              cert.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE));
    }
    // The level is the structure's (EN 319 132-1): B-T with a signature time-stamp, B-LT with
    // revocation values, B-LTA with an archive time-stamp; whether the data held is said apart.
    BaselineLevel baseline =
        BaselineLevel.of(
            qp != null,
            qp != null && descendant(qp, Xades.NS, "SignatureTimeStamp") != null,
            timestampHeld,
            qp != null
                && (descendant(qp, Xades.NS, "RevocationValues") != null
                    || descendant(qp, ArchiveInput.NS141, "TimeStampValidationData") != null),
            cert,
            archived,
            archivePoe != null);
    r.level(baseline.level()).validationDataUsable(baseline.usable());
    if (covered.isEmpty()) {
      r.scopeFromBundle(BUNDLE, XmlVerifier.class, "DETACHED");
    } else {
      r.scopeFromBundle(BUNDLE, XmlVerifier.class, "ELEMENTS", describe(covered));
    }
    if (qp == null) {
      if (acceptPlainXmlDsig) {
        r.finding(finding("XML_PLAIN_XMLDSIG_ACCEPTED", Severity.WARNING));
      } else {
        r.finding(finding("XML_PLAIN_XMLDSIG", Severity.ERROR));
        failure = Verdicts.worse(failure, SubIndication.SIG_CONSTRAINTS_FAILURE);
      }
    }
    return failure == null ? r.passed().build() : r.notPassed(failure).build();
  }

  /** What stops a signature before the XML library reads it, and how it is reported. */
  private record Preflight(SubIndication sub, String code, String what) {}

  private static final String MANIFEST_TYPE = "http://www.w3.org/2000/09/xmldsig#Manifest";
  private static final String XPATH_FILTER2_NS = "http://www.w3.org/2002/06/xmldsig-filter2";

  /**
   * Looks at the references before Santuario does: detached content the caller did not supply
   * (INDETERMINATE, SIGNED_DATA_NOT_FOUND), transforms and Manifests this verifier does not run by
   * design (INDETERMINATE, SIG_CONSTRAINTS_FAILURE: the signature is not shown to be bad).
   */
  private static Preflight preflight(Element sigEl, Map<String, byte[]> detached) {
    Element signedInfo = SafeXml.child(sigEl, Xades.DS, "SignedInfo");
    if (signedInfo == null) {
      return null;
    }
    for (Node n = signedInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element ref)
          || !Xades.DS.equals(ref.getNamespaceURI())
          || !"Reference".equals(ref.getLocalName())) {
        continue;
      }
      if (MANIFEST_TYPE.equals(ref.getAttribute("Type"))) {
        return new Preflight(
            SubIndication.SIG_CONSTRAINTS_FAILURE, "XML_MANIFEST_NOT_SUPPORTED", "Manifest");
      }
      Element transforms = SafeXml.child(ref, Xades.DS, "Transforms");
      if (transforms != null) {
        for (Node t = transforms.getFirstChild(); t != null; t = t.getNextSibling()) {
          if (t instanceof Element tr && "Transform".equals(tr.getLocalName())) {
            String alg = tr.getAttribute("Algorithm");
            if (!ALLOWED_TRANSFORMS.contains(alg) && !safeXPathFilter2(tr)) {
              return new Preflight(
                  SubIndication.SIG_CONSTRAINTS_FAILURE, "XML_TRANSFORM_NOT_SUPPORTED", alg);
            }
          }
        }
      }
      String uri = ref.hasAttribute("URI") ? ref.getAttribute("URI") : null;
      if (uri != null && !uri.isEmpty() && !uri.startsWith("#") && !detached.containsKey(uri)) {
        return new Preflight(SubIndication.SIGNED_DATA_NOT_FOUND, "XML_DETACHED_MISSING", uri);
      }
    }
    return null;
  }

  /**
   * Whether a transform is an XPath Filter 2.0 whose expressions stay in a bounded form: unions of
   * at most four location paths of plain steps (child, descendant, ancestor, self, parent axes; a
   * name, {@code *} or {@code node()}; at most a positional predicate), optionally from {@code
   * here()}. Their cost grows with the document, which the limits bound; anything else (functions,
   * predicates over values, variables) is not run.
   */
  static boolean safeXPathFilter2(Element transform) {
    if (!Transforms.TRANSFORM_XPATH2FILTER.equals(transform.getAttribute("Algorithm"))) {
      return false;
    }
    NodeList paths = transform.getElementsByTagNameNS(XPATH_FILTER2_NS, "XPath");
    if (paths.getLength() == 0 || paths.getLength() > 4) {
      return false;
    }
    for (int i = 0; i < paths.getLength(); i++) {
      Element xp = (Element) paths.item(i);
      String expression = xp.getTextContent().strip();
      if (!Set.of("intersect", "subtract", "union").contains(xp.getAttribute("Filter"))
          || expression.length() > 512
          || !SAFE_XPATH.matcher(expression).matches()) {
        return false;
      }
    }
    return true;
  }

  private static final String XPATH_STEP =
      "(?:(?:child|descendant|descendant-or-self|ancestor|ancestor-or-self|self|parent)::)?"
          + "(?:[A-Za-z_][\\w.-]*:)?(?:[A-Za-z_][\\w.-]*|\\*|node\\(\\))(?:\\[[1-9][0-9]{0,2}\\])?";
  private static final String XPATH_PATH =
      "(?:/{1,2})?" + XPATH_STEP + "(?:/{1,2}" + XPATH_STEP + "){0,7}";
  private static final Pattern SAFE_XPATH =
      Pattern.compile(XPATH_PATH + "(?:\\s*\\|\\s*" + XPATH_PATH + "){0,3}|/");

  /** TRUE/FALSE when a bare KeyValue is present and the value verifies with it; else null. */
  private static Boolean bareKeyVerifies(
      XMLSignature sig, Map<DigestAlgorithm, byte[]> documentDigests) {
    try {
      PublicKey key = sig.getKeyInfo() == null ? null : sig.getKeyInfo().getPublicKey();
      return key == null ? null : CoreValidation.check(sig, key, false, documentDigests).valid();
    } catch (Exception e) {
      return Boolean.FALSE;
    }
  }

  private Instant signatureTimestamp(
      Element sigEl,
      Element sts,
      List<X509Certificate> certs,
      Element qp,
      Instant proofOfExistence,
      SignatureResult.Builder r)
      throws DocumentException {
    Element ets = SafeXml.child(sts, Xades.NS, "EncapsulatedTimeStamp");
    Element cm = SafeXml.child(sts, Xades.DS, "CanonicalizationMethod");
    String c14n =
        cm == null
            ? "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
            : cm.getAttribute("Algorithm");
    if (ets == null
        || !Set.of(
                Xades.EXC_C14N,
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
                "http://www.w3.org/2006/12/xml-c14n11")
            .contains(c14n)) {
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP, null, "unsupported time-stamp form");
    }
    TimestampToken token =
        TimestampToken.parse(Base64.getMimeDecoder().decode(ets.getTextContent().trim()));
    Element sv = SafeXml.child(sigEl, Xades.DS, "SignatureValue");
    byte[] input = Xades.c14n(sv, c14n);
    if (!token.covers(token.imprint().algorithm().digest(input))) {
      r.timestamp(
          TimestampResult.of(
              TimestampResult.Kind.SIGNATURE, "", token, SubIndication.HASH_FAILURE));
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP, null, "the time-stamp does not cover this SignatureValue");
    }
    CertificateResult tsa =
        timestampAuthority(
            token, certs, qp, proofOfExistence, TimestampResult.Kind.SIGNATURE, "", r);
    r.findings(LongTermFindings.material(true, tsa));
    return token.genTime();
  }

  private Instant archiveTimestamp(
      XMLSignature sig,
      Element ats,
      List<X509Certificate> certs,
      Element qp,
      Instant proofOfExistence,
      SignatureResult.Builder r)
      throws Exception {
    Element ets = SafeXml.child(ats, Xades.NS, "EncapsulatedTimeStamp");
    Element cm = SafeXml.child(ats, Xades.DS, "CanonicalizationMethod");
    String c14n =
        cm == null
            ? "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
            : cm.getAttribute("Algorithm");
    if (ets == null
        || !ALLOWED_TRANSFORMS.contains(c14n)
        || Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(c14n)) {
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP, null, "unsupported archive time-stamp form");
    }
    TimestampToken token =
        TimestampToken.parse(Base64.getMimeDecoder().decode(ets.getTextContent().trim()));
    byte[] input = ArchiveInput.compute(sig, (Element) ats.getParentNode(), ats, c14n);
    String id = ats.getAttribute("Id");
    if (!token.covers(token.imprint().algorithm().digest(input))) {
      r.timestamp(
          TimestampResult.of(TimestampResult.Kind.ARCHIVE, id, token, SubIndication.HASH_FAILURE));
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP,
          null,
          "the archive time-stamp does not cover this signature and its validation data");
    }
    CertificateResult tsa =
        timestampAuthority(token, certs, qp, proofOfExistence, TimestampResult.Kind.ARCHIVE, id, r);
    r.findings(LongTermFindings.material(true, tsa));
    return token.genTime();
  }

  /**
   * Validates a time-stamp's TSA certificate (EN 319 102-1, 5.6.2.4): at the proof of existence a
   * later archive time-stamp gives it, or now when none does (the newest time-stamp); in both cases
   * the revocation material must speak for the time-stamp's own time, when it was made.
   */
  private CertificateResult timestampAuthority(
      TimestampToken token,
      List<X509Certificate> certs,
      Element qp,
      Instant proofOfExistence,
      TimestampResult.Kind kind,
      String id,
      SignatureResult.Builder r)
      throws DocumentException {
    ValidationContext.Builder context =
        embedded(qp)
            .purpose(CertificatePurpose.TIMESTAMPING)
            .certificates(certs)
            .revocationFreshAt(token.genTime());
    if (proofOfExistence != null) {
      context.at(proofOfExistence, true);
    }
    CertificateResult tsa = certificates.verify(token.tsaCertificate(), context.build());
    r.timestamp(
        TimestampResult.of(
            kind,
            id,
            token,
            tsa.isPassed()
                ? null
                : tsa.subIndication().orElse(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE)));
    if (!tsa.isPassed()) {
      throw new DocumentException(
          ErrorCode.MALFORMED_TIMESTAMP,
          null,
          "TSA certificate: "
              + (tsa.findings().isEmpty() ? tsa.indication() : tsa.findings().get(0).messageEn()));
    }
    return tsa;
  }

  /** CertificateValues and RevocationValues of this signature's unsigned properties. */
  private static ValidationContext.Builder embedded(Element qp) {
    ValidationContext.Builder b = ValidationContext.builder();
    if (qp == null) {
      return b;
    }
    List<X509Certificate> certs = new ArrayList<>();
    NodeList c = qp.getElementsByTagNameNS(Xades.NS, "EncapsulatedX509Certificate");
    for (int i = 0; i < c.getLength() && i < 64; i++) {
      try {
        certs.add(
            Certificates.parseOne(
                Base64.getMimeDecoder().decode(c.item(i).getTextContent().trim())));
      } catch (DocumentException | IllegalArgumentException e) {
        // unusable: ignored
      }
    }
    b.certificates(certs);
    NodeList o = qp.getElementsByTagNameNS(Xades.NS, "EncapsulatedOCSPValue");
    for (int i = 0; i < o.getLength() && i < 64; i++) {
      try {
        b.ocspResponse(Base64.getMimeDecoder().decode(o.item(i).getTextContent().trim()));
      } catch (IllegalArgumentException e) {
        // unusable: ignored
      }
    }
    NodeList l = qp.getElementsByTagNameNS(Xades.NS, "EncapsulatedCRLValue");
    for (int i = 0; i < l.getLength() && i < 64; i++) {
      try {
        b.crl(Base64.getMimeDecoder().decode(l.item(i).getTextContent().trim()));
      } catch (IllegalArgumentException e) {
        // unusable: ignored
      }
    }
    return b;
  }

  /**
   * Why a {@code #Id} reference does not bind the signature to what an application reads, or null
   * when it does (SECURITY.md, signature wrapping). An enveloped transform must apply to an element
   * that holds the signature; a reference into the signature itself must land in one of its own
   * {@code ds:Object}s (enveloping); any other signed element must be the document element, or the
   * element the caller said it reads ({@link Builder#signedElement}).
   */
  private String bindingProblem(Document doc, Element sigEl, Element target, boolean enveloped) {
    if (enveloped && !holds(target, sigEl)) {
      return "the enveloped-signature transform applies to an element that does not hold the"
          + " signature";
    }
    Element object = enclosingObject(target);
    if (object != null) {
      return object.getParentNode() == sigEl ? null : "it lies in a ds:Object of another signature";
    }
    if (target == doc.getDocumentElement()) {
      return null;
    }
    if (signedElementId != null
        && (signedElementId.startsWith("/")
            ? signedElementId.equals(where(target))
            : signedElementId.equals(target.getAttribute("Id")))) {
      return null;
    }
    return "it is not the document element, nor the element the verifier was told is read";
  }

  private static boolean holds(Element ancestor, Element node) {
    for (Node n = node; n != null; n = n.getParentNode()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The nearest ds:Object enclosing a node, or null. */
  private static Element enclosingObject(Element node) {
    for (Node n = node; n != null; n = n.getParentNode()) {
      if (n instanceof Element e && Xades.DS.equals(e.getNamespaceURI())) {
        if ("Object".equals(e.getLocalName())) {
          return e;
        }
      }
    }
    return null;
  }

  /** Where an element sits, as a path of names from the document element. */
  private static String where(Element e) {
    StringBuilder path = new StringBuilder();
    for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
      path.insert(0, "/" + el.getLocalName());
    }
    return path.toString();
  }

  /** The ds:Signature whose xades:CounterSignature holds this signature, or null. */
  private static Element counterSignedParent(Element sigEl) {
    Node holder = sigEl.getParentNode();
    if (!(holder instanceof Element h)
        || !Xades.NS.equals(h.getNamespaceURI())
        || !"CounterSignature".equals(h.getLocalName())) {
      return null;
    }
    for (Node n = h.getParentNode(); n != null; n = n.getParentNode()) {
      if (n instanceof Element e
          && Xades.DS.equals(e.getNamespaceURI())
          && "Signature".equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  /** Whether a counter-signature has a CountersignedSignature reference to its parent's value. */
  private static boolean coversParentSignatureValue(Document doc, Element counter, Element parent) {
    Element value = SafeXml.child(parent, Xades.DS, "SignatureValue");
    Element signedInfo = SafeXml.child(counter, Xades.DS, "SignedInfo");
    if (value == null || signedInfo == null) {
      return false;
    }
    NodeList refs = signedInfo.getElementsByTagNameNS(Xades.DS, "Reference");
    for (int i = 0; i < refs.getLength(); i++) {
      Element ref = (Element) refs.item(i);
      String uri = ref.getAttribute("URI");
      if (Xades.COUNTERSIGNED_SIGNATURE_TYPE.equals(ref.getAttribute("Type"))
          && uri.startsWith("#")
          && doc.getElementById(uri.substring(1)) == value) {
        return true;
      }
    }
    return false;
  }

  /** The QualifyingProperties of this signature: in its own ds:Object, targeting its Id. */
  private static Element qualifyingProperties(Element sigEl) {
    String target = "#" + sigEl.getAttribute("Id");
    for (Node o = sigEl.getFirstChild(); o != null; o = o.getNextSibling()) {
      if (o instanceof Element obj
          && Xades.DS.equals(obj.getNamespaceURI())
          && "Object".equals(obj.getLocalName())) {
        for (Node q = obj.getFirstChild(); q != null; q = q.getNextSibling()) {
          if (q instanceof Element e
              && "QualifyingProperties".equals(e.getLocalName())
              && Xades.NS.equals(e.getNamespaceURI())
              && target.equals(e.getAttribute("Target"))) {
            return e;
          }
        }
      }
    }
    return null;
  }

  private static boolean referencesSignedProperties(SignedInfo si) {
    try {
      for (int i = 0; i < si.getLength(); i++) {
        if (Xades.SIGNED_PROPERTIES_TYPE.equals(si.item(i).getType())) {
          return true;
        }
      }
    } catch (Exception e) {
      return true;
    }
    return false;
  }

  private static boolean coveredBySignedPropertiesReference(SignedInfo si, Element sp) {
    String id = sp.getAttribute("Id");
    try {
      for (int i = 0; i < si.getLength(); i++) {
        Reference ref = si.item(i);
        if (Xades.SIGNED_PROPERTIES_TYPE.equals(ref.getType())
            && ("#" + id).equals(ref.getURI())
            && sp.getOwnerDocument().getElementById(id) == sp) {
          return true;
        }
      }
    } catch (Exception e) {
      return false;
    }
    return false;
  }

  /** The KeyInfo certificate whose digest SigningCertificateV2 (or v1) carries. */
  private static X509Certificate boundCertificate(Element sp, List<X509Certificate> candidates) {
    Element cert = descendant(sp, Xades.NS, "Cert");
    if (cert == null) {
      return null;
    }
    Element dm = descendant(cert, Xades.DS, "DigestMethod");
    Element dv = descendant(cert, Xades.DS, "DigestValue");
    if (dm == null || dv == null) {
      return null;
    }
    DigestAlgorithm d = Xades.digestOf(dm.getAttribute("Algorithm"));
    if (d == null) {
      return null;
    }
    byte[] expected = Base64.getMimeDecoder().decode(dv.getTextContent().trim());
    for (X509Certificate c : candidates) {
      try {
        if (MessageDigest.isEqual(expected, d.newMessageDigest().digest(c.getEncoded()))) {
          return c;
        }
      } catch (Exception e) {
        // not this one
      }
    }
    return null;
  }

  private static List<X509Certificate> keyInfoCertificates(Element sigEl) {
    List<X509Certificate> out = new ArrayList<>();
    Element keyInfo = SafeXml.child(sigEl, Xades.DS, "KeyInfo");
    if (keyInfo == null) {
      return out;
    }
    NodeList certs = keyInfo.getElementsByTagNameNS(Xades.DS, "X509Certificate");
    for (int i = 0; i < certs.getLength() && i < 16; i++) {
      try {
        out.add(
            Certificates.parseOne(
                Base64.getMimeDecoder().decode(certs.item(i).getTextContent().trim())));
      } catch (DocumentException | IllegalArgumentException e) {
        // an unreadable certificate is not used
      }
    }
    return out;
  }

  private static boolean hasEnvelopedTransform(Reference ref) throws Exception {
    Transforms t = ref.getTransforms();
    if (t == null) {
      return false;
    }
    for (int i = 0; i < t.getLength(); i++) {
      if (Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(t.item(i).getURI())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Registers the Id, ID and id attributes as IDs when no value repeats, and collects the
   * ds:Signature elements in document order, in one walk.
   *
   * @return the repeated values (nothing registered then)
   */
  private static List<String> registerIds(Document doc, List<Element> signatures) {
    Map<String, Integer> count = new LinkedHashMap<>();
    List<Attr> ids = new ArrayList<>();
    Xades.forEachElement(
        doc,
        e -> {
          if (Xades.DS.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName())) {
            signatures.add(e);
          }
          if (!e.hasAttributes()) {
            return;
          }
          NamedNodeMap attrs = e.getAttributes();
          for (int j = 0; j < attrs.getLength(); j++) {
            Attr a = (Attr) attrs.item(j);
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (local.equals("Id") || local.equals("ID") || local.equals("id")) {
              count.merge(a.getValue(), 1, Integer::sum);
              ids.add(a);
            }
          }
        });
    List<String> dup = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Integer> e : count.entrySet()) {
      if (e.getValue() > 1 && seen.add(e.getKey())) {
        dup.add(e.getKey());
      }
    }
    if (dup.isEmpty()) {
      for (Attr a : ids) {
        a.getOwnerElement().setIdAttributeNode(a, true);
      }
    }
    return dup;
  }

  private static Element descendant(Element parent, String ns, String local) {
    NodeList l = parent.getElementsByTagNameNS(ns, local);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }

  private static String describe(List<Element> elements) {
    StringBuilder sb = new StringBuilder();
    for (Element e : elements) {
      sb.append(sb.length() == 0 ? "" : ", ").append('<').append(e.getTagName()).append('>');
    }
    return sb.toString();
  }

  private static Finding finding(String code, Severity severity, Object... args) {
    return Finding.fromBundle(BUNDLE, XmlVerifier.class, code, severity, args);
  }

  /** Resolves exactly one host-supplied URI to its bytes. */
  private static final class HostResolver extends ResourceResolverSpi {
    private final String uri;
    private final byte[] data;

    HostResolver(String uri, byte[] data) {
      this.uri = uri;
      this.data = data.clone();
    }

    @Override
    public XMLSignatureInput engineResolveURI(ResourceResolverContext context) {
      XMLSignatureInput in = new XMLSignatureByteInput(data);
      in.setSourceURI(uri);
      return in;
    }

    @Override
    public boolean engineCanResolveURI(ResourceResolverContext context) {
      return uri.equals(context.uriToResolve);
    }
  }

  /** Builds an {@link XmlVerifier}. */
  public static final class Builder {
    private final CertificateVerifier certificates;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();
    private String signedElementId;
    private boolean acceptPlainXmlDsig;

    private Builder(CertificateVerifier certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificateVerifier");
    }

    /**
     * Sets the clock of the report's validation time.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets how much of an untrusted XML document the verifier parses: its size ({@link
     * ResourceLimits#maxXmlBytes()}, {@code INPUT_TOO_LARGE} past it) and element nesting ({@link
     * ResourceLimits#maxNestingDepth()}, {@code MALFORMED_INPUT} past it). DOCTYPEs, and with them
     * entity expansion, are refused whatever the limits.
     *
     * @param value the limits; {@link ResourceLimits#defaults()} unless set
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Names the element the application reads when it is not the document element (for example the
     * body of an envelope): a signature that signs exactly that element is then bound to it.
     * Without it, an enveloped signature binds only to the whole document or the document element;
     * a signed element elsewhere is reported ({@code XML_SIGNED_ELEMENT_NOT_BOUND}) and the
     * signature is INDETERMINATE.
     *
     * @param idOrPath the value of the element's {@code Id} attribute, or its absolute path of
     *     local names from the document element, an XPath such as {@code /GoiTin/NoiDung/HoSo}
     * @return this builder
     */
    public Builder signedElement(String idOrPath) {
      this.signedElementId = Objects.requireNonNull(idOrPath, "idOrPath");
      return this;
    }

    /**
     * Accepts plain XML-DSig signatures (no XAdES SignedProperties, so the signing certificate is
     * not bound by the signature and could be swapped for another over the same key), for document
     * kinds that are plain XML-DSig by definition, such as e-invoices. The report then says
     * "XML-DSig, not XAdES" ({@code XML_PLAIN_XMLDSIG_ACCEPTED}). Without it such a signature is
     * INDETERMINATE ({@code XML_PLAIN_XMLDSIG}).
     *
     * @return this builder
     */
    public Builder acceptPlainXmlDsig() {
      this.acceptPlainXmlDsig = true;
      return this;
    }

    /**
     * @return the verifier
     */
    public XmlVerifier build() {
      return new XmlVerifier(this);
    }
  }
}
