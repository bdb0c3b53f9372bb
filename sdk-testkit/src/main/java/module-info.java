/**
 * Test tools for applications that embed the Kyso SDK: a test PKI shaped like the government one,
 * loopback OCSP, CRL and TSA servers, a SoftHSM2 token helper, JUnit 5 extensions and fluent
 * assertions.
 */
module vn.kyso.testkit {
  requires transitive vn.kyso.api;
  requires java.xml;
  requires transitive vn.kyso.policy;
  requires transitive org.junit.jupiter.api;
  requires jdk.httpserver;
  requires java.net.http;
  requires org.java_websocket;
  requires org.opentest4j;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.bouncycastle.pkix;

  exports vn.kyso.testkit;

  // JUnit instantiates the extensions reflectively.
  opens vn.kyso.testkit to
      org.junit.platform.commons;
}
