/**
 * CAdES signing and verification for the Kyso SDK: detached and enveloping signatures over any
 * file, B-B to B-LTA, two-phase signing, parallel signers and counter-signatures.
 */
module vn.kyso.cades {
  requires transitive vn.kyso.api;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.bouncycastle.pkix;

  exports vn.kyso.cades;

  // Messages (sdk-api) reads this module's message bundle from the package.
  opens vn.kyso.cades to
      vn.kyso.api;
}
