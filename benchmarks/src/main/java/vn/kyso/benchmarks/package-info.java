/**
 * Benchmarks against peer libraries. Filled by the benchmark issue; today only this package exists.
 */
package vn.kyso.benchmarks;
