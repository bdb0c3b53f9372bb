package vn.kyso.examples.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.trust.Certificates;
import vn.kyso.policy.PackStatus;
import vn.kyso.policy.Policy;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.Territory;

/** {@code kyso policy list|show|check}. */
@Command(
    name = "policy",
    description = {
      "Chính sách ký số: danh sách, nội dung, kiểm tra.",
      "Signing policy presets: list them, show one, check a signer and a document against one."
    },
    subcommands = {
      PolicyCommand.ListCommand.class,
      PolicyCommand.ShowCommand.class,
      PolicyCommand.CheckCommand.class
    })
final class PolicyCommand implements Runnable {
  @ParentCommand Kyso root;

  @Override
  public void run() {
    throw new Kyso.UsageException("subcommand", "policy", "list, show, check");
  }

  /** {@code kyso policy list}. */
  @Command(name = "list", description = "Lists the presets / Liệt kê các bộ quy tắc.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;

    @Override
    public Integer call() {
      boolean vi = "vi".equals(parent.root.locale().getLanguage());
      Messages m = new Messages(parent.root.locale());
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
      for (String id : Policy.presets()) {
        PolicyPack p = PolicyPack.builtIn(id);
        PackStatus now = p.statusOn(today);
        String since =
            now == PackStatus.REPEALED
                ? p.effectiveUntil().map(d -> " " + m.get("status.after", d)).orElse("")
                : p.statusSince()
                    .filter(d -> now == PackStatus.UNKNOWN || now == PackStatus.DRAFT_LAPSED)
                    .map(d -> " " + m.get("status.since", d))
                    .orElse("");
        System.out.printf(
            Locale.ROOT,
            "%-24s %-50s %s → %s  %s%n",
            id,
            m.get("status." + now.name()) + since,
            p.effectiveFrom(),
            p.effectiveUntil().map(Object::toString).orElse(""),
            vi ? p.titleVi() : p.titleEn());
        if (p.territory().isPresent()) {
          Territory t = p.territory().get();
          System.out.println(
              "    " + m.get("territory", t.formerProvince(), t.mergedInto(), t.from()));
        }
      }
      return 0;
    }
  }

  /** {@code kyso policy show PRESET}. */
  @Command(name = "show", description = "Shows the rules of a preset / Hiển thị các quy tắc.")
  static final class ShowCommand implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;

    @Parameters(paramLabel = "PRESET")
    String preset;

    @Option(names = "--yaml", description = "print the pack files as YAML")
    boolean yaml;

    @Override
    public Integer call() {
      boolean vi = "vi".equals(parent.root.locale().getLanguage());
      Messages m = new Messages(parent.root.locale());
      for (PolicyPack p : VerifyCommand.policyPreset(preset).packs()) {
        if (yaml) {
          System.out.println("# " + p.source());
          System.out.println(p.toYaml());
          continue;
        }
        System.out.println(
            "== "
                + p.id()
                + " ("
                + p.document()
                + ", "
                + m.get("status." + p.statusOn(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"))).name())
                + ")");
        for (PolicyRule r : p.rules()) {
          System.out.printf(
              Locale.ROOT,
              "  %-8s %-9s %-32s %s [%s]%n",
              r.id(),
              m.get("severity." + r.severity().name()),
              r.check().yamlName(),
              vi ? r.titleVi() : r.titleEn(),
              r.citation());
        }
      }
      return 0;
    }
  }

  /** {@code kyso policy check --cert FILE ...}: one signer and one document against a preset. */
  @Command(
      name = "check",
      description = "Checks a signer certificate and a document against a preset / Kiểm tra.")
  static final class CheckCommand implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;

    @Option(
        names = "--cert",
        required = true,
        paramLabel = "FILE",
        description = "the signer certificate (PEM or DER)")
    Path cert;

    @Option(
        names = "--preset",
        defaultValue = "national",
        paramLabel = "PRESET",
        description = "default: national")
    String preset;

    @picocli.CommandLine.Mixin DocumentOptions doc = new DocumentOptions();

    @Option(
        names = "--at",
        paramLabel = "DATE",
        description = "take the law as of this day, e.g. 2018-06-15")
    String at;

    @Override
    public Integer call() throws Exception {
      X509Certificate certificate = Certificates.load(Files2.existing(cert)).get(0);
      Instant when = Instant.now();
      if (at != null) {
        try {
          when = LocalDate.parse(at).atTime(9, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();
        } catch (DateTimeParseException e) {
          throw new Kyso.UsageException("badDay", at);
        }
      }
      SigningRequest.Builder request = SigningRequest.builder(certificate, doc.document(), when);
      if (doc.kind != null) {
        request.kind(doc.kind);
      }
      PolicyDecision decision = VerifyCommand.policyPreset(preset).evaluate(request.build());
      System.out.print(decision.toText(parent.root.locale()));
      return decision.isAllowed() ? 0 : 1;
    }
  }
}
