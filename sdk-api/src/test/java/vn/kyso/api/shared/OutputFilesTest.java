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
}
