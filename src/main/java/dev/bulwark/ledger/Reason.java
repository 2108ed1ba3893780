package dev.bulwark.ledger;

/**
 * Why the ledger refused a call as a whole (a block, a configuration, a state to load, a query).
 * Every refusal leaves the ledger exactly unchanged.  Per-transaction outcomes are not refusals:
 * they are result codes ({@link TxCode}) recorded in the block's results.
 */
public enum Reason {
    /** A null or structurally invalid value (a key of the wrong length, a null transaction). */
    MALFORMED,
    /** A block with a null transaction list or a null transaction. */
    MALFORMED_BLOCK,
    /** A block for another chain. */
    WRONG_CHAIN,
    /** A block whose height is not the ledger's height + 1. */
    BAD_HEIGHT,
    /** A block with more than {@link Block#MAX_TXS} transactions. */
    OVERSIZED_BLOCK,
    /** applyTx when the current block already holds {@link Block#MAX_TXS} results. */
    BLOCK_FULL,
    /** An account id outside 0..accounts()-1 (queries and the liquidation steps). */
    UNKNOWN_ACCOUNT,
    /** A genesis configuration that breaks a stated bound or the oracle/engine coupling. */
    INVALID_CONFIG,
    /** A state given to Ledger.fromState that breaks a bound or an invariant. */
    INVALID_STATE,
    /** The ledger's height would exceed its bound (Long.MAX_VALUE - 1 blocks). */
    HEIGHT_LIMIT
}
