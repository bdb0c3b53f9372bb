package vn.kyso.xades.internal;

import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.shared.SuppressForbidden;

/**
 * Hardened XML parsing and atomic writing. No DOCTYPE at all (so no external entities, no billion
 * laughs), no XInclude, no external DTD or schema access, bounded element depth and size; parse
 * errors are typed.
 */
public final class SecureXml {
  /** Largest XML document accepted. */
  public static final long MAX_SIZE = 64L * 1024 * 1024;

  /** Deepest element nesting accepted by default. */
  public static final int DEFAULT_DEPTH = 256;

  private SecureXml() {}

  /** Up to this size a plainly UTF-8 document is decoded by the JDK before the parser reads it. */
  static final int DECODE_UP_TO = 4 * 1024 * 1024;

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("\\sencoding\\s*=\\s*([\"'])([^\"']*)\\1");

  /**
   * The document as characters, for a document the parser would read as UTF-8 anyway: no BOM or the
   * UTF-8 one (dropped), markup first (no zero byte among the first four), and an XML declaration
   * (if any) naming UTF-8 or no encoding. The JDK's decoder takes a megabyte in a fraction of the
   * time the parser's own byte-by-byte UTF-8 reader does (about an eighth of a 1 MB XAdES
   * verification here). Bytes that are not well-formed UTF-8 are left to the parser (null), which
   * refuses them as before; so is every other encoding, and a document larger than {@value
   * #DECODE_UP_TO} bytes (its characters would take twice its size again in memory). The input
   * encoding stays UTF-8 (the signer's splice relies on it).
   *
   * @param data the document's bytes
   * @return the characters, or null to let the parser read the bytes
   */
  static InputSource decodedUtf8(byte[] data) {
    if (data.length > DECODE_UP_TO) {
      return null;
    }
    int start = utf8Start(data);
    if (start < 0) {
      return null;
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data, start, data.length - start));
    } catch (CharacterCodingException e) {
      return null;
    }
    InputSource source =
        new InputSource(
            new CharArrayReader(
                chars.array(), chars.arrayOffset() + chars.position(), chars.remaining()));
    source.setEncoding(StandardCharsets.UTF_8.name());
    return source;
  }

  /**
   * Where the characters of a document the parser would read as UTF-8 anyway begin: no BOM or the
   * UTF-8 one (skipped), markup first (no zero byte among the first four), and an XML declaration
   * (if any) naming UTF-8 or no encoding.
   *
   * @param data the document's bytes
   * @return 0, 3 after a UTF-8 BOM, or -1 when the parser must detect the encoding itself
   */
  static int utf8Start(byte[] data) {
    int start =
        data.length >= 3
                && data[0] == (byte) 0xEF
                && data[1] == (byte) 0xBB
                && data[2] == (byte) 0xBF
            ? 3
            : 0;
    if (start >= data.length || data[start] != '<') {
      return -1;
    }
    for (int i = start + 1; i < Math.min(data.length, start + 4); i++) {
      if (data[i] == 0) {
        return -1; // UTF-16 or UCS-4 without a BOM: the parser detects those itself
      }
    }
    if (startsWith(data, start, "<?xml")) {
      int end = -1;
      for (int i = start; i + 1 < Math.min(data.length, start + 256); i++) {
        if (data[i] == '?' && data[i + 1] == '>') {
          end = i;
          break;
        }
      }
      if (end < 0) {
        return -1;
      }
      String declaration = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
      Matcher m = DECLARED_ENCODING.matcher(declaration);
      if (m.find() && !"UTF-8".equalsIgnoreCase(m.group(2))) {
        return -1;
      }
    }
    return start;
  }

  /** The decoding ahead refused the bytes: the parser reads them itself. */
  static final class NotUtf8 extends Exception {
    private static final long serialVersionUID = 1L;

    NotUtf8(Throwable cause) {
      super(cause);
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (int i = 0; t != null && i < 16; t = t.getCause(), i++) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] data, int at, String ascii) {
    if (data.length - at < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (data[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses XML bytes with the hardened settings.
   *
   * @param data the document
   * @return the DOM
   * @throws DocumentException {@code MALFORMED_INPUT} or {@code INPUT_TOO_LARGE}
   */
  public static Document parse(byte[] data) throws DocumentException {
    return parse(data, MAX_SIZE, DEFAULT_DEPTH);
  }

  /**
   * Parses XML bytes with the hardened settings and the given limits.
   *
   * @param data the document
   * @param maxBytes the largest document accepted
   * @param maxDepth the deepest element nesting accepted
   * @return the DOM
   * @throws DocumentException {@code MALFORMED_INPUT} (nesting too deep included) or {@code
   *     INPUT_TOO_LARGE}
   */
  public static Document parse(byte[] data, long maxBytes, int maxDepth) throws DocumentException {
    return new Parsers(maxBytes, maxDepth).parse(data);
  }

  /**
   * Hardened parsers with fixed limits, kept for reuse: building a parser's configuration costs a
   * good part of parsing a small document. A service (verifier, signer) owns one and shares it
   * between threads; each parse takes a parser of its own (the parser resets its own state at every
   * parse), sets the strict handlers on it again, and gives it back.
   */
  public static final class Parsers {
    /** Up to four idle parsers of one kind, kept for the next parse. */
    private static final class Kept<T> {
      private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
      private final AtomicInteger count = new AtomicInteger();

      T take() {
        T t = idle.poll();
        if (t != null) {
          count.decrementAndGet();
        }
        return t;
      }

      void giveBack(T t) {
        if (count.incrementAndGet() <= 4) {
          idle.add(t);
        } else {
          count.decrementAndGet();
        }
      }
    }

    private final long maxBytes;
    private final int maxDepth;
    private final Kept<DocumentBuilder> builders = new Kept<>();
    private final Kept<XMLReader> readers = new Kept<>();

    /**
     * @param maxBytes the largest document accepted
     * @param maxDepth the deepest element nesting accepted
     */
    public Parsers(long maxBytes, int maxDepth) {
      this.maxBytes = maxBytes;
      this.maxDepth = maxDepth;
    }

    /**
     * Parses XML bytes with the hardened settings and these limits.
     *
     * @param data the document
     * @return the DOM
     * @throws DocumentException {@code MALFORMED_INPUT} (nesting too deep included) or {@code
     *     INPUT_TOO_LARGE}
     */
    public Document parse(byte[] data) throws DocumentException {
      return parse(data, true);
    }

    /** The same parse without {@link #decodedUtf8}: what the tests compare it with. */
    Document parseBytes(byte[] data) throws DocumentException {
      return parse(data, false);
    }

    private Document parse(byte[] data, boolean decodeAhead) throws DocumentException {
      requireWithinLimit(data);
      DocumentBuilder b = builders.take();
      if (b == null) {
        b = builder(maxDepth);
      }
      try {
        // Each parse resets the parser's state; the handlers are set again all the same, so that
        // nothing a previous parse did can leave another in place.
        handlers(b);
        InputSource decoded = decodeAhead ? decodedUtf8(data) : null;
        return b.parse(decoded != null ? decoded : new InputSource(new ByteArrayInputStream(data)));
      } catch (Exception e) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, e, "not acceptable XML: " + e.getMessage());
      } finally {
        builders.giveBack(b);
      }
    }

    private void requireWithinLimit(byte[] data) throws DocumentException {
      if (data.length > maxBytes) {
        throw new DocumentException(ErrorCode.INPUT_TOO_LARGE, null, "XML document", maxBytes);
      }
    }

    /**
     * Parses XML bytes with the hardened settings and these limits as events, without a DOM: the
     * same parser configuration, so the same documents are refused the same way.
     *
     * @param data the document
     * @return what the pass learnt
     * @throws DocumentException {@code MALFORMED_INPUT} (nesting too deep included) or {@code
     *     INPUT_TOO_LARGE}
     */
    public StreamedXml stream(byte[] data) throws DocumentException {
      return stream(data, StreamedXml.PIPE_FROM);
    }

    /**
     * The same pass, canonicalising beside the parse from {@code pipeFrom} bytes on; from there on
     * a plainly UTF-8 document is also decoded ahead of the parser on another thread ({@link
     * Utf8Pipe}). Bytes the decoding refuses are read by the parser itself, as below that size.
     */
    StreamedXml stream(byte[] data, int pipeFrom) throws DocumentException {
      requireWithinLimit(data);
      int start = data.length >= pipeFrom ? utf8Start(data) : -1;
      if (start >= 0) {
        try (Utf8Pipe chars = new Utf8Pipe(data, start, XmlWorkers.EXECUTOR)) {
          InputSource source = new InputSource(chars);
          source.setEncoding(StandardCharsets.UTF_8.name());
          return stream(data, pipeFrom, source);
        } catch (NotUtf8 e) {
          // left to the parser's own reading of the bytes, which refuses them or not as before
        }
      }
      return bytePass(data, pipeFrom);
    }

    /** The same pass over the bytes, the parser decoding them itself. */
    StreamedXml streamBytes(byte[] data, int pipeFrom) throws DocumentException {
      requireWithinLimit(data);
      return bytePass(data, pipeFrom);
    }

    /** {@link #streamBytes} once the size is checked. */
    private StreamedXml bytePass(byte[] data, int pipeFrom) throws DocumentException {
      try {
        return stream(data, pipeFrom, null);
      } catch (NotUtf8 e) {
        throw new IllegalStateException("only decoding ahead refuses bytes", e);
      }
    }

    /**
     * @param chars the document decoded ahead, or null for the parser to read the bytes
     */
    private StreamedXml stream(byte[] data, int pipeFrom, InputSource chars)
        throws DocumentException, NotUtf8 {
      XMLReader reader = readers.take();
      if (reader == null) {
        reader = reader(maxDepth);
      }
      StreamedXml.Collector collector = new StreamedXml.Collector(data.length >= pipeFrom);
      try {
        reader.setErrorHandler(STRICT);
        reader.setEntityResolver(NO_ENTITIES);
        reader.setContentHandler(collector.handler());
        reader.setProperty(LEXICAL_HANDLER, collector.handler());
        reader.parse(chars != null ? chars : new InputSource(new ByteArrayInputStream(data)));
      } catch (Exception e) {
        collector.abandon();
        if (chars != null && causedBy(e, MalformedInputException.class)) {
          throw new NotUtf8(e);
        }
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT, e, "not acceptable XML: " + e.getMessage());
      } finally {
        // The handler must not keep the document alive through a kept reader.
        reader.setContentHandler(null);
        try {
          reader.setProperty(LEXICAL_HANDLER, null);
        } catch (SAXException e) {
          // the property was set above, so it is known
        }
        readers.giveBack(reader);
      }
      return collector.result();
    }

    /**
     * Reads and parses a file.
     *
     * @param file the file
     * @return the DOM
     * @throws DocumentException when unreadable, too large, too deep or malformed
     */
    public Document parse(Path file) throws DocumentException {
      return parse(read(file, maxBytes));
    }
  }

  /** The features both parser factories set, with their values: no DTD, no external entities. */
  private static final Object[] HARDENING = {
    XMLConstants.FEATURE_SECURE_PROCESSING,
    true,
    "http://apache.org/xml/features/disallow-doctype-decl",
    true,
    "http://xml.org/sax/features/external-general-entities",
    false,
    "http://xml.org/sax/features/external-parameter-entities",
    false,
    "http://apache.org/xml/features/nonvalidating/load-external-dtd",
    false
  };

  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

  /** The event parser: the settings and limits of {@link #factory(int)}, for SAX. */
  @SuppressForbidden(reason = "the one hardened parser factory: no DTD, no external access")
  private static XMLReader reader(int maxDepth) {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setNamespaceAware(true);
      for (int i = 0; i < HARDENING.length; i += 2) {
        f.setFeature((String) HARDENING[i], (Boolean) HARDENING[i + 1]);
      }
      f.setXIncludeAware(false);
      SAXParser p = f.newSAXParser();
      p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      p.setProperty("jdk.xml.maxElementDepth", String.valueOf(maxDepth));
      p.setProperty("jdk.xml.elementAttributeLimit", "256");
      return p.getXMLReader();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
  }

  private static DocumentBuilder builder(int maxDepth) {
    try {
      return factory(maxDepth).newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
  }

  private static final ErrorHandler STRICT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // warnings do not stop parsing
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      };

  private static final EntityResolver NO_ENTITIES =
      (publicId, systemId) -> {
        throw new IOException("external entities are not allowed");
      };

  private static void handlers(DocumentBuilder b) {
    b.setErrorHandler(STRICT);
    b.setEntityResolver(NO_ENTITIES);
  }

  /**
   * Reads a file that may hold at most {@code maxBytes}.
   *
   * @param file the file
   * @param maxBytes the largest document accepted
   * @return its bytes
   * @throws DocumentException {@code INPUT_TOO_LARGE}, or {@code IO_ERROR} when it cannot be read
   */
  public static byte[] read(Path file, long maxBytes) throws DocumentException {
    try {
      if (Files.size(file) > maxBytes) {
        throw new DocumentException(ErrorCode.INPUT_TOO_LARGE, null, file, maxBytes);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file);
    }
  }

  static DocumentBuilderFactory factory() throws ParserConfigurationException {
    return factory(DEFAULT_DEPTH);
  }

  @SuppressForbidden(reason = "the one hardened parser factory: no DTD, no external access")
  static DocumentBuilderFactory factory(int maxDepth) throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    for (int i = 0; i < HARDENING.length; i += 2) {
      f.setFeature((String) HARDENING[i], (Boolean) HARDENING[i + 1]);
    }
    f.setXIncludeAware(false);
    f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
    f.setExpandEntityReferences(false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(maxDepth));
    f.setAttribute("jdk.xml.elementAttributeLimit", "256");
    return f;
  }

  /**
   * @return a new empty namespace-aware document
   */
  public static Document newDocument() {
    return Empty.BUILDER.getDOMImplementation().createDocument(null, null, null);
  }

  /** Only its DOM implementation is used, which makes documents for any thread. */
  private static final class Empty {
    static final DocumentBuilder BUILDER = builder(DEFAULT_DEPTH);
  }

  /**
   * Returns an identity transformer for writing a DOM out, from a factory that refuses external
   * DTDs and stylesheets and runs with secure processing: serialising never fetches anything.
   *
   * @return a new transformer (not thread-safe)
   * @throws TransformerConfigurationException when the JDK's factory cannot make one
   */
  @SuppressForbidden(reason = "the one hardened transformer factory: no external access")
  public static Transformer serializer() throws TransformerConfigurationException {
    TransformerFactory f = TransformerFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    return f.newTransformer();
  }

  /**
   * Tells whether the document's bytes start with an XML declaration, so that the output keeps it
   * or its absence.
   *
   * @param data the document as read
   * @return true when {@code <?xml} comes first, after any whitespace
   */
  public static boolean hasDeclaration(byte[] data) {
    return new String(data, 0, Math.min(data.length, 64), StandardCharsets.ISO_8859_1)
        .stripLeading()
        .startsWith("<?xml");
  }

  /**
   * Writes bytes atomically.
   *
   * @param bytes the document as written
   * @param output the target
   * @throws DocumentException {@code OUTPUT_FAILED}
   */
  public static void write(byte[] bytes, Path output) throws DocumentException {
    try {
      OutputFiles.write(output, out -> out.write(bytes));
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    }
  }

  /**
   * Writes a spliced output atomically.
   *
   * @param spliced the input's bytes and the element written into them
   * @param output the target
   * @throws DocumentException {@code OUTPUT_FAILED}
   */
  public static void write(AppendedXml.Spliced spliced, Path output) throws DocumentException {
    try {
      OutputFiles.write(output, spliced::writeTo);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    }
  }

  /**
   * Writes a document atomically, keeping its declared encoding and whether it had a declaration.
   *
   * @param doc the document
   * @param output the target
   * @param declaration whether to write an XML declaration
   * @throws DocumentException {@code OUTPUT_FAILED}
   */
  public static void write(Document doc, Path output, boolean declaration)
      throws DocumentException {
    Path temp = null;
    try {
      temp = OutputFiles.temporaryBeside(output, ".part");
      Transformer t = serializer();
      String encoding =
          doc.getXmlEncoding() == null ? StandardCharsets.UTF_8.name() : doc.getXmlEncoding();
      t.setOutputProperty(OutputKeys.ENCODING, encoding);
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, declaration ? "no" : "yes");
      try (OutputStream out = Files.newOutputStream(temp)) {
        t.transform(new DOMSource(doc), new StreamResult(out));
      }
      OutputFiles.moveIntoPlace(temp, output);
      temp = null;
    } catch (Exception e) {
      throw new DocumentException(ErrorCode.OUTPUT_FAILED, e, output, e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort
        }
      }
    }
  }
}
