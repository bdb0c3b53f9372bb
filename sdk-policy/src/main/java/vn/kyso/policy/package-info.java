/**
 * The policy engine: national and provincial rule packs and cited decisions. Filled by the policy issue; today only this package exists.
 */
package vn.kyso.policy;
