package vn.kyso.examples.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.trust.Certificates;

/** {@code kyso cert info CERT}: the parsed signer identity and validity of a certificate. */
@Command(
    name = "cert",
    description = {"Thông tin chứng thư số.", "Certificate information."},
    subcommands = CertCommand.InfoCommand.class)
final class CertCommand implements Runnable {
  @ParentCommand Kyso root;

  @Override
  public void run() {
    throw new Kyso.UsageException("subcommand", "cert", "info");
  }

  /** {@code kyso cert info CERT}. */
  @Command(
      name = "info",
      description = "Shows the signer identity and validity / Hiển thị người ký và thời hạn.")
  static final class InfoCommand implements Callable<Integer> {
    @ParentCommand CertCommand parent;

    @Parameters(paramLabel = "CERT", description = "a certificate file (PEM or DER)")
    Path file;

    @Override
    public Integer call() throws Exception {
      Messages m = new Messages(parent.root.locale());
      for (X509Certificate c : Certificates.load(Files2.existing(file))) {
        SignerIdentity id = SignerIdentity.from(c);
        System.out.println(m.get("cert.name", id.name()));
        id.title().ifPresent(t -> System.out.println(m.get("cert.title", t)));
        if (!id.organisationChain().isEmpty()) {
          System.out.println(
              m.get("cert.organisation", String.join(" / ", id.organisationChain())));
        }
        id.identifiers()
            .forEach(i -> System.out.println(m.get("cert.identifier", i.type(), i.value())));
        id.email().ifPresent(e -> System.out.println(m.get("cert.email", e)));
        System.out.println(m.get("cert.kind", m.get("kind." + id.subjectType().name())));
        System.out.println(
            m.get("cert.issuer", Certificates.readableName(c.getIssuerX500Principal())));
        System.out.println(
            m.get("cert.validity", c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
        System.out.println(m.get("cert.fingerprint", Certificates.sha256Fingerprint(c)));
        System.out.println();
      }
      return 0;
    }
  }
}
