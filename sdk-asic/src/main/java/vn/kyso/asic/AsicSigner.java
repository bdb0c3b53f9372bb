package vn.kyso.asic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import vn.kyso.api.DigestAlgorithm;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;
import vn.kyso.api.ResourceLimits;
import vn.kyso.api.shared.Files2;
import vn.kyso.api.shared.OutputFiles;
import vn.kyso.api.token.SigningKey;
import vn.kyso.asic.internal.Container;
import vn.kyso.asic.internal.Manifest;
import vn.kyso.cades.CadesLevel;
import vn.kyso.cades.CadesPackaging;
import vn.kyso.cades.CadesSignatureOptions;
import vn.kyso.cades.CadesSigner;
import vn.kyso.xades.XadesLevel;
import vn.kyso.xades.XadesPackaging;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;

/**
 * Creates ASiC-S and ASiC-E containers (ETSI EN 319 162-1) with CAdES or XAdES signatures, and adds
 * signatures to existing ones. Built once, immutable, thread-safe.
 *
 * <pre>{@code
 * AsicSigner asic = AsicSigner.builder().cades(cadesSigner).xades(xmlSigner).build();
 * asic.create(List.of(Path.of("to-trinh.docx"), Path.of("phu-luc.xlsx")), Path.of("ho-so.asice"),
 *     AsicOptions.builder(AsicType.E, AsicSignatureForm.CADES).level(SignatureLevel.B_T).build(),
 *     key);
 * }</pre>
 *
 * <p>The {@code mimetype} entry comes first, stored without compression; the data files follow
 * under their own names (at the container's root, names without folders), then {@code META-INF}.
 * ASiC-E with CAdES signs an {@code ASiCManifestNNN.xml} listing every data file with its SHA-256
 * digest; with XAdES, one detached signature references every data file. Adding a signature to
 * ASiC-E covers every data file the container holds; to ASiC-S, it joins the existing signature (a
 * parallel CAdES signer, or another {@code ds:Signature} in {@code signatures.xml}). Inputs are
 * only read; the output is written to a temporary file beside it and moved into place.
 *
 * @since 0.2
 */
public final class AsicSigner {
  private final CadesSigner cades;
  private final XmlSigner xades;
  private final ResourceLimits limits;

  private AsicSigner(Builder b) {
    this.cades = b.cades;
    this.xades = b.xades;
    this.limits = b.limits;
  }

  /**
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a container holding files and one signature over them.
   *
   * @param files the data files (one for ASiC-S); only read; their names become entry names
   * @param output the container ({@code .asics} or {@code .asice})
   * @param options type, signature format, level and policy check
   * @param key the signing key
   * @throws KysoException when a file cannot be read, a name cannot stand in a container, the
   *     policy refuses, the key or a service fails
   */
  public void create(List<Path> files, Path output, AsicOptions options, SigningKey key)
      throws KysoException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(key, "key");
    if (Objects.requireNonNull(files, "files").isEmpty()) {
      throw new IllegalArgumentException("a container holds at least one file");
    }
    if (options.type() == AsicType.S && files.size() != 1) {
      throw new IllegalArgumentException("an ASiC-S container holds exactly one file");
    }
    Map<String, Path> data = new LinkedHashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (Container.nameProblem(name) != null
          || name.equals("mimetype")
          || name.equalsIgnoreCase("META-INF")
          || data.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT,
            null,
            "the file name " + name + " cannot stand in a container");
      }
      data.put(name, f);
    }
    try (Work work = new Work()) {
      Map<String, Path> meta = new LinkedHashMap<>();
      sign(options, data, List.of(), work, meta, key);
      write(output, options.type(), data, meta);
    }
  }

  /**
   * Adds a signature to an existing container: over every data file (ASiC-E), or beside the
   * existing signature over the one file (ASiC-S).
   *
   * @param container the container; only read
   * @param output the container with the new signature
   * @param options the new signature's format, level and policy check (its type must be the
   *     container's)
   * @param key the signing key
   * @throws KysoException when the container cannot be read or is not of the type given, or signing
   *     fails
   */
  public void addSignature(Path container, Path output, AsicOptions options, SigningKey key)
      throws KysoException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(key, "key");
    try (Container c = Container.open(container, limits);
        Work work = new Work()) {
      Map<String, Path> data = new LinkedHashMap<>();
      Map<String, Path> meta = new LinkedHashMap<>();
      for (Container.Entry e : c.entries()) {
        if (e.name().equals("mimetype")) {
          String type = new String(e.bytes(256), StandardCharsets.US_ASCII).trim();
          if (!type.equals(options.type().mimeType())) {
            throw new DocumentException(
                ErrorCode.MALFORMED_INPUT,
                null,
                "the container is " + type + ", not ASiC-" + options.type());
          }
        } else if (e.name().startsWith("META-INF/")) {
          meta.put(e.name(), e.file());
        } else {
          data.put(e.name(), e.file());
        }
      }
      if (data.isEmpty() || (options.type() == AsicType.S && data.size() != 1)) {
        throw new DocumentException(
            ErrorCode.MALFORMED_INPUT,
            null,
            "the container's data files do not fit ASiC-" + options.type());
      }
      sign(options, data, new ArrayList<>(meta.keySet()), work, meta, key);
      write(output, options.type(), data, meta);
    }
  }

  /** Makes the signature entries and puts them into {@code meta} (replacing one when it grows). */
  private void sign(
      AsicOptions o,
      Map<String, Path> data,
      List<String> existing,
      Work work,
      Map<String, Path> meta,
      SigningKey key)
      throws KysoException {
    if (o.form() == AsicSignatureForm.CADES) {
      CadesSigner signer = require(cades, "cades");
      CadesSignatureOptions.Builder co =
          CadesSignatureOptions.builder(
              CadesLevel.valueOf(o.level().name()), CadesPackaging.DETACHED);
      o.policyCheck().ifPresent(co::policyCheck);
      if (o.type() == AsicType.S) {
        String name = "META-INF/signature.p7s";
        Path out = work.file("signature.p7s");
        if (meta.containsKey(name)) {
          co.parallelTo(meta.get(name));
        }
        signer.sign(data.values().iterator().next(), out, co.build(), key);
        meta.put(name, out);
      } else {
        String n = next(existing, "META-INF/signature", ".p7s");
        String sigName = "META-INF/signature" + n + ".p7s";
        List<Manifest.Reference> refs = new ArrayList<>();
        for (Map.Entry<String, Path> d : data.entrySet()) {
          refs.add(
              new Manifest.Reference(
                  d.getKey(), mimeType(d.getKey()), DigestAlgorithm.SHA256, digest(d.getValue())));
        }
        Path manifest = work.file("ASiCManifest" + n + ".xml");
        try {
          Files.write(manifest, new Manifest(sigName, refs).toXml());
        } catch (IOException e) {
          throw new DocumentException(ErrorCode.IO_ERROR, e, manifest);
        }
        Path out = work.file("signature" + n + ".p7s");
        signer.sign(manifest, out, co.build(), key);
        meta.put("META-INF/ASiCManifest" + n + ".xml", manifest);
        meta.put(sigName, out);
      }
      return;
    }
    XmlSigner signer = require(xades, "xades");
    if (data.keySet().stream().anyMatch(n -> n.contains("/"))) {
      throw new DocumentException(
          ErrorCode.MALFORMED_INPUT,
          null,
          "XAdES in ASiC signs files at the container's root only");
    }
    // Each data file under its entry name, so that the detached references name it.
    Path folder = work.folder();
    List<Path> named = new ArrayList<>();
    for (Map.Entry<String, Path> d : data.entrySet()) {
      Path p = folder.resolve(d.getKey());
      try {
        Files.copy(d.getValue(), p);
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.IO_ERROR, e, d.getKey());
      }
      named.add(p);
    }
    XmlSignatureOptions.Builder xo =
        XmlSignatureOptions.builder(XadesLevel.valueOf(o.level().name()), XadesPackaging.DETACHED)
            .detachedUri(named.get(0).getFileName().toString())
            .mimeType(mimeType(named.get(0).getFileName().toString()));
    for (Path more : named.subList(1, named.size())) {
      xo.additionalDetachedFile(more);
    }
    o.policyCheck().ifPresent(xo::policyCheck);
    Path sig = work.file("sig.xml");
    signer.sign(named.get(0), sig, xo.build(), key);
    String signature;
    try {
      signature = withoutDeclaration(Files.readString(sig, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, sig);
    }
    String name =
        o.type() == AsicType.S
            ? "META-INF/signatures.xml"
            : "META-INF/signatures" + next(existing, "META-INF/signatures", ".xml") + ".xml";
    Path out = work.file("signatures-" + meta.size() + ".xml");
    try {
      String xml;
      if (meta.containsKey(name)) {
        String old = Files.readString(meta.get(name), StandardCharsets.UTF_8);
        int end = old.lastIndexOf("</");
        if (end < 0) {
          throw new DocumentException(ErrorCode.MALFORMED_INPUT, null, name + " is not XML");
        }
        xml = old.substring(0, end) + signature + old.substring(end);
      } else {
        xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><asic:XAdESSignatures xmlns:asic=\""
                + Manifest.NS
                + "\">"
                + signature
                + "</asic:XAdESSignatures>";
      }
      Files.writeString(out, xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, name);
    }
    meta.put(name, out);
    if (o.type() == AsicType.E) {
      // The OpenDocument manifest ASiC-E with XAdES carries (ETSI EN 319 162-1, A.6): every file
      // with its media type.
      StringBuilder m =
          new StringBuilder(
              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>"
                  + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
                  + "manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry"
                  + " manifest:full-path=\"/\" manifest:media-type=\""
                  + AsicType.E.mimeType()
                  + "\"/>");
      for (String d : data.keySet()) {
        m.append("<manifest:file-entry manifest:full-path=\"")
            .append(vn.kyso.api.shared.SafeXml.escape(d))
            .append("\" manifest:media-type=\"")
            .append(mimeType(d))
            .append("\"/>");
      }
      m.append("</manifest:manifest>");
      Path manifest = work.file("manifest.xml");
      try {
        Files.writeString(manifest, m.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.IO_ERROR, e, manifest);
      }
      meta.put("META-INF/manifest.xml", manifest);
    }
  }

  private static String withoutDeclaration(String xml) {
    String s = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
    if (s.startsWith("<?xml")) {
      s = s.substring(s.indexOf("?>") + 2);
    }
    return s.strip();
  }

  /** The next three-digit number after those the existing entries use. */
  private static String next(List<String> existing, String prefix, String suffix) {
    int max = 0;
    for (String e : existing) {
      if (e.startsWith(prefix) && e.endsWith(suffix)) {
        String mid = e.substring(prefix.length(), e.length() - suffix.length());
        if (mid.matches("\\d{1,6}")) {
          max = Math.max(max, Integer.parseInt(mid));
        }
      }
    }
    return String.format(java.util.Locale.ROOT, "%03d", max + 1);
  }

  private static byte[] digest(Path file) throws DocumentException {
    try {
      return Files2.digest(file, DigestAlgorithm.SHA256);
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, file);
    }
  }

  /**
   * A media type from a file name's extension (application/octet-stream when unknown).
   *
   * @param name the file name
   * @return the media type
   */
  static String mimeType(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    String ext = n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : "";
    return switch (ext) {
      case "pdf" -> "application/pdf";
      case "xml" -> "text/xml";
      case "txt" -> "text/plain";
      case "json" -> "application/json";
      case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      case "doc" -> "application/msword";
      case "xls" -> "application/vnd.ms-excel";
      case "zip" -> "application/zip";
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      default -> "application/octet-stream";
    };
  }

  private static void write(
      Path output, AsicType type, Map<String, Path> data, Map<String, Path> meta)
      throws DocumentException {
    try {
      OutputFiles.write(
          output,
          out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            byte[] mime = type.mimeType().getBytes(StandardCharsets.US_ASCII);
            ZipEntry m = new ZipEntry("mimetype");
            m.setMethod(ZipEntry.STORED);
            m.setSize(mime.length);
            m.setCompressedSize(mime.length);
            CRC32 crc = new CRC32();
            crc.update(mime);
            m.setCrc(crc.getValue());
            zip.putNextEntry(m);
            zip.write(mime);
            zip.closeEntry();
            for (Map.Entry<String, Path> d : data.entrySet()) {
              zip.putNextEntry(new ZipEntry(d.getKey()));
              Files.copy(d.getValue(), zip);
              zip.closeEntry();
            }
            for (Map.Entry<String, Path> d : meta.entrySet()) {
              zip.putNextEntry(new ZipEntry(d.getKey()));
              Files.copy(d.getValue(), zip);
              zip.closeEntry();
            }
            zip.finish();
          });
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, output);
    }
  }

  private static <T> T require(T signer, String name) {
    if (signer == null) {
      throw new IllegalStateException(
          "this signature format needs AsicSigner.builder()." + name + "(...)");
    }
    return signer;
  }

  /** A temporary working folder, deleted on close. */
  private static final class Work implements AutoCloseable {
    private final Path dir;

    Work() throws DocumentException {
      try {
        dir = Files.createTempDirectory("kyso-asic-sign");
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.IO_ERROR, e, "temporary folder");
      }
    }

    Path file(String name) {
      return dir.resolve(name);
    }

    Path folder() throws DocumentException {
      try {
        return Files.createTempDirectory(dir, "data");
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.IO_ERROR, e, "temporary folder");
      }
    }

    @Override
    public void close() {
      Files2.deleteTree(dir);
    }
  }

  /** Builds an {@link AsicSigner}. */
  public static final class Builder {
    private CadesSigner cades;
    private XmlSigner xades;
    private ResourceLimits limits = ResourceLimits.defaults();

    private Builder() {}

    /**
     * @param value the CAdES signer for CAdES signatures (its TSA and verifier serve B-T to B-LTA)
     * @return this builder
     */
    public Builder cades(CadesSigner value) {
      this.cades = Objects.requireNonNull(value, "cades");
      return this;
    }

    /**
     * @param value the XML signer for XAdES signatures
     * @return this builder
     */
    public Builder xades(XmlSigner value) {
      this.xades = Objects.requireNonNull(value, "xades");
      return this;
    }

    /**
     * @param value the bounds for reading existing containers
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * @return the signer
     */
    public AsicSigner build() {
      return new AsicSigner(this);
    }
  }
}
