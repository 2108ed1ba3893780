package dev.bulwark.margin;

/**
 * The nonlinear arithmetic of spec/margin/Margin.tla, one small static pure helper per step,
 * each with a {@code requires} that bounds every operand by the engine's hard caps, so that no
 * step can overflow a long and each proof obligation stays local (docs NOTES.md: a product of
 * variables inside a larger method is UNKNOWN; the same step in a helper proves).
 *
 * <p>Bounds used throughout: |lots| &lt;= MAX_LOTS = 1e6, 0 &lt; price &lt;= MAX_PRICE = 1e6,
 * so |lots * price| &lt;= 1e12; |collateral| &lt;= MAX_COLLATERAL = 4e12; rates &lt;= BPS = 1e4.
 */
public final class MarginMath {
    private MarginMath() {}

    /** 10^12: the largest notional, MAX_LOTS * MAX_PRICE. */
    public static final long MAX_NOTIONAL = 1_000_000_000_000L;
    /** 5 * 10^12: the largest |equity|, MAX_COLLATERAL + MAX_NOTIONAL. */
    public static final long MAX_EQUITY = 5_000_000_000_000L;

    /** Abs(x) for a bounded x. */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_COLLATERAL * 4 <= x && x <= MarginEngine.MAX_COLLATERAL * 4;
    //@   ensures \result == (x < 0 ? -x : x) && \result >= 0;
    //@ pure heap_free
    public static long abs(long x) {
        return x < 0 ? -x : x;
    }

    /** Sign(x): 1, -1 or 0. */
    //@ public normal_behavior
    //@   ensures \result == (x > 0 ? 1 : (x < 0 ? -1 : 0));
    //@ pure heap_free
    public static long sign(long x) {
        return x > 0 ? 1 : (x < 0 ? -1 : 0);
    }

    /**
     * Sign(p) * q: q lots on p's side (q for a long, -q for a short, 0 for a flat p), without a
     * product, so that contracts form Sign(pos) * q * px as {@code lotsTimesPrice(signedLots(p, q), px)}
     * and every step stays linear for the prover.
     */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= q && q <= MarginEngine.MAX_LOTS;
    //@   ensures \result == (p > 0 ? q : (p < 0 ? -q : 0));
    //@   ensures -MarginEngine.MAX_LOTS <= \result && \result <= MarginEngine.MAX_LOTS;
    //@ pure heap_free
    public static long signedLots(long p, long q) {
        return p > 0 ? q : (p < 0 ? -q : 0);
    }

    /** Liquidate's fee cap: Min(fee, Max(ea, 0)) for a fee fee &gt;= 0 and the equity ea left after the fill. */
    //@ public normal_behavior
    //@   requires 0 <= fee;
    //@   ensures \result == (ea < 0 ? 0 : (fee < ea ? fee : ea));
    //@   ensures 0 <= \result && \result <= fee;
    //@ pure heap_free
    public static long cappedFee(long fee, long ea) {
        if (ea < 0) {
            return 0;
        }
        return fee < ea ? fee : ea;
    }

    /** Signed lots times a price in ticks: p * px, |result| &lt;= 1e12. */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   ensures \result == p * px;
    //@   ensures -MAX_NOTIONAL <= \result && \result <= MAX_NOTIONAL;
    //@ pure heap_free
    public static long lotsTimesPrice(long p, long px) {
        return p * px;
    }

    /** NotionalOf(p, px) == Abs(p) * px. */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   ensures \result == (p < 0 ? -p : p) * px;
    //@   ensures 0 <= \result && \result <= MAX_NOTIONAL;
    //@ pure heap_free
    public static long notional(long p, long px) {
        return lotsTimesPrice(p < 0 ? -p : p, px);
    }

    /** EquityOf(c, p, px) == c + p * px. */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   ensures \result == c + p * px;
    //@   ensures -MAX_EQUITY <= \result && \result <= MAX_EQUITY;
    //@ pure heap_free
    public static long equityOf(long c, long p, long px) {
        return c + lotsTimesPrice(p, px);
    }

    /** CeilDiv(n, d) == (n + d - 1) \div d for n &gt;= 0, d &gt; 0: rounds up. */
    //@ public normal_behavior
    //@   requires n >= 0 && d > 0 && n <= Long.MAX_VALUE - d;
    //@   ensures \result == (n + d - 1) / d && \result >= 0;
    //@ pure heap_free
    public static long ceilDiv(long n, long d) {
        return (n + d - 1) / d;
    }

    /** BpsUp(n, bps) == CeilDiv(n * bps, BPS): a rate of a non-negative quantity, rounded up. */
    //@ public normal_behavior
    //@   requires 0 <= n && n <= MAX_NOTIONAL;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures \result == (n * bps + MarginEngine.BPS - 1) / MarginEngine.BPS;
    //@   ensures 0 <= \result && \result <= n;
    //@ pure heap_free
    public static long bpsUp(long n, long bps) {
        return ceilDiv(n * bps, MarginEngine.BPS);
    }

    /** ImReqOf / MmReqOf: BpsUp(NotionalOf(p, px), bps). */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures \result == bpsUp(notional(p, px), bps);
    //@   ensures 0 <= \result && \result <= MAX_NOTIONAL;
    //@ pure heap_free
    public static long requirement(long p, long px, long bps) {
        return bpsUp(notional(p, px), bps);
    }

    /**
     * e &lt; requirement(p, px, bps) without the division: for an integer e and N = |p| * px * bps,
     * e &lt; ceil(N / BPS) holds exactly when e * BPS &lt; N (an integer below the ceiling of x is
     * below x).  |e| &lt;= MAX_EQUITY, so e * BPS and N stay below 1e17.  Returns 1 or 0, without a
     * branch (the sign bit of e * BPS - N, {@link #signBit}).
     */
    //@ public normal_behavior
    //@   requires -MAX_EQUITY <= e && e <= MAX_EQUITY;
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures (\result == 1) <==> (e < requirement(p, px, bps));
    //@   ensures \result == 0 || \result == 1;
    //@ pure heap_free
    public static int belowRequirement(long e, long p, long px, long bps) {
        long scaledRequirement = notionalTimesRate(notional(p, px), bps);
        return (int) signBit(e * MarginEngine.BPS - scaledRequirement);
    }

    /** n * bps for a notional n and a rate: at most 1e16. */
    //@ public normal_behavior
    //@   requires 0 <= n && n <= MAX_NOTIONAL;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures \result == n * bps;
    //@   ensures 0 <= \result && \result <= MAX_NOTIONAL * MarginEngine.BPS;
    //@ pure heap_free
    public static long notionalTimesRate(long n, long bps) {
        return n * bps;
    }

    /**
     * 1 if d &lt; 0, else 0: the sign bit of d, without a branch.  ({@code d >>> 63} alone; the
     * mask changes nothing, the JIT drops it, and it lets the verifier choose bit-vector
     * arithmetic for this one step.)
     */
    //@ public normal_behavior
    //@   ensures \result == (d < 0 ? 1 : 0);
    //@ pure heap_free
    public static long signBit(long d) {
        return (d >>> 63) & 1L;
    }

    /**
     * The scan's branch-free side selection: {@code kShort} if p &lt; 0, else {@code kLong}.
     * {@code p >> 63} is 0 for p &gt;= 0 and all ones for p &lt; 0, so
     * {@code kLong ^ ((kLong ^ kShort) & (p >> 63))} is kLong or {@code kLong ^ kLong ^ kShort}.
     * Bit operations only, proved in bit-vector arithmetic; {@code kLong ^ kShort} does not depend
     * on the account and the JIT hoists it out of the scan's loop.
     */
    //@ public normal_behavior
    //@   ensures \result == (p < 0 ? kShort : kLong);
    //@ pure heap_free
    public static long sideFactor(long p, long kLong, long kShort) {
        return kLong ^ ((kLong ^ kShort) & (p >> 63));
    }

    /**
     * The scan's factor for a long or flat account at price px: {@code px * (bps - BPS)}.  With
     * it, {@code c + p * px < requirement(p, px, bps)} for p &gt;= 0 is {@code c * BPS < p * K}
     * (multiply (c + p*px)*BPS &lt; p*px*bps out).  |K| &lt;= 1e10.
     */
    //@ public normal_behavior
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures \result == px * (bps - MarginEngine.BPS);
    //@   ensures -MAX_SCAN_FACTOR <= \result && \result <= 0;
    //@ pure heap_free
    public static long scanFactorLong(long px, long bps) {
        return px * (bps - MarginEngine.BPS);
    }

    /**
     * The scan's factor for a short account at price px: {@code -px * (bps + BPS)}; for p &lt; 0,
     * |p * px| = -p * px turns (c + p*px)*BPS &lt; -p*px*bps into {@code c * BPS < p * K}.
     * |K| &lt;= 2e10.
     */
    //@ public normal_behavior
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures \result == -px * (bps + MarginEngine.BPS);
    //@   ensures -MAX_SCAN_FACTOR <= \result && \result <= 0;
    //@ pure heap_free
    public static long scanFactorShort(long px, long bps) {
        return -px * (bps + MarginEngine.BPS);
    }

    /**
     * The scan's per-account test, in the form the JIT compiles to vector instructions: 1 when
     * {@code c * BPS < p * K}, else 0, where K is {@code kLong} for p &gt;= 0 and {@code kShort}
     * for p &lt; 0.  The factor of the account's side is selected without a branch
     * ({@link #sideFactor}) and the test {@code c * BPS - p * K < 0} is read off the sign bit
     * ({@link #signBit}).  Two multiplications, no division, no branch; |c * BPS| &lt;= 4e16 and
     * |p * K| &lt;= 2e16, so nothing overflows.
     *
     * <p>The scan calls it with {@code kLong = scanFactorLong(px, bps)} and
     * {@code kShort = scanFactorShort(px, bps)}; {@link #belowRequirementByFactor} then says that
     * the flag is 1 exactly when {@code c + p * px < requirement(p, px, bps)}.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @   requires -MAX_SCAN_FACTOR <= kLong && kLong <= 0;
      @   requires -MAX_SCAN_FACTOR <= kShort && kShort <= 0;
      @   ensures \result == 0 || \result == 1;
      @   ensures (\result == 1) <==> (c * MarginEngine.BPS < p * (p < 0 ? kShort : kLong));
      @ pure heap_free
      @*/
    public static long liquidatableFlag(long c, long p, long kLong, long kShort) {
        return signBit(c * MarginEngine.BPS - p * sideFactor(p, kLong, kShort));
    }

    /** 2 * 10^10: bound on |scanFactorLong| and |scanFactorShort| (MAX_PRICE * 2 * BPS). */
    public static final long MAX_SCAN_FACTOR = 20_000_000_000L;

    /**
     * The lemma behind the scan: for an integer balance c, {@code c + p * px < requirement(p, px,
     * bps)} exactly when {@code c * BPS < p * K}, K being the factor of p's side.  (Multiply
     * (c + p*px) * BPS &lt; |p| * px * bps out; an integer is below ceil(N / BPS) exactly when it
     * times BPS is below N.)
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @   requires 0 <= bps && bps <= MarginEngine.BPS;
      @   ensures \result <==> (equityOf(c, p, px) < requirement(p, px, bps));
      @   ensures \result <==> (c * MarginEngine.BPS < p * (p < 0 ? scanFactorShort(px, bps) : scanFactorLong(px, bps)));
      @ pure heap_free
      @*/
    public static boolean belowRequirementByFactor(long c, long p, long px, long bps) {
        return c * MarginEngine.BPS < p * (p < 0 ? scanFactorShort(px, bps) : scanFactorLong(px, bps));
    }

    /**
     * Slack over numbers: (e + Max(0, -e)) \div n for an equity e and n = |pos| &gt;= 1 lots
     * (Equity(a) + Deficit(a), Deficit(a) = Max(0, -Equity(a))): 0 for e &lt; 0, e / n otherwise.
     */
    /*@ public normal_behavior
      @   requires -MAX_EQUITY <= e && e <= MAX_EQUITY;
      @   requires 1 <= n && n <= MarginEngine.MAX_LOTS;
      @   ensures \result == floorDiv(e + (e < 0 ? -e : 0), n);
      @   ensures \result == (e < 0 ? 0 : e / n);
      @   ensures 0 <= \result && \result <= (e < 0 ? 0 : e);
      @ pure heap_free
      @*/
    public static long slackOf(long e, long n) {
        return floorDiv(e + (e < 0 ? -e : 0), n);
    }

    /**
     * LiquidationPrices for a position p != 0 at the oracle price {@code price}, with the slack s
     * (Slack(a)) and the price bounds: Max(minPrice, price - s)..price for a long,
     * price..Min(maxPrice, price + s) for a short.  Over numbers, so that the engine's contract
     * names Slack(a) once.
     */
    /*@ public normal_behavior
      @   requires 0 <= price && price <= MarginEngine.MAX_PRICE && 0 <= s && s <= MAX_EQUITY;
      @   ensures \result <==>
      @        (p > 0
      @             ? ((price - s < minPrice ? minPrice : price - s) <= px && px <= price)
      @             : (price <= px && px <= (price + s > maxPrice ? maxPrice : price + s)));
      @ pure
      @*/
    public static boolean inLiquidationBand(long p, long price, long s, long minPrice, long maxPrice, long px) {
        if (p > 0) {
            long low = price - s < minPrice ? minPrice : price - s;
            return low <= px && px <= price;
        }
        long high = price + s > maxPrice ? maxPrice : price + s;
        return price <= px && px <= high;
    }

    /** Liquidatable at price px and maintenance rate bps: EquityOf(c, p, px) &lt; MmReqOf(p, px). */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
    //@   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@   requires 0 <= bps && bps <= MarginEngine.BPS;
    //@   ensures \result <==> (equityOf(c, p, px) < requirement(p, px, bps));
    //@ pure heap_free
    public static boolean liquidatable(long c, long p, long px, long bps) {
        return equityOf(c, p, px) < requirement(p, px, bps);
    }

    /**
     * TLA+ {@code n \div d} for d &gt; 0: floor division, rounding towards minus infinity
     * (-7 \div 2 = -4), unlike Java's {@code /}.
     */
    //@ public normal_behavior
    //@   requires 0 < d && d <= MarginEngine.MAX_LOTS;
    //@   requires -MarginEngine.MAX_COLLATERAL * MarginEngine.MAX_LOTS <= n && n <= MarginEngine.MAX_COLLATERAL * MarginEngine.MAX_LOTS;
    //@   ensures \result * d <= n && n - \result * d < d;
    //@   ensures n >= 0 ==> \result == n / d;
    //@   ensures n >= 0 ==> 0 <= \result && \result <= n;
    //@ pure heap_free
    public static long floorDiv(long n, long d) {
        long q = n / d;
        if (n % d != 0 && n < 0) {
            q = q - 1;
        }
        return q;
    }

    /**
     * ClosedDeficit's CeilDiv(d * q, n): the share of a deficit d that q of n lots carry, rounded
     * up.  0 &lt;= d &lt;= MAX_EQUITY and q &lt;= n &lt;= MAX_LOTS, so d * q &lt;= 5e18 fits a long;
     * the share is at most d (q &lt;= n) and is d for q = n.
     */
    //@ public normal_behavior
    //@   requires 0 <= d && d <= MAX_EQUITY;
    //@   requires 0 <= q && q <= n && 1 <= n && n <= MarginEngine.MAX_LOTS;
    //@   ensures \result == (d * q + n - 1) / n;
    //@   ensures 0 <= \result && \result <= d;
    //@   ensures q == n ==> \result == d;
    //@ pure heap_free
    public static long shareUp(long d, long q, long n) {
        return ceilDiv(d * q, n);
    }

    /**
     * ClosedDeficit over an account's entries (balance c, position p, oracle price): the closed
     * lots' share of the deficit Max(0, -EquityOf(c, p, price)), CeilDiv(deficit * q, Abs(p)).
     * Defined as 0 for a flat account (p = 0, q = 0: the spec never forms it, its guard requires
     * pos[a] # 0), so that the contracts that name it carry no precondition on p.  Over numbers so
     * that Liquidate's contracts name it of the entries, not of the engine's queries.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @   requires 0 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires 0 <= q && q <= (p < 0 ? -p : p);
      @   ensures p != 0 ==> \result == shareUp((equityOf(c, p, price) < 0 ? -equityOf(c, p, price) : 0), q, (p < 0 ? -p : p));
      @   ensures p == 0 ==> \result == 0;
      @   ensures 0 <= \result && \result <= MAX_EQUITY;
      @ pure heap_free
      @*/
    public static long closedDeficitOf(long c, long p, long price, long q) {
        if (p == 0) {
            return 0;
        }
        long e = equityOf(c, p, price);
        return shareUp(e < 0 ? -e : 0, q, p < 0 ? -p : p);
    }

    /**
     * Liquidate's ea over an account's entries: the equity left after the fund's cover and the fill
     * of q lots at px, EquityOf(c, p, price) + ClosedDeficit + Sign(p) * q * (px - price), each
     * product within the helpers' bounds, so |ea| &lt;= 3 * MAX_EQUITY.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @   requires 0 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires 0 <= q && q <= (p < 0 ? -p : p);
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @   ensures \result == equityOf(c, p, price) + closedDeficitOf(c, p, price, q)
      @                      + lotsTimesPrice(signedLots(p, q), px) - lotsTimesPrice(signedLots(p, q), price);
      @   ensures -3 * MAX_EQUITY <= \result && \result <= 3 * MAX_EQUITY;
      @ pure heap_free
      @*/
    public static long liquidatedEquityOf(long c, long p, long price, long q, long px) {
        long sq = signedLots(p, q);
        return equityOf(c, p, price) + closedDeficitOf(c, p, price, q) + lotsTimesPrice(sq, px) - lotsTimesPrice(sq, price);
    }

    /** Liquidate's fee over an account's entries: Min(BpsUp(q * px, FeeBps), Max(ea, 0)). */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @   requires 0 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires 0 <= q && q <= (p < 0 ? -p : p);
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @   requires 0 <= feeBps && feeBps <= MarginEngine.BPS;
      @   ensures \result == cappedFee(bpsUp(lotsTimesPrice(q, px), feeBps), liquidatedEquityOf(c, p, price, q, px));
      @   ensures 0 <= \result && \result <= MAX_NOTIONAL;
      @ pure heap_free
      @*/
    public static long liquidationFeeOf(long c, long p, long price, long q, long px, long feeBps) {
        return cappedFee(bpsUp(lotsTimesPrice(q, px), feeBps), liquidatedEquityOf(c, p, price, q, px));
    }

    // ------------------------------------------------------------------------------------------
    // Lemmas: pure functions that always return true, whose postconditions are the facts the
    // engine's proofs need (spec/margin/README.md, "Bounds, action by action").  The engine uses
    // them only in assertions; runtime assertion checking evaluates them.

    /**
     * The ceiling's two bounds for shareUp: share * n &gt;= d * q &gt; (share - 1) * n (kept apart from
     * shareUp's contract, which every caller's verification condition carries, so that only the
     * proofs that need these products see them).
     */
    //@ public normal_behavior
    //@   requires 0 <= d && d <= MAX_EQUITY;
    //@   requires 0 <= q && q <= n && 1 <= n && n <= MarginEngine.MAX_LOTS;
    //@   ensures \result;
    //@   ensures shareUp(d, q, n) * n >= d * q && (shareUp(d, q, n) - 1) * n < d * q;
    //@ pure heap_free
    public static boolean shareUpBounds(long d, long q, long n) {
        //@ assert shareUp(d, q, n) == (d * q + n - 1) / n;
        return true;
    }

    /**
     * A bankrupt account (equity c + p * price &lt; 0) closed in part, q of its n = |p| lots, at the
     * oracle price, the fund paying ClosedDeficit = ceil(deficit * q / n): it keeps
     * r = c + ClosedDeficit + Sign(p) * q * price = c - floor(c * q / n), between 0 and c (between
     * c and 0 for a negative balance), so within the bound of c (Finding 4).  With
     * k = ClosedDeficit + Sign(p) * q * price the ceiling gives k * n &gt;= -c * q &gt; (k - 1) * n.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS && p != 0;
      @   requires 1 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires equityOf(c, p, price) < 0;
      @   requires 0 <= q && q <= (p < 0 ? -p : p);
      @   ensures \result == c + shareUp(-equityOf(c, p, price), q, (p < 0 ? -p : p)) + sign(p) * q * price;
      @   ensures c >= 0 ==> 0 <= \result && \result <= c;
      @   ensures c < 0 ==> c <= \result && \result <= 0;
      @ pure heap_free
      @*/
    public static long bankruptRemainder(long c, long p, long price, long q) {
        long n = abs(p);
        long d = -equityOf(c, p, price);
        long share = shareUp(d, q, n);
        //@ assert shareUpBounds(d, q, n);
        long m = lotsTimesPrice(sign(p) * q, price);
        //@ assert bankruptIdentity(c, p, price, q);
        //@ assert d * q + n * m == -c * q;
        //@ assert ceilingShift(share, n, m, d * q, -c * q);
        //@ assert remainderWithinBalance(c, q, n, share + m);
        return c + share + m;
    }

    /**
     * For a bankrupt account's deficit d = -(c + p * price), n = |p| lots and the fill
     * m = Sign(p) * q * price at the oracle price: d * q + n * m = -c * q (p = Sign(p) * n).
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS && p != 0;
      @   requires 1 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires 0 <= q && q <= (p < 0 ? -p : p);
      @   ensures \result;
      @   ensures (-equityOf(c, p, price)) * q + abs(p) * lotsTimesPrice(sign(p) * q, price) == -c * q;
      @ pure heap_free
      @*/
    public static boolean bankruptIdentity(long c, long p, long price, long q) {
        if (p > 0) {
            //@ assert abs(p) == p && sign(p) == 1 && lotsTimesPrice(sign(p) * q, price) == q * price;
            //@ assert (-(c + p * price)) * q + p * (q * price) == -c * q;
            return true;
        }
        //@ assert abs(p) == -p && sign(p) == -1 && lotsTimesPrice(sign(p) * q, price) == -q * price;
        //@ assert (-(c + p * price)) * q + (-p) * (-q * price) == -c * q;
        return true;
    }

    /**
     * A ceiling moved by a whole number: if share is the ceiling of x / n (share * n &gt;= x &gt;
     * (share - 1) * n) and y = x + n * m, then share + m is the ceiling of y / n.
     */
    /*@ public normal_behavior
      @   requires 1 <= n && n <= MarginEngine.MAX_LOTS;
      @   requires -MAX_EQUITY <= share && share <= MAX_EQUITY && -MAX_NOTIONAL <= m && m <= MAX_NOTIONAL;
      @   requires share * n >= x && (share - 1) * n < x && x + n * m == y;
      @   ensures \result;
      @   ensures (share + m) * n >= y && (share + m - 1) * n < y;
      @ pure heap_free
      @*/
    public static boolean ceilingShift(long share, long n, long m, long x, long y) {
        //@ assert (share + m) * n == share * n + m * n;
        //@ assert (share + m - 1) * n == (share - 1) * n + m * n;
        return true;
    }

    /**
     * The arithmetic behind both remainders: if k * n &gt;= -c * q &gt; (k - 1) * n for
     * 0 &lt;= q &lt;= n (k is minus the floor of c * q / n), then c + k lies between 0 and c (between c
     * and 0 for a negative c).
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires 1 <= n && n <= MarginEngine.MAX_LOTS && 0 <= q && q <= n;
      @   requires k * n >= -c * q && (k - 1) * n < -c * q;
      @   ensures \result;
      @   ensures c >= 0 ==> -c <= k && k <= 0;
      @   ensures c < 0 ==> 0 <= k && k <= -c;
      @ pure heap_free
      @*/
    public static boolean remainderWithinBalance(long c, long q, long n, long k) {
        if (c >= 0) {
            //@ assert -c * q >= -c * n && -c * q <= 0;
            //@ assert (k - 1) * n < 0 && k * n >= -c * n;
            return -c <= k && k <= 0;
        }
        //@ assert -c * q <= -c * n && -c * q >= 0;
        //@ assert k * n >= 0 && (k - 1) * n < -c * n;
        return 0 <= k && k <= -c;
    }

    /**
     * Deleverage's remainder: c - floor(c * q / n) for 0 &lt;= q &lt;= n lies between 0 and c (between
     * c and 0 for a negative balance): the lots closed carry their pro-rata share, rounded down.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @   requires 1 <= n && n <= MarginEngine.MAX_LOTS && 0 <= q && q <= n;
      @   ensures \result == c - floorDiv(collateralTimesLots(c, q), n);
      @   ensures c >= 0 ==> 0 <= \result && \result <= c;
      @   ensures c < 0 ==> c <= \result && \result <= 0;
      @ pure heap_free
      @*/
    public static long keptShare(long c, long q, long n) {
        long f = floorDiv(collateralTimesLots(c, q), n);
        //@ assert f * n <= c * q && c * q < f * n + n;
        return c - f;
    }

    /**
     * requirement is monotone in the size and the price: |p| &lt;= bigLots and px &lt;= bigPx give
     * requirement(p, px, bps) &lt;= requirement(bigLots, bigPx, bps).
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @   requires (p < 0 ? -p : p) <= bigLots && bigLots <= MarginEngine.MAX_LOTS;
      @   requires 0 <= px && px <= bigPx && bigPx <= MarginEngine.MAX_PRICE;
      @   requires 0 <= bps && bps <= MarginEngine.BPS;
      @   ensures \result;
      @   ensures requirement(p, px, bps) <= requirement(bigLots, bigPx, bps);
      @ pure heap_free
      @*/
    public static boolean requirementMonotone(long p, long px, long bigLots, long bigPx, long bps) {
        long n = notional(p, px);
        long bigN = notional(bigLots, bigPx);
        //@ assert (p < 0 ? -p : p) * px <= bigLots * px && bigLots * px <= bigLots * bigPx;
        //@ assert n <= bigN;
        //@ assert n * bps <= bigN * bps;
        return requirement(p, px, bps) <= requirement(bigLots, bigPx, bps);
    }

    /**
     * The maintenance cap as a product: requirement(lots, px, bps) &lt;= cap exactly when
     * lots * px * bps &lt;= cap * BPS (an integer is at least the ceiling of N / BPS exactly when it
     * times BPS is at least N).  This direction: from the requirement to the product.
     */
    /*@ public normal_behavior
      @   requires 0 <= lots && lots <= MarginEngine.MAX_LOTS;
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @   requires 0 <= bps && bps <= MarginEngine.BPS;
      @   requires 0 <= cap && cap <= MarginEngine.MAX_COLLATERAL;
      @   requires requirement(lots, px, bps) <= cap;
      @   ensures \result;
      @   ensures lots * px * bps <= cap * MarginEngine.BPS;
      @ pure heap_free
      @*/
    public static boolean capFromRequirement(long lots, long px, long bps, long cap) {
        //@ assert notional(lots, px) == lots * px;
        //@ assert (lots * px * bps + MarginEngine.BPS - 1) / MarginEngine.BPS <= cap;
        return true;
    }

    /** The other direction: from the product to the requirement. */
    /*@ public normal_behavior
      @   requires 0 <= lots && lots <= MarginEngine.MAX_LOTS;
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @   requires 0 <= bps && bps <= MarginEngine.BPS;
      @   requires 0 <= cap && cap <= MarginEngine.MAX_COLLATERAL;
      @   requires lots * px * bps <= cap * MarginEngine.BPS;
      @   ensures \result;
      @   ensures requirement(lots, px, bps) <= cap;
      @ pure heap_free
      @*/
    public static boolean requirementFromCap(long lots, long px, long bps, long cap) {
        //@ assert notional(lots, px) == lots * px;
        //@ assert (lots * px * bps + MarginEngine.BPS - 1) / MarginEngine.BPS <= cap;
        return true;
    }

    /** Products of non-negative factors are monotone: q &lt;= p and px &lt;= price give q * px &lt;= p * price. */
    /*@ public normal_behavior
      @   requires 0 <= q && q <= p && p <= MarginEngine.MAX_LOTS;
      @   requires 0 <= px && px <= price && price <= MarginEngine.MAX_PRICE;
      @   ensures \result;
      @   ensures q * px <= p * price;
      @ pure heap_free
      @*/
    public static boolean productMonotone(long q, long px, long p, long price) {
        //@ assert q * px <= p * px;
        return q * px <= p * price;
    }

    /**
     * The liquidation band's slack is what the equity can pay: for e &gt;= 0 and n &gt;= 1 lots,
     * slack = floor(e / n), so q lots moved by at most the slack, 1 &lt;= q &lt;= n, cost at most e.
     */
    /*@ public normal_behavior
      @   requires 0 <= e && e <= MAX_EQUITY;
      @   requires 1 <= q && q <= n && n <= MarginEngine.MAX_LOTS;
      @   requires 0 <= d && d <= e / n;
      @   ensures \result;
      @   ensures q * d <= e;
      @ pure heap_free
      @*/
    public static boolean slackCovers(long e, long n, long q, long d) {
        //@ assert q * d <= n * d;
        //@ assert n * (e / n) <= e;
        //@ assert n * d <= n * (e / n);
        return q * d <= e;
    }

    /**
     * The balance Liquidate leaves to an account lies within the balance bound cap (spec/margin/README.md,
     * "Bounds, action by action"), over numbers: c, p (p != 0), the oracle price, q lots closed at
     * px, the account's equity e, the fund's cover (ClosedDeficit), the slack s, the fee.  The
     * engine's applyLiquidation instantiates it (a's new balance, ca - fee); the three cases are the lemmas below.
     */
    /*@ public normal_behavior
      @   requires 1 <= cap && cap <= MarginEngine.MAX_COLLATERAL && -cap <= c && c <= cap;
      @   requires 1 <= lotsCap && lotsCap <= MarginEngine.MAX_LOTS && -lotsCap <= p && p <= lotsCap && p != 0;
      @   requires 1 <= price && price <= pxCap && pxCap <= MarginEngine.MAX_PRICE;
      @   requires 0 < mmBps && mmBps <= MarginEngine.BPS && 0 <= feeBps && feeBps <= MarginEngine.BPS;
      @   requires lotsCap * pxCap * mmBps <= cap * MarginEngine.BPS;
      @   requires 1 <= q && q <= (p < 0 ? -p : p) && 1 <= px && px <= MarginEngine.MAX_PRICE;
      @   requires e == equityOf(c, p, price) && e < requirement(p, price, mmBps);
      @   requires cover == shareUp((e < 0 ? -e : 0), q, (p < 0 ? -p : p));
      @   requires s == slackOf(e, (p < 0 ? -p : p));
      @   requires p > 0 ==> price - s <= px && px <= price;
      @   requires p < 0 ==> price <= px && px <= price + s;
      @   requires fee == cappedFee(bpsUp(lotsTimesPrice(q, px), feeBps),
      @                             e + cover + lotsTimesPrice(signedLots(p, q), px) - lotsTimesPrice(signedLots(p, q), price));
      @   ensures \result;
      @   ensures -cap <= c + cover + lotsTimesPrice(signedLots(p, q), px) - fee;
      @   ensures c + cover + lotsTimesPrice(signedLots(p, q), px) - fee <= cap;
      @ pure heap_free
      @*/
    public static boolean liquidatedWithin(long c, long p, long price, long q, long px, long e, long cover,
                                           long s, long fee, long cap, long lotsCap, long pxCap,
                                           long mmBps, long feeBps) {
        long sq = signedLots(p, q);
        long feeCap = bpsUp(lotsTimesPrice(q, px), feeBps);
        long ea = e + cover + lotsTimesPrice(sq, px) - lotsTimesPrice(sq, price);
        //@ assert fee == cappedFee(feeCap, ea);
        if (e < 0) {
            //@ assert s == 0 && px == price;
            //@ assert lotsTimesPrice(sq, px) == lotsTimesPrice(sq, price);
            //@ assert cover <= -e && ea <= 0 && fee == 0;
            return liquidatedBankruptWithin(c, p, price, q, cover, cap);
        }
        //@ assert cover == 0;
        if (p > 0) {
            //@ assert sq == q;
            return liquidatedLongWithin(c, p, price, q, px, e, fee, feeCap, cap, lotsCap, pxCap, mmBps);
        }
        //@ assert sq == -q;
        return liquidatedShortWithin(c, p, price, q, px, e, s, ea, fee, feeCap, cap);
    }

    /** A bankrupt account filled at the oracle price keeps c - floor(c * q / |p|) (bankruptRemainder). */
    /*@ public normal_behavior
      @   requires 1 <= cap && cap <= MarginEngine.MAX_COLLATERAL && -cap <= c && c <= cap;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS && p != 0;
      @   requires 1 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires equityOf(c, p, price) < 0;
      @   requires 1 <= q && q <= (p < 0 ? -p : p);
      @   requires cover == shareUp(-equityOf(c, p, price), q, (p < 0 ? -p : p));
      @   ensures \result;
      @   ensures -cap <= c + cover + lotsTimesPrice(signedLots(p, q), price);
      @   ensures c + cover + lotsTimesPrice(signedLots(p, q), price) <= cap;
      @ pure heap_free
      @*/
    public static boolean liquidatedBankruptWithin(long c, long p, long price, long q, long cover, long cap) {
        //@ assert lotsTimesPrice(signedLots(p, q), price) == sign(p) * q * price;
        //@ assert bankruptRemainder(c, p, price, q) == c + cover + sign(p) * q * price;
        return true;
    }

    /**
     * A healthy long keeps at least its balance (the fee is at most q * px) and at most its equity
     * before (q * px &lt;= p * price), which is below its maintenance requirement, at most the cap.
     */
    /*@ public normal_behavior
      @   requires 1 <= cap && cap <= MarginEngine.MAX_COLLATERAL && -cap <= c && c <= cap;
      @   requires 1 <= lotsCap && lotsCap <= MarginEngine.MAX_LOTS && 1 <= p && p <= lotsCap;
      @   requires 1 <= price && price <= pxCap && pxCap <= MarginEngine.MAX_PRICE;
      @   requires 0 < mmBps && mmBps <= MarginEngine.BPS && lotsCap * pxCap * mmBps <= cap * MarginEngine.BPS;
      @   requires 1 <= q && q <= p && 1 <= px && px <= price;
      @   requires e == equityOf(c, p, price) && e < requirement(p, price, mmBps);
      @   requires 0 <= fee && fee <= feeCap && feeCap <= lotsTimesPrice(q, px);
      @   ensures \result;
      @   ensures -cap <= c + lotsTimesPrice(q, px) - fee && c + lotsTimesPrice(q, px) - fee <= cap;
      @ pure heap_free
      @*/
    public static boolean liquidatedLongWithin(long c, long p, long price, long q, long px, long e, long fee,
                                               long feeCap, long cap, long lotsCap, long pxCap, long mmBps) {
        //@ assert productMonotone(q, px, p, price);
        //@ assert requirementMonotone(p, price, lotsCap, pxCap, mmBps);
        //@ assert requirementFromCap(lotsCap, pxCap, mmBps, cap);
        //@ assert c + q * px <= e;
        return true;
    }

    /**
     * A healthy short keeps at most its balance and at least (|p| - q) * price &gt;= 0: the fee is at
     * most the equity left after the fill, which the band (px - price &lt;= slack) keeps &gt;= 0.
     */
    /*@ public normal_behavior
      @   requires 1 <= cap && cap <= MarginEngine.MAX_COLLATERAL && -cap <= c && c <= cap;
      @   requires -MarginEngine.MAX_LOTS <= p && p <= -1;
      @   requires 1 <= price && price <= MarginEngine.MAX_PRICE;
      @   requires 1 <= q && q <= -p && price <= px && px <= price + s && px <= MarginEngine.MAX_PRICE;
      @   requires e == equityOf(c, p, price) && 0 <= e;
      @   requires s == slackOf(e, -p);
      @   requires ea == e + lotsTimesPrice(-q, px) - lotsTimesPrice(-q, price);
      @   requires 0 <= feeCap && fee == cappedFee(feeCap, ea);
      @   ensures \result;
      @   ensures -cap <= c + lotsTimesPrice(-q, px) - fee && c + lotsTimesPrice(-q, px) - fee <= cap;
      @ pure heap_free
      @*/
    public static boolean liquidatedShortWithin(long c, long p, long price, long q, long px, long e, long s,
                                                long ea, long fee, long feeCap, long cap) {
        //@ assert s == e / (-p) && px - price <= s;
        //@ assert slackCovers(e, -p, q, px - price);
        //@ assert lotsTimesPrice(-q, px) - lotsTimesPrice(-q, price) == -(q * (px - price));
        //@ assert ea >= 0 && fee <= ea;
        //@ assert (p + q) * price <= 0;
        return true;
    }

    /** coll * q for Deleverage: |coll| &lt;= 4e12, 0 &lt;= q &lt;= 1e6, so |result| &lt;= 4e18. */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
    //@   requires 0 <= q && q <= MarginEngine.MAX_LOTS;
    //@   ensures \result == c * q;
    //@   ensures -MarginEngine.MAX_COLLATERAL * MarginEngine.MAX_LOTS <= \result && \result <= MarginEngine.MAX_COLLATERAL * MarginEngine.MAX_LOTS;
    //@ pure heap_free
    public static long collateralTimesLots(long c, long q) {
        return c * q;
    }

    /** DeleverageLots over numbers: Min(|pa|, |pc|) for a's and c's positions. */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_LOTS <= pa && pa <= MarginEngine.MAX_LOTS;
      @   requires -MarginEngine.MAX_LOTS <= pc && pc <= MarginEngine.MAX_LOTS;
      @   ensures \result == ((pa < 0 ? -pa : pa) <= (pc < 0 ? -pc : pc) ? (pa < 0 ? -pa : pa) : (pc < 0 ? -pc : pc));
      @   ensures 0 <= \result && \result <= MarginEngine.MAX_LOTS;
      @ pure heap_free
      @*/
    public static long deleverageLotsOf(long pa, long pc) {
        long qa = pa < 0 ? -pa : pa;
        long qc = pc < 0 ? -pc : pc;
        return qa <= qc ? qa : qc;
    }

    /**
     * DeleverageDelta over numbers: (ca * q) \div |pa| with q = Min(|pa|, |pc|) (floor division; the
     * numerator may be negative), between 0 and ca (between ca and 0 for a negative balance).
     * Defined as 0 for a flat a (pa = 0: the spec never forms it, its guard requires pos[a] # 0), so
     * that the contracts that name it carry no precondition on pa.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= ca && ca <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= pa && pa <= MarginEngine.MAX_LOTS;
      @   requires -MarginEngine.MAX_LOTS <= pc && pc <= MarginEngine.MAX_LOTS;
      @   ensures pa != 0 ==> \result == floorDiv(collateralTimesLots(ca, deleverageLotsOf(pa, pc)), (pa < 0 ? -pa : pa));
      @   ensures pa == 0 ==> \result == 0;
      @   ensures ca >= 0 ==> 0 <= \result && \result <= ca;
      @   ensures ca < 0 ==> ca <= \result && \result <= 0;
      @ pure heap_free
      @*/
    public static long deleverageDeltaOf(long ca, long pa, long pc) {
        if (pa == 0) {
            return 0;
        }
        long q = deleverageLotsOf(pa, pc);
        long n = pa < 0 ? -pa : pa;
        long delta = floorDiv(collateralTimesLots(ca, q), n);
        //@ assert keptShare(ca, q, n) == ca - delta;
        return delta;
    }

    /**
     * CanAbsorb's bound test over numbers: c (balance cc, position pc) can take a's deleveraging
     * step (a: balance ca, position pa != 0) within the bounds maxC and maxL, i.e.
     * InBounds(cc + DeleverageDelta(a, c), pc + Sign(pa) * DeleverageLots(a, c)).
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= ca && ca <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_COLLATERAL <= cc && cc <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= pa && pa <= MarginEngine.MAX_LOTS;
      @   requires -MarginEngine.MAX_LOTS <= pc && pc <= MarginEngine.MAX_LOTS;
      @   requires 0 <= maxC && maxC <= MarginEngine.MAX_COLLATERAL && 0 <= maxL && maxL <= MarginEngine.MAX_LOTS;
      @   ensures \result <==> -maxC <= cc + deleverageDeltaOf(ca, pa, pc) && cc + deleverageDeltaOf(ca, pa, pc) <= maxC
      @        && -maxL <= pc + signedLots(pa, deleverageLotsOf(pa, pc)) && pc + signedLots(pa, deleverageLotsOf(pa, pc)) <= maxL;
      @ pure heap_free
      @*/
    public static boolean absorbs(long ca, long pa, long cc, long pc, long maxC, long maxL) {
        long c1 = cc + deleverageDeltaOf(ca, pa, pc);
        long p1 = pc + signedLots(pa, deleverageLotsOf(pa, pc));
        return -maxC <= c1 && c1 <= maxC && -maxL <= p1 && p1 <= maxL;
    }

    /**
     * Over the entries of accounts a (ca, pa), d (cd, pd) and c (cc, pc) at price px: d is on the
     * side opposite to a, can absorb a's deleveraging step within maxC and maxL, and has strictly
     * larger equity than c -- CanAbsorb(a, d) /\ Equity(d) &gt; Equity(c) for d # a, the negation of
     * MostProfitableOpposite's quantified conjunct.
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= ca && ca <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_COLLATERAL <= cd && cd <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_COLLATERAL <= cc && cc <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= pa && pa <= MarginEngine.MAX_LOTS;
      @   requires -MarginEngine.MAX_LOTS <= pd && pd <= MarginEngine.MAX_LOTS;
      @   requires -MarginEngine.MAX_LOTS <= pc && pc <= MarginEngine.MAX_LOTS;
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @   requires 0 <= maxC && maxC <= MarginEngine.MAX_COLLATERAL && 0 <= maxL && maxL <= MarginEngine.MAX_LOTS;
      @   ensures \result <==> !notOpposite(pd, pa) && absorbs(ca, pa, cd, pd, maxC, maxL)
      @        && equityOf(cd, pd, px) > equityOf(cc, pc, px);
      @ pure heap_free
      @*/
    public static boolean outranksOf(long ca, long pa, long cd, long pd, long cc, long pc, long px, long maxC, long maxL) {
        // the equity comparison first: most accounts are passed over by it, before the division in absorbs
        return equityOf(cd, pd, px) > equityOf(cc, pc, px) && !notOpposite(pd, pa) && absorbs(ca, pa, cd, pd, maxC, maxL);
    }

    /** p0 * p1 &gt;= 0 (same side or one of them flat), without the product. */
    //@ public normal_behavior
    //@   requires -MarginEngine.MAX_LOTS <= p0 && p0 <= MarginEngine.MAX_LOTS;
    //@   requires -MarginEngine.MAX_LOTS <= p1 && p1 <= MarginEngine.MAX_LOTS;
    //@   ensures \result <==> p0 * p1 >= 0;
    //@ pure heap_free
    public static boolean notOpposite(long p0, long p1) {
        return (p0 >= 0 && p1 >= 0) || (p0 <= 0 && p1 <= 0);
    }

    /** InBand(px) == Abs(px - price) * BPS &lt;= BandBps * price. */
    //@ public normal_behavior
    //@   requires 0 < px && px <= MarginEngine.MAX_PRICE && 0 < price && price <= MarginEngine.MAX_PRICE;
    //@   requires 0 <= bandBps && bandBps <= MarginEngine.BPS;
    //@   ensures \result <==> (px < price ? price - px : px - price) * MarginEngine.BPS <= bandBps * price;
    //@ pure heap_free
    public static boolean inBand(long px, long price, long bandBps) {
        long diff = px < price ? price - px : px - price;
        return diff * MarginEngine.BPS <= bandBps * price;
    }

    /**
     * AcceptableOf(c0, p0, c1, p1) at price px: either the account meets initial margin
     * afterwards, or the change only reduces risk (same side, smaller, was not liquidatable,
     * surplus over maintenance does not fall).
     */
    /*@ public normal_behavior
      @   requires -MarginEngine.MAX_COLLATERAL <= c0 && c0 <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p0 && p0 <= MarginEngine.MAX_LOTS;
      @   requires -MarginEngine.MAX_COLLATERAL <= c1 && c1 <= MarginEngine.MAX_COLLATERAL;
      @   requires -MarginEngine.MAX_LOTS <= p1 && p1 <= MarginEngine.MAX_LOTS;
      @   requires 0 < px && px <= MarginEngine.MAX_PRICE;
      @   requires 0 < mmBps && mmBps <= imBps && imBps <= MarginEngine.BPS;
      @   ensures \result <==>
      @       (equityOf(c1, p1, px) >= requirement(p1, px, imBps)
      @        || (p0 * p1 >= 0
      @            && (p1 < 0 ? -p1 : p1) < (p0 < 0 ? -p0 : p0)
      @            && equityOf(c0, p0, px) >= requirement(p0, px, mmBps)
      @            && equityOf(c1, p1, px) - requirement(p1, px, mmBps)
      @                 >= equityOf(c0, p0, px) - requirement(p0, px, mmBps)));
      @ pure heap_free
      @*/
    public static boolean acceptable(long c0, long p0, long c1, long p1, long px, long imBps, long mmBps) {
        long e1 = equityOf(c1, p1, px);
        if (e1 >= requirement(p1, px, imBps)) {
            return true;
        }
        if (!notOpposite(p0, p1) || abs(p1) >= abs(p0)) {
            return false;
        }
        long e0 = equityOf(c0, p0, px);
        long m0 = requirement(p0, px, mmBps);
        long m1 = requirement(p1, px, mmBps);
        return e0 >= m0 && e1 - m1 >= e0 - m0;
    }

    /**
     * The loop step of {@link MarginEngine}'s mostProfitableOpposite, as a lemma over the two
     * arrays: "no j &lt; d outranks c" and "d does not" give "no j &lt; d + 1 does" (proved here,
     * apart from the engine and its invariants, so that the loop's own condition only matches the
     * two facts).
     */
    /*@ normal_behavior
      @   requires coll != null && pos != null && coll.length == pos.length;
      @   requires 0 <= a && a < coll.length && 0 <= c && c < coll.length && 0 <= d && d < coll.length;
      @   requires (\forall int k; 0 <= k && k < coll.length; -MarginEngine.MAX_COLLATERAL <= coll[k] && coll[k] <= MarginEngine.MAX_COLLATERAL);
      @   requires (\forall int k; 0 <= k && k < pos.length; -MarginEngine.MAX_LOTS <= pos[k] && pos[k] <= MarginEngine.MAX_LOTS);
      @   requires 0 <= px && px <= MarginEngine.MAX_PRICE && 0 <= maxC && maxC <= MarginEngine.MAX_COLLATERAL && 0 <= maxL && maxL <= MarginEngine.MAX_LOTS;
      @   requires (\forall int j; 0 <= j && j < d;
      @              j != a ==> !outranksOf(coll[a], pos[a], coll[j], pos[j], coll[c], pos[c], px, maxC, maxL));
      @   requires d != a ==> !outranksOf(coll[a], pos[a], coll[d], pos[d], coll[c], pos[c], px, maxC, maxL);
      @   ensures (\forall int j; 0 <= j && j < d + 1;
      @              j != a ==> !outranksOf(coll[a], pos[a], coll[j], pos[j], coll[c], pos[c], px, maxC, maxL));
      @ pure helper
      @*/
    static void noneOutranksStep(long[] coll, long[] pos, int a, int c, int d, long px, long maxC, long maxL) {
    }
}
