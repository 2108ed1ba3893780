package dev.bulwark.margin;

/**
 * Why the margin engine refused a call.  Every refusal leaves the engine state exactly unchanged.
 *
 * <p>Each constant names the conjunct of the spec's guard (spec/margin/Margin.tla) that failed,
 * or the API-boundary check that precedes the guards (account index, sign of amounts).
 */
public enum Reason {
    /** An account index outside 0..accounts()-1. */
    UNKNOWN_ACCOUNT,
    /** An amount, size or price that is zero or negative. */
    NON_POSITIVE_AMOUNT,
    /** A bound of the model would be crossed (MaxCollateral, MaxNetDeposits, MaxLots: InBounds). */
    LIMIT_EXCEEDED,
    /** WithdrawGuard's initial-margin conjunct, or AcceptableOf for a trade or liquidation side. */
    INSUFFICIENT_MARGIN,
    /** Trade with b = s, or Liquidate with l = a. */
    SELF_TRADE,
    /** Trade size above MaxTradeLots. */
    TRADE_TOO_LARGE,
    /** Price outside MinPrice..MaxPrice. */
    PRICE_OUT_OF_RANGE,
    /** Trade price outside the band around the oracle price (InBand). */
    PRICE_OUT_OF_BAND,
    /** SetPrice to the current price while the market is not halted. */
    PRICE_UNCHANGED,
    /** SetPrice by more than MaxPriceStep. */
    PRICE_STEP_TOO_LARGE,
    /**
     * Withdraw, Trade, Liquidate or Deleverage while the market is halted (no usable oracle
     * price), or Halt while already halted.
     */
    MARKET_HALTED,
    /** Withdraw while some account is bankrupt (negative equity): withdrawals are gated. */
    WITHDRAWALS_GATED,
    /** Liquidate of an account that is not Liquidatable. */
    NOT_LIQUIDATABLE,
    /** Liquidate or Deleverage of an account with no position. */
    FLAT_ACCOUNT,
    /** Liquidation size not in LiquidationSizes. */
    BAD_LIQUIDATION_SIZE,
    /** Liquidation price not in LiquidationPrices. */
    BAD_LIQUIDATION_PRICE,
    /** Liquidate of a bankrupt account whose deficit the insurance fund cannot cover. */
    INSURANCE_SHORTFALL,
    /** Deleverage while the insurance fund could cover the deficit. */
    INSURANCE_COVERS,
    /** Deleverage of an account whose equity is not negative. */
    NOT_BANKRUPT,
    /** Deleverage against an account that is not on the opposite side (or is the account itself). */
    NOT_OPPOSITE_SIDE,
    /** Deleverage against an opposite account while another opposite account has larger equity. */
    NOT_MOST_PROFITABLE,
    /** MarginParams that break the spec's ASSUME (e.g. MmBps > ImBps, MinPrice > MaxPrice). */
    INVALID_PARAMS,
    /** A state given to MarginEngine.fromState that is outside the bounds or breaks an invariant. */
    INVALID_STATE
}
