package vn.kyso.remote;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import vn.kyso.api.ErrorCode;
import vn.kyso.api.remote.RemoteSigningException;
import vn.kyso.api.shared.Http;
import vn.kyso.api.shared.Json;

/** What the adapters share: base URLs, JSON answers, certificates and the generic failure. */
final class Services {
  private Services() {}

  /** An http(s) base URL ending with a slash. */
  static URI base(URI url, String service) {
    String s = Objects.requireNonNull(url, "serviceUrl").toString();
    URI base = URI.create(s.endsWith("/") ? s : s + "/");
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(service + " needs an http(s) URL: " + url);
    }
    return base;
  }

  /** The answer as a JSON object (empty for an empty body), or a SERVICE_ERROR. */
  static Map<String, Object> json(Http.Response r, String service) throws RemoteSigningException {
    if (r.body().length == 0) {
      return new LinkedHashMap<>();
    }
    try {
      return Json.object(r.body());
    } catch (IOException e) {
      throw new RemoteSigningException(
          ErrorCode.SERVICE_ERROR,
          String.valueOf(r.status()),
          null,
          service,
          "the answer is not JSON (HTTP " + r.status() + ")");
    }
  }

  /** The answer as a JSON object, or an empty one when it is not JSON (for error bodies). */
  static Map<String, Object> jsonOrEmpty(Http.Response r) {
    try {
      return Json.object(r.body());
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** Base64 DER certificates, in order. */
  static List<X509Certificate> certificates(List<?> base64, String service)
      throws RemoteSigningException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Object c : base64) {
        if (c instanceof String s && !s.isBlank()) {
          out.add(
              (X509Certificate)
                  cf.generateCertificate(
                      new ByteArrayInputStream(Base64.getMimeDecoder().decode(s))));
        }
      }
    } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
      throw bad(service, "a certificate that cannot be read");
    }
    return out;
  }

  /** The service failed or answered something that does not check out. */
  static RemoteSigningException bad(String service, String what) {
    return new RemoteSigningException(ErrorCode.SERVICE_ERROR, null, null, service, what);
  }
}
