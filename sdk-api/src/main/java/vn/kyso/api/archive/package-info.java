/**
 * Keeping archives of signed documents verifiable for decades: {@link
 * vn.kyso.api.archive.ArchiveJob} walks a folder, judges each document with a {@link
 * vn.kyso.api.archive.RenewalPolicy} and adds archive time-stamps through the formats' {@link
 * vn.kyso.api.archive.ArchiveFormat}s, resumably and in parallel.
 */
package vn.kyso.api.archive;
