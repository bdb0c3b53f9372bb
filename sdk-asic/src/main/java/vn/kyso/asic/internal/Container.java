package vn.kyso.asic.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.ResourceLimits;

/**
 * An ASiC container read within bounds: at most {@link ResourceLimits#maxContainerEntries()}
 * entries, at most {@link ResourceLimits#maxContainerBytes()} decompressed in all, no entry past a
 * 200:1 compression ratio beyond its first mebibyte, and names that stay inside the container (no
 * absolute path, drive letter, backslash, {@code .} or {@code ..} segment, control character or
 * repeated name). Each entry is decompressed once into a temporary file, deleted on close.
 */
public final class Container implements AutoCloseable {
  /** The most an entry may expand compared to its compressed size, past its first mebibyte. */
  public static final int MAX_RATIO = 200;

  private static final long RATIO_FREE_BYTES = 1L << 20;

  /**
   * One entry.
   *
   * @param name its name in the container
   * @param file where its bytes were put
   * @param size its decompressed size
   * @param stored whether it was stored without compression
   * @param position its position in the container, from 0
   */
  public record Entry(String name, Path file, long size, boolean stored, int position) {
    /**
     * Reads the entry into memory.
     *
     * @param max the most bytes accepted
     * @return the bytes
     * @throws DocumentException {@code INPUT_TOO_LARGE} past the limit
     */
    public byte[] bytes(long max) throws DocumentException {
      if (size > max) {
        throw new DocumentException(
            ErrorCode.INPUT_TOO_LARGE, null, "container entry " + name, max);
      }
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new DocumentException(ErrorCode.IO_ERROR, e, name);
      }
    }
  }

  private final Path temp;
  private final Map<String, Entry> entries;

  private Container(Path temp, Map<String, Entry> entries) {
    this.temp = temp;
    this.entries = entries;
  }

  /**
   * Opens and unpacks a container.
   *
   * @param zip the container file; only read
   * @param limits the bounds
   * @return the container, to be closed
   * @throws DocumentException {@code MALFORMED_INPUT} when it is not a zip or a name escapes it,
   *     {@code LIMIT_EXCEEDED} past a bound, {@code IO_ERROR} when it cannot be read
   */
  public static Container open(Path zip, ResourceLimits limits) throws DocumentException {
    Path temp;
    try {
      if (Files.size(zip) > limits.maxContainerBytes()) {
        throw new DocumentException(
            ErrorCode.INPUT_TOO_LARGE, null, "container", limits.maxContainerBytes());
      }
      temp = Files.createTempDirectory("kyso-asic");
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, zip);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    Container c = new Container(temp, entries);
    try (ZipFile z = new ZipFile(zip.toFile())) {
      if (z.size() > limits.maxContainerEntries()) {
        throw new DocumentException(
            ErrorCode.LIMIT_EXCEEDED,
            null,
            "number of container entries (" + z.size() + ")",
            limits.maxContainerEntries());
      }
      long zipSize = Files.size(zip);
      long total = 0;
      int position = 0;
      Set<String> folded = new HashSet<>();
      Enumeration<? extends ZipEntry> all = z.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        String name = e.getName();
        String problem = nameProblem(name);
        if (problem != null) {
          throw new DocumentException(
              ErrorCode.MALFORMED_INPUT,
              null,
              "container entry \"" + printable(name) + "\": " + problem);
        }
        if (!folded.add(name.toLowerCase(Locale.ROOT))) {
          throw new DocumentException(
              ErrorCode.MALFORMED_INPUT,
              null,
              "the container repeats the entry " + printable(name));
        }
        if (e.isDirectory()) {
          position++;
          continue;
        }
        Path out = temp.resolve("e" + position);
        long compressed = e.getCompressedSize() > 0 ? e.getCompressedSize() : zipSize;
        long written = 0;
        try (InputStream in = z.getInputStream(e);
            OutputStream o = Files.newOutputStream(out)) {
          byte[] buf = new byte[1 << 16];
          int n;
          while ((n = in.read(buf)) > 0) {
            written += n;
            total += n;
            if (total > limits.maxContainerBytes()) {
              throw new DocumentException(
                  ErrorCode.LIMIT_EXCEEDED,
                  null,
                  "decompressed size of the container",
                  limits.maxContainerBytes() + " bytes");
            }
            if (written > RATIO_FREE_BYTES && written > compressed * MAX_RATIO) {
              throw new DocumentException(
                  ErrorCode.LIMIT_EXCEEDED,
                  null,
                  "compression ratio of " + printable(name) + " (a zip bomb)",
                  MAX_RATIO + ":1");
            }
            o.write(buf, 0, n);
          }
        }
        entries.put(
            name, new Entry(name, out, written, e.getMethod() == ZipEntry.STORED, position++));
      }
      return c;
    } catch (DocumentException e) {
      c.close();
      throw e;
    } catch (ZipException | IllegalArgumentException e) {
      c.close();
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, e, "not a readable zip container");
    } catch (IOException e) {
      c.close();
      throw new DocumentException(ErrorCode.MALFORMED_INPUT, e, "a container entry cannot be read");
    }
  }

  /**
   * Why a name may not stand in a container, or null when it may.
   *
   * @param name the entry name
   * @return the problem, or null
   */
  public static String nameProblem(String name) {
    if (name.isEmpty() || name.length() > 1024) {
      return "empty or too long";
    }
    if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
      return "an absolute or Windows path";
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
        return "a control character";
      }
    }
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "a path that leaves the container or is not plain (\"" + segment + "\")";
      }
    }
    return null;
  }

  private static String printable(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints()
        .limit(200)
        .forEach(cp -> b.append(cp < 0x20 || cp == 0x7f ? "?" : new String(Character.toChars(cp))));
    return b.toString();
  }

  /**
   * @return the file entries in container order
   */
  public List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  /**
   * @param name an entry name
   * @return the entry, if present
   */
  public Optional<Entry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  @Override
  public void close() {
    vn.kyso.api.shared.Files2.deleteTree(temp);
  }
}
