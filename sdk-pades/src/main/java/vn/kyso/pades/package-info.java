/**
 * PAdES (PDF) signing at B-B to B-LTA and verification with revision analysis. Filled by the PAdES issue; today only this package exists.
 */
package vn.kyso.pades;
