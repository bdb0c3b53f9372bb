package vn.kyso.xades;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kyso.api.Digest;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.SignatureAlgorithm;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.token.SigningKey;
import vn.kyso.api.trust.Certificates;
import vn.kyso.api.trust.TsaClient;
import vn.kyso.xades.internal.SecureXml;
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
 * place; an enveloped signature keeps the document's encoding and whether it had an XML declaration.
 *
 * @since 0.1
 */
public final class XmlSigner {
  private final TsaClient tsa;
  private final Clock clock;

  private XmlSigner(Builder b) {
    this.tsa = b.tsa;
    this.clock = b.clock;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs.
   *
   * @param input the XML document (ENVELOPED) or the data to sign (ENVELOPING, DETACHED)
   * @param output the signed document (ENVELOPED, ENVELOPING) or the signature file (DETACHED)
   * @param options what to produce
   * @param key the signing key (RSA PKCS#1 v1.5 or ECDSA)
   * @throws KysoException when the input cannot be read or parsed, the key fails, or the TSA fails
   */
  public void sign(Path input, Path output, XmlSignatureOptions options, SigningKey key) throws KysoException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(key, "key");
    if (options.level() == XadesLevel.B_T && tsa == null) {
      throw new IllegalStateException("B-T needs a time-stamp client: XmlSigner.builder().timestampClient(...)");
    }
    Xades.init();
    byte[] data;
    try {
      data = Files.readAllBytes(input);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, input);
    }
    X509Certificate cert = key.certificate();
    SignatureAlgorithm alg = SignatureAlgorithm.of(cert.getPublicKey().getAlgorithm().equals("EC")
        ? SignatureAlgorithm.KeyType.EC : SignatureAlgorithm.KeyType.RSA, false, options.digest()).orElseThrow();
    String suffix = UUID.randomUUID().toString();
    boolean declaration = true;
    Document doc;
    if (options.packaging() == XadesPackaging.ENVELOPED) {
      doc = SecureXml.parse(data);
      declaration = new String(data, 0, Math.min(data.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1)
          .stripLeading().startsWith("<?xml");
    } else {
      doc = SecureXml.newDocument();
    }
    try {
      XMLSignature sig = new XMLSignature(doc, "", Xades.signatureUri(alg), Xades.EXC_C14N);
      String sigId = "xades-sig-" + suffix;
      sig.setId(sigId);
      sig.getElement().setIdAttributeNS(null, "Id", true);
      if (options.packaging() == XadesPackaging.ENVELOPED) {
        doc.getDocumentElement().appendChild(sig.getElement());
      } else {
        doc.appendChild(sig.getElement());
      }
      String refId = "xades-ref-" + suffix;
      String digestUri = Xades.digestUri(options.digest());
      switch (options.packaging()) {
        case ENVELOPED -> {
          Transforms t = new Transforms(doc);
          t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
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
        }
        default -> throw new IllegalStateException();
      }
      String spId = "xades-sp-" + suffix;
      Element qp = qualifyingProperties(doc, sigId, spId, refId, cert, options);
      ObjectContainer props = new ObjectContainer(doc);
      props.appendChild(qp);
      sig.appendObject(props);
      Element sp = (Element) qp.getElementsByTagNameNS(Xades.NS, "SignedProperties").item(0);
      sp.setIdAttributeNS(null, "Id", true);
      Transforms spt = new Transforms(doc);
      spt.addTransform(Xades.EXC_C14N);
      sig.addDocument("#" + spId, spt, digestUri, null, Xades.SIGNED_PROPERTIES_TYPE);
      X509Data x509 = new X509Data(doc);
      for (X509Certificate c : key.chain()) {
        x509.addCertificate(c);
      }
      sig.getKeyInfo().add(x509);
      sig.getSignedInfo().generateDigestValues();
      byte[] signedInfo = sig.getSignedInfo().getCanonicalizedOctetStream();
      Digest digest = alg.digestAlgorithm().digest(signedInfo);
      SignatureValue value = key.sign(digest, alg);
      byte[] raw = alg.keyType() == SignatureAlgorithm.KeyType.EC
          ? Xades.ecdsaRaw(value.value(), (Certificates.keySize(cert) + 7) / 8) : value.value();
      Element sv = (Element) sig.getElement().getElementsByTagNameNS(Xades.DS, "SignatureValue").item(0);
      sv.setTextContent(Xades.b64(raw));
      if (!sig.checkSignatureValue(cert)) {
        throw new DocumentException(ErrorCode.SIGNATURE_VALUE_INVALID, null);
      }
      if (options.level() == XadesLevel.B_T) {
        addSignatureTimestamp(doc, qp, sv, options);
      }
    } catch (KysoException e) {
      throw e;
    } catch (Exception e) {
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, e, "cannot build the XML signature: " + e.getMessage());
    }
    SecureXml.write(doc, output, declaration);
  }

  private Element qualifyingProperties(Document doc, String sigId, String spId, String refId, X509Certificate cert,
      XmlSignatureOptions options) throws Exception {
    Element qp = Xades.x(doc, "QualifyingProperties");
    qp.setAttributeNS(null, "Target", "#" + sigId);
    Element sp = Xades.x(doc, "SignedProperties");
    sp.setAttributeNS(null, "Id", spId);
    qp.appendChild(sp);
    Element ssp = Xades.x(doc, "SignedSignatureProperties");
    sp.appendChild(ssp);
    Element time = Xades.x(doc, "SigningTime");
    time.setTextContent(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(clock.instant().getEpochSecond())));
    ssp.appendChild(time);
    Element scv2 = Xades.x(doc, "SigningCertificateV2");
    Element c = Xades.x(doc, "Cert");
    Element cd = Xades.x(doc, "CertDigest");
    Element dm = Xades.ds(doc, "DigestMethod");
    dm.setAttributeNS(null, "Algorithm", Xades.digestUri(options.digest()));
    Element dv = Xades.ds(doc, "DigestValue");
    dv.setTextContent(Xades.b64(MessageDigest.getInstance(options.digest().jcaName()).digest(cert.getEncoded())));
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
    sp.appendChild(sdop);
    return qp;
  }

  private void addSignatureTimestamp(Document doc, Element qp, Element signatureValue, XmlSignatureOptions options)
      throws KysoException {
    byte[] c14n = Xades.c14n(signatureValue, Xades.EXC_C14N);
    byte[] token = tsa.timestamp(options.digest().digest(c14n)).encoded();
    Element up = Xades.x(doc, "UnsignedProperties");
    Element usp = Xades.x(doc, "UnsignedSignatureProperties");
    Element sts = Xades.x(doc, "SignatureTimeStamp");
    Element cm = Xades.ds(doc, "CanonicalizationMethod");
    cm.setAttributeNS(null, "Algorithm", Xades.EXC_C14N);
    Element ets = Xades.x(doc, "EncapsulatedTimeStamp");
    ets.setTextContent(Xades.b64(token));
    sts.appendChild(cm);
    sts.appendChild(ets);
    usp.appendChild(sts);
    up.appendChild(usp);
    qp.appendChild(up);
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
    private Clock clock = Clock.systemUTC();

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
     * Sets the clock of the claimed signing time.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** @return the signer */
    public XmlSigner build() {
      return new XmlSigner(this);
    }
  }

}
