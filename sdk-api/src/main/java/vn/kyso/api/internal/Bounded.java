package vn.kyso.api.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import vn.kyso.api.DocumentException;
import vn.kyso.api.ErrorCode;

/** Reads streams into memory with a hard size limit. */
public final class Bounded {
  private Bounded() {}

  /**
   * Reads a whole stream, refusing more than {@code limit} bytes.
   *
   * @param in the stream; not closed
   * @param limit the largest accepted size
   * @param what what is being read, for the error message
   * @return the bytes
   * @throws DocumentException {@code INPUT_TOO_LARGE} past the limit, {@code IO_ERROR} on failure
   */
  public static byte[] read(InputStream in, long limit, String what) throws DocumentException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > limit) {
          throw new DocumentException(ErrorCode.INPUT_TOO_LARGE, null, what, limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.IO_ERROR, e, what);
    }
    return out.toByteArray();
  }
}
