package vn.kyso.api.shared;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vn.kyso.api.DigestAlgorithm;

/**
 * File helpers the format modules share: digests of a stream in one pass, and a temporary working
 * folder deleted with what it holds.
 */
public final class Files2 {
  private Files2() {}

  /**
   * Digests a stream in one pass with several algorithms; the stream is read, not closed.
   *
   * @param in the stream
   * @param algorithms the algorithms
   * @return the digests by algorithm
   * @throws IOException when it cannot be read
   */
  public static Map<DigestAlgorithm, byte[]> digest(
      InputStream in, List<DigestAlgorithm> algorithms) throws IOException {
    Map<DigestAlgorithm, MessageDigest> mds = new LinkedHashMap<>();
    for (DigestAlgorithm a : algorithms) {
      mds.putIfAbsent(a, a.newMessageDigest());
    }
    byte[] buf = new byte[1 << 16];
    int n;
    while ((n = in.read(buf)) > 0) {
      for (MessageDigest md : mds.values()) {
        md.update(buf, 0, n);
      }
    }
    Map<DigestAlgorithm, byte[]> out = new LinkedHashMap<>();
    mds.forEach((a, md) -> out.put(a, md.digest()));
    return out;
  }

  /**
   * Digests a file in one streaming pass.
   *
   * @param file the file
   * @param algorithm the algorithm
   * @return the digest
   * @throws IOException when it cannot be read
   */
  public static byte[] digest(Path file, DigestAlgorithm algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return digest(in, List.of(algorithm)).get(algorithm);
    }
  }

  /**
   * Deletes a folder and everything in it, as far as it can (a temporary folder: what is left is in
   * the temporary area).
   *
   * @param folder the folder
   */
  public static void deleteTree(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
