/**
 * Remote signing: adapters that reach a key held by a remote service (the Cloud Signature
 * Consortium API) and implement {@code vn.kyso.api.remote.RemoteSigner}.
 */
module vn.kyso.remote {
  requires transitive vn.kyso.api;
  requires java.net.http;
  requires java.xml;

  exports vn.kyso.remote;
}
