/**
 * The kyso command-line tool and runnable examples. Filled by the CLI issue; today only this
 * package exists.
 */
package vn.kyso.examples;
