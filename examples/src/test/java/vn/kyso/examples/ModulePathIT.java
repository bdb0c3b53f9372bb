package vn.kyso.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on the module path uses the SDK through its module descriptors: it compiles
 * against the exported packages only, signs and verifies a PDF and an XML document, reads the
 * message bundles and the policy packs from inside the modules, and cannot reach {@code internal}
 * or {@code vn.kyso.api.shared}.
 */
class ModulePathIT {
  /** The jars of the SDK and of what its modules require, by file-name prefix. */
  private static final List<String> MODULE_JARS =
      List.of(
          "sdk-api-",
          "sdk-pkcs11-",
          "sdk-pades-",
          "sdk-xades-",
          "sdk-cades-",
          "sdk-asic-",
          "sdk-edxml-",
          "sdk-policy-",
          "sdk-testkit-",
          "bcprov-",
          "bcpkix-",
          "bcutil-",
          "slf4j-api-",
          "jackson-core-",
          "pdfbox-",
          "fontbox-",
          "commons-logging-",
          "xmlsec-",
          "commons-codec-",
          "jakarta.xml.bind-api-",
          "jakarta.activation-api-",
          "snakeyaml-engine-",
          "ipkcs11wrapper-",
          "junit-jupiter-api-",
          "junit-platform-commons-",
          "opentest4j-",
          "apiguardian-api-",
          "Java-WebSocket-");

  private static String modulePath;

  @BeforeAll
  static void collectModulePath() {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.endsWith(".jar")
          && !name.contains("-tests")
          && MODULE_JARS.stream().anyMatch(name::startsWith)) {
        jars.add(entry);
      } else if (entry.endsWith("/target/classes") && isSdkModuleFolder(entry)) {
        jars.add(entry); // a reactor module before packaging: an exploded module
      }
    }
    assertThat(jars)
        .as("the SDK's modules on the test class path")
        .anyMatch(j -> j.contains("sdk-pades"))
        .anyMatch(j -> j.contains("sdk-xades"));
    modulePath = String.join(File.pathSeparator, jars);
  }

  private static boolean isSdkModuleFolder(String entry) {
    Path classes = Path.of(entry);
    return classes.getParent().getParent().getFileName().toString().startsWith("sdk-")
        && Files.exists(classes.resolve("module-info.class"));
  }

  @Test
  void anApplicationOnTheModulePath_signsAndVerifies(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    write(
        src.resolve("module-info.java"),
        """
        module kyso.app {
          requires vn.kyso.pades;
          requires vn.kyso.xades;
          requires vn.kyso.cades;
          requires vn.kyso.asic;
          requires vn.kyso.edxml;
          requires vn.kyso.policy;
          requires vn.kyso.pkcs11;
          requires vn.kyso.testkit;
        }
        """);
    write(src.resolve("app/Main.java"), APP);
    Path out = dir.resolve("out");
    Compiled compiled = javac(out, src.resolve("module-info.java"), src.resolve("app/Main.java"));
    assertThat(compiled.exitCode()).as(compiled.output()).isZero();

    Path work = Files.createDirectories(dir.resolve("work"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                out + File.pathSeparator + modulePath,
                "-m",
                "kyso.app/app.Main",
                work.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output)
        .contains(
            "pdf TOTAL_PASSED",
            "xml TOTAL_PASSED",
            "cades TOTAL_PASSED",
            "asic TOTAL_PASSED",
            "edxml 12/UBND-VP, 1 attachment(s)",
            "HỢP LỆ",
            "national policy: 1 pack(s) or more",
            "vn.kyso.api named, shared exported to the app: false, to vn.kyso.pades: true",
            "vn.kyso.pades.internal exported: false");
  }

  @Test
  void anApplicationOnTheModulePath_cannotImportInternals(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    write(
        src.resolve("module-info.java"),
        "module kyso.bad { requires vn.kyso.pades; requires vn.kyso.api; }\n");
    write(
        src.resolve("bad/Shared.java"),
        "package bad;\n"
            + "public class Shared { Object o = vn.kyso.api.shared.OutputFiles.class; }\n");
    write(
        src.resolve("bad/Internal.java"),
        "package bad;\n"
            + "public class Internal { Object o = vn.kyso.pades.internal.PdfLoad.class; }\n");
    Compiled compiled =
        javac(
            dir.resolve("out"),
            src.resolve("module-info.java"),
            src.resolve("bad/Shared.java"),
            src.resolve("bad/Internal.java"));
    assertThat(compiled.exitCode()).isNotZero();
    assertThat(compiled.output())
        .contains("package vn.kyso.api.shared is not visible")
        .contains("package vn.kyso.pades.internal is not visible");
  }

  private record Compiled(int exitCode, String output) {}

  private static Compiled javac(Path out, Path... sources) {
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--module-path", modulePath, "-d", out.toString()));
    for (Path s : sources) {
      args.add(s.toString());
    }
    int code;
    try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code = javac.run(ps, ps, args.toArray(String[]::new));
    }
    return new Compiled(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static final String APP =
      """
      package app;

      import java.io.ByteArrayOutputStream;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Locale;
      import java.util.Map;
      import vn.kyso.api.token.SigningKey;
      import vn.kyso.api.token.SigningToken;
      import vn.kyso.api.trust.CertificateVerifier;
      import vn.kyso.api.trust.NetworkSettings;
      import vn.kyso.api.validation.ValidationReport;
      import vn.kyso.pades.PadesLevel;
      import vn.kyso.pades.PdfSignatureOptions;
      import vn.kyso.pades.PdfSigner;
      import vn.kyso.pades.PdfVerifier;
      import vn.kyso.policy.Policy;
      import vn.kyso.testkit.TestIdentity;
      import vn.kyso.testkit.TestPki;
      import vn.kyso.xades.XadesLevel;
      import vn.kyso.xades.XadesPackaging;
      import vn.kyso.xades.XmlSignatureOptions;
      import vn.kyso.xades.XmlSigner;
      import vn.kyso.xades.XmlVerifier;
      import vn.kyso.cades.CadesLevel;
      import vn.kyso.cades.CadesPackaging;
      import vn.kyso.cades.CadesSignatureOptions;
      import vn.kyso.cades.CadesSigner;
      import vn.kyso.cades.CadesVerifier;
      import vn.kyso.asic.AsicOptions;
      import vn.kyso.asic.AsicSignatureForm;
      import vn.kyso.asic.AsicSigner;
      import vn.kyso.asic.AsicType;
      import vn.kyso.asic.AsicVerifier;
      import vn.kyso.edxml.EdxmlPackage;
      import vn.kyso.edxml.Organ;

      public final class Main {
        public static void main(String[] args) throws Exception {
          Path dir = Path.of(args[0]);
          TestPki pki = TestPki.builder().seed(7).build();
          CertificateVerifier verifier =
              CertificateVerifier.builder(pki.trustAnchors())
                  .network(NetworkSettings.offline())
                  .clock(pki.clock())
                  .insecureSkipRevocationCheck()
                  .build();
          Path pdf = Files.write(dir.resolve("letter.pdf"), minimalPdf());
          Path xml =
              Files.writeString(
                  dir.resolve("record.xml"),
                  "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?><HoSo><Ten>Hồ sơ</Ten></HoSo>",
                  StandardCharsets.UTF_8);
          Path signedPdf = dir.resolve("letter-signed.pdf");
          Path signedXml = dir.resolve("record-signed.xml");
          try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
            SigningKey key = token.keys().get(0);
            PdfSigner.builder().clock(pki.clock()).build()
                .sign(pdf, signedPdf, PdfSignatureOptions.builder(PadesLevel.B_B).build(), key);
            XmlSigner.builder().clock(pki.clock()).build()
                .sign(xml, signedXml,
                    XmlSignatureOptions.builder(XadesLevel.B_B, XadesPackaging.ENVELOPED).build(),
                    key);
          }
          ValidationReport report =
              PdfVerifier.builder(verifier).clock(pki.clock()).build().verify(signedPdf);
          System.out.println("pdf " + report.overall());
          System.out.println(report.toText(Locale.forLanguageTag("vi")));
          ValidationReport xmlReport =
              XmlVerifier.builder(verifier).clock(pki.clock()).build()
                  .verify(signedXml, Map.of()).report();
          System.out.println("xml " + xmlReport.overall());
          Path p7s = dir.resolve("record.xml.p7s");
          Path asice = dir.resolve("ho-so.asice");
          try (SigningToken token = pki.credential(TestIdentity.CHAIRMAN).signingToken()) {
            CadesSigner cades = CadesSigner.builder().clock(pki.clock()).build();
            cades.sign(xml, p7s,
                CadesSignatureOptions.builder(CadesLevel.B_B, CadesPackaging.DETACHED).build(),
                token.keys().get(0));
            AsicSigner.builder().cades(cades).build().create(List.of(pdf, xml), asice,
                AsicOptions.builder(AsicType.E, AsicSignatureForm.CADES).build(),
                token.keys().get(0));
          }
          System.out.println("cades "
              + CadesVerifier.builder(verifier).clock(pki.clock()).build().verify(p7s, xml).overall());
          System.out.println("asic "
              + AsicVerifier.builder(verifier).clock(pki.clock()).build().verify(asice).overall());
          EdxmlPackage message =
              EdxmlPackage.parse(
                  EdxmlPackage.builder(Organ.of("000.00.31.H58", "UBND"))
                      .code("12", "UBND-VP")
                      .attachment("letter.pdf", "application/pdf", Files.readAllBytes(signedPdf))
                      .build()
                      .xml(),
                  vn.kyso.api.ResourceLimits.defaults());
          System.out.println("edxml " + message.numberSymbol().orElse("-") + ", "
              + message.attachments().size() + " attachment(s)");
          int packs = Policy.preset("national").build().packs().size();
          System.out.println("national policy: " + (packs >= 1 ? "1 pack(s) or more" : "none"));
          Module api = CertificateVerifier.class.getModule();
          Module pades = PdfSigner.class.getModule();
          System.out.println(api.getName() + (api.isNamed() ? " named" : " unnamed")
              + ", shared exported to the app: "
              + api.isExported("vn.kyso.api.shared", Main.class.getModule())
              + ", to vn.kyso.pades: " + api.isExported("vn.kyso.api.shared", pades));
          System.out.println("vn.kyso.pades.internal exported: "
              + pades.isExported("vn.kyso.pades.internal"));
        }

        private static byte[] minimalPdf() {
          List<String> objects = List.of(
              "<</Type/Catalog/Pages 2 0 R>>",
              "<</Type/Pages/Kids[3 0 R]/Count 1>>",
              "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>");
          StringBuilder pdf = new StringBuilder("%PDF-1.7\\n");
          List<Integer> offsets = new ArrayList<>();
          for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\\n").append(objects.get(i)).append("\\nendobj\\n");
          }
          int xref = pdf.length();
          pdf.append("xref\\n0 ").append(objects.size() + 1).append("\\n0000000000 65535 f \\n");
          for (int offset : offsets) {
            pdf.append(String.format(Locale.ROOT, "%010d 00000 n \\n", offset));
          }
          pdf.append("trailer\\n<</Size ").append(objects.size() + 1).append("/Root 1 0 R>>\\n")
              .append("startxref\\n").append(xref).append("\\n%%EOF\\n");
          return pdf.toString().getBytes(StandardCharsets.US_ASCII);
        }
      }
      """;
}
