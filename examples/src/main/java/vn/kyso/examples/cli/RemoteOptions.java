package vn.kyso.examples.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.SignatureValue;
import vn.kyso.api.remote.RemoteCredential;
import vn.kyso.api.remote.RemoteResult;
import vn.kyso.api.remote.RemoteSigner;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.remote.RemoteStatus;
import vn.kyso.api.remote.RemoteTransaction;
import vn.kyso.cades.CadesSignatureOptions;
import vn.kyso.cades.CadesSigner;
import vn.kyso.cades.PreparedCadesSignature;
import vn.kyso.pades.PdfSignatureOptions;
import vn.kyso.pades.PdfSigner;
import vn.kyso.pades.PreparedSignature;
import vn.kyso.remote.Api769Signer;
import vn.kyso.remote.CscSigner;
import vn.kyso.remote.MssSigner;
import vn.kyso.remote.MySignSigner;
import vn.kyso.xades.PreparedXmlSignature;
import vn.kyso.xades.XmlSignatureOptions;
import vn.kyso.xades.XmlSigner;

/**
 * {@code kyso sign … --remote csc|769}: the key is at a remote signing service; the user approves
 * on the phone while the tool waits, saying so with the elapsed time.
 */
final class RemoteOptions {
  @Option(names = "--remote-url", paramLabel = "URL", description = "the service's API base")
  URI url;

  @Option(
      names = "--remote-user",
      paramLabel = "ID",
      description =
          "the signer's id at the service (CCCD, tax number, …; the phone number for mss)")
  String user;

  @Option(
      names = "--remote-client",
      paramLabel = "ID",
      description = "the integrator's client id (csc, mysign), sp_id (769) or AP_ID (mss)")
  String client;

  @Option(
      names = "--remote-secret-file",
      paramLabel = "FILE",
      description = "a file holding the client secret or sp_password (else KYSO_REMOTE_SECRET)")
  Path secretFile;

  @Option(names = "--credential", paramLabel = "ID", description = "the credential to use")
  String credential;

  @Option(names = "--remote-v1", description = "csc: speak CSC API v1 (Basic login)")
  boolean v1;

  @Option(
      names = "--remote-wait",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "how long to wait for the approval (default 300)")
  long waitSeconds;

  private RemoteSigner signer(String kind) throws Exception {
    if (url == null || user == null || client == null) {
      throw new Kyso.UsageException("remoteNeeds");
    }
    char[] secret = secret();
    try {
      return switch (kind.toLowerCase(Locale.ROOT)) {
        case "csc" ->
            (v1
                    ? CscSigner.builder(url).version(CscSigner.Version.V1).basic(client, secret)
                    : CscSigner.builder(url).clientCredentials(client, secret).asynchronous(true))
                .userId(user)
                .build();
        case "769" ->
            Api769Signer.builder(url).serviceProvider(client, secret).userId(user).build();
        case "mysign" -> MySignSigner.builder(url).client(client, secret).userId(user).build();
        case "mss" ->
            MssSigner.builder(url).applicationProvider(client, secret).msisdn(user).build();
        default -> throw new Kyso.UsageException("badRemote", kind);
      };
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  private char[] secret() throws Exception {
    if (secretFile != null) {
      String s = Files.readString(Files2.existing(secretFile), StandardCharsets.UTF_8).strip();
      return s.toCharArray();
    }
    String env = System.getenv("KYSO_REMOTE_SECRET");
    if (env == null || env.isEmpty()) {
      throw new Kyso.UsageException("remoteSecret");
    }
    return env.toCharArray();
  }

  private RemoteCredential pick(RemoteSigner s) throws Exception {
    List<RemoteCredential> all = s.credentials();
    if (all.isEmpty()) {
      throw new RemoteSigningException(
          ErrorCode.CREDENTIAL_INVALID,
          null,
          null,
          String.valueOf(url),
          "no credential for " + user);
    }
    if (credential == null) {
      return all.get(0);
    }
    return all.stream()
        .filter(c -> c.id().equals(credential))
        .findFirst()
        .orElseThrow(() -> new Kyso.UsageException("noCredential", credential));
  }

  /** Waits for the approval, telling the user the elapsed time on stderr. */
  private SignatureValue await(RemoteSigner s, RemoteTransaction tx, Locale locale)
      throws Exception {
    Messages m = new Messages(locale);
    PrintStream err = System.err;
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(waitSeconds).toNanos();
    while (true) {
      RemoteResult r = s.poll(tx);
      if (r.status() == RemoteStatus.APPROVED) {
        err.println();
        return r.signatures().get(0);
      }
      if (r.status() != RemoteStatus.PENDING) {
        err.println();
        ErrorCode code =
            switch (r.status()) {
              case REJECTED -> ErrorCode.USER_REJECTED;
              case EXPIRED -> ErrorCode.APPROVAL_TIMEOUT;
              default -> ErrorCode.SERVICE_ERROR;
            };
        throw new RemoteSigningException(
            code, r.serviceCode().orElse(null), null, tx.service(), r.message().orElse(""));
      }
      long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      err.print("\r" + m.get("remote.waiting", elapsed));
      err.flush();
      if (System.nanoTime() > deadline) {
        err.println();
        s.cancel(tx);
        throw new RemoteSigningException(
            ErrorCode.APPROVAL_TIMEOUT, null, null, tx.service(), waitSeconds + " s");
      }
      Thread.sleep(1000);
    }
  }

  void signPdf(
      String kind, PdfSigner signer, Path in, Path out, PdfSignatureOptions options, Locale locale)
      throws Exception {
    RemoteSigner s = signer(kind);
    RemoteCredential c = pick(s);
    PreparedSignature p = signer.prepare(in, options, c.chain());
    RemoteTransaction tx =
        s.submit(c, List.of(p.dataToSign()), p.algorithm(), in.getFileName().toString());
    signer.complete(p, in, out, await(s, tx, locale));
  }

  void signXml(
      String kind, XmlSigner signer, Path in, Path out, XmlSignatureOptions options, Locale locale)
      throws Exception {
    RemoteSigner s = signer(kind);
    RemoteCredential c = pick(s);
    PreparedXmlSignature p = signer.prepare(in, options, c.chain());
    RemoteTransaction tx =
        s.submit(c, List.of(p.dataToSign()), p.algorithm(), in.getFileName().toString());
    signer.complete(p, in, out, await(s, tx, locale));
  }

  void signFile(
      String kind,
      CadesSigner signer,
      Path in,
      Path out,
      CadesSignatureOptions options,
      Locale locale)
      throws Exception {
    RemoteSigner s = signer(kind);
    RemoteCredential c = pick(s);
    PreparedCadesSignature p = signer.prepare(in, options, c.chain());
    RemoteTransaction tx =
        s.submit(c, List.of(p.dataToSign()), p.algorithm(), in.getFileName().toString());
    signer.complete(p, in, out, await(s, tx, locale));
  }
}
