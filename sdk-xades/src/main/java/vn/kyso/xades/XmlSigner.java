package vn.kyso.xades;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.XPath2FilterContainer;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
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
import vn.kyso.xades.internal.AppendedXml;
import vn.kyso.xades.internal.ArchiveInput;
import vn.kyso.xades.internal.CoreValidation;
import vn.kyso.xades.internal.SecureXml;
import vn.kyso.xades.internal.Serial;
import vn.kyso.xades.internal.SplicedOutput;
import vn.kyso.xades.internal.StreamedXml;
import vn.kyso.xades.internal.Xades;

/**
 * Signs XML documents and data with XAdES baseline signatures (ETSI EN 319 132-1): exclusive
 * canonicalisation, SignedProperties with SigningTime, SigningCertificateV2 and DataObjectFormat
 * signed by a reference of type {@code http://uri.etsi.org/01903#SignedProperties}, the signer's
 * chain in KeyInfo, and for B-T a SignatureTimeStamp. Built once, immutable, thread-safe.
 *
 * <pre>{@code
 * XmlSigner signer = XmlSigner.builder().timestampClient(tsa).build();
 * signer.sign(Path.of("ho-so.xml"), Path.of("ho-so-ky.xml"),
 *     XmlSignatureOptions.builder(XadesLevel.B_T, XadesPackaging.ENVELOPED).build(), key);
 * }</pre>
 *
 * <p>The input is only read; the output goes to a temporary file in its folder and is moved into
 * place; an enveloped signature keeps the document's encoding and whether it had an XML
 * declaration.
 *
 * @since 0.1
 */
public final class XmlSigner {
  private final TsaClient tsa;
  private final CertificateVerifier verifier;
  private final Clock clock;
  private final ResourceLimits limits;
  private final SecureXml.Parsers parsers;

  private XmlSigner(Builder b) {
    this.tsa = b.tsa;
    this.verifier = b.verifier;
    this.clock = b.clock;
    this.limits = b.limits;
    this.parsers = new SecureXml.Parsers(limits.maxXmlBytes(), limits.maxNestingDepth());
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
   * @param input the XML document (ENVELOPED) or the data to sign (ENVELOPING, DETACHED)
   * @param output the signed document (ENVELOPED, ENVELOPING) or the signature file (DETACHED)
   * @param options what to produce
   * @param key the signing key (RSA PKCS#1 v1.5 or ECDSA)
   * @throws SigningRefusedException when the options' policy check denies it (before the key is
   *     used)
   * @throws KysoException when the input cannot be read or parsed, the key fails, or a service
   *     fails
   */
  public void sign(Path input, Path output, XmlSignatureOptions options, SigningKey key)
      throws KysoException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(output, "output");
    // One step keeps the document it built: no serialisation of the prepared state, no second
    // parse, and the references are not digested again (their digests were computed just now from
    // this document). The value is still checked against the signer's key over SignedInfo.
    sign(input, output, options, key, true);
  }

  private void sign(
      Path input, Path output, XmlSignatureOptions options, SigningKey key, boolean streamed)
      throws KysoException {
    Built built = build(input, output, options, key.chain(), streamed);
    try (SplicedOutput begun = built.output()) {
      SignatureValue value =
          key.sign(
              built.algorithm().digestAlgorithm().digest(built.signedInfo()), built.algorithm());
      if (!verifiesOverSignedInfo(built, key.chain().get(0), value)) {
        throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
      }
      finish(built.doc(), built.sig(), input, options, value, built.algorithm(), false);
      // Enveloped in the document element: the input's bytes with the signature written in.
      AppendedXml.Spliced spliced = null;
      if (built.input() != null) {
        spliced =
            StreamedXml.isSkeleton(built.doc())
                ? AppendedXml.spliced(
                    built.input(), built.doc().getDocumentElement(), built.sig().getElement())
                : AppendedXml.spliced(built.input(), built.doc(), built.sig().getElement());
      }
      if (spliced != null) {
        if (begun == null || !begun.finish(spliced)) {
          SecureXml.write(spliced, output);
        }
      } else if (StreamedXml.isSkeleton(built.doc())) {
        // A skeleton is not the document: never written. The dry run in build() makes this
        // unreachable for what Kyso builds; should it happen, the document is signed from its DOM.
        sign(input, output, options, key, false);
      } else {
        SecureXml.write(built.doc(), output, built.declaration());
      }
    }
  }

  /**
   * What prepare builds: the document with the signature but its value, and for ENVELOPED the bytes
   * it was parsed from (null otherwise).
   */
  private record Built(
      Document doc,
      XMLSignature sig,
      String signatureId,
      SignatureAlgorithm algorithm,
      boolean declaration,
      byte[] signedInfo,
      byte[] input,
      SplicedOutput output) {}

  /** The signer's key verifies the value over the canonical SignedInfo. */
  private static boolean verifiesOverSignedInfo(
      Built built, X509Certificate signer, SignatureValue value) {
    return value.algorithm() == built.algorithm()
        && CmsSignatures.verify(signer, built.algorithm(), built.signedInfo(), value.value());
  }

  /**
   * Prepares an external signature: the document with the whole signature except its value.
   *
   * @param input the XML document (ENVELOPED) or the data to sign (ENVELOPING, DETACHED)
   * @param options what to produce
   * @param chain the signer certificate first, then its chain (written into KeyInfo)
   * @return the prepared state
   * @throws DocumentException when the input cannot be read or parsed
   * @throws SigningRefusedException when the options' policy check denies the signature
   */
  public PreparedXmlSignature prepare(
      Path input, XmlSignatureOptions options, List<X509Certificate> chain)
      throws DocumentException, SigningRefusedException {
    Built b = build(input, null, options, chain, false);
    return new PreparedXmlSignature(
        options, b.signatureId(), b.algorithm(), b.declaration(), serial(b.doc()), b.signedInfo());
  }

  private static byte[] serial(Document doc) throws DocumentException {
    try {
      return Serial.bytes(doc);
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot build the XML signature: " + e.getMessage());
    }
  }

  /**
   * Builds the signature but its value. With {@code streamed}, an enveloped signature in the
   * document element is built from one pass of the parser ({@link StreamedXml}): the signature in a
   * skeleton of the document, the whole-document reference digested during the pass, and the output
   * spliced into the input's bytes; a document that cannot be written that way (not UTF-8, content
   * after the document element, a namespace Kyso's exclusive c14n leaves to Santuario) is parsed
   * into a DOM as before, and so is B-LTA (its archive time-stamp covers the references' data).
   */
  private Built build(
      Path input,
      Path output,
      XmlSignatureOptions options,
      List<X509Certificate> chain,
      boolean streamed)
      throws DocumentException, SigningRefusedException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(options, "options");
    if (Objects.requireNonNull(chain, "chain").isEmpty()) {
      throw new IllegalArgumentException("chain must hold the signer certificate");
    }
    requireServices(options.level());
    Xades.init();
    byte[] data = read(input);
    X509Certificate cert = chain.get(0);
    SignatureAlgorithm alg = SignatureAlgorithms.forKey(cert, false, options.digest());
    Instant signingTime = SigningTime.now(clock);
    if (options.policyCheck().isPresent()) {
      PolicyGate.enforce(
          options.policyCheck().get(),
          chain,
          signingTime,
          alg,
          verifier,
          clock,
          options.packaging() != XadesPackaging.ENVELOPED
              ? null
              : v ->
                  XmlVerifier.builder(v)
                      .clock(clock)
                      .limits(limits)
                      .build()
                      .verify(input, Map.of())
                      .report());
    }
    String suffix = UUID.randomUUID().toString();
    boolean streamable =
        streamed
            && options.packaging() == XadesPackaging.ENVELOPED
            && options.level() != XadesLevel.B_LTA
            && options.signatureParent().isEmpty()
            && options.digest() == StreamedXml.DIGEST;
    // The output's head goes to disk while the document is parsed and signed.
    SplicedOutput begun = streamable && output != null ? SplicedOutput.begin(data, output) : null;
    boolean built = false;
    try {
      Built b =
          build(data, input, options, chain, cert, alg, signingTime, suffix, streamable, begun);
      built = true;
      return b;
    } finally {
      if (begun != null && !built) {
        begun.close();
      }
    }
  }

  /** {@link #build(Path, Path, XmlSignatureOptions, List, boolean)} once the input is read. */
  private Built build(
      byte[] data,
      Path input,
      XmlSignatureOptions options,
      List<X509Certificate> chain,
      X509Certificate cert,
      SignatureAlgorithm alg,
      Instant signingTime,
      String suffix,
      boolean streamable,
      SplicedOutput begun)
      throws DocumentException {
    boolean declaration = true;
    Document doc;
    Map<DigestAlgorithm, byte[]> documentDigests = null;
    if (options.packaging() == XadesPackaging.ENVELOPED) {
      StreamedXml pass = streamable ? parsers.stream(data) : null;
      if (pass != null && pass.digest() != null && pass.utf8()) {
        doc = pass.skeleton();
        documentDigests = new EnumMap<>(DigestAlgorithm.class);
        documentDigests.put(StreamedXml.DIGEST, pass.digest());
      } else {
        doc = parsers.parse(data);
      }
      declaration = SecureXml.hasDeclaration(data);
    } else {
      doc = SecureXml.newDocument();
    }
    try {
      XMLSignature sig =
          signatureIn(doc, suffix, alg, options, input, data, cert, chain, signingTime);
      if (documentDigests != null
          && !AppendedXml.fits(data, doc.getDocumentElement(), sig.getElement())) {
        // The splice cannot write it: the same signature is built in the document's DOM.
        doc = parsers.parse(data);
        documentDigests = null;
        sig = signatureIn(doc, suffix, alg, options, input, data, cert, chain, signingTime);
      }
      CoreValidation.digestReferences(sig, documentDigests);
      byte[] signedInfo = sig.getSignedInfo().getCanonicalizedOctetStream();
      return new Built(
          doc,
          sig,
          "xades-sig-" + suffix,
          alg,
          declaration,
          signedInfo,
          options.packaging() == XadesPackaging.ENVELOPED ? data : null,
          begun);
    } catch (DocumentException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot build the XML signature: " + e.getMessage());
    }
  }

  /** The signature in its place: the document element, the element named, or a new document. */
  private XMLSignature signatureIn(
      Document doc,
      String suffix,
      SignatureAlgorithm alg,
      XmlSignatureOptions options,
      Path input,
      byte[] data,
      X509Certificate cert,
      List<X509Certificate> chain,
      Instant signingTime)
      throws Exception {
    Element parent =
        options.packaging() == XadesPackaging.ENVELOPED ? doc.getDocumentElement() : null;
    if (options.signatureParent().isPresent()) {
      registerIdsAndFind(doc, "");
      parent = doc.getElementById(options.signatureParent().get());
      if (parent == null) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT,
            null,
            "no element with Id " + options.signatureParent().get());
      }
    }
    return build(doc, parent, suffix, alg, options, input, data, cert, chain, signingTime);
  }

  /**
   * Completes an external signature: checks the value, adds the time-stamp (B-T) and validation
   * data (B-LT), and writes the output.
   *
   * @param prepared the state from {@link #prepare}, possibly from another JVM
   * @param input the same input (read again for DETACHED)
   * @param output where the result goes
   * @param value the signature value over {@link PreparedXmlSignature#dataToSign()}
   * @throws KysoException {@code SIGNATURE_VALUE_INVALID} for a value that does not verify; service
   *     failures for B-T and B-LT
   */
  public void complete(PreparedXmlSignature prepared, Path input, Path output, SignatureValue value)
      throws KysoException {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(value, "value");
    XmlSignatureOptions options = prepared.options();
    requireServices(options.level());
    Xades.init();
    Document doc = parsers.parse(prepared.document());
    Element sigEl = registerIdsAndFind(doc, prepared.signatureId());
    if (sigEl == null || value.algorithm() != prepared.algorithm()) {
      throw new DocumentException(ErrorCode.PREPARED_STATE_INVALID, null, "signature not found");
    }
    XMLSignature sig;
    try {
      sig = new XMLSignature(sigEl, "", true);
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot complete the XML signature: " + e.getMessage());
    }
    finish(doc, sig, input, options, value, prepared.algorithm(), true);
    SecureXml.write(doc, output, prepared.declaration());
  }

  /**
   * Puts the value in, checks it (with {@code checkReferences}, the references' digests too: a
   * prepared document comes back from outside), and adds what the level needs.
   */
  private void finish(
      Document doc,
      XMLSignature sig,
      Path input,
      XmlSignatureOptions options,
      SignatureValue value,
      SignatureAlgorithm alg,
      boolean checkReferences)
      throws KysoException {
    Element sigEl = sig.getElement();
    try {
      if (options.packaging() == XadesPackaging.DETACHED && checkReferences) {
        String uri =
            options
                .detachedUri()
                .orElse(Objects.requireNonNull(input, "input").getFileName().toString());
        sig.addResourceResolver(new DetachedResolver(uri, read(input)));
        for (Path more : options.additionalDetachedFiles()) {
          sig.addResourceResolver(new DetachedResolver(more.getFileName().toString(), read(more)));
        }
      }
      X509Certificate cert = sig.getKeyInfo().getX509Certificate();
      byte[] raw =
          alg.keyType() == SignatureAlgorithm.KeyType.EC
              ? Xades.ecdsaRaw(value.value(), (Certificates.keySize(cert) + 7) / 8)
              : value.value();
      Element sv = (Element) sigEl.getElementsByTagNameNS(Xades.DS, "SignatureValue").item(0);
      sv.setTextContent(Xades.b64(raw));
      if (checkReferences && !CoreValidation.check(sig, cert.getPublicKey()).valid()) {
        throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
      }
      Element qp = (Element) sigEl.getElementsByTagNameNS(Xades.NS, "QualifyingProperties").item(0);
      if (options.level() != XadesLevel.B_B) {
        addSignatureTimestamp(doc, qp, sv, options);
      }
      if (options.level() == XadesLevel.B_LT || options.level() == XadesLevel.B_LTA) {
        addValidationData(doc, qp, sigEl);
      }
      if (options.level() == XadesLevel.B_LTA) {
        addArchiveTimestamp(doc, sig, qp, options);
      }
    } catch (KysoException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot complete the XML signature: " + e.getMessage());
    }
  }

  /**
   * Adds a counter-signature (ETSI EN 319 132-1, 5.2.7) to an existing XAdES signature: a signature
   * over its SignatureValue, inside its UnsignedSignatureProperties.
   *
   * @param input the signed document
   * @param output where the counter-signed document goes
   * @param signatureId the Id of the ds:Signature to counter-sign
   * @param options the counter-signature's digest (its level and packaging are ignored)
   * @param key the counter-signer's key
   * @throws KysoException when the signature is not found or the key fails
   */
  public void counterSign(
      Path input, Path output, String signatureId, XmlSignatureOptions options, SigningKey key)
      throws KysoException {
    Objects.requireNonNull(signatureId, "signatureId");
    Xades.init();
    byte[] data = read(input);
    Document doc = parsers.parse(data);
    Element target = registerIdsAndFind(doc, signatureId);
    if (target == null) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, null, "no signature with Id " + signatureId);
    }
    try {
      Element sv = (Element) target.getElementsByTagNameNS(Xades.DS, "SignatureValue").item(0);
      Element qp =
          (Element) target.getElementsByTagNameNS(Xades.NS, "QualifyingProperties").item(0);
      if (sv == null || qp == null || sv.getAttribute("Id").isEmpty()) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, null, "not a XAdES signature with a SignatureValue Id");
      }
      Element usp = unsignedSignatureProperties(doc, qp);
      Element holder = Xades.x(doc, "CounterSignature");
      usp.appendChild(holder);
      X509Certificate cert = key.certificate();
      SignatureAlgorithm alg = SignatureAlgorithms.forKey(cert, false, options.digest());
      String suffix = UUID.randomUUID().toString();
      XMLSignature counter = new XMLSignature(doc, "", Xades.signatureUri(alg), Xades.EXC_C14N);
      counter.setId("xades-sig-" + suffix);
      counter.getElement().setIdAttributeNS(null, "Id", true);
      holder.appendChild(counter.getElement());
      Transforms t = new Transforms(doc);
      t.addTransform(Xades.EXC_C14N);
      String refId = "xades-ref-" + suffix;
      counter.addDocument(
          "#" + sv.getAttribute("Id"),
          t,
          Xades.digestUri(options.digest()),
          refId,
          Xades.COUNTERSIGNED_SIGNATURE_TYPE);
      finishXades(doc, counter, suffix, refId, cert, key.chain(), options, SigningTime.now(clock));
      CoreValidation.digestReferences(counter);
      byte[] signedInfo = counter.getSignedInfo().getCanonicalizedOctetStream();
      SignatureValue value = key.sign(alg.digestAlgorithm().digest(signedInfo), alg);
      byte[] raw =
          alg.keyType() == SignatureAlgorithm.KeyType.EC
              ? Xades.ecdsaRaw(value.value(), (Certificates.keySize(cert) + 7) / 8)
              : value.value();
      ((Element) counter.getElement().getElementsByTagNameNS(Xades.DS, "SignatureValue").item(0))
          .setTextContent(Xades.b64(raw));
      if (!CoreValidation.check(counter, cert.getPublicKey()).valid()) {
        throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
      }
    } catch (KysoException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot counter-sign: " + e.getMessage());
    }
    SecureXml.write(doc, output, SecureXml.hasDeclaration(data));
  }

  private XMLSignature build(
      Document doc,
      Element parent,
      String suffix,
      SignatureAlgorithm alg,
      XmlSignatureOptions options,
      Path input,
      byte[] data,
      X509Certificate cert,
      List<X509Certificate> chain,
      Instant signingTime)
      throws Exception {
    XMLSignature sig = new XMLSignature(doc, "", Xades.signatureUri(alg), Xades.EXC_C14N);
    sig.setId("xades-sig-" + suffix);
    sig.getElement().setIdAttributeNS(null, "Id", true);
    if (parent != null) {
      parent.appendChild(sig.getElement());
    } else {
      doc.appendChild(sig.getElement());
    }
    String refId = "xades-ref-" + suffix;
    String digestUri = Xades.digestUri(options.digest());
    switch (options.packaging()) {
      case ENVELOPED -> {
        // Enveloped signature plus XPath Filter 2.0 subtracting every ds:Signature, so that a
        // parallel or counter-signature added later does not break this one.
        Transforms t = new Transforms(doc);
        t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        Element filter =
            XPath2FilterContainer.newInstanceSubtract(doc, Xades.SIGNATURES_XPATH).getElement();
        filter.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ds", Xades.DS);
        t.addTransform(Transforms.TRANSFORM_XPATH2FILTER, filter);
        t.addTransform(Xades.EXC_C14N);
        sig.addDocument("", t, digestUri, refId, null);
      }
      case ENVELOPING -> {
        ObjectContainer obj = new ObjectContainer(doc);
        String objId = "xades-obj-" + suffix;
        obj.setId(objId);
        obj.setMimeType(options.mimeType());
        obj.setEncoding("http://www.w3.org/2000/09/xmldsig#base64");
        obj.appendChild(doc.createTextNode(Xades.b64(data)));
        sig.appendObject(obj);
        obj.getElement().setIdAttributeNS(null, "Id", true);
        Transforms t = new Transforms(doc);
        t.addTransform(Xades.EXC_C14N);
        sig.addDocument("#" + objId, t, digestUri, refId, null);
      }
      case DETACHED -> {
        String uri = options.detachedUri().orElse(input.getFileName().toString());
        sig.addResourceResolver(new DetachedResolver(uri, data));
        sig.addDocument(uri, null, digestUri, refId, null);
        int n = 0;
        for (Path more : options.additionalDetachedFiles()) {
          String moreUri = more.getFileName().toString();
          sig.addResourceResolver(new DetachedResolver(moreUri, read(more)));
          sig.addDocument(moreUri, null, digestUri, refId + "-" + (++n), null);
        }
      }
      default -> throw new IllegalStateException();
    }
    finishXades(doc, sig, suffix, refId, cert, chain, options, signingTime);
    return sig;
  }

  /** SignedProperties, their reference, KeyInfo and an Id on SignatureValue. */
  private void finishXades(
      Document doc,
      XMLSignature sig,
      String suffix,
      String refId,
      X509Certificate cert,
      List<X509Certificate> chain,
      XmlSignatureOptions options,
      Instant signingTime)
      throws Exception {
    String spId = "xades-sp-" + suffix;
    Element qp =
        qualifyingProperties(doc, "xades-sig-" + suffix, spId, refId, cert, options, signingTime);
    ObjectContainer props = new ObjectContainer(doc);
    props.appendChild(qp);
    sig.appendObject(props);
    Element sp = (Element) qp.getElementsByTagNameNS(Xades.NS, "SignedProperties").item(0);
    sp.setIdAttributeNS(null, "Id", true);
    Transforms spt = new Transforms(doc);
    spt.addTransform(Xades.EXC_C14N);
    sig.addDocument(
        "#" + spId, spt, Xades.digestUri(options.digest()), null, Xades.SIGNED_PROPERTIES_TYPE);
    X509Data x509 = new X509Data(doc);
    for (X509Certificate c : chain) {
      x509.addCertificate(c);
    }
    sig.getKeyInfo().add(x509);
    Element sv =
        (Element) sig.getElement().getElementsByTagNameNS(Xades.DS, "SignatureValue").item(0);
    sv.setAttributeNS(null, "Id", "xades-sv-" + suffix);
    sv.setIdAttributeNS(null, "Id", true);
  }

  private static Element registerIdsAndFind(Document doc, String signatureId) {
    Element[] found = {null};
    Xades.forEachElement(
        doc,
        e -> {
          if (e.hasAttributeNS(null, "Id")) {
            e.setIdAttributeNS(null, "Id", true);
            if (signatureId.equals(e.getAttribute("Id")) && "Signature".equals(e.getLocalName())) {
              found[0] = e;
            }
          }
        });
    return found[0];
  }

  private void requireServices(XadesLevel level) {
    if (level != XadesLevel.B_B && tsa == null) {
      throw new IllegalStateException(
          level + " needs a time-stamp client: XmlSigner.builder().timestampClient(...)");
    }
    if ((level == XadesLevel.B_LT || level == XadesLevel.B_LTA) && verifier == null) {
      throw new IllegalStateException(
          level + " needs a certificate verifier: XmlSigner.builder().certificateVerifier(...)");
    }
  }

  /** A document or detached file, within the size limit. */
  private byte[] read(Path input) throws DocumentException {
    return SecureXml.read(input, limits.maxXmlBytes());
  }

  private static Element unsignedSignatureProperties(Document doc, Element qp) {
    Element up = null;
    for (Node n = qp.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "UnsignedProperties".equals(e.getLocalName())) {
        up = e;
      }
    }
    if (up == null) {
      up = Xades.x(doc, "UnsignedProperties");
      qp.appendChild(up);
    }
    for (Node n = up.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "UnsignedSignatureProperties".equals(e.getLocalName())) {
        return e;
      }
    }
    Element usp = Xades.x(doc, "UnsignedSignatureProperties");
    up.appendChild(usp);
    return usp;
  }

  /**
   * Adds an ArchiveTimeStamp to every XAdES signature of a document (not counter-signatures): a
   * B-LT signature becomes B-LTA, and a B-LTA signature gets one more archive time-stamp.
   *
   * @param input the signed document
   * @param output where the result goes
   * @param detachedContents the files detached signatures reference, by URI
   * @throws KysoException when the document cannot be read or the TSA fails
   */
  public void addArchiveTimestamp(Path input, Path output, Map<String, byte[]> detachedContents)
      throws KysoException {
    Objects.requireNonNull(detachedContents, "detachedContents");
    requireServices(XadesLevel.B_T);
    Xades.init();
    byte[] data = read(input);
    Document doc = parsers.parse(data);
    registerIdsAndFind(doc, "");
    NodeList sigs = doc.getElementsByTagNameNS(Xades.DS, "Signature");
    List<Element> top = new ArrayList<>();
    for (int i = 0; i < sigs.getLength(); i++) {
      Element e = (Element) sigs.item(i);
      if (!"CounterSignature".equals(e.getParentNode().getLocalName())) {
        top.add(e);
      }
    }
    try {
      for (Element sigEl : top) {
        XMLSignature sig = new XMLSignature(sigEl, "", true);
        for (Map.Entry<String, byte[]> e : detachedContents.entrySet()) {
          sig.addResourceResolver(new DetachedResolver(e.getKey(), e.getValue()));
        }
        X509Certificate cert = sig.getKeyInfo().getX509Certificate();
        if (!CoreValidation.check(sig, cert.getPublicKey()).valid()) {
          throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
        }
        Element qp =
            (Element) sigEl.getElementsByTagNameNS(Xades.NS, "QualifyingProperties").item(0);
        if (qp == null) {
          continue;
        }
        addArchiveTimestamp(
            doc,
            sig,
            qp,
            XmlSignatureOptions.builder(XadesLevel.B_LTA, XadesPackaging.ENVELOPED).build());
      }
    } catch (KysoException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "cannot add an archive time-stamp: " + e.getMessage());
    }
    SecureXml.write(doc, output, SecureXml.hasDeclaration(data));
  }

  private void addArchiveTimestamp(
      Document doc, XMLSignature sig, Element qp, XmlSignatureOptions options) throws Exception {
    Element usp = unsignedSignatureProperties(doc, qp);
    byte[] input = ArchiveInput.compute(sig, usp, null, Xades.EXC_C14N);
    byte[] token = tsa.timestamp(options.digest().digest(input)).encoded();
    Element ats = doc.createElementNS(ArchiveInput.NS141, "xades141:ArchiveTimeStamp");
    ats.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xades141", ArchiveInput.NS141);
    Element cm = Xades.ds(doc, "CanonicalizationMethod");
    cm.setAttributeNS(null, "Algorithm", Xades.EXC_C14N);
    Element ets = Xades.x(doc, "EncapsulatedTimeStamp");
    ets.setTextContent(Xades.b64(token));
    ats.appendChild(cm);
    ats.appendChild(ets);
    usp.appendChild(ats);
  }

  /** CertificateValues and RevocationValues for the signer and the TSA (ETSI EN 319 132-1, 5.4). */
  private void addValidationData(Document doc, Element qp, Element sigEl) throws Exception {
    Element usp = unsignedSignatureProperties(doc, qp);
    List<X509Certificate> bag = new ArrayList<>();
    NodeList certs = sigEl.getElementsByTagNameNS(Xades.DS, "X509Certificate");
    for (int i = 0; i < certs.getLength(); i++) {
      bag.add(
          Certificates.parseOne(
              Base64.getMimeDecoder().decode(certs.item(i).getTextContent().trim())));
    }
    Map<String, X509Certificate> chainCerts = new LinkedHashMap<>();
    List<byte[]> ocsps = new ArrayList<>();
    List<byte[]> crls = new ArrayList<>();
    collect(bag.get(0), bag, CertificatePurpose.SIGNING, chainCerts, ocsps, crls);
    NodeList ts = qp.getElementsByTagNameNS(Xades.NS, "EncapsulatedTimeStamp");
    for (int i = 0; i < ts.getLength(); i++) {
      TimestampToken token =
          TimestampToken.parse(Base64.getMimeDecoder().decode(ts.item(i).getTextContent().trim()));
      collect(
          token.tsaCertificate(), bag, CertificatePurpose.TIMESTAMPING, chainCerts, ocsps, crls);
    }
    Element cv = Xades.x(doc, "CertificateValues");
    for (X509Certificate c : chainCerts.values()) {
      Element e = Xades.x(doc, "EncapsulatedX509Certificate");
      e.setTextContent(Xades.b64(c.getEncoded()));
      cv.appendChild(e);
    }
    usp.appendChild(cv);
    Element rv = Xades.x(doc, "RevocationValues");
    if (!crls.isEmpty()) {
      Element crlValues = Xades.x(doc, "CRLValues");
      for (byte[] c : crls) {
        Element e = Xades.x(doc, "EncapsulatedCRLValue");
        e.setTextContent(Xades.b64(c));
        crlValues.appendChild(e);
      }
      rv.appendChild(crlValues);
    }
    if (!ocsps.isEmpty()) {
      Element ocspValues = Xades.x(doc, "OCSPValues");
      for (byte[] o : ocsps) {
        Element e = Xades.x(doc, "EncapsulatedOCSPValue");
        e.setTextContent(Xades.b64(o));
        ocspValues.appendChild(e);
      }
      rv.appendChild(ocspValues);
    }
    usp.appendChild(rv);
  }

  private void collect(
      X509Certificate cert,
      List<X509Certificate> bag,
      CertificatePurpose purpose,
      Map<String, X509Certificate> certs,
      List<byte[]> ocsps,
      List<byte[]> crls)
      throws KysoException {
    CertificateResult r =
        verifier.verify(
            cert, ValidationContext.builder().purpose(purpose).certificates(bag).build());
    if (!r.isPassed()) {
      String why = r.findings().isEmpty() ? r.indication().name() : r.findings().get(0).messageEn();
      throw new ServiceException(ErrorCode.SERVICE_BAD_RESPONSE, null, "validation data", why);
    }
    for (X509Certificate c : r.chain()) {
      certs.putIfAbsent(Certificates.sha256Fingerprint(c), c);
    }
    for (RevocationEvidence e : r.revocation()) {
      (e.kind() == RevocationEvidence.Kind.OCSP ? ocsps : crls).add(e.encoded());
      for (X509Certificate c : e.signerChain()) {
        certs.putIfAbsent(Certificates.sha256Fingerprint(c), c);
      }
    }
  }

  private Element qualifyingProperties(
      Document doc,
      String sigId,
      String spId,
      String refId,
      X509Certificate cert,
      XmlSignatureOptions options,
      Instant signingTime)
      throws Exception {
    Element qp = Xades.x(doc, "QualifyingProperties");
    qp.setAttributeNS(null, "Target", "#" + sigId);
    Element sp = Xades.x(doc, "SignedProperties");
    sp.setAttributeNS(null, "Id", spId);
    qp.appendChild(sp);
    Element ssp = Xades.x(doc, "SignedSignatureProperties");
    sp.appendChild(ssp);
    Element time = Xades.x(doc, "SigningTime");
    time.setTextContent(DateTimeFormatter.ISO_INSTANT.format(signingTime));
    ssp.appendChild(time);
    Element scv2 = Xades.x(doc, "SigningCertificateV2");
    Element c = Xades.x(doc, "Cert");
    Element cd = Xades.x(doc, "CertDigest");
    Element dm = Xades.ds(doc, "DigestMethod");
    dm.setAttributeNS(null, "Algorithm", Xades.digestUri(options.digest()));
    Element dv = Xades.ds(doc, "DigestValue");
    dv.setTextContent(
        Xades.b64(MessageDigest.getInstance(options.digest().jcaName()).digest(cert.getEncoded())));
    cd.appendChild(dm);
    cd.appendChild(dv);
    c.appendChild(cd);
    Element is = Xades.x(doc, "IssuerSerialV2");
    is.setTextContent(Xades.b64(Xades.issuerSerial(cert)));
    c.appendChild(is);
    scv2.appendChild(c);
    ssp.appendChild(scv2);
    Element sdop = Xades.x(doc, "SignedDataObjectProperties");
    Element dof = Xades.x(doc, "DataObjectFormat");
    dof.setAttributeNS(null, "ObjectReference", "#" + refId);
    Element mime = Xades.x(doc, "MimeType");
    mime.setTextContent(options.mimeType());
    dof.appendChild(mime);
    sdop.appendChild(dof);
    if (options.commitment().isPresent()) {
      Element cti = Xades.x(doc, "CommitmentTypeIndication");
      Element id = Xades.x(doc, "CommitmentTypeId");
      Element ident = Xades.x(doc, "Identifier");
      ident.setTextContent(options.commitment().get());
      id.appendChild(ident);
      cti.appendChild(id);
      cti.appendChild(Xades.x(doc, "AllSignedDataObjects"));
      sdop.appendChild(cti);
    }
    sp.appendChild(sdop);
    return qp;
  }

  private void addSignatureTimestamp(
      Document doc, Element qp, Element signatureValue, XmlSignatureOptions options)
      throws KysoException {
    byte[] c14n = Xades.c14n(signatureValue, Xades.EXC_C14N);
    byte[] token = tsa.timestamp(options.digest().digest(c14n)).encoded();
    Element usp = unsignedSignatureProperties(doc, qp);
    Element sts = Xades.x(doc, "SignatureTimeStamp");
    Element cm = Xades.ds(doc, "CanonicalizationMethod");
    cm.setAttributeNS(null, "Algorithm", Xades.EXC_C14N);
    Element ets = Xades.x(doc, "EncapsulatedTimeStamp");
    ets.setTextContent(Xades.b64(token));
    sts.appendChild(cm);
    sts.appendChild(ets);
    usp.appendChild(sts);
  }

  /** Hands the signer the detached file by its URI, and nothing else. */
  static final class DetachedResolver extends ResourceResolverSpi {
    private final String uri;
    private final byte[] data;

    DetachedResolver(String uri, byte[] data) {
      this.uri = uri;
      this.data = data;
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

  /** Builds an {@link XmlSigner}. */
  public static final class Builder {
    private TsaClient tsa;
    private CertificateVerifier verifier;
    private Clock clock = Clock.systemUTC();
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder() {}

    /**
     * Sets the time-stamp client, needed for B-T.
     *
     * @param value the client
     * @return this builder
     */
    public Builder timestampClient(TsaClient value) {
      this.tsa = Objects.requireNonNull(value, "timestampClient");
      return this;
    }

    /**
     * Sets the certificate verifier that gathers validation data, needed for B-LT.
     *
     * @param value the verifier
     * @return this builder
     */
    public Builder certificateVerifier(CertificateVerifier value) {
      this.verifier = Objects.requireNonNull(value, "certificateVerifier");
      return this;
    }

    /**
     * Sets the clock of the claimed signing time.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the limits on the documents this signer reads: size and element nesting depth. Past a
     * limit, signing fails with {@code INPUT_TOO_LARGE} or {@code MALFORMED_INPUT} and writes
     * nothing.
     *
     * @param value the limits; {@link ResourceLimits#defaults()} unless set
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the signer
     */
    public XmlSigner build() {
      return new XmlSigner(this);
    }
  }
}
