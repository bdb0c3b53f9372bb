package vn.kyso.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kyso.api.KysoException;
import vn.kyso.api.SigningRefusedException;
import vn.kyso.api.shared.SuppressForbidden;
import vn.kyso.pades.PdfVerifier;

/**
 * The {@code kyso} command-line tool: {@code java -jar examples/target/kyso.jar <command>}.
 *
 * <p>Exit codes: 0 done (for {@code verify}: every signature passed), 1 failed (some signature
 * failed, or the operation was refused), 2 indeterminate (some signature could not be proven either
 * way), 64 usage error. Errors are one line in Vietnamese (default) or English ({@code --lang en})
 * saying what to do next; {@code --debug} adds the stack trace.
 */
@Command(
    name = "kyso",
    mixinStandardHelpOptions = true,
    // --help and --version on every command, not only on kyso itself
    scope = CommandLine.ScopeType.INHERIT,
    version = "kyso 0.1.0",
    description = {
      "Ký số và kiểm tra chữ ký số văn bản điện tử (PDF, XML) theo quy định Việt Nam.",
      "Sign and verify Vietnamese e-documents (PDF, XML) under national and provincial rules."
    })
public final class Kyso implements Runnable {
  /**
   * The commands, in the order help lists them. Only the one a command line names is built (its
   * classes loaded, its options reflected on by picocli): a cold {@code kyso verify} does not pay
   * for signing, tokens, policy and archive. Without a known command (help, a typo) all are.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = commands();

  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("demo", DemoCommand::new);
    m.put("sign", SignCommand::new);
    m.put("verify", VerifyCommand::new);
    m.put("policy", PolicyCommand::new);
    m.put("token", TokenCommand::new);
    m.put("cert", CertCommand::new);
    m.put("archive", ArchiveCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(m);
  }

  /** The command a command line names: its first word that is neither an option nor its value. */
  static String commandNamed(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ("--lang".equals(a)) {
        i++; // its value
      } else if (!a.startsWith("-")) {
        return COMMANDS.containsKey(a) && !"help".equals(a) ? a : null;
      }
    }
    return null;
  }

  /** Exit code: usage error (sysexits EX_USAGE). */
  public static final int USAGE = 64;

  /**
   * Exit code: the signing policy refuses (a DENY), distinct from a signature that fails (1) or is
   * indeterminate (2).
   */
  public static final int EXIT_REFUSED = 3;

  @Option(
      names = "--lang",
      description = "vi (default) or en",
      defaultValue = "vi",
      scope = CommandLine.ScopeType.INHERIT)
  String lang;

  @Option(
      names = "--debug",
      description = "print stack traces",
      scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  @Override
  public void run() {
    throw new UsageException("commandNeeded");
  }

  Locale locale() {
    return "en".equalsIgnoreCase(lang) ? Locale.ENGLISH : Locale.forLanguageTag("vi");
  }

  /**
   * Runs the tool.
   *
   * @param args the arguments
   */
  @SuppressForbidden(
      reason = "the entry point: ends the JVM with the exit code, writes in the console's encoding")
  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the tool with given streams (for tests and embedding).
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    quietLibraries(args);
    Kyso root = new Kyso();
    String named = commandNamed(args);
    root.startWarmUp(named, args);
    CommandLine cli = new CommandLine(root);
    COMMANDS.forEach(
        (name, command) -> {
          if (named == null || named.equals(name)) {
            cli.addSubcommand(name, command.get());
          }
        });
    // Enum values (MAT, ENCRYPT, RETIREMENT, ...) are accepted in any case.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : 1);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          Messages m = new Messages(localeFrom(a));
          err.println(m.get("error.usage", Problems.usage(e, m)));
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          Messages m = new Messages(root.locale());
          if (e instanceof KysoException k) {
            err.println(m.get("error.prefix") + k.message(root.locale()) + " [" + k.code() + "]");
            err.println(m.hint(k.code()));
          } else if (e instanceof UsageException u) {
            err.println(m.get("error.usage", u.message(m)));
            return USAGE;
          } else if (e instanceof java.io.IOException io) {
            err.println(m.get("error.prefix") + Problems.io(io, m));
          } else {
            err.println(m.get("error.prefix") + m.get("error.unexpected"));
          }
          if (root.debug) {
            printStackTrace(e, err);
          }
          return e instanceof SigningRefusedException ? EXIT_REFUSED : 1;
        });
    return cli.execute(args);
  }

  /**
   * The PDF verifier's one-time work ({@link PdfVerifier#warmUpSteps}), started on a second thread
   * while picocli builds the command and reads the arguments; null when this command line does not
   * verify a PDF.
   */
  Thread warmUp;

  private List<Runnable> warmUpSteps = List.of();
  private final AtomicInteger nextWarmUpStep = new AtomicInteger();

  /**
   * Starts the steps of {@link PdfVerifier#warmUp} on a daemon thread when the command verifies a
   * file named {@code *.pdf}. The command, before it reads any file, takes the steps that thread
   * has not started and then waits for it ({@link #awaitWarmUp}): each step runs once, on one
   * thread, and all are done before the command reads a file or builds a verifier. Until then the
   * thread overlaps only picocli (which uses none of the steps' libraries) and the command thread's
   * own steps.
   */
  void startWarmUp(String command, String[] args) {
    if (!"verify".equals(command)
        || java.util.Arrays.stream(args)
            .noneMatch(a -> a.toLowerCase(Locale.ROOT).endsWith(".pdf"))) {
      return;
    }
    warmUpSteps = PdfVerifier.warmUpSteps();
    Thread t = new Thread(this::runWarmUpSteps, "kyso-warm-up");
    t.setDaemon(true);
    t.start();
    warmUp = t;
  }

  /** Runs the warm-up steps no thread has taken yet, on this thread. */
  private void runWarmUpSteps() {
    for (int i; (i = nextWarmUpStep.getAndIncrement()) < warmUpSteps.size(); ) {
      warmUpSteps.get(i).run();
    }
  }

  /**
   * Runs here the warm-up steps not yet started, then waits for the one the warm-up thread is on,
   * if one was started; an interrupt ends the wait, not the command.
   */
  void awaitWarmUp() {
    Thread t = warmUp;
    warmUp = null;
    if (t == null) {
      return;
    }
    runWarmUpSteps();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Every library logs through SLF4J (PDFBox and Santuario through Commons Logging, which hands
   * over to SLF4J): the tool's own output says what happened, so their log lines stay off unless
   * {@code --debug} asks for them. A level set with {@code
   * -Dorg.slf4j.simpleLogger.defaultLogLevel} is kept. This must run before the first logger is
   * made.
   */
  static void quietLibraries(String[] args) {
    String level = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(level) == null) {
      System.setProperty(
          level, java.util.Arrays.asList(args).contains("--debug") ? "debug" : "off");
    }
  }

  @SuppressForbidden(reason = "--debug asks for the stack trace on standard error")
  static void printStackTrace(Throwable e, PrintWriter err) {
    e.printStackTrace(err);
  }

  @SuppressForbidden(reason = "--debug asks for the stack trace on standard error")
  static void printStackTrace(Throwable e, PrintStream err) {
    e.printStackTrace(err);
  }

  private static Locale localeFrom(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if ("--lang".equals(args[i]) && "en".equalsIgnoreCase(args[i + 1])) {
        return Locale.ENGLISH;
      }
    }
    for (String a : args) {
      if ("--lang=en".equalsIgnoreCase(a)) {
        return Locale.ENGLISH;
      }
    }
    return Locale.forLanguageTag("vi");
  }

  /** A usage problem found after parsing (a file that does not exist, a bad combination). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object[] args;

    /**
     * @param key the message key after {@code usage.} in the tool's bundles
     * @param args values for the message
     */
    UsageException(String key, Object... args) {
      super(key);
      this.args = args.clone();
    }

    /** The message in a language, from the bundles. */
    String message(Messages m) {
      return m.get("usage." + getMessage(), args);
    }
  }
}
