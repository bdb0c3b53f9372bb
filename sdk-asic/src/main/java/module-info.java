/**
 * ASiC containers for the Kyso SDK: ASiC-S and ASiC-E with CAdES or XAdES signatures, created,
 * extended and verified with bounded zip handling.
 */
module vn.kyso.asic {
  requires transitive vn.kyso.api;
  requires transitive vn.kyso.cades;
  requires transitive vn.kyso.xades;
  requires java.xml;

  exports vn.kyso.asic;

  // Messages (sdk-api) reads this module's message bundle from the package.
  opens vn.kyso.asic to
      vn.kyso.api;
}
