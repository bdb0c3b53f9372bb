package vn.kyso.pkcs11.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds whether a folder lies on a file system mounted {@code noexec} (Linux /proc/self/mounts).
 */
public final class NativeFolder {
  private NativeFolder() {}

  /**
   * Says whether the folder is on a noexec mount, from the text of {@code /proc/self/mounts}.
   *
   * @param folder an absolute, real path
   * @param mounts the lines of the mount table
   * @return whether the longest mount point containing the folder has the noexec option
   */
  public static boolean isNoexec(Path folder, List<String> mounts) {
    String best = "";
    boolean noexec = false;
    String f = folder.toString();
    for (String line : mounts) {
      String[] parts = line.split(" ");
      if (parts.length < 4) {
        continue;
      }
      String mountPoint = parts[1].replace("\\040", " ");
      boolean contains =
          f.equals(mountPoint)
              || f.startsWith(mountPoint.endsWith("/") ? mountPoint : mountPoint + "/");
      if (contains && mountPoint.length() >= best.length()) {
        best = mountPoint;
        noexec = List.of(parts[3].split(",")).contains("noexec");
      }
    }
    return noexec;
  }

  /**
   * Says whether the folder is on a noexec mount of this machine; false when unknown.
   *
   * @param folder the folder
   * @return whether it is known to be noexec
   */
  public static boolean isNoexec(Path folder) {
    Path table = Path.of("/proc/self/mounts");
    try {
      return Files.isReadable(table) && isNoexec(folder.toRealPath(), Files.readAllLines(table));
    } catch (IOException e) {
      return false;
    }
  }
}
