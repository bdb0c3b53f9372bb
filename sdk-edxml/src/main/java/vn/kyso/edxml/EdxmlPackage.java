package vn.kyso.edxml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.policy.DocumentInfo;
import vn.kyso.api.shared.SafeXml;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;
import vn.kyso.edxml.internal.EdxmlFindings;

/**
 * An edXML message (QCVN 102:2016/BTTTT), the package documents travel in between agencies over the
 * national document interconnection axis: the header (sender, receivers, number and notation,
 * document type, dates, signer), the manifest, and the attachments. Immutable.
 *
 * <pre>{@code
 * EdxmlPackage p = EdxmlPackage.read(Path.of("den.edxml"), ResourceLimits.defaults());
 * p.from().organName();  p.codeNumber();  p.attachments().get(0).data();
 * }</pre>
 *
 * <p>The reader is tolerant, as the public samples and gateway output differ: elements are found by
 * local name in the edXML namespace whatever their prefix, their order is not assumed, and unknown
 * elements are kept (the original bytes stay in {@link #xml()}, their names in {@link
 * #unknownElements()}). It is also hardened: no DTD, bounded depth and size, and a base64 payload
 * or the ZIP around it past the limits is a typed error. Mismatches it meets (a manifest entry
 * without its attachment, a repeated ContentId, a declared type the bytes contradict) are findings
 * ({@link #readingFindings()}), not errors.
 *
 * @since 0.2
 */
public final class EdxmlPackage {
  /** The edXML namespace of QCVN 102:2016. */
  public static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

  /** The XML-DSig namespace. */
  public static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

  /** The Id the writer gives the header, which a header signature is placed in. */
  public static final String HEADER_ID = "edXMLHeader";

  /** What kind of signature the header holds. */
  public enum HeaderSignature {
    /** None (as 2025 gateway messages). */
    NONE,
    /** An XML signature ({@code ds:Signature} in the XML-DSig namespace). */
    XMLDSIG,
    /** A {@code Signature} element in the edXML namespace: it looks like one but is not. */
    NOT_XMLDSIG
  }

  private static final Set<String> KNOWN =
      Set.of(
          "From",
          "To",
          "DocumentId",
          "Code",
          "PromulgationInfo",
          "DocumentType",
          "Subject",
          "Content",
          "SignerInfo",
          "DueDate",
          "OtherInfo",
          "ResponseFor",
          "SteeringType",
          "ToPlaces",
          "StaffInfo",
          "StatusCode",
          "Description",
          "Timestamp");

  private final byte[] xml;
  private final Organ from;
  private final List<Organ> to;
  private final String documentId;
  private final String codeNumber;
  private final String codeNotation;
  private final String place;
  private final String promulgationDate;
  private final String documentType;
  private final String documentTypeName;
  private final String subject;
  private final String content;
  private final SignerInfo signer;
  private final HeaderSignature headerSignature;
  private final List<Attachment> attachments;
  private final List<String> unknown;
  private final List<Finding> findings;

  private EdxmlPackage(Parsed p) {
    this.xml = p.xml;
    this.from = p.from;
    this.to = List.copyOf(p.to);
    this.documentId = p.documentId;
    this.codeNumber = p.codeNumber;
    this.codeNotation = p.codeNotation;
    this.place = p.place;
    this.promulgationDate = p.promulgationDate;
    this.documentType = p.documentType;
    this.documentTypeName = p.documentTypeName;
    this.subject = p.subject;
    this.content = p.content;
    this.signer = p.signer;
    this.headerSignature = p.headerSignature;
    this.attachments = List.copyOf(p.attachments);
    this.unknown = List.copyOf(p.unknown);
    this.findings = List.copyOf(p.findings);
  }

  /**
   * Reads a message.
   *
   * @param file the {@code .edxml} file; only read
   * @param limits the bounds ({@link ResourceLimits#maxXmlBytes()} for the message and each decoded
   *     attachment)
   * @return the package
   * @throws DocumentException {@code MALFORMED_INPUT} when it is not a well-formed edXML message
   *     (bytes before the XML declaration, an undeclared prefix, no envelope), {@code
   *     INPUT_TOO_LARGE} or {@code LIMIT_EXCEEDED} past a bound, {@code IO_ERROR}
   */
  public static EdxmlPackage read(Path file, ResourceLimits limits) throws DocumentException {
    try {
      if (Files.size(file) > limits.maxXmlBytes()) {
        throw new DocumentException(
            ErrorCode.INPUT_TOO_LARGE, null, "edXML message", limits.maxXmlBytes());
      }
      return parse(Files.readAllBytes(file), limits);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file);
    }
  }

  /**
   * Reads a message from bytes.
   *
   * @param xml the message
   * @param limits the bounds
   * @return the package
   * @throws DocumentException as {@link #read}
   */
  public static EdxmlPackage parse(byte[] xml, ResourceLimits limits) throws DocumentException {
    if (xml.length > limits.maxXmlBytes()) {
      throw new DocumentException(
          ErrorCode.INPUT_TOO_LARGE, null, "edXML message", limits.maxXmlBytes());
    }
    int start = xml.length >= 3 && (xml[0] & 0xff) == 0xef ? 3 : 0;
    if (xml.length == start || xml[start] != '<') {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT,
          null,
          "bytes before the XML declaration: not an edXML message");
    }
    Document d;
    try {
      d = SafeXml.parse(xml);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, e, e.getMessage());
    }
    Parsed p = new Parsed();
    p.xml = xml.clone();
    Element root = d.getDocumentElement();
    Element envelope =
        "edXMLEnvelope".equals(root.getLocalName()) ? root : child(root, "edXMLEnvelope");
    if (envelope == null || !NS.equals(envelope.getNamespaceURI())) {
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, null, "no edXMLEnvelope");
    }
    Element header = child(envelope, "edXMLHeader");
    Element message = header == null ? null : child(header, "MessageHeader");
    if (message == null) {
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, null, "no MessageHeader");
    }
    p.from = organ(child(message, "From"));
    for (Element e : children(message, "To")) {
      p.to.add(organ(e));
    }
    p.documentId = text(message, "DocumentId");
    Element code = child(message, "Code");
    p.codeNumber = text(code, "CodeNumber");
    p.codeNotation = text(code, "CodeNotation");
    Element promulgation = child(message, "PromulgationInfo");
    p.place = text(promulgation, "Place");
    p.promulgationDate = text(promulgation, "PromulgationDate");
    Element type = child(message, "DocumentType");
    p.documentType = text(type, "Type");
    p.documentTypeName = text(type, "TypeName");
    p.subject = text(message, "Subject");
    p.content = text(message, "Content");
    Element signer = child(message, "SignerInfo");
    p.signer =
        signer == null
            ? null
            : new SignerInfo(
                text(signer, "Competence"), text(signer, "Position"), text(signer, "FullName"));
    for (Node n = message.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && !KNOWN.contains(e.getLocalName())) {
        p.unknown.add(e.getLocalName());
      }
    }
    p.headerSignature = HeaderSignature.NONE;
    for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "Signature".equals(e.getLocalName())) {
        p.headerSignature =
            DSIG.equals(e.getNamespaceURI())
                ? HeaderSignature.XMLDSIG
                : HeaderSignature.NOT_XMLDSIG;
      }
    }
    attachments(root, envelope, limits, p);
    return new EdxmlPackage(p);
  }

  private static void attachments(Element root, Element envelope, ResourceLimits limits, Parsed p)
      throws DocumentException {
    Map<String, Element> listed = new LinkedHashMap<>();
    Element body = child(envelope, "edXMLBody");
    Element manifest = body == null ? null : child(body, "edXMLManifest");
    for (Element r : manifest == null ? List.<Element>of() : children(manifest, "Reference")) {
      String cid = text(r, "ContentId");
      if (listed.put(cid, r) != null) {
        p.findings.add(EdxmlFindings.of("EDXML_DUPLICATE_CONTENT_ID", Severity.WARNING, cid));
      }
    }
    Element encoded = child(root, "AttachmentEncoded");
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (Element a : encoded == null ? List.<Element>of() : children(encoded, "Attachment")) {
      String cid = text(a, "ContentId");
      if (!seen.add(cid)) {
        p.findings.add(EdxmlFindings.of("EDXML_DUPLICATE_CONTENT_ID", Severity.WARNING, cid));
      }
      if (!listed.containsKey(cid)) {
        p.findings.add(EdxmlFindings.of("EDXML_ATTACHMENT_UNLISTED", Severity.WARNING, cid));
      }
      String name = text(a, "AttachmentName");
      String declared = text(a, "ContentType");
      if (declared.isEmpty() && listed.containsKey(cid)) {
        declared = text(listed.get(cid), "ContentType");
      }
      byte[] payload;
      try {
        payload = Base64.getMimeDecoder().decode(text(a, "ContentTransferEncoded"));
      } catch (IllegalArgumentException e) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, e, "the attachment " + cid + " is not base64");
      }
      boolean zipped = payload.length >= 4 && payload[0] == 'P' && payload[1] == 'K';
      byte[] data = zipped ? unzip(payload, cid, limits) : payload;
      total += data.length;
      if (total > limits.maxXmlBytes() * 4L) {
        throw new DocumentException(
            ErrorCode.LIMIT_EXCEEDED, null, "decoded attachments", limits.maxXmlBytes() * 4L);
      }
      Attachment att = new Attachment(cid, name, declared, data, zipped);
      if (!declared.isEmpty() && !declared.equalsIgnoreCase(att.actualType()) && !zipped) {
        p.findings.add(
            EdxmlFindings.of(
                "EDXML_CONTENT_TYPE_MISMATCH", Severity.INFO, name, declared, att.actualType()));
      }
      p.attachments.add(att);
    }
    for (String cid : listed.keySet()) {
      if (!seen.contains(cid)) {
        p.findings.add(EdxmlFindings.of("EDXML_ATTACHMENT_MISSING", Severity.ERROR, cid));
      }
    }
  }

  /** The one file inside a ZIP payload, bounded in size and ratio. */
  private static byte[] unzip(byte[] zip, String cid, ResourceLimits limits)
      throws DocumentException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      byte[] out = null;
      ZipEntry e;
      int files = 0;
      while ((e = in.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        if (++files > 1) {
          throw new DocumentException(
              ErrorCode.MALFORMED_INPUT,
              null,
              "the ZIP of attachment " + cid + " holds more than one file");
        }
        out = bounded(in, limits.maxXmlBytes(), Math.max(zip.length, 1) * 200L + (1 << 20), cid);
      }
      if (out == null) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, null, "the ZIP of attachment " + cid + " is empty");
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT, e, "the ZIP of attachment " + cid + " cannot be read");
    }
  }

  private static byte[] bounded(InputStream in, long max, long ratioBound, String cid)
      throws IOException, DocumentException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    int n;
    long total = 0;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        throw new DocumentException(
            ErrorCode.LIMIT_EXCEEDED, null, "unzipped attachment " + cid, max + " bytes");
      }
      if (total > ratioBound) {
        throw new DocumentException(
            ErrorCode.LIMIT_EXCEEDED, null, "compression ratio of attachment " + cid, "200:1");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static Organ organ(Element e) {
    if (e == null) {
      return Organ.of("", "");
    }
    return new Organ(
        text(e, "OrganId"),
        text(e, "OrganName"),
        text(e, "OrganizationInCharge"),
        text(e, "OrganAdd"),
        text(e, "Email"),
        text(e, "Telephone"),
        text(e, "Fax"),
        text(e, "Website"));
  }

  private static Element child(Element parent, String local) {
    return parent == null ? null : SafeXml.child(parent, NS, local);
  }

  private static List<Element> children(Element parent, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && local.equals(e.getLocalName())
          && NS.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String local) {
    Element e = child(parent, local);
    return e == null ? "" : e.getTextContent().strip();
  }

  /**
   * @return the message as read or written
   */
  public byte[] xml() {
    return xml.clone();
  }

  /**
   * @return the sender
   */
  public Organ from() {
    return from;
  }

  /**
   * @return the receivers
   */
  public List<Organ> to() {
    return to;
  }

  /**
   * @return the document id ("organ,yyyy/MM/dd,number/notation" or a UUID), if given
   */
  public Optional<String> documentId() {
    return nonEmpty(documentId);
  }

  /**
   * @return the number (CodeNumber), if given
   */
  public Optional<String> codeNumber() {
    return nonEmpty(codeNumber);
  }

  /**
   * @return the notation (CodeNotation, e.g. {@code UBND-VP}), if given
   */
  public Optional<String> codeNotation() {
    return nonEmpty(codeNotation);
  }

  /**
   * @return "number/notation", e.g. {@code 123/UBND-VP}, when both are given
   */
  public Optional<String> numberSymbol() {
    return codeNumber.isEmpty() || codeNotation.isEmpty()
        ? Optional.empty()
        : Optional.of(codeNumber + "/" + codeNotation);
  }

  /**
   * @return the place of promulgation, if given
   */
  public Optional<String> place() {
    return nonEmpty(place);
  }

  /**
   * @return the date of promulgation as written (yyyy/MM/dd), if given
   */
  public Optional<String> promulgationDate() {
    return nonEmpty(promulgationDate);
  }

  /**
   * @return the document type code, if given
   */
  public Optional<String> documentType() {
    return nonEmpty(documentType);
  }

  /**
   * @return the document type's name (Công văn, Quyết định, …), if given
   */
  public Optional<String> documentTypeName() {
    return nonEmpty(documentTypeName);
  }

  /**
   * @return the subject (trích yếu), if given
   */
  public Optional<String> subject() {
    return nonEmpty(subject);
  }

  /**
   * @return the content summary, if given
   */
  public Optional<String> content() {
    return nonEmpty(content);
  }

  /**
   * @return who signed the letter, as the header says
   */
  public Optional<SignerInfo> signer() {
    return Optional.ofNullable(signer);
  }

  /**
   * @return what kind of signature the header holds
   */
  public HeaderSignature headerSignature() {
    return headerSignature;
  }

  /**
   * @return the attachments, decoded, in message order
   */
  public List<Attachment> attachments() {
    return attachments;
  }

  /**
   * @return the local names of MessageHeader elements the model does not read (kept in {@link
   *     #xml()})
   */
  public List<String> unknownElements() {
    return unknown;
  }

  /**
   * @return the mismatches the reader met
   */
  public List<Finding> readingFindings() {
    return findings;
  }

  /**
   * What the host's policy check takes from the header: the document type's name, the number and
   * notation, the issuing organisation, the signer's name and the date.
   *
   * @return the document information
   */
  public DocumentInfo documentInfo() {
    DocumentInfo.Builder b =
        DocumentInfo.builder(documentTypeName.isEmpty() ? "Văn bản" : documentTypeName);
    numberSymbol().ifPresent(b::numberSymbol);
    if (!from.organName().isEmpty()) {
      b.issuingOrganisation(from.organName());
    }
    if (signer != null && !signer.fullName().isEmpty()) {
      b.signerName(signer.fullName());
    }
    try {
      if (!promulgationDate.isEmpty()) {
        b.issueDate(
            LocalDate.parse(
                promulgationDate,
                DateTimeFormatter.ofPattern("yyyy/MM/dd", java.util.Locale.ROOT)));
      }
    } catch (RuntimeException e) {
      // a date written otherwise is left out
    }
    return b.build();
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * Starts a new outgoing message.
   *
   * @param from the sender
   * @return the builder
   */
  public static Builder builder(Organ from) {
    return new Builder(from);
  }

  /** The fields as parsed or built. */
  private static final class Parsed {
    byte[] xml;
    Organ from;
    final List<Organ> to = new ArrayList<>();
    String documentId = "";
    String codeNumber = "";
    String codeNotation = "";
    String place = "";
    String promulgationDate = "";
    String documentType = "";
    String documentTypeName = "";
    String subject = "";
    String content = "";
    SignerInfo signer;
    HeaderSignature headerSignature = HeaderSignature.NONE;
    final List<Attachment> attachments = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
  }

  /** Builds an outgoing message in the shape of the national samples. */
  public static final class Builder {
    private final Parsed p = new Parsed();
    private LocalDateTime trace;

    private Builder(Organ from) {
      p.from = Objects.requireNonNull(from, "from");
    }

    /**
     * @param organ a receiver (repeatable)
     * @return this builder
     */
    public Builder to(Organ organ) {
      p.to.add(Objects.requireNonNull(organ, "organ"));
      return this;
    }

    /**
     * @param number the number (CodeNumber)
     * @param notation the notation (CodeNotation)
     * @return this builder
     */
    public Builder code(String number, String notation) {
      p.codeNumber = Objects.requireNonNull(number, "number");
      p.codeNotation = Objects.requireNonNull(notation, "notation");
      return this;
    }

    /**
     * @param place the place
     * @param date the date of promulgation
     * @return this builder
     */
    public Builder promulgation(String place, LocalDate date) {
      p.place = Objects.requireNonNull(place, "place");
      p.promulgationDate =
          date.format(DateTimeFormatter.ofPattern("yyyy/MM/dd", java.util.Locale.ROOT));
      return this;
    }

    /**
     * @param type the type code (1 for a legal document, …)
     * @param name its name (Công văn, Quyết định, …)
     * @return this builder
     */
    public Builder documentType(String type, String name) {
      p.documentType = Objects.requireNonNull(type, "type");
      p.documentTypeName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * @param subject the subject (trích yếu)
     * @return this builder
     */
    public Builder subject(String subject) {
      p.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * @param signer who signed the letter
     * @return this builder
     */
    public Builder signer(SignerInfo signer) {
      p.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * @param value the document id; by default "organ,yyyy/MM/dd,number/notation"
     * @return this builder
     */
    public Builder documentId(String value) {
      p.documentId = Objects.requireNonNull(value, "documentId");
      return this;
    }

    /**
     * @param name the attachment name
     * @param contentType its media type
     * @param data its bytes (sent as base64, not zipped)
     * @return this builder
     */
    public Builder attachment(String name, String contentType, byte[] data) {
      String cid = "cid:" + java.util.UUID.randomUUID();
      p.attachments.add(new Attachment(cid, name, contentType, data, false));
      return this;
    }

    /**
     * @param time the time of the sender's trace header (default: now)
     * @return this builder
     */
    public Builder traceTime(LocalDateTime time) {
      this.trace = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * @return the message
     */
    public EdxmlPackage build() {
      if (p.documentId.isEmpty() && !p.codeNumber.isEmpty()) {
        p.documentId =
            p.from.organId() + "," + p.promulgationDate + "," + p.codeNumber + "/" + p.codeNotation;
      }
      p.xml = write(trace == null ? LocalDateTime.now(java.time.ZoneOffset.ofHours(7)) : trace);
      return new EdxmlPackage(p);
    }

    private byte[] write(LocalDateTime time) {
      StringBuilder b = new StringBuilder();
      b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML xmlns=\"")
          .append(NS)
          .append("\">\n<edXML:edXMLEnvelope xmlns:edXML=\"")
          .append(NS)
          .append("\">\n<edXML:edXMLHeader Id=\"")
          .append(HEADER_ID)
          .append("\">\n<edXML:MessageHeader>\n");
      organ(b, "From", p.from);
      for (Organ o : p.to) {
        organ(b, "To", o);
      }
      element(b, "DocumentId", p.documentId);
      b.append("<edXML:Code>");
      element(b, "CodeNumber", p.codeNumber);
      element(b, "CodeNotation", p.codeNotation);
      b.append("</edXML:Code>\n<edXML:PromulgationInfo>");
      element(b, "Place", p.place);
      element(b, "PromulgationDate", p.promulgationDate);
      b.append("</edXML:PromulgationInfo>\n<edXML:DocumentType>");
      element(b, "Type", p.documentType);
      element(b, "TypeName", p.documentTypeName);
      b.append("</edXML:DocumentType>\n");
      element(b, "Subject", p.subject);
      element(b, "Content", p.content.isEmpty() ? p.subject : p.content);
      if (p.signer != null) {
        b.append("<edXML:SignerInfo>");
        element(b, "Competence", p.signer.competence());
        element(b, "Position", p.signer.position());
        element(b, "FullName", p.signer.fullName());
        b.append("</edXML:SignerInfo>\n");
      }
      b.append("</edXML:MessageHeader>\n<edXML:TraceHeaderList><edXML:TraceHeader>");
      element(b, "OrganId", p.from.organId());
      element(
          b,
          "Timestamp",
          time.format(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", java.util.Locale.ROOT)));
      b.append("</edXML:TraceHeader></edXML:TraceHeaderList>\n</edXML:edXMLHeader>\n")
          .append("<edXML:edXMLBody>\n<edXML:edXMLManifest version=\"1.0\">\n");
      for (Attachment a : p.attachments) {
        b.append("<edXML:Reference>");
        element(b, "ContentId", a.contentId());
        element(b, "ContentType", a.declaredType());
        element(b, "AttachmentName", a.name());
        b.append("</edXML:Reference>\n");
      }
      b.append("</edXML:edXMLManifest>\n</edXML:edXMLBody>\n</edXML:edXMLEnvelope>\n")
          .append("<edXML:AttachmentEncoded xmlns:edXML=\"")
          .append(NS)
          .append("\">\n");
      for (Attachment a : p.attachments) {
        b.append("<edXML:Attachment>");
        element(b, "ContentId", a.contentId());
        element(b, "AttachmentName", a.name());
        element(b, "ContentType", a.declaredType());
        element(b, "ContentTransferEncoded", Base64.getMimeEncoder().encodeToString(a.data()));
        b.append("</edXML:Attachment>\n");
      }
      b.append("</edXML:AttachmentEncoded>\n</edXML>\n");
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void organ(StringBuilder b, String tag, Organ o) {
      b.append("<edXML:").append(tag).append('>');
      element(b, "OrganId", o.organId());
      element(b, "OrganizationInCharge", o.organizationInCharge());
      element(b, "OrganName", o.organName());
      element(b, "OrganAdd", o.address());
      element(b, "Email", o.email());
      element(b, "Telephone", o.telephone());
      element(b, "Fax", o.fax());
      element(b, "Website", o.website());
      b.append("</edXML:").append(tag).append(">\n");
    }

    private static void element(StringBuilder b, String tag, String value) {
      b.append("<edXML:")
          .append(tag)
          .append('>')
          .append(SafeXml.escape(value))
          .append("</edXML:")
          .append(tag)
          .append('>');
    }
  }
}
