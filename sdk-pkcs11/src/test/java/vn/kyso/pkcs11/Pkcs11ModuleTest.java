package vn.kyso.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.TokenException;
import vn.kyso.pkcs11.internal.NativeFolder;

/** Module loading errors, the noexec check and the PIN change log, without a token. */
class Pkcs11ModuleTest {

  @Test
  void missingLibrary_isTyped(@TempDir Path dir) {
    assertThatThrownBy(() -> Pkcs11Module.load(dir.resolve("libnothing.so")))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODULE_LOAD_FAILED));
  }

  @Test
  void notAPkcs11Library_isTyped(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("libfake.so");
    Files.writeString(fake, "not a shared object");

    assertThatThrownBy(() -> Pkcs11Module.load(fake))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODULE_LOAD_FAILED));
  }

  @Test
  void nativeFolderThatDoesNotExist_isTyped(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("libfake.so");
    Files.writeString(fake, "x");

    assertThatThrownBy(
            () ->
                Pkcs11Module.load(
                    fake,
                    Pkcs11Options.builder().nativeLibraryFolder(dir.resolve("missing")).build()))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODULE_LOAD_FAILED);
              assertThat(e.getMessage()).contains("not a writable folder");
            });
  }

  @Test
  void noexecMounts_areRecognised() {
    List<String> mounts =
        List.of(
            "/dev/sda1 / ext4 rw,relatime 0 0",
            "tmpfs /tmp tmpfs rw,nosuid,nodev,noexec,relatime 0 0",
            "tmpfs /tmp/exec tmpfs rw,nosuid,nodev,relatime 0 0",
            "/dev/sdb1 /srv/my\\040data ext4 rw,noexec 0 0");

    assertThat(NativeFolder.isNoexec(Path.of("/tmp"), mounts)).isTrue();
    assertThat(NativeFolder.isNoexec(Path.of("/tmp/kyso"), mounts)).isTrue();
    assertThat(NativeFolder.isNoexec(Path.of("/tmp/exec/kyso"), mounts)).isFalse();
    assertThat(NativeFolder.isNoexec(Path.of("/tmpfoo"), mounts)).isFalse();
    assertThat(NativeFolder.isNoexec(Path.of("/srv/my data/x"), mounts)).isTrue();
    assertThat(NativeFolder.isNoexec(Path.of("/home/user"), mounts)).isFalse();
  }

  @Test
  void noexecError_namesTheFolderAndTheFix() {
    TokenException e = new TokenException(ErrorCode.NATIVE_FOLDER_NOT_EXECUTABLE, null, "/tmp");

    assertThat(e.getMessage()).contains("/tmp", "noexec", "nativeLibraryFolder");
    assertThat(e.message(Locale.forLanguageTag("vi"))).contains("noexec");
  }

  @Test
  void pinChangeLog_roundTripsAndIsAtomic(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.properties");
    FilePinChangeLog log = new FilePinChangeLog(file);
    Instant when = Instant.parse("2026-05-01T08:00:00Z");

    assertThat(log.lastChanged("A1")).isEmpty();
    log.recordChange("A1", when);
    log.recordChange("B2", when.plusSeconds(60));

    assertThat(new FilePinChangeLog(file).lastChanged("A1")).contains(when);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void selectors_matchOnlyTheirToken() {
    TokenDescription t =
        new TokenDescription(
            7, "NGUYEN VAN AN", "A1B2", "ePass2003", "FT", Set.of(), true, false, 4, 16, 16);

    assertThat(TokenSelector.byLabel("NGUYEN VAN AN  ").matches(t)).isTrue();
    assertThat(TokenSelector.bySerial("A1B2").matches(t)).isTrue();
    assertThat(TokenSelector.bySlot(7).matches(t)).isTrue();
    assertThat(TokenSelector.byLabel("other").matches(t)).isFalse();
    assertThat(TokenSelector.bySlot(8).matches(t)).isFalse();
  }
}
