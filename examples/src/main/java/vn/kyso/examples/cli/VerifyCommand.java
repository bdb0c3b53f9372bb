package vn.kyso.examples.cli;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.KysoException;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.asic.AsicVerifier;
import vn.kyso.cades.CadesVerifier;
import vn.kyso.edxml.EdxmlVerifier;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.policy.Policy;
import vn.kyso.policy.RegistryFile;
import vn.kyso.policy.SignerRegistry;
import vn.kyso.xades.XmlVerifier;

/** {@code kyso verify FILE...}: verifies PDF and XML signatures and prints the reports. */
@Command(
    name = "verify",
    description = {
      "Kiểm tra chữ ký số của các tệp PDF, XML.",
      "Verifies the signatures of PDF and XML files."
    })
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand Kyso root;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "PDF, XML, CAdES (.p7s, .p7m), ASiC (.asics, .asice) or edXML (.edxml) files")
  List<Path> files;

  @Option(
      names = "--trust",
      paramLabel = "FILE",
      description =
          "trust anchors (PEM or DER), repeatable; default: the built-in government anchors")
  List<Path> trust = new ArrayList<>();

  @Option(
      names = "--crl",
      paramLabel = "FILE",
      description = "a CRL to use (PEM or DER), repeatable")
  List<Path> crls = new ArrayList<>();

  @Option(
      names = "--ocsp-response",
      paramLabel = "FILE",
      description = "an OCSP response to use (PEM or DER), repeatable")
  List<Path> ocspResponses = new ArrayList<>();

  @Option(
      names = "--offline",
      description = "no network: only revocation data inside the documents and given here")
  boolean offline;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "validate as of this time, e.g. 2026-06-15T10:00:00+07:00")
  String at;

  @Option(names = "--json", description = "print the reports as JSON")
  boolean json;

  @Option(
      names = "--detached",
      paramLabel = "DATA",
      description =
          "the file a detached XML signature signs, known by its file name, repeatable; for a"
              + " detached CAdES signature (.p7s) the file it signs (default: the .p7s's name"
              + " without .p7s, beside it); nothing else is read")
  List<Path> detached = new ArrayList<>();

  @Option(
      names = "--accept-xmldsig",
      description =
          "accept plain XML-DSig signatures (no XAdES binding of the certificate), for documents"
              + " that are XML-DSig by definition such as e-invoices")
  boolean acceptXmlDsig;

  @Option(
      names = "--policy",
      paramLabel = "PRESET",
      description = "judge the signatures with a policy preset (kyso policy list)")
  String policy;

  @Option(
      names = "--registry",
      paramLabel = "FILE",
      description = "the host's registry for --policy (YAML or CSV)")
  Path registry;

  @Option(
      names = "--report",
      paramLabel = "html|pdf|etsi|csv",
      split = ",",
      description =
          "write reports: html and pdf (biên bản kiểm tra, one per file), etsi (ETSI TS 119 102-2"
              + " XML, one per file), csv (the summary); html also writes the summary page")
  List<String> reports = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FOLDER",
      description = "the folder the reports go to (created when missing)")
  Path out;

  @picocli.CommandLine.Mixin DocumentOptions doc = new DocumentOptions();

  private Map<String, byte[]> detachedData(Map<String, byte[]> cache) throws java.io.IOException {
    if (cache.isEmpty()) {
      for (Path d : detached) {
        cache.put(d.getFileName().toString(), Files.readAllBytes(d));
      }
    }
    return cache;
  }

  /** An edXML message: by its extension, or the QCVN 102:2016 namespace near its start. */
  static boolean isEdxml(Path f) throws java.io.IOException {
    if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edxml")) {
      return true;
    }
    byte[] head = new byte[1024];
    int n;
    try (java.io.InputStream in = Files.newInputStream(f)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains("http://www.mic.gov.vn/TBT/QCVN_102_2016");
  }

  /** An ASiC container: by its extension, or a zip whose first entry is the mimetype. */
  static boolean isAsic(Path f) throws java.io.IOException {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".asics")
        || name.endsWith(".asice")
        || name.endsWith(".scs")
        || name.endsWith(".sce")) {
      return true;
    }
    byte[] head = new byte[38];
    int n;
    try (java.io.InputStream in = Files.newInputStream(f)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return n == head.length
        && new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)
            .startsWith("PK\u0003\u0004")
        && new String(head, 30, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("mimetype");
  }

  /** A CMS signature file: by its extension, or DER / PEM PKCS#7 content. */
  static boolean isCms(Path f) throws java.io.IOException {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".p7s") || name.endsWith(".p7m") || name.endsWith(".p7")) {
      return true;
    }
    byte[] head = new byte[32];
    int n;
    try (java.io.InputStream in = Files.newInputStream(f)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String text = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.startsWith("-----BEGIN PKCS7") || text.startsWith("-----BEGIN CMS")) {
      return true;
    }
    // DER ContentInfo: a SEQUENCE, then the OID 1.2.840.113549.1.7.2 (signedData).
    byte[] signedData = {6, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 7, 2};
    for (int i = 2; n > 0 && head[0] == 0x30 && i + signedData.length <= n && i < 8; i++) {
      if (java.util.Arrays.equals(
          head, i, i + signedData.length, signedData, 0, signedData.length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The content of a detached CAdES signature: the one {@code --detached} file, or the one named
   * like the signature without its extension, beside it; null when there is none (an enveloping
   * signature, or the verdict says the content is missing).
   */
  private Path cadesContent(Path signature) throws KysoException {
    String name = signature.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    for (Path d : detached) {
      if (d.getFileName().toString().equals(stem)) {
        return d;
      }
    }
    if (detached.size() == 1) {
      return detached.get(0);
    }
    Path beside = signature.resolveSibling(stem);
    return !stem.equals(name) && Files.isRegularFile(beside) ? beside : null;
  }

  @Override
  public Integer call() throws Exception {
    root.awaitWarmUp();
    TrustAnchors anchors = Files2.anchors(trust);
    Clock clock = clockAt(at);
    Policy preset =
        policy == null
            ? null
            : policyPreset(
                policy,
                registry == null
                    ? Optional.empty()
                    : Optional.of(RegistryFile.load(Files2.existing(registry))));
    ReportFiles reportFiles =
        reports.isEmpty() ? null : ReportFiles.of(reports, out, root.locale());
    if (reportFiles == null && out != null) {
      throw new Kyso.UsageException("outNeedsReport");
    }
    List<byte[]> crlData = new ArrayList<>();
    for (Path c : crls) {
      crlData.add(Files2.derOrPem(c));
    }
    List<byte[]> ocspData = new ArrayList<>();
    for (Path o : ocspResponses) {
      ocspData.add(Files2.derOrPem(o));
    }
    CertificateVerifier verifier =
        CertificateVerifier.builder(anchors)
            .revocationData(crlData, ocspData)
            .network(offline ? NetworkSettings.offline() : NetworkSettings.online())
            .clock(clock)
            .build();
    PdfVerifier pdf = PdfVerifier.builder(verifier).clock(clock).build();
    XmlVerifier.Builder xmlBuilder = XmlVerifier.builder(verifier).clock(clock);
    if (acceptXmlDsig) {
      xmlBuilder.acceptPlainXmlDsig();
    }
    XmlVerifier xml = xmlBuilder.build();
    CadesVerifier cades = CadesVerifier.builder(verifier).clock(clock).build();
    AsicVerifier asic = AsicVerifier.builder(verifier).clock(clock).build();
    EdxmlVerifier edxml = EdxmlVerifier.builder(verifier).clock(clock).build();
    // Read for XML signatures only, when the first one needs them: a CAdES signature's content
    // is streamed, never held in memory.
    Map<String, byte[]> detachedData = new HashMap<>();
    for (Path d : detached) {
      Files2.existing(d);
    }
    // Every file is named first: a missing one is a usage error before anything is verified.
    for (Path f : files) {
      Files2.existing(f);
    }
    // Then every file gets its result: a file that cannot be verified is a result with its error
    // code, and the files after it are still checked. The exit code is the worst outcome.
    Indication worst = Indication.TOTAL_PASSED;
    boolean anyError = false;
    boolean denied = false;
    List<String> jsonItems = new ArrayList<>();
    PrintStream err = System.err;
    Messages m = new Messages(root.locale());
    int n = 0;
    for (Path f : files) {
      try {
        boolean isPdf = Files2.isPdf(f);
        ValidationReport r =
            isPdf
                ? pdf.verify(f)
                : isEdxml(f)
                    ? edxml
                        .verify(
                            f,
                            doc.number != null || doc.organisation != null ? doc.document() : null)
                        .report()
                    : isAsic(f)
                        ? asic.verify(f)
                        : isCms(f)
                            ? cades.verify(f, cadesContent(f))
                            : xml.verify(f, detachedData(detachedData)).report();
        if (preset != null) {
          r = preset.review(r, doc.document());
          // A signature the policy denies fails the check, whatever the document decision says.
          denied |=
              r.policyDecision().map(d -> d.verdict() == PolicyDecision.Verdict.DENY).orElse(false)
                  || r.signatures().stream()
                      .anyMatch(
                          x ->
                              x.policyDecision()
                                  .map(d -> d.verdict() == PolicyDecision.Verdict.DENY)
                                  .orElse(false));
        }
        worst = worst.worst(r.overall());
        if (reportFiles != null) {
          reportFiles.write(f, r, isPdf);
        }
        if (json) {
          StringWriter w = new StringWriter();
          r.writeJson(w);
          jsonItems.add(w.toString());
        } else {
          System.out.println(r.toText(root.locale()));
        }
      } catch (KysoException e) {
        anyError = true;
        String name = String.valueOf(f.getFileName());
        if (reportFiles != null) {
          reportFiles.failed(f, e);
        }
        if (json) {
          jsonItems.add(errorJson(name, e));
        } else {
          err.println(
              m.get("error.prefix")
                  + name
                  + ": "
                  + e.message(root.locale())
                  + " ["
                  + e.code()
                  + "]");
          err.println(m.hint(e.code()));
        }
        if (root.debug) {
          Kyso.printStackTrace(e, err);
        }
      }
      n++;
      if (files.size() > 3) {
        int done = n * 30 / files.size();
        err.print("\r[" + "#".repeat(done) + "-".repeat(30 - done) + "] " + n + "/" + files.size());
        if (n == files.size()) {
          err.println();
        }
      }
    }
    if (reportFiles != null) {
      reportFiles.finish();
      err.println(m.get("report.written", reportFiles.count(), reportFiles.folder()));
    }
    if (json) {
      // One complete JSON document whatever happened: an array, one object per file.
      StringBuilder w = new StringBuilder("[\n");
      for (int i = 0; i < jsonItems.size(); i++) {
        w.append(jsonItems.get(i)).append(i + 1 < jsonItems.size() ? ",\n" : "\n");
      }
      System.out.println(w.append(']'));
    }
    if (anyError || worst == Indication.TOTAL_FAILED) {
      return 1;
    }
    if (denied) {
      return Kyso.EXIT_REFUSED;
    }
    return worst == Indication.TOTAL_PASSED ? 0 : 2;
  }

  /** A file that could not be verified, as one object of the JSON array. */
  static String errorJson(String document, KysoException e) {
    return "{\n  \"document\" : "
        + quote(document)
        + ",\n  \"error\" : {\n    \"code\" : "
        + quote(e.code().name())
        + ",\n    \"en\" : "
        + quote(e.message(Locale.ENGLISH))
        + ",\n    \"vi\" : "
        + quote(e.message(Locale.forLanguageTag("vi")))
        + "\n  }\n}";
  }

  /** A JSON string literal (RFC 8259, 7). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** The clock of {@code --at TIME}: fixed at that time, or the system's when not given. */
  static Clock clockAt(String at) {
    if (at == null) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(OffsetDateTime.parse(at).toInstant(), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new Kyso.UsageException("badTime", at);
    }
  }

  static Policy policyPreset(String id) {
    return policyPreset(id, Optional.empty());
  }

  /** A preset with the host's registry, when one was given. */
  static Policy policyPreset(String id, Optional<? extends SignerRegistry> registry) {
    if (!Policy.presets().contains(id)) {
      throw new Kyso.UsageException("unknownPreset", id, String.join(", ", Policy.presets()));
    }
    Policy.Builder b = Policy.preset(id);
    registry.ifPresent(b::registry);
    return b.build();
  }

  static Instant now() {
    return Instant.now();
  }
}
