package vn.kyso.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.examples.SmokeDemo;
import vn.kyso.testkit.ExternalTools;
import vn.kyso.testkit.SoftHsm;

/** {@code kyso demo}: the SDK's main job end to end, with nothing set up beforehand. */
@Command(
    name = "demo",
    description = {
      "Chạy thử toàn bộ: PKI thử nghiệm, ký công văn PDF và hồ sơ XML, kiểm tra, áp dụng chính"
          + " sách.",
      "Runs the main job end to end: test PKI, signs a letter (PDF) and a record (XML), verifies,"
          + " applies the policy."
    })
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Kyso root;

  @Option(
      names = "--out",
      paramLabel = "FOLDER",
      description = "where the files go (default: a new temporary folder)")
  Path out;

  @Option(
      names = "--no-softhsm",
      description = "use PKCS#12 software tokens even when SoftHSM2 is installed")
  boolean noSoftHsm;

  @Option(
      names = "--remote",
      description =
          "the leader signs through a remote signing service (a loopback CSC service holding the"
              + " key, approved after two polls) instead of a token")
  boolean remote;

  @Override
  public Integer call() throws Exception {
    Messages m = new Messages(root.locale());
    Path folder = out != null ? out : Files.createTempDirectory("kyso-demo-");
    boolean installed =
        SoftHsm.findModule().isPresent()
            && ExternalTools.onPath("softhsm2-util")
            && ExternalTools.onPath("pkcs11-tool");
    String conf = System.getenv("SOFTHSM2_CONF");
    if (installed && !noSoftHsm && (conf == null || conf.isBlank())) {
      // SoftHSM2 reads its configuration from the environment when the library starts: run the demo
      // again in a child process with a configuration of its own inside the output folder.
      Files.createDirectories(folder.resolve("softhsm"));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Kyso.class.getName(),
                  "--lang",
                  root.lang,
                  "demo",
                  "--out",
                  folder.toString()));
      if (remote) {
        command.add("--remote");
      }
      ProcessBuilder child = new ProcessBuilder(command).inheritIO();
      child
          .environment()
          .put("SOFTHSM2_CONF", folder.resolve("softhsm").resolve("softhsm2.conf").toString());
      return child.start().waitFor();
    }
    boolean onSoftHsm = installed && !noSoftHsm;
    System.out.println(m.get(onSoftHsm ? "demo.softhsm" : "demo.token"));
    if (remote) {
      System.out.println(m.get("demo.remote"));
    }
    // Say what it is doing: the whole run can take half a minute on a loaded machine.
    SmokeDemo.Result result =
        SmokeDemo.run(
            folder,
            onSoftHsm,
            remote,
            step -> System.err.println(m.get("demo.step." + step.name())));
    for (ValidationReport report : new ValidationReport[] {result.pdf(), result.xml()}) {
      System.out.println(report.toText(root.locale()));
    }
    System.out.println(m.get("demo.folder", result.folder().toAbsolutePath()));
    return result.passed() ? 0 : 1;
  }
}
