/**
 * The Kyso SDK's public types: the token SPI, a PKCS#12 software token, trust anchors, certificate
 * path and revocation validation, an RFC 3161 client, signer identity parsing, the policy request
 * model and the validation report.
 *
 * <p>{@code vn.kyso.api.shared} is exported only to Kyso's own modules; {@code
 * vn.kyso.api.internal} is not exported.
 */
module vn.kyso.api {
  requires java.net.http;
  requires java.xml;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.bouncycastle.pkix;
  requires org.slf4j;
  requires com.fasterxml.jackson.core;

  exports vn.kyso.api;
  exports vn.kyso.api.archive;
  exports vn.kyso.api.policy;
  exports vn.kyso.api.remote;
  exports vn.kyso.api.token;
  exports vn.kyso.api.trust;
  exports vn.kyso.api.validation;
  exports vn.kyso.api.shared to
      vn.kyso.pkcs11,
      vn.kyso.pades,
      vn.kyso.xades,
      vn.kyso.policy,
      vn.kyso.testkit,
      vn.kyso.report,
      vn.kyso.remote,
      vn.kyso.cades,
      vn.kyso.asic,
      vn.kyso.edxml;
}
