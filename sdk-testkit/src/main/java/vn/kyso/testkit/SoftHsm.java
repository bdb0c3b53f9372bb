package vn.kyso.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An isolated SoftHSM2 for tests: its configuration file is the one named by the {@code
 * SOFTHSM2_CONF} environment variable of the test JVM (set it in Surefire's {@code
 * environmentVariables}; SoftHSM2 reads it at {@code C_Initialize}), its tokens live in a {@code
 * tokens} folder beside it. {@code /etc/softhsm2.conf} is never read or written.
 *
 * <p>Needs Debian's {@code softhsm2} and {@code opensc} ({@code softhsm2-util}, {@code
 * pkcs11-tool}). {@link #assumeAvailable()} skips a test with a clear message on a laptop without
 * them and fails it when {@code CI=true}.
 *
 * @since 0.1
 */
public final class SoftHsm {
  private final Path conf;
  private final Path module;

  private SoftHsm(Path conf, Path module) {
    this.conf = conf;
    this.module = module;
  }

  /**
   * @return the SoftHSM2 library, if installed in a usual place
   */
  public static Optional<Path> findModule() {
    for (String c :
        List.of(
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so")) {
      if (Files.isReadable(Path.of(c))) {
        return Optional.of(Path.of(c));
      }
    }
    return Optional.empty();
  }

  /**
   * @return why SoftHSM2 cannot be used here, or empty when it can
   */
  public static Optional<String> unavailableReason() {
    if (findModule().isEmpty()) {
      return Optional.of("libsofthsm2.so not found (apt-get install softhsm2)");
    }
    if (!onPath("softhsm2-util")) {
      return Optional.of("softhsm2-util not found (apt-get install softhsm2)");
    }
    if (!onPath("pkcs11-tool")) {
      return Optional.of("pkcs11-tool not found (apt-get install opensc)");
    }
    String env = System.getenv("SOFTHSM2_CONF");
    if (env == null || env.isBlank()) {
      return Optional.of("SOFTHSM2_CONF is not set for the test JVM");
    }
    return Optional.empty();
  }

  /**
   * Skips the calling test when SoftHSM2 is missing, or fails it when {@code CI=true}.
   *
   * @return the SoftHSM2 set-up, with its configuration written
   */
  public static SoftHsm assumeAvailable() {
    Optional<String> why = unavailableReason();
    ExternalTools.require(why.isEmpty(), "SoftHSM2", why.orElse(""));
    try {
      Path conf = Path.of(System.getenv("SOFTHSM2_CONF")).toAbsolutePath();
      Path tokens = conf.getParent().resolve("tokens");
      Files.createDirectories(tokens);
      Files.writeString(
          conf,
          "# Written by vn.kyso.testkit.SoftHsm; isolated from /etc.\n"
              + "directories.tokendir = "
              + tokens
              + "\nobjectstore.backend = file\nlog.level = ERROR\n"
              + "slots.removable = false\nslots.mechanisms = ALL\nlibrary.reset_on_fork = false\n");
      return new SoftHsm(conf, findModule().orElseThrow());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the SoftHSM2 configuration", e);
    }
  }

  /**
   * @return the SoftHSM2 library
   */
  public Path module() {
    return module;
  }

  /**
   * @return the configuration file
   */
  public Path configuration() {
    return conf;
  }

  /**
   * Creates (or re-creates) a token.
   *
   * @param label the token label
   * @param soPin the security officer PIN
   * @param userPin the user PIN
   */
  public void createToken(String label, String soPin, String userPin) {
    run(List.of("softhsm2-util", "--delete-token", "--token", label), true);
    run(
        List.of(
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--so-pin",
            soPin,
            "--pin",
            userPin),
        false);
  }

  /**
   * Imports a test credential: its private key and certificate under one CKA_ID, plus the CA
   * certificates of its chain (without the root) under their own ids.
   *
   * @param tokenLabel the token
   * @param userPin the user PIN
   * @param credential the credential
   * @param idHex the CKA_ID in hex
   * @param label the CKA_LABEL
   */
  public void importCredential(
      String tokenLabel, String userPin, TestCredential credential, String idHex, String label) {
    try {
      Path dir = Files.createTempDirectory(conf.getParent(), "import");
      Path key = dir.resolve("key.pem");
      Files.writeString(
          key,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(credential.privateKey().getEncoded())
              + "\n-----END PRIVATE KEY-----\n",
          StandardCharsets.US_ASCII);
      run(
          List.of(
              "softhsm2-util",
              "--import",
              key.toString(),
              "--token",
              tokenLabel,
              "--label",
              label,
              "--id",
              idHex,
              "--pin",
              userPin),
          false);
      writeCertificate(tokenLabel, userPin, credential.certificate(), idHex, label, dir);
      List<X509Certificate> chain = credential.chain();
      for (int i = 1; i < chain.size() - 1; i++) {
        writeCertificate(
            tokenLabel,
            userPin,
            chain.get(i),
            idHex + String.format(Locale.ROOT, "ca%02x", i),
            label + "-ca" + i,
            dir);
      }
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Generates an RSA-2048 key pair on the token and issues a certificate for it from the test PKI's
   * intermediate, written under the same CKA_ID.
   *
   * @param tokenLabel the token
   * @param userPin the user PIN
   * @param pki the PKI whose intermediate issues the certificate
   * @param idHex the CKA_ID in hex
   * @param label the CKA_LABEL
   * @param alwaysAuthenticate whether the private key gets CKA_ALWAYS_AUTHENTICATE
   * @return the certificate
   */
  public X509Certificate generateKey(
      String tokenLabel,
      String userPin,
      TestPki pki,
      String idHex,
      String label,
      boolean alwaysAuthenticate) {
    try {
      Path dir = Files.createTempDirectory(conf.getParent(), "keygen");
      List<String> gen =
          new ArrayList<>(
              List.of(
                  "pkcs11-tool",
                  "--module",
                  module.toString(),
                  "--token-label",
                  tokenLabel,
                  "--login",
                  "--pin",
                  userPin,
                  "--keypairgen",
                  "--key-type",
                  "rsa:2048",
                  "--id",
                  idHex,
                  "--label",
                  label,
                  "--usage-sign"));
      if (alwaysAuthenticate) {
        gen.add("--always-auth");
      }
      run(gen, false);
      Path pub = dir.resolve("pub.der");
      run(
          List.of(
              "pkcs11-tool",
              "--module",
              module.toString(),
              "--token-label",
              tokenLabel,
              "--read-object",
              "--type",
              "pubkey",
              "--id",
              idHex,
              "--output-file",
              pub.toString()),
          false);
      PublicKey key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
      X509Certificate cert = pki.issueFor(key, "keygen-" + idHex, "C=VN", "CN=" + label);
      writeCertificate(tokenLabel, userPin, cert, idHex, label, dir);
      return cert;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void writeCertificate(
      String tokenLabel, String userPin, X509Certificate c, String idHex, String label, Path dir)
      throws IOException {
    Path der = dir.resolve(idHex + ".der");
    try {
      Files.write(der, c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    run(
        List.of(
            "pkcs11-tool",
            "--module",
            module.toString(),
            "--token-label",
            tokenLabel,
            "--login",
            "--pin",
            userPin,
            "--write-object",
            der.toString(),
            "--type",
            "cert",
            "--id",
            idHex,
            "--label",
            label),
        false);
  }

  private void run(List<String> command, boolean mayFail) {
    try {
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
      pb.environment().put("SOFTHSM2_CONF", conf.toString());
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command.get(0));
      }
      if (p.exitValue() != 0 && !mayFail) {
        throw new IllegalStateException(
            command.get(0)
                + " "
                + command.get(1)
                + " failed: "
                + new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
