package vn.kyso.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small checks on the files the tool is given. */
final class Files2 {
  private Files2() {}

  static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new Kyso.UsageException("no such file: " + p);
    }
    return p;
  }

  /** Tells a PDF from an XML document by their first bytes. */
  static boolean isPdf(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(1024);
      String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
      return s.contains("%PDF-");
    }
  }
}
