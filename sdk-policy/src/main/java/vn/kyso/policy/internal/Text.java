package vn.kyso.policy.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import vn.kyso.api.validation.Finding;
import vn.kyso.api.validation.Severity;

/**
 * The policy module's bilingual texts ({@code vn/kyso/policy/messages(_vi).properties}, keys {@code
 * finding.<CODE>}).
 */
final class Text {
  static final String BUNDLE = "vn.kyso.policy.messages";
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private Text() {}

  /** Returns {English, Vietnamese}. */
  static String[] of(String code, Object... args) {
    // One spare argument so MessageFormat always runs (it turns '' into ' even without arguments).
    Object[] plain = new Object[args.length + 1];
    plain[args.length] = "";
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      plain[i] =
          a instanceof Instant t ? LocalDate.ofInstant(t, VIETNAM).toString() : String.valueOf(a);
    }
    Finding f = Finding.fromBundle(BUNDLE, Text.class, code, Severity.INFO, plain);
    return new String[] {f.messageEn(), f.messageVi()};
  }
}
