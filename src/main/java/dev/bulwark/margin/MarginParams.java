package dev.bulwark.margin;

/**
 * The constants of spec/margin/Margin.tla (all but Accounts, Amounts and InitPrice), immutable
 * and validated: each lies within the spec's ASSUME and within the engine's hard caps
 * ({@link MarginEngine#MAX_LOTS} etc.), which is what makes all engine arithmetic fit in a long.
 *
 * <p>Nonsense (a non-positive bound, MinPrice above MaxPrice, MmBps above ImBps, a rate above
 * 10,000 bps) is {@link Reason#INVALID_PARAMS}; a sensible value above a hard cap is
 * {@link Reason#LIMIT_EXCEEDED}.  The exception's first number is the index of the offending
 * argument (0 = maxTradeLots ... 11 = dustLots), the second its value.
 *
 * <p>One condition relates the bounds (it is also in the spec's ASSUME): the maintenance
 * requirement of the largest position at the highest price, BpsUp(MaxLots * MaxPrice, MmBps), must
 * not exceed MaxCollateral.  Liquidate and Deleverage do not check the bounds of the account they
 * close; the rules keep it within them (spec/margin/README.md, "Bounds, action by action"):
 * <ul>
 *   <li>a bankrupt account, liquidated or deleveraged, keeps coll - floor(coll * q / |pos|) (the
 *       fund pays only the closed lots' share of the deficit), which lies between 0 and coll;</li>
 *   <li>a healthy short, liquidated, pays q * px out of its balance and keeps equity &gt;= 0, so
 *       its balance stays between 0 and coll;</li>
 *   <li>a healthy long, liquidated, receives q * px; its balance rises to at most its equity
 *       before, which is below its maintenance requirement, at most
 *       BpsUp(MaxLots * MaxPrice, MmBps): this condition.</li>
 * </ul>
 * Every other balance that changes is checked by its action's guard.  The condition alone was not
 * enough under the earlier liquidation rule, which paid a bankrupt account's whole deficit for a
 * partial close: a bankrupt short then kept (|pos| - q) * price, up to (MaxLots - 1) * MaxPrice
 * (Finding 4).  Every spec config satisfies it (MC: 3 &lt;= 40; MCCover: 29 &lt;= 39).
 */
public final class MarginParams {
    /** MaxTradeLots: largest size of one trade, lots. */
    public final long maxTradeLots;
    /** MaxLots: bound on |position| of any account, lots. */
    public final long maxLots;
    /** MaxCollateral: bound on |collateral| of any account, quote units. */
    public final long maxCollateral;
    /** MaxNetDeposits: bound on deposits minus withdrawals, quote units. */
    public final long maxNetDeposits;
    /** MinPrice: lowest oracle price, ticks. */
    public final long minPrice;
    /** MaxPrice: highest oracle price, ticks. */
    public final long maxPrice;
    /** MaxPriceStep: largest oracle move in one setPrice, ticks. */
    public final long maxPriceStep;
    /** ImBps: initial margin rate, bps of notional. */
    public final long imBps;
    /** MmBps: maintenance margin rate, bps of notional. */
    public final long mmBps;
    /** FeeBps: liquidation fee rate, bps of liquidated notional. */
    public final long feeBps;
    /** BandBps: trade price band around the oracle price, bps of price. */
    public final long bandBps;
    /** DustLots: a partial liquidation may not leave 0 &lt; |position| &lt; dustLots. */
    public final long dustLots;

    //@ public invariant 1 <= maxTradeLots && maxTradeLots <= MarginEngine.MAX_LOTS;
    //@ public invariant 1 <= maxLots && maxLots <= MarginEngine.MAX_LOTS;
    //@ public invariant 1 <= maxCollateral && maxCollateral <= MarginEngine.MAX_COLLATERAL;
    //@ public invariant 1 <= maxNetDeposits && maxNetDeposits <= MarginEngine.MAX_NET_DEPOSITS;
    //@ public invariant 1 <= minPrice && minPrice <= maxPrice && maxPrice <= MarginEngine.MAX_PRICE;
    //@ public invariant 1 <= maxPriceStep && maxPriceStep <= MarginEngine.MAX_PRICE;
    //@ public invariant 0 < mmBps && mmBps <= imBps && imBps <= MarginEngine.BPS;
    //@ public invariant 0 <= feeBps && feeBps <= MarginEngine.BPS;
    //@ public invariant 0 <= bandBps && bandBps <= MarginEngine.BPS;
    //@ public invariant 1 <= dustLots && dustLots <= MarginEngine.MAX_LOTS;
    //@ public invariant MarginMath.requirement(maxLots, maxPrice, mmBps) <= maxCollateral;

    /*@ public normal_behavior
      @   requires valid(maxTradeLots, maxLots, maxCollateral, maxNetDeposits, minPrice, maxPrice,
      @                  maxPriceStep, imBps, mmBps, feeBps, bandBps, dustLots);
      @   assignable \nothing;
      @   ensures this.maxTradeLots == maxTradeLots && this.maxLots == maxLots
      @        && this.maxCollateral == maxCollateral && this.maxNetDeposits == maxNetDeposits
      @        && this.minPrice == minPrice && this.maxPrice == maxPrice
      @        && this.maxPriceStep == maxPriceStep && this.imBps == imBps && this.mmBps == mmBps
      @        && this.feeBps == feeBps && this.bandBps == bandBps && this.dustLots == dustLots;
      @ also public exceptional_behavior
      @   requires !valid(maxTradeLots, maxLots, maxCollateral, maxNetDeposits, minPrice, maxPrice,
      @                   maxPriceStep, imBps, mmBps, feeBps, bandBps, dustLots);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public MarginParams(long maxTradeLots, long maxLots, long maxCollateral, long maxNetDeposits,
                        long minPrice, long maxPrice, long maxPriceStep,
                        long imBps, long mmBps, long feeBps, long bandBps, long dustLots)
            throws MarginException {
        checkPositive(0, maxTradeLots, MarginEngine.MAX_LOTS);
        checkPositive(1, maxLots, MarginEngine.MAX_LOTS);
        checkPositive(2, maxCollateral, MarginEngine.MAX_COLLATERAL);
        checkPositive(3, maxNetDeposits, MarginEngine.MAX_NET_DEPOSITS);
        checkPositive(4, minPrice, MarginEngine.MAX_PRICE);
        checkPositive(5, maxPrice, MarginEngine.MAX_PRICE);
        if (minPrice > maxPrice) {
            throw new MarginException(Reason.INVALID_PARAMS, 4, minPrice);
        }
        checkPositive(6, maxPriceStep, MarginEngine.MAX_PRICE);
        checkRate(7, imBps);
        checkRate(8, mmBps);
        if (mmBps == 0 || mmBps > imBps) {
            throw new MarginException(Reason.INVALID_PARAMS, 8, mmBps);
        }
        checkRate(9, feeBps);
        checkRate(10, bandBps);
        checkPositive(11, dustLots, MarginEngine.MAX_LOTS);
        if (MarginMath.requirement(maxLots, maxPrice, mmBps) > maxCollateral) {
            throw new MarginException(Reason.INVALID_PARAMS, 2, maxCollateral);
        }
        this.maxTradeLots = maxTradeLots;
        this.maxLots = maxLots;
        this.maxCollateral = maxCollateral;
        this.maxNetDeposits = maxNetDeposits;
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.maxPriceStep = maxPriceStep;
        this.imBps = imBps;
        this.mmBps = mmBps;
        this.feeBps = feeBps;
        this.bandBps = bandBps;
        this.dustLots = dustLots;
    }

    /** The spec's ASSUME on the constants, restricted to the engine's hard caps. */
    /*@ public normal_behavior
      @   ensures \result <==>
      @        1 <= maxTradeLots && maxTradeLots <= MarginEngine.MAX_LOTS
      @     && 1 <= maxLots && maxLots <= MarginEngine.MAX_LOTS
      @     && 1 <= maxCollateral && maxCollateral <= MarginEngine.MAX_COLLATERAL
      @     && 1 <= maxNetDeposits && maxNetDeposits <= MarginEngine.MAX_NET_DEPOSITS
      @     && 1 <= minPrice && minPrice <= maxPrice && maxPrice <= MarginEngine.MAX_PRICE
      @     && 1 <= maxPriceStep && maxPriceStep <= MarginEngine.MAX_PRICE
      @     && 0 < mmBps && mmBps <= imBps && imBps <= MarginEngine.BPS
      @     && 0 <= feeBps && feeBps <= MarginEngine.BPS
      @     && 0 <= bandBps && bandBps <= MarginEngine.BPS
      @     && 1 <= dustLots && dustLots <= MarginEngine.MAX_LOTS
      @     && MarginMath.requirement(maxLots, maxPrice, mmBps) <= maxCollateral;
      @ pure
      @*/
    public static boolean valid(long maxTradeLots, long maxLots, long maxCollateral, long maxNetDeposits,
                                long minPrice, long maxPrice, long maxPriceStep,
                                long imBps, long mmBps, long feeBps, long bandBps, long dustLots) {
        return 1 <= maxTradeLots && maxTradeLots <= MarginEngine.MAX_LOTS
            && 1 <= maxLots && maxLots <= MarginEngine.MAX_LOTS
            && 1 <= maxCollateral && maxCollateral <= MarginEngine.MAX_COLLATERAL
            && 1 <= maxNetDeposits && maxNetDeposits <= MarginEngine.MAX_NET_DEPOSITS
            && 1 <= minPrice && minPrice <= maxPrice && maxPrice <= MarginEngine.MAX_PRICE
            && 1 <= maxPriceStep && maxPriceStep <= MarginEngine.MAX_PRICE
            && 0 < mmBps && mmBps <= imBps && imBps <= MarginEngine.BPS
            && 0 <= feeBps && feeBps <= MarginEngine.BPS
            && 0 <= bandBps && bandBps <= MarginEngine.BPS
            && 1 <= dustLots && dustLots <= MarginEngine.MAX_LOTS
            && MarginMath.requirement(maxLots, maxPrice, mmBps) <= maxCollateral;
    }

    /**
     * Production-ish values within the hard caps: 1,000,000 lots, collateral up to 4e12 quote
     * units, prices 1..1,000,000 ticks moving at most 5% of the top of the range per update,
     * 10% initial / 5% maintenance margin, 1% liquidation fee, 5% trade band, no dust below 10 lots.
     */
    //@ public normal_behavior
    //@   ensures \result != null;
    //@ pure
    public static MarginParams defaults() {
        return new MarginParams(100_000L, MarginEngine.MAX_LOTS, MarginEngine.MAX_COLLATERAL,
                MarginEngine.MAX_NET_DEPOSITS, 1L, MarginEngine.MAX_PRICE, 50_000L,
                1_000L, 500L, 100L, 500L, 10L);
    }

    //@ private normal_behavior
    //@   requires 0 < cap && 1 <= value && value <= cap;
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires 0 < cap && !(1 <= value && value <= cap);
    //@   assignable \nothing;
    //@   signals_only MarginException;
    //@ pure
    private static void checkPositive(int index, long value, long cap) throws MarginException {
        if (value < 1) {
            throw new MarginException(Reason.INVALID_PARAMS, index, value);
        }
        if (value > cap) {
            throw new MarginException(Reason.LIMIT_EXCEEDED, index, value);
        }
    }

    //@ private normal_behavior
    //@   requires 0 <= value && value <= MarginEngine.BPS;
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires !(0 <= value && value <= MarginEngine.BPS);
    //@   assignable \nothing;
    //@   signals_only MarginException;
    //@ pure
    private static void checkRate(int index, long value) throws MarginException {
        if (value < 0 || value > MarginEngine.BPS) {
            throw new MarginException(Reason.INVALID_PARAMS, index, value);
        }
    }

    /** For diagnostics only; outside the proof (no string building in verified code). */
    /*@ skipesc @*/
    @Override
    public String toString() {
        return "MarginParams[maxTradeLots=" + maxTradeLots + ", maxLots=" + maxLots
            + ", maxCollateral=" + maxCollateral + ", maxNetDeposits=" + maxNetDeposits
            + ", minPrice=" + minPrice + ", maxPrice=" + maxPrice + ", maxPriceStep=" + maxPriceStep
            + ", imBps=" + imBps + ", mmBps=" + mmBps + ", feeBps=" + feeBps
            + ", bandBps=" + bandBps + ", dustLots=" + dustLots + "]";
    }
}
