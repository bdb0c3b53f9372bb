package vn.kyso.report;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import vn.kyso.api.shared.SuppressForbidden;

/**
 * The ETSI TS 119 102-2 schema as the EU DSS project ships it ({@code specs-validation-report},
 * test scope), with the schemas it imports resolved from DSS's jars and never from the network.
 */
public final class EtsiSchema {
  private static final Map<String, String> LOCAL =
      Map.of(
          "xmldsig-core-schema.xsd", "/xsd/xmldsig-core-schema.xsd",
          "xml.xsd", "/xsd/xml.xsd",
          "XAdES.xsd", "/xsd/XAdES.xsd",
          "ts_119612v020201_201601xsd.xsd", "/xsd/ts_119612v020101_xsd.xsd",
          "ts_119612v020101_xsd.xsd", "/xsd/ts_119612v020101_xsd.xsd");

  private static Schema schema;

  private EtsiSchema() {}

  /**
   * Validates an ETSI report.
   *
   * @param xml the report
   * @throws Exception when it is not valid
   */
  @SuppressForbidden(
      reason =
          "schemas are resolved only from DSS's jars (Local refuses anything else); the instance"
              + " is Kyso's own output")
  public static synchronized void validate(String xml) throws Exception {
    if (schema == null) {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setResourceResolver(new Local());
      URL main = EtsiSchema.class.getResource("/xsd/1910202xmlSchema.xsd");
      if (main == null) {
        throw new IllegalStateException("specs-validation-report is not on the test class path");
      }
      schema = f.newSchema(new StreamSource(main.openStream(), main.toString()));
    }
    schema
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
  }

  /** Resolves imported schemas from the jars; anything else is refused. */
  private static final class Local implements LSResourceResolver {
    @Override
    public LSInput resolveResource(
        String type, String namespace, String publicId, String systemId, String baseUri) {
      String name = systemId == null ? "" : systemId.substring(systemId.lastIndexOf('/') + 1);
      String local = LOCAL.get(name);
      if (local == null) {
        throw new IllegalStateException("schema not available offline: " + systemId);
      }
      URL url = EtsiSchema.class.getResource(local);
      if (url == null) {
        throw new IllegalStateException("missing " + local);
      }
      return new Input(publicId, url.toString());
    }
  }

  private record Input(String publicId, String systemId) implements LSInput {
    @Override
    public Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(Reader characterStream) {}

    @Override
    public InputStream getByteStream() {
      try {
        return new URL(systemId).openStream();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void setByteStream(InputStream byteStream) {}

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String stringData) {}

    @Override
    public String getPublicId() {
      return publicId;
    }

    @Override
    public void setPublicId(String publicId) {}

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String systemId) {}

    @Override
    public String getBaseURI() {
      return null;
    }

    @Override
    public void setBaseURI(String baseUri) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {}
  }
}
