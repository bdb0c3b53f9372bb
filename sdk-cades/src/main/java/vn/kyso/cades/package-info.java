/**
 * CAdES (ETSI EN 319 122-1) for any file: {@link vn.kyso.cades.CadesSigner} signs detached or
 * enveloping, B-B to B-LTA, in one step or two phases, and adds parallel signers,
 * counter-signatures and archive time-stamps; {@link vn.kyso.cades.CadesVerifier} verifies them
 * into the same report model as PDF and XML signatures.
 */
package vn.kyso.cades;
