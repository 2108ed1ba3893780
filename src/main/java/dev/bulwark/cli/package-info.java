/**
 * The command line ({@code bulwark}), shell side: Ed25519 key files, and governance proposals,
 * approvals and ledger transactions as files.  Built on picocli; no core package depends on it.
 * See {@link dev.bulwark.cli.Bulwark} and the repository README ("Command line").
 */
package dev.bulwark.cli;
