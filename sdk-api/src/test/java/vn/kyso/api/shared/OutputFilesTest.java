package vn.kyso.api.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @Test
  void temporaryFile_isHiddenBesideTheTarget_inAFolderCreatedForIt(@TempDir Path dir)
      throws Exception {
    Path target = dir.resolve("moi/thu-muc/cong-van.pdf");

    Path temp = OutputFiles.temporaryBeside(target, ".part");

    assertThat(temp.getParent()).isEqualTo(target.toAbsolutePath().getParent());
    assertThat(temp.getFileName().toString()).startsWith(".cong-van.pdf").endsWith(".part");
    assertThat(target).doesNotExist();
  }

  @Test
  void moveIntoPlace_replacesTheEarlierVersion_andLeavesNoTemporaryFile(@TempDir Path dir)
      throws Exception {
    Path target = dir.resolve("cong-van.pdf");
    Files.writeString(target, "ban cu");
    Path temp = OutputFiles.temporaryBeside(target, ".part");
    Files.writeString(temp, "ban moi");

    OutputFiles.moveIntoPlace(temp, target);

    assertThat(target).hasContent("ban moi");
    assertThat(temp).doesNotExist();
  }

  @Test
  void startForcing_neverCreatesOrChangesAFile_andMoreCallsThanThreadsAreDropped(@TempDir Path dir)
      throws Exception {
    Path target = dir.resolve("cong-van.pdf");
    Path temp = OutputFiles.temporaryBeside(target, ".part");
    byte[] content = new byte[3 << 20];
    new java.util.Random(5).nextBytes(content);
    Files.write(temp, content);
    Path removed = dir.resolve(".removed.part");

    for (int i = 0; i < 4 * OutputFiles.FORCING_THREADS; i++) {
      OutputFiles.startForcing(temp);
      OutputFiles.startForcing(removed); // a temporary file a failed signature removed
    }
    OutputFiles.moveIntoPlace(temp, target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    // what a late background force finds: nothing to create, under either name
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (OutputFiles.Forcing.POOL.getActiveCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(OutputFiles.Forcing.POOL.getActiveCount()).isZero();
    assertThat(removed).doesNotExist();
    assertThat(temp).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void startWriting_writesTheStart_thenTheCallerTheRest_andReportsAFailure(@TempDir Path dir)
      throws Exception {
    byte[] head = new byte[2 << 20];
    new java.util.Random(7).nextBytes(head);
    // more files than threads: some starts are written on this thread
    int n = 2 * OutputFiles.FORCING_THREADS;
    Path[] temps = new Path[n];
    OutputFiles.Started[] started = new OutputFiles.Started[n];
    for (int i = 0; i < n; i++) {
      temps[i] = OutputFiles.temporaryBeside(dir.resolve("ho-so-" + i + ".xml"), ".part");
      started[i] = OutputFiles.startWriting(temps[i], out -> out.write(head));
    }
    for (int i = 0; i < n; i++) {
      started[i].await();
      Files.write(
          temps[i], new byte[] {'<', '/', 'r', '>'}, java.nio.file.StandardOpenOption.APPEND);
      OutputFiles.moveIntoPlace(temps[i], dir.resolve("ho-so-" + i + ".xml"));
      byte[] written = Files.readAllBytes(dir.resolve("ho-so-" + i + ".xml"));
      assertThat(java.util.Arrays.copyOf(written, head.length)).isEqualTo(head);
      assertThat(written).hasSize(head.length + 4);
    }

    Path failing = OutputFiles.temporaryBeside(dir.resolve("loi.xml"), ".part");
    OutputFiles.Started full =
        OutputFiles.startWriting(
            failing,
            out -> {
              throw new java.io.IOException("disk full");
            });
    org.assertj.core.api.Assertions.assertThatThrownBy(full::await).hasMessage("disk full");

    Path missing = dir.resolve(".missing.part");
    OutputFiles.Started none = OutputFiles.startWriting(missing, out -> out.write(head));
    org.assertj.core.api.Assertions.assertThatThrownBy(none::await)
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThat(missing).doesNotExist();
  }
}
