/**
 * The Kyso SDK's signing-policy engine: national rules and provincial presets as data files, and
 * decisions that cite the rule and the law.
 */
module vn.kyso.policy {
  requires transitive vn.kyso.api;
  requires org.snakeyaml.engine.v2;

  exports vn.kyso.policy;

  // Messages (sdk-api) reads this module's message bundle from the package.
  opens vn.kyso.policy to
      vn.kyso.api;
}
