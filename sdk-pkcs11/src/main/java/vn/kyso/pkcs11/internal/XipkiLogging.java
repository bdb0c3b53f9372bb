package vn.kyso.pkcs11.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Routes the wrapper's logging (stdout by default, with a licence banner) to SLF4J at debug level.
 * Installed once; the wrapper never logs PINs.
 */
final class XipkiLogging implements org.xipki.pkcs11.wrapper.Logger {
  private static final Logger LOG = LoggerFactory.getLogger("vn.kyso.pkcs11.wrapper");
  private static volatile boolean installed;

  private XipkiLogging() {}

  static void install() {
    if (!installed) {
      synchronized (XipkiLogging.class) {
        if (!installed) {
          StaticLogger.setLogger(new XipkiLogging());
          installed = true;
        }
      }
    }
  }

  @Override
  public void info(String format, Object... args) {
    LOG.debug(format, args);
  }

  @Override
  public void warn(String format, Object... args) {
    LOG.warn(format, args);
  }

  @Override
  public void error(String format, Object... args) {
    LOG.warn(format, args);
  }

  @Override
  public void debug(String format, Object... args) {
    LOG.debug(format, args);
  }

  @Override
  public void trace(String format, Object... args) {
    LOG.trace(format, args);
  }

  @Override
  public boolean isDebugEnabled() {
    return LOG.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return LOG.isDebugEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return LOG.isWarnEnabled();
  }

  @Override
  public boolean isTraceEnabled() {
    return LOG.isTraceEnabled();
  }
}
