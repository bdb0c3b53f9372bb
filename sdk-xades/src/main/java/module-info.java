/**
 * XAdES (XML) signing and hardened verification for the Kyso SDK: enveloped, enveloping and
 * detached, B-B to B-LTA.
 */
module vn.kyso.xades {
  requires transitive vn.kyso.api;
  requires transitive java.xml;
  requires org.apache.santuario.xmlsec;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.slf4j;

  exports vn.kyso.xades;

  // Messages (sdk-api) reads this module's message bundle from the package.
  opens vn.kyso.xades to
      vn.kyso.api;
}
