/**
 * ASiC containers (ETSI EN 319 162-1): {@link vn.kyso.asic.AsicSigner} creates ASiC-S and ASiC-E
 * containers with CAdES or XAdES signatures and adds signatures to them; {@link
 * vn.kyso.asic.AsicVerifier} verifies them, reading the zip within bounds.
 */
package vn.kyso.asic;
