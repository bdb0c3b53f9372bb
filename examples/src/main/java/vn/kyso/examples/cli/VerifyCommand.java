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
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.trust.CertificateVerifier;
import vn.kyso.api.trust.NetworkSettings;
import vn.kyso.api.trust.TrustAnchors;
import vn.kyso.api.validation.Indication;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.pades.PdfVerifier;
import vn.kyso.policy.Policy;
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

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "PDF or XML files")
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
          "the file a detached XML signature signs, known by its file name, repeatable; nothing"
              + " else is read")
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

  @picocli.CommandLine.Mixin DocumentOptions doc = new DocumentOptions();

  @Override
  public Integer call() throws Exception {
    TrustAnchors anchors = Files2.anchors(trust);
    Clock clock = Clock.systemUTC();
    if (at != null) {
      try {
        clock = Clock.fixed(OffsetDateTime.parse(at).toInstant(), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new Kyso.UsageException(
            "--at needs a time like 2026-06-15T10:00:00+07:00, not " + at);
      }
    }
    Policy preset = policy == null ? null : policyPreset(policy);
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
    Map<String, byte[]> detachedData = new HashMap<>();
    for (Path d : detached) {
      Files2.existing(d);
      detachedData.put(d.getFileName().toString(), Files.readAllBytes(d));
    }
    Indication worst = Indication.TOTAL_PASSED;
    List<ValidationReport> reports = new ArrayList<>();
    PrintStream err = System.err;
    int n = 0;
    for (Path f : files) {
      Files2.existing(f);
      ValidationReport r = Files2.isPdf(f) ? pdf.verify(f) : xml.verify(f, detachedData).report();
      if (preset != null) {
        r = preset.review(r, doc.document());
      }
      reports.add(r);
      worst = worst.worst(r.overall());
      n++;
      if (files.size() > 3) {
        int done = n * 30 / files.size();
        err.print("\r[" + "#".repeat(done) + "-".repeat(30 - done) + "] " + n + "/" + files.size());
        if (n == files.size()) {
          err.println();
        }
      }
      if (!json) {
        System.out.println(r.toText(root.locale()));
      }
    }
    if (json) {
      StringWriter w = new StringWriter();
      if (reports.size() == 1) {
        reports.get(0).writeJson(w);
      } else {
        w.write("[\n");
        for (int i = 0; i < reports.size(); i++) {
          reports.get(i).writeJson(w);
          w.write(i + 1 < reports.size() ? ",\n" : "\n");
        }
        w.write("]");
      }
      System.out.println(w);
    }
    return switch (worst) {
      case TOTAL_PASSED -> 0;
      case TOTAL_FAILED -> 1;
      default -> 2;
    };
  }

  static Policy policyPreset(String id) {
    if (!Policy.presets().contains(id)) {
      throw new Kyso.UsageException("unknown policy preset " + id + "; one of " + Policy.presets());
    }
    return Policy.preset(id).build();
  }

  static Instant now() {
    return Instant.now();
  }
}
