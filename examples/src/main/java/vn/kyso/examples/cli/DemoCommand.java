package vn.kyso.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.validation.ValidationReport;
import vn.kyso.examples.SmokeDemo;

/** {@code kyso demo}: the SDK's main job end to end, with nothing set up beforehand. */
@Command(name = "demo", description = {
    "Chạy thử toàn bộ: PKI thử nghiệm, ký công văn PDF và hồ sơ XML, kiểm tra, áp dụng chính sách.",
    "Runs the main job end to end: test PKI, signs a letter (PDF) and a record (XML), verifies, applies the policy."})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand
  Kyso root;

  @Option(names = "--out", paramLabel = "FOLDER", description = "where the files go (default: a new temporary folder)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Messages m = new Messages(root.locale());
    Path folder = out != null ? out : Files.createTempDirectory("kyso-demo-");
    System.out.println(m.get("demo.token"));
    SmokeDemo.Result result = SmokeDemo.run(folder);
    for (ValidationReport report : new ValidationReport[] {result.pdf(), result.xml()}) {
      System.out.println(report.toText(root.locale()));
    }
    System.out.println(m.get("demo.folder", result.folder().toAbsolutePath()));
    return result.passed() ? 0 : 1;
  }
}
