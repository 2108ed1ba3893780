package dev.bulwark.oracle;

/**
 * Why the oracle refused a call.  Every refusal leaves the oracle state exactly unchanged.
 *
 * <p>Each constant names the conjunct of a guard of spec/oracle/Oracle.tla that failed, or an
 * API-boundary check that precedes the guards (reporter index, bounds of the configuration).
 */
public enum Reason {
    /** Report(r, px) with r outside 0..reporters()-1. */
    UNKNOWN_REPORTER,
    /** Report(r, px) with px outside MinPrice..MaxPrice (this includes 0, negatives, overflow-like values). */
    PRICE_OUT_OF_RANGE,
    /** Report(r, px) with px = reports[r]: an identical repeat of this round's report. */
    DUPLICATE_REPORT,
    /** Report(r, px) after this round's aggregate (reports of a round close with its aggregate). */
    REPORT_AFTER_AGGREGATE,
    /** Report(r, px) from a reporter that already equivocated in this round. */
    ALREADY_EQUIVOCATED,
    /** Aggregate when this round's aggregate was already computed. */
    ALREADY_AGGREGATED,
    /** Aggregate without a quorum: 3 * W(Fresh) &lt;= 2 * W(Reporters). */
    NOT_ENOUGH_FRESH_WEIGHT,
    /** AdvanceRound in round MaxRound. */
    LAST_ROUND,
    /** OracleParams outside the hard bounds (which keep every weight sum free of overflow) or the spec's ASSUME. */
    INVALID_PARAMS,
    /** A state given to Oracle.fromState that breaks TypeOK or the bounds of the params. */
    INVALID_STATE
}
