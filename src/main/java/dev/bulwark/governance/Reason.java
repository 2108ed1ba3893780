package dev.bulwark.governance;

/**
 * Why the governance core refused a call.  Every refusal leaves the state exactly unchanged.
 *
 * <p>Each constant names the conjunct of a guard of spec/governance/Governance.tla that failed
 * (the spec operator is given), or an API-boundary check that precedes the guards (index ranges,
 * null arguments, the hard caps of the configuration).
 */
public enum Reason {
    /** A key index outside 0..keys()-1 (a signer, an owner named by a payload, a proposal slot). */
    UNKNOWN_KEY,
    /** A null proposal or payload, or a payload of no known kind; a swap of a key with itself ({@code WellFormed}). */
    INVALID_PAYLOAD,
    /** The proposer or approver is not a current owner ({@code k \in owners}); removed owners included. */
    NOT_AN_OWNER,
    /** The proposer already has an open proposal ({@code proposal[k] = NoProposal}). */
    SLOT_TAKEN,
    /** A proposal with the same content (hash) is already open ({@code \A s : proposal[s] # p}). */
    DUPLICATE_PROPOSAL,
    /** The proposal names another chain ({@code p.chain = ChainId}). */
    WRONG_CHAIN,
    /** The proposal's nonce was already consumed ({@code p.nonce >= nonce}). */
    STALE_NONCE,
    /** The proposal's nonce is beyond the window ({@code p.nonce <= nonce + Window - 1}). */
    FUTURE_NONCE,
    /** Margin parameters outside the hard bounds or with mm above im ({@code ParamsWellFormed}). */
    PARAMS_OUT_OF_BOUNDS,
    /** A withdrawal amount outside 1..MaxFund ({@code WellFormed}). */
    AMOUNT_OUT_OF_RANGE,
    /** A reporter index outside 0..reporters()-1. */
    UNKNOWN_REPORTER,
    /** A stake outside 0..MaxStake ({@code WellFormed}). */
    STAKE_OUT_OF_RANGE,
    /**
     * A threshold of 0 or above MaxOwners ({@code WellFormed}), or above the number of owners it
     * would apply to ({@code AddApplicable}, {@code RemoveApplicable}, {@code ThresholdApplicable}).
     */
    THRESHOLD_OUT_OF_RANGE,
    /** A withdrawal above the surplus of the fund over its floor ({@code WithdrawApplicable}). */
    BELOW_FLOOR,
    /** A stake change that would leave no reporter with a stake ({@code StakeApplicable}). */
    NO_REPORTER_LEFT,
    /** Adding (or swapping in) a key that is already an owner ({@code AddApplicable}, {@code SwapApplicable}). */
    OWNER_EXISTS,
    /** Removing (or swapping out) a key that is not an owner ({@code RemoveApplicable}, {@code SwapApplicable}). */
    OWNER_MISSING,
    /** Adding an owner when there are MaxOwners already ({@code AddApplicable}). */
    TOO_MANY_OWNERS,
    /** No open proposal in that slot ({@code IsOpen(s)}): an unknown proposal. */
    NO_PROPOSAL,
    /** The owner already approved this proposal ({@code k \notin Approvers(approvals[s])}). */
    DUPLICATE_APPROVAL,
    /** Queue or Execute of a Cancel proposal (cancellations go through {@code cancel}). */
    IS_CANCELLATION,
    /** Cancel of a proposal that is not a Cancel. */
    NOT_A_CANCELLATION,
    /** Queue of a proposal already queued ({@code waited[s] = -1}). */
    ALREADY_QUEUED,
    /** Fewer approvals of distinct current owners than the threshold ({@code HasQuorum(s)}). */
    NO_QUORUM,
    /** Execute or Cancel of a proposal that is not for the next nonce ({@code proposal[s].nonce = nonce}). */
    NOT_NEXT_NONCE,
    /** Execute of a proposal that was never queued. */
    NOT_QUEUED,
    /** Execute before Delay block ends since the proposal was queued ({@code waited[s] >= Delay}). */
    TIMELOCK,
    /** A fund flow that would take the fund outside 0..MaxFund ({@code FundFlow}). */
    FUND_OUT_OF_RANGE,
    /** End of block at the largest height a long holds (a Java bound, not in the spec). */
    LAST_BLOCK,
    /** The nonce counter at its hard cap (a Java bound, not in the spec). */
    NONCE_EXHAUSTED,
    /** GovernanceParams outside the hard bounds, or the spec's ASSUME. */
    INVALID_PARAMS,
    /** A state given to Governance.fromState or the constructor that breaks an invariant. */
    INVALID_STATE,
    /** The leaving owner's generation counter at its hard cap (a Java bound, not in the spec). */
    GENERATION_EXHAUSTED
}
