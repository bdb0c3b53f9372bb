package vn.kyso.api.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a reviewed use of an API the build forbids (forbiddenapis: default locale or charset,
 * {@code System.exit}, printed stack traces, unhardened XML factories). The reason says why the use
 * is right here; the check recognises the annotation by its simple name.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
  /**
   * @return why the forbidden call is right in this place
   */
  String reason();
}
