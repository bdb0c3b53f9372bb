package vn.kyso.interop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The EU DSS library (6.4) as the interoperability peer, run as {@code vn.kyso.interop.dss.DssTool}
 * in a child JVM on DSS's own class path (module interop-dss): its default validation policy, the
 * test root as its only trust anchor, revocation fetched online from the testkit's loopback OCSP
 * and CRL servers (the addresses the test certificates carry), and the loopback TSA for signing.
 * Jobs are batched: one JVM per batch.
 */
final class Dss {
  private static final Path TOOL = Path.of("..", "interop-dss", "target");

  private final Path rootPem;
  private final URI tsa;

  Dss(X509Certificate root, URI tsa, Path workDir) {
    this.tsa = tsa;
    this.rootPem = workDir.resolve("root.pem");
    try {
      Files.writeString(
          rootPem,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(root.getEncoded())
              + "\n-----END CERTIFICATE-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One signature's result in DSS's simple report. */
  record Verdict(String indication, String subIndication, String errors) {
    boolean passed() {
      return indication.equals("TOTAL_PASSED");
    }

    @Override
    public String toString() {
      return indication + ("-".equals(subIndication) ? "" : "/" + subIndication) + " " + errors;
    }
  }

  /** A file to validate; {@code detachedName} and {@code detachedFile} may be null. */
  record Check(String id, Path file, String detachedName, Path detachedFile) {}

  /** A signature for DSS to make. */
  record Job(
      String id,
      String format,
      String level,
      String packaging,
      Path p12,
      String password,
      Path in,
      Path out) {}

  /**
   * Validates files with DSS's default policy, in one child JVM.
   *
   * @param checks the files
   * @return per check id, one verdict per signature in DSS's order
   */
  Map<String, List<Verdict>> validate(List<Check> checks) {
    StringBuilder jobs = new StringBuilder();
    for (Check c : checks) {
      jobs.append(c.id()).append('\t').append(c.file().toAbsolutePath());
      if (c.detachedName() != null) {
        jobs.append('\t')
            .append(c.detachedName())
            .append('\t')
            .append(c.detachedFile().toAbsolutePath());
      }
      jobs.append('\n');
    }
    Map<String, List<Verdict>> out = new LinkedHashMap<>();
    for (String[] line : run(List.of("validate", rootPem.toString()), jobs.toString())) {
      if (line.length >= 3 && line[1].equals("ERROR")) {
        throw new IllegalStateException("DSS could not validate " + line[0] + ": " + line[2]);
      }
      out.computeIfAbsent(line[0], k -> new ArrayList<>())
          .add(new Verdict(line[2], line[3], line.length > 4 ? line[4] : ""));
    }
    return out;
  }

  /**
   * Has DSS make signatures, in one child JVM.
   *
   * @param jobs the signatures
   * @return per job id, null when it was made, else DSS's error
   */
  Map<String, String> sign(List<Job> jobs) {
    StringBuilder in = new StringBuilder();
    for (Job j : jobs) {
      in.append(
              String.join(
                  "\t",
                  j.id(),
                  j.format(),
                  j.level(),
                  j.packaging(),
                  j.p12().toAbsolutePath().toString(),
                  j.password(),
                  j.in().toAbsolutePath().toString(),
                  j.out().toAbsolutePath().toString()))
          .append('\n');
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] line : run(List.of("sign", rootPem.toString(), tsa.toString()), in.toString())) {
      out.put(line[0], line[1].equals("OK") ? null : line.length > 2 ? line[2] : line[1]);
    }
    return out;
  }

  private static List<String[]> run(List<String> args, String stdin) {
    try {
      String classpath =
          TOOL.resolve("classes")
              + File.pathSeparator
              + Files.readString(TOOL.resolve("dss-classpath.txt")).trim();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                  "-cp",
                  classpath,
                  "vn.kyso.interop.dss.DssTool"));
      command.addAll(args);
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream o = p.getOutputStream()) {
        o.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      List<String[]> lines = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.contains("\t")) {
            lines.add(line.split("\t", -1));
          }
        }
      }
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "the DSS tool failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run the DSS tool; build the interop-dss module first", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
