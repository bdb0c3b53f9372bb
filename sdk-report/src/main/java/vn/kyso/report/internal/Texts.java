package vn.kyso.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The report texts in Vietnamese and English ({@code vn/kyso/report/messages(_vi).properties}, read
 * as UTF-8). Vietnamese is the default: any locale that is not English gets Vietnamese, as Circular
 * 15/2025/TT-BKHCN Art 6 asks a verifier to show its result in Vietnamese.
 */
public final class Texts {
  private static final Properties EN = load("messages.properties");
  private static final Properties VI = load("messages_vi.properties");

  private final Locale locale;
  private final Properties texts;

  private Texts(Locale locale, Properties texts) {
    this.locale = locale;
    this.texts = texts;
  }

  /**
   * Returns the texts for a language.
   *
   * @param locale the language; English for {@code en}, Vietnamese otherwise
   * @return the texts
   */
  public static Texts of(Locale locale) {
    return isEnglish(locale)
        ? new Texts(Locale.ENGLISH, EN)
        : new Texts(Locale.forLanguageTag("vi"), VI);
  }

  /**
   * @param locale a language, or null
   * @return whether it asks for English
   */
  public static boolean isEnglish(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage());
  }

  /**
   * @return the language of these texts
   */
  public Locale locale() {
    return locale;
  }

  /**
   * @return whether these are the Vietnamese texts
   */
  public boolean vietnamese() {
    return texts == VI;
  }

  /**
   * Formats a text.
   *
   * @param key the key
   * @param args values for {@link MessageFormat}
   * @return the text; the key itself when missing (a test checks that none is)
   */
  public String get(String key, Object... args) {
    String pattern = texts.getProperty(key, EN.getProperty(key));
    if (pattern == null) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /**
   * @param key a key
   * @return whether the English texts have it
   */
  public static boolean has(String key) {
    return EN.containsKey(key);
  }

  /**
   * @param vietnamese which file
   * @return the keys of one file, for the completeness test
   */
  public static java.util.Set<String> keys(boolean vietnamese) {
    return (vietnamese ? VI : EN).stringPropertyNames();
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = Texts.class.getResourceAsStream("/vn/kyso/report/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource vn/kyso/report/" + name);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
