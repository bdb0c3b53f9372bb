/**
 * XAdES (XML) signing and hardened verification. Filled by the XAdES issue; today only this package exists.
 */
package vn.kyso.xades;
