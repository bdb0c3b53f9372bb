package vn.kyso.examples.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.policy.Operation;
import vn.kyso.api.policy.PolicyDecision;
import vn.kyso.api.policy.PolicyFinding;
import vn.kyso.api.policy.SigningRequest;
import vn.kyso.api.trust.Certificates;
import vn.kyso.policy.Approval;
import vn.kyso.policy.CertificateAdvice;
import vn.kyso.policy.EventAdvice;
import vn.kyso.policy.HrEvent;
import vn.kyso.policy.LifecycleQuestion;
import vn.kyso.policy.PackStatus;
import vn.kyso.policy.Policy;
import vn.kyso.policy.PolicyPack;
import vn.kyso.policy.PolicyRule;
import vn.kyso.policy.ReportingDeadline;
import vn.kyso.policy.Requester;
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
      PolicyCommand.CheckCommand.class,
      PolicyCommand.AdviseCommand.class
    })
final class PolicyCommand implements Runnable {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  @ParentCommand Kyso root;

  @Override
  public void run() {
    throw new Kyso.UsageException("subcommand", "policy", "list, show, check, advise");
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

    @picocli.CommandLine.Mixin FactOptions facts = new FactOptions();

    @Option(
        names = "--at",
        paramLabel = "DATE",
        description = "take the law as of this day, e.g. 2018-06-15")
    String at;

    @Override
    public Integer call() throws Exception {
      X509Certificate certificate = Certificates.load(Files2.existing(cert)).get(0);
      Instant when = at == null ? Instant.now() : day(at).atTime(9, 0).atZone(VIETNAM).toInstant();
      SigningRequest.Builder request = SigningRequest.builder(certificate, doc.document(), when);
      if (doc.kind != null) {
        request.kind(doc.kind);
      }
      facts.apply(request, certificate, when);
      Policy policy = VerifyCommand.policyPreset(preset, facts.loadRegistry());
      PolicyDecision decision = policy.evaluate(request.build());
      System.out.print(decision.toText(parent.root.locale()));
      return decision.isAllowed() ? 0 : Kyso.EXIT_REFUSED;
    }
  }

  static LocalDate day(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new Kyso.UsageException("badDay", value);
    }
  }

  /**
   * {@code kyso policy advise}: what a certificate's life calls for - renewal, revocation after an
   * event, recovery, a request - with deadlines in working days and the rules that say so.
   */
  @Command(
      name = "advise",
      description = {
        "Tư vấn vòng đời chứng thư số: gia hạn, thu hồi, khôi phục, đổi mã PIN, báo cáo.",
        "Certificate lifecycle advice: renewal, revocation, recovery, PIN change and reporting"
            + " deadlines."
      })
  static final class AdviseCommand implements Callable<Integer> {
    @ParentCommand PolicyCommand parent;

    @Option(names = "--cert", paramLabel = "FILE", description = "the certificate (PEM or DER)")
    Path cert;

    @Option(names = "--preset", defaultValue = "national", paramLabel = "PRESET")
    String preset;

    @Option(names = "--registry", paramLabel = "FILE", description = "the registry (YAML or CSV)")
    Path registry;

    @Option(names = "--at", paramLabel = "DATE", description = "the day (default: today)")
    String at;

    @Option(
        names = "--operation",
        paramLabel = "OP",
        description =
            "RENEW, REVOKE, RECOVER or REQUEST_CERTIFICATE (default: RENEW, or REVOKE"
                + " with --event)")
    Operation operation;

    @Option(
        names = "--renewals",
        defaultValue = "0",
        paramLabel = "N",
        description = "renewals done")
    long renewals;

    @Option(
        names = "--previous-not-after",
        paramLabel = "DATE",
        description = "the end of validity before this renewal (CD68-03, TB-05)")
    String previousNotAfter;

    @Option(names = "--original-issue", paramLabel = "DATE", description = "first issue day")
    String originalIssue;

    @Option(names = "--approved-by", paramLabel = "NAME", description = "who approved the renewal")
    String approvedBy;

    @Option(names = "--approved-on", paramLabel = "DATE", description = "when it was approved")
    String approvedOn;

    @Option(names = "--event", paramLabel = "EVENT", description = "e.g. RETIREMENT, TITLE_CHANGE")
    HrEvent event;

    @Option(names = "--event-date", paramLabel = "DATE", description = "when it happened")
    String eventDate;

    @Option(
        names = "--revocation-notice",
        paramLabel = "DATE",
        description = "when the revocation was notified (device return runs from it)")
    String revocationNotice;

    @Option(names = "--ca-notice", paramLabel = "DATE", description = "the CA's revocation notice")
    String caNotice;

    @Option(
        names = "--requester",
        paramLabel = "KIND:NAME[:FORM]",
        description = "who asks, e.g. MANAGING_BODY:Sở Nội vụ:Mẫu 05")
    String requester;

    @Option(
        names = "--organisation",
        paramLabel = "NAME",
        description = "the holder's organisation")
    String organisation;

    @Option(names = "--holder", paramLabel = "ID", description = "the holder's registry id")
    String holder;

    @Option(
        names = "--still-matches",
        paramLabel = "true|false",
        description = "whether the certificate still matches the holder after the event")
    Boolean stillMatches;

    @Option(names = "--completed", description = "the operation already took place")
    boolean completed;

    @Option(names = "--record", paramLabel = "REF", description = "its dossier or minutes")
    String record;

    @Option(names = "--pin-changed", paramLabel = "DATE", description = "last PIN change")
    String pinChanged;

    @Override
    public Integer call() throws Exception {
      Locale locale = parent.root.locale();
      Messages m = new Messages(locale);
      LocalDate today = at == null ? LocalDate.now(VIETNAM) : day(at);
      Operation op =
          operation != null ? operation : event != null ? Operation.REVOKE : Operation.RENEW;
      if (op.onDocument()) {
        throw new Kyso.UsageException("notCertificateOperation", op);
      }
      LifecycleQuestion.Builder q = LifecycleQuestion.builder(op, today).renewalsDone(renewals);
      X509Certificate certificate =
          cert == null ? null : Certificates.load(Files2.existing(cert)).get(0);
      if (certificate != null) {
        q.certificate(certificate);
      }
      if (previousNotAfter != null) {
        q.previousNotAfter(day(previousNotAfter).atTime(23, 59).atZone(VIETNAM).toInstant());
      }
      if (originalIssue != null) {
        q.originalIssueDate(day(originalIssue));
      }
      if (approvedBy != null) {
        q.renewalApproval(new Approval(approvedBy, approvedOn == null ? today : day(approvedOn)));
      }
      if (event != null) {
        q.event(event, eventDate == null ? today : day(eventDate));
      }
      if (revocationNotice != null) {
        q.revocationNoticeDate(day(revocationNotice));
      }
      if (caNotice != null) {
        q.caRevocationNoticeDate(day(caNotice));
      }
      if (requester != null) {
        String[] parts = requester.split(":", 3);
        Requester.Kind kind;
        try {
          kind = Requester.Kind.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new Kyso.UsageException(
              "badRequester", requester, java.util.Arrays.toString(Requester.Kind.values()));
        }
        q.requester(
            new Requester(
                kind,
                parts.length > 1 ? parts[1].strip() : kind.name(),
                parts.length > 2 ? Optional.of(parts[2].strip()) : Optional.empty()));
      }
      if (organisation != null) {
        q.organisation(organisation);
      }
      if (holder != null) {
        q.holder(holder);
      }
      if (stillMatches != null) {
        q.certificateStillMatches(stillMatches);
      }
      q.completed(completed);
      if (record != null) {
        q.recordReference(record);
      }
      LifecycleQuestion question = q.build();
      Optional<vn.kyso.policy.MapSignerRegistry> reg =
          registry == null
              ? Optional.empty()
              : Optional.of(vn.kyso.policy.RegistryFile.load(Files2.existing(registry)));
      Policy policy = VerifyCommand.policyPreset(preset, reg);

      PolicyDecision decision = policy.lifecycle(question);
      System.out.println("== " + m.get("advise.decision", op.name()));
      System.out.print(decision.toText(locale));
      if (certificate != null) {
        CertificateAdvice a = policy.certificateAdvice(question);
        System.out.println("== " + m.get("advise.certificate"));
        System.out.println(
            "  "
                + m.get(
                    "advise.expiry",
                    a.expires(),
                    a.daysToExpiry(),
                    m.get(a.renewalWindowOpen() ? "advise.open" : "advise.closed"),
                    a.renewalsLeft().map(String::valueOf).orElse("-")));
        print(a.findings(), locale);
      }
      if (event != null) {
        EventAdvice e = policy.eventAdvice(question);
        System.out.println("== " + m.get("advise.event", event.name()));
        System.out.println(
            "  "
                + m.get(
                    "advise.action",
                    m.get("action." + e.action().name()),
                    e.notifyBy().map(Object::toString).orElse("-"),
                    e.returnDeviceBy().map(Object::toString).orElse("-")));
        print(e.findings(), locale);
      }
      if (pinChanged != null) {
        System.out.println("== " + m.get("advise.pin"));
        print(
            policy.pinAdvice(
                Optional.of(day(pinChanged).atTime(9, 0).atZone(VIETNAM).toInstant()), today),
            locale);
      }
      List<ReportingDeadline> deadlines = policy.reportingDeadlines(today.getYear());
      if (!deadlines.isEmpty()) {
        System.out.println("== " + m.get("advise.reporting", String.valueOf(today.getYear())));
        for (ReportingDeadline d : deadlines) {
          System.out.println("  " + d.date() + "  " + d.ruleId() + " [" + d.citation() + "]");
        }
      }
      return decision.verdict() == PolicyDecision.Verdict.DENY ? Kyso.EXIT_REFUSED : 0;
    }

    private static void print(List<PolicyFinding> findings, Locale locale) {
      boolean vi = "vi".equals(locale.getLanguage());
      for (PolicyFinding f : findings) {
        System.out.println(
            "  ["
                + f.severity()
                + "] "
                + f.ruleId()
                + ": "
                + (vi ? f.messageVi() : f.messageEn())
                + " ["
                + f.citation()
                + "]");
      }
    }
  }
}
