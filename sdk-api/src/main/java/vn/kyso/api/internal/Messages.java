package vn.kyso.api.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One resource bundle of user-facing texts, in English (the base bundle) and Vietnamese.
 *
 * <p>Bundles are {@code .properties} files read as UTF-8 (Java 9 and later). A missing key is a
 * programming error caught by the bundle-completeness tests; at run time it degrades to the key
 * itself rather than failing a validation.
 *
 * <p>The files are read through the owner class, not {@link java.util.ResourceBundle}: on the
 * module path {@code ResourceBundle.getBundle} with a {@code Control} is refused in a named module,
 * and a bundle in another module's package is found only when that module opens the package to
 * {@code vn.kyso.api} (each Kyso module's {@code module-info} does). Each file is read once.
 */
public final class Messages {
  /** The bundle of {@code sdk-api}. */
  public static final Messages API = new Messages("vn.kyso.api.messages", Messages.class);

  /** Vietnamese, the default language of reports for people. */
  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  private static final Map<String, Properties> FILES = new ConcurrentHashMap<>();

  private final String baseName;
  private final Class<?> owner;

  /**
   * Creates a view of a bundle.
   *
   * @param baseName the bundle's base name, e.g. {@code vn.kyso.pades.messages}
   * @param owner a class of the module that ships the bundle
   */
  public Messages(String baseName, Class<?> owner) {
    this.baseName = Objects.requireNonNull(baseName, "baseName");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /**
   * Returns the base name of the bundle.
   *
   * @return the base name
   */
  public String baseName() {
    return baseName;
  }

  /**
   * Formats a message in the language closest to {@code locale}: Vietnamese for {@code vi}, English
   * otherwise.
   *
   * @param locale the language wanted
   * @param key the message key
   * @param arguments values substituted with {@link MessageFormat}
   * @return the text
   */
  public String format(Locale locale, String key, Object... arguments) {
    Locale wanted = isVietnamese(locale) ? VIETNAMESE : Locale.ROOT;
    // Vietnamese falls back to the English base file, as a bundle's parent chain would.
    String pattern = file(wanted == VIETNAMESE).getProperty(key, file(false).getProperty(key));
    if (pattern == null) {
      return key + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments));
    }
    if (arguments.length == 0) {
      return pattern;
    }
    Object[] shown = arguments.clone();
    for (int i = 0; i < shown.length; i++) {
      if (shown[i] instanceof Instant t) {
        shown[i] = vietnamTime(t);
      }
    }
    return compiled(pattern, wanted).format(shown);
  }

  /**
   * Patterns already compiled, per language: the texts are the bundles' own (a finite set), and a
   * validation formats the same few findings hundreds of times. {@link MessageFormat} is not safe
   * for concurrent use, so each use gets a copy (cheaper than compiling the pattern again).
   */
  private static final Map<String, MessageFormat> ENGLISH_FORMATS = new ConcurrentHashMap<>();

  private static final Map<String, MessageFormat> VIETNAMESE_FORMATS = new ConcurrentHashMap<>();

  private static MessageFormat compiled(String pattern, Locale wanted) {
    Map<String, MessageFormat> formats =
        wanted == VIETNAMESE ? VIETNAMESE_FORMATS : ENGLISH_FORMATS;
    MessageFormat known = formats.get(pattern);
    if (known == null) {
      known = new MessageFormat(pattern, wanted);
      formats.putIfAbsent(pattern, known);
    }
    return (MessageFormat) known.clone();
  }

  private static final DateTimeFormatter VIETNAM_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

  /**
   * Formats a time for people: ISO-8601 in Vietnam time (UTC+07:00, no daylight saving). Messages
   * show every {@link Instant} argument this way; JSON fields keep ISO-8601 UTC.
   *
   * @param t the time
   * @return e.g. {@code 2026-12-06T14:13:59+07:00}
   */
  public static String vietnamTime(Instant t) {
    return VIETNAM_TIME.format(t.atOffset(ZoneOffset.ofHours(7)));
  }

  /**
   * Returns the keys of one language's file of this bundle, for completeness checks.
   *
   * @param vietnamese {@code true} for the Vietnamese file, {@code false} for the English one
   * @return the keys defined in that file
   */
  public Set<String> keys(boolean vietnamese) {
    return file(vietnamese).stringPropertyNames();
  }

  /** One language's file, read once; empty when the module ships none. */
  private Properties file(boolean vietnamese) {
    String path = "/" + baseName.replace('.', '/') + (vietnamese ? "_vi" : "") + ".properties";
    return FILES.computeIfAbsent(owner.getModule().getName() + path, k -> read(path));
  }

  private Properties read(String path) {
    Properties properties = new Properties();
    try (InputStream in = owner.getResourceAsStream(path)) {
      if (in != null) {
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /**
   * Converts message arguments to strings so that exceptions stay serialisable.
   *
   * @param arguments the arguments
   * @return their string forms
   */
  public static String[] stringify(Object... arguments) {
    String[] out = new String[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      out[i] = String.valueOf(arguments[i]);
    }
    return out;
  }

  private static boolean isVietnamese(Locale locale) {
    return locale != null && "vi".equals(locale.getLanguage());
  }
}
