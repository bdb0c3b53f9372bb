package vn.kyso.examples.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import vn.kyso.api.ErrorCode;

/**
 * The tool's texts in Vietnamese and English ({@code
 * vn/kyso/examples/cli/messages(_vi).properties}).
 */
final class Messages {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  private final Locale locale;
  private final ResourceBundle bundle;

  Messages(Locale locale) {
    this.locale = "vi".equals(locale.getLanguage()) ? Locale.forLanguageTag("vi") : Locale.ROOT;
    this.bundle =
        ResourceBundle.getBundle(
            "vn.kyso.examples.cli.messages",
            this.locale,
            Messages.class.getClassLoader(),
            NO_FALLBACK);
  }

  String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  /** What to do next after an error. */
  String hint(ErrorCode code) {
    try {
      return bundle.getString("hint." + code.name());
    } catch (MissingResourceException e) {
      return bundle.getString("hint.default");
    }
  }
}
