package vn.kyso.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Says what went wrong in the user's language: picocli's parse errors and file-system errors are
 * turned into the tool's own messages (never picocli's English or a Java class name).
 */
final class Problems {
  private Problems() {}

  /** A command-line that could not be parsed. */
  static String usage(CommandLine.ParameterException e, Messages m) {
    if (e instanceof CommandLine.MissingParameterException missing) {
      return m.get("usage.missing", names(missing.getMissing()));
    }
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      return m.get("usage.unknown", String.join(" ", unmatched.getUnmatched()));
    }
    if (e instanceof CommandLine.OverwrittenOptionException repeated) {
      return m.get("usage.repeated", name(repeated.getOverwritten()));
    }
    if (e instanceof CommandLine.MaxValuesExceededException) {
      return m.get("usage.tooMany");
    }
    if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
      return m.get("usage.exclusive");
    }
    if (e.getArgSpec() != null) {
      return m.get(
          "usage.badValue", name(e.getArgSpec()), e.getValue() == null ? "" : e.getValue());
    }
    return m.get("usage.generic");
  }

  /** A file that could not be read or written. */
  static String io(IOException e, Messages m) {
    if (e instanceof FileSystemException f) {
      String file = f.getFile() == null ? "" : f.getFile();
      if (e instanceof NoSuchFileException) {
        return m.get("io.noSuchFile", file);
      }
      if (e instanceof AccessDeniedException) {
        return m.get("io.denied", file);
      }
      if (e instanceof FileAlreadyExistsException) {
        return m.get("io.exists", file);
      }
      if (e instanceof NotDirectoryException) {
        return m.get("io.notFolder", file);
      }
      if (e instanceof DirectoryNotEmptyException) {
        return m.get("io.notEmpty", file);
      }
      return m.get("io.file", file);
    }
    return m.get("io.generic");
  }

  private static String names(List<ArgSpec> specs) {
    return specs.stream().map(Problems::name).collect(Collectors.joining(", "));
  }

  private static String name(ArgSpec spec) {
    return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
  }
}
