/** The report model and the layout helpers; not part of the API. */
package vn.kyso.report.internal;
