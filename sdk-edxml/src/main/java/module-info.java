/**
 * edXML messages (QCVN 102:2016/BTTTT) for the Kyso SDK: read, verify with the documents they
 * carry, and write outgoing ones.
 */
module vn.kyso.edxml {
  requires transitive vn.kyso.api;
  requires transitive vn.kyso.pades;
  requires transitive vn.kyso.xades;
  requires java.xml;

  exports vn.kyso.edxml;

  // Messages (sdk-api) reads this module's message bundle from the package.
  opens vn.kyso.edxml to
      vn.kyso.api;
}
