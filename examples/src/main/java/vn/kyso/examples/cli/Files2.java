package vn.kyso.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import vn.kyso.api.trust.TrustAnchors;

/** Small checks on the files the tool is given. */
final class Files2 {
  private Files2() {}

  static Path existing(Path p) {
    if (Files.isDirectory(p)) {
      throw new Kyso.UsageException("isFolder", p);
    }
    if (!Files.isRegularFile(p)) {
      throw new Kyso.UsageException("noSuchFile", p);
    }
    return p;
  }

  /** The anchors given with {@code --trust} (PEM or DER), or the built-in government ones. */
  static TrustAnchors anchors(List<Path> trust) throws Exception {
    if (trust.isEmpty()) {
      return TrustAnchors.governmentSpecialUse();
    }
    TrustAnchors.Builder b = TrustAnchors.builder();
    for (Path t : trust) {
      b.add(TrustAnchors.load(existing(t)));
    }
    return b.build();
  }

  /** Reads a DER file, or the first PEM block of a text file. */
  static byte[] derOrPem(Path p) throws IOException {
    byte[] data = Files.readAllBytes(existing(p));
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int begin = text.indexOf("-----BEGIN ");
    if (begin < 0) {
      return data;
    }
    int start = text.indexOf('\n', begin);
    int end = text.indexOf("-----END ", start);
    if (start < 0 || end < 0) {
      throw new Kyso.UsageException("pemWithoutEnd", p);
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(start + 1, end));
    } catch (IllegalArgumentException e) {
      throw new Kyso.UsageException("badPem", p);
    }
  }

  /** Tells a PDF from an XML document by their first bytes. */
  static boolean isPdf(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(1024);
      String s = new String(head, StandardCharsets.ISO_8859_1);
      return s.contains("%PDF-");
    }
  }
}
