/**
 * k-of-n governance of the ledger's rules and insurance fund (verified core): the Java image of
 * spec/governance/Governance.tla.
 *
 * <p>{@link dev.bulwark.governance.Governance} is the state machine (one method per TLA+ action),
 * {@link dev.bulwark.governance.GovernanceParams} the validated constants,
 * {@link dev.bulwark.governance.Proposal} a proposal (chain id, nonce and one
 * {@link dev.bulwark.governance.Payload}: {@link dev.bulwark.governance.ParamsChange},
 * {@link dev.bulwark.governance.FundWithdrawal}, {@link dev.bulwark.governance.StakeChange},
 * {@link dev.bulwark.governance.OwnerAddition}, {@link dev.bulwark.governance.OwnerRemoval},
 * {@link dev.bulwark.governance.OwnerSwap}, {@link dev.bulwark.governance.ThresholdChange},
 * {@link dev.bulwark.governance.Cancellation}), {@link dev.bulwark.governance.GovernanceException}
 * with {@link dev.bulwark.governance.Reason} the typed refusals.  Deterministic, no I/O; keys
 * are indices into the shell's key registry; signatures and the wire format live in
 * {@code dev.bulwark.net} (GovernanceCodec, GovernanceSigner, GovernanceGateway).
 */
package dev.bulwark.governance;
