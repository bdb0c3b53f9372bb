package vn.kyso.policy;

import vn.kyso.api.ErrorCode;
import vn.kyso.api.KysoException;

/**
 * A pack file is not valid: bad YAML, an unknown check, a missing or mistyped parameter. Says
 * where: file, line and column (both from 1).
 *
 * @since 0.1
 */
public class PolicyFormatException extends KysoException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param file the file or resource name
   * @param line the line, from 1
   * @param column the column, from 1
   * @param problem what is wrong (English)
   * @param cause the parser's exception, or null
   */
  public PolicyFormatException(String file, int line, int column, String problem, Throwable cause) {
    super(ErrorCode.POLICY_INVALID, cause, file, line, column, problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /**
   * @return the file or resource name
   */
  public String file() {
    return file;
  }

  /**
   * @return the line, from 1
   */
  public int line() {
    return line;
  }

  /**
   * @return the column, from 1
   */
  public int column() {
    return column;
  }

  /**
   * @return what is wrong
   */
  public String problem() {
    return problem;
  }
}
