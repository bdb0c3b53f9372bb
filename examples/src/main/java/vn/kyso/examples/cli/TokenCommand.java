package vn.kyso.examples.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kyso.api.SignerIdentity;
import vn.kyso.api.token.SigningKey;
import vn.kyso.pkcs11.FilePinChangeLog;
import vn.kyso.pkcs11.PinCallback;
import vn.kyso.pkcs11.Pkcs11Module;
import vn.kyso.pkcs11.Pkcs11Options;
import vn.kyso.pkcs11.Pkcs11Token;
import vn.kyso.pkcs11.SlotDescription;
import vn.kyso.pkcs11.TokenDescription;
import vn.kyso.pkcs11.TokenSelector;

/** {@code kyso token list|info|change-pin}: USB tokens and HSMs through their PKCS#11 library. */
@Command(
    name = "token",
    description = {
      "Thiết bị ký PKCS#11: danh sách, thông tin, đổi mã PIN.",
      "PKCS#11 tokens: list, information, PIN change."
    },
    subcommands = {
      TokenCommand.ListCommand.class,
      TokenCommand.InfoCommand.class,
      TokenCommand.ChangePinCommand.class
    })
final class TokenCommand implements Runnable {
  @ParentCommand Kyso root;

  @Option(
      names = "--pkcs11-lib",
      required = true,
      paramLabel = "LIB",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "the token's PKCS#11 library")
  Path library;

  @Option(
      names = "--pin-log",
      paramLabel = "FILE",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "where PIN changes are recorded (default: ~/.kyso/pin-changes.properties)")
  Path pinLog;

  @Override
  public void run() {
    throw new Kyso.UsageException("subcommand", "token", "list, info, change-pin");
  }

  Pkcs11Module module() throws Exception {
    Path log =
        pinLog != null
            ? pinLog
            : Path.of(System.getProperty("user.home"), ".kyso", "pin-changes.properties");
    return Pkcs11Module.load(
        library, Pkcs11Options.builder().pinChangeLog(new FilePinChangeLog(log)).build());
  }

  /** {@code kyso token list}. */
  @Command(
      name = "list",
      description = "Lists slots and tokens with their PIN state / Liệt kê thiết bị.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Override
    public Integer call() throws Exception {
      Messages msg = new Messages(parent.root.locale());
      try (Pkcs11Module m = parent.module()) {
        for (SlotDescription s : m.slots()) {
          System.out.println(
              msg.get(
                  "token.slot",
                  String.valueOf(s.slotId()),
                  s.description().strip(),
                  s.manufacturer().strip()));
          s.token()
              .ifPresent(
                  d -> {
                    System.out.println(
                        "  "
                            + msg.get(
                                "token.description",
                                d.label(),
                                d.serial(),
                                d.model(),
                                d.manufacturer()));
                    System.out.println("  " + msg.get("token.pin", pinState(d, msg)));
                  });
        }
      }
      return 0;
    }
  }

  /** {@code kyso token info}: keys, certificates, PIN state and when the PIN is due to change. */
  @Command(
      name = "info",
      description = "Shows keys, certificates and PIN state / Thông tin thiết bị.")
  static final class InfoCommand implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Option(names = "--token-label", paramLabel = "LABEL")
    String label;

    @Option(
        names = "--pin-file",
        paramLabel = "FILE",
        description = "to list the keys, the token may need its PIN")
    Path pinFile;

    @Override
    public Integer call() throws Exception {
      Messages msg = new Messages(parent.root.locale());
      try (Pkcs11Module m = parent.module();
          Pkcs11Token t =
              m.open(
                  label == null ? TokenSelector.first() : TokenSelector.byLabel(label),
                  (d, p) -> Pins.read(pinFile, "PIN " + d.label()))) {
        TokenDescription d = t.describe();
        System.out.println(
            msg.get("token.description", d.label(), d.serial(), d.model(), d.manufacturer()));
        System.out.println(msg.get("token.pin", pinState(d, msg)));
        Optional<Duration> age = t.pinAge();
        if (age.isPresent()) {
          LocalDate due =
              LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"))
                  .minusDays(age.get().toDays())
                  .plusMonths(6);
          System.out.println(msg.get("token.pinAge", age.get().toDays(), due));
        } else {
          System.out.println(msg.get("token.pinUnknown"));
        }
        for (SigningKey k : t.keys()) {
          X509Certificate c = k.certificate();
          SignerIdentity id = SignerIdentity.from(c);
          System.out.println(msg.get("token.key", k.id(), id.name(), c.getNotAfter().toInstant()));
        }
      }
      return 0;
    }
  }

  /** {@code kyso token change-pin}: the current PIN, then the new one twice. */
  @Command(
      name = "change-pin",
      description = "Changes the user PIN and records the date / Đổi mã PIN.")
  static final class ChangePinCommand implements Callable<Integer> {
    @ParentCommand TokenCommand parent;

    @Option(names = "--token-label", paramLabel = "LABEL")
    String label;

    @Option(names = "--pin-file", paramLabel = "FILE", description = "the current PIN")
    Path pinFile;

    @Option(names = "--new-pin-file", paramLabel = "FILE", description = "the new PIN")
    Path newPinFile;

    @Override
    public Integer call() throws Exception {
      PinCallback pins =
          (d, purpose) ->
              switch (purpose) {
                case CHANGE_NEW ->
                    newPinFile != null
                        ? Pins.read(newPinFile, "new PIN")
                        : Pins.read(null, "PIN mới / new PIN");
                default -> Pins.read(pinFile, "PIN " + d.label());
              };
      try (Pkcs11Module m = parent.module();
          Pkcs11Token t =
              m.open(label == null ? TokenSelector.first() : TokenSelector.byLabel(label), pins)) {
        t.changePin();
      }
      System.out.println(new Messages(parent.root.locale()).get("token.changed"));
      return 0;
    }
  }

  /** The PIN flags in words. */
  static String pinState(TokenDescription d, Messages msg) {
    if (d.pinFlags().isEmpty()) {
      return msg.get("pin.none");
    }
    return d.pinFlags().stream()
        .map(f -> msg.get("pin." + f.name()))
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
