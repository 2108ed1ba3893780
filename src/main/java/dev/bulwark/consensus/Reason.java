package dev.bulwark.consensus;

/**
 * Why the consensus core refused a call. Every refusal leaves the validator's state exactly
 * unchanged. Each constant names the conjunct of an action's enabling condition (the spec's
 * guard in spec/consensus/Tendermint.tla) or the API-boundary check that failed.
 */
public enum Reason {
    /** A validator index outside 0..n-1. */
    UNKNOWN_VALIDATOR,
    /** A height outside 1..maxHeight, or the validator has decided every height (done). */
    HEIGHT_OUT_OF_RANGE,
    /** A round outside 0..maxRound, or a valid round outside -1..r-1. */
    ROUND_OUT_OF_RANGE,
    /** A missing value, or nil where a value is required. */
    BAD_VALUE,
    /** A value digest that is not 32 bytes (or is missing). */
    BAD_DIGEST,
    /** The validator is not Proposer(height, round) (InsertProposal). */
    NOT_PROPOSER,
    /** The validator already proposed in (height, round) (InsertProposal). */
    ALREADY_PROPOSED,
    /** InsertProposal with a value other than validValue while validValue is not nil. */
    NOT_VALID_VALUE,
    /** The step is not the one the rule requires. */
    WRONG_STEP,
    /** No PROPOSAL(h, r, v, vr) from Proposer(h, r) has been received. */
    NO_PROPOSAL,
    /** The received votes do not reach a quorum (3 * power &gt; 2 * total) for the rule. */
    NO_QUORUM,
    /** The received messages of the round do not reach one third (3 * power &gt; total). */
    NO_ONE_THIRD,
    /** valid(v) is false where the rule requires a valid value. */
    INVALID_VALUE,
    /** A "for the first time" rule that already fired in this round. */
    ALREADY_FIRED,
    /** OnTimeoutPrecommit at round = maxRound: no round beyond MaxRound. */
    LAST_ROUND,
    /** The decision for the height is already set (UponProposalInPrecommitNoDecision). */
    ALREADY_DECIDED,
    /** A commit certificate that is malformed, for another height, or below quorum. */
    INVALID_CERTIFICATE,
    /** A configuration breaking the bounds (validators, power, heights, rounds, proposer order). */
    INVALID_CONFIG,
    /** A state given to Validator.fromState that is outside the bounds or inconsistent. */
    INVALID_STATE,
    /** A message that is malformed (bad type/value/valid round combination). */
    MALFORMED_MESSAGE,
    /** A second {@code Input.Start}: Start is accepted once per Validator object. */
    ALREADY_STARTED,
    /**
     * A received message that names this validator as its sender. The core learns its own
     * messages only from its own steps (and from {@code fromState} on a restore); one from the
     * network is an echo or a forgery and is refused.
     */
    OWN_MESSAGE,
    /** A timeout for a height and round the validator has not reached: it never scheduled it. */
    NOT_SCHEDULED,
    /** Evidence that is not two messages convicting one sender of equivocation. */
    INVALID_EVIDENCE
}
