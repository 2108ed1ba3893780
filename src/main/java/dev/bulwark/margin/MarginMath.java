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
    //@ requires -MarginEngine.MAX_COLLATERAL * 4 <= x && x <= MarginEngine.MAX_COLLATERAL * 4;
    //@ ensures \result == (x < 0 ? -x : x) && \result >= 0;
    //@ pure
    public static long abs(long x) {
        return x < 0 ? -x : x;
    }

    /** Sign(x): 1, -1 or 0. */
    //@ ensures \result == (x > 0 ? 1 : (x < 0 ? -1 : 0));
    //@ pure
    public static long sign(long x) {
        return x > 0 ? 1 : (x < 0 ? -1 : 0);
    }

    /** Signed lots times a price in ticks: p * px, |result| &lt;= 1e12. */
    //@ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ ensures \result == p * px;
    //@ ensures -MAX_NOTIONAL <= \result && \result <= MAX_NOTIONAL;
    //@ pure
    public static long lotsTimesPrice(long p, long px) {
        return p * px;
    }

    /** NotionalOf(p, px) == Abs(p) * px. */
    //@ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ ensures \result == (p < 0 ? -p : p) * px;
    //@ ensures 0 <= \result && \result <= MAX_NOTIONAL;
    //@ pure
    public static long notional(long p, long px) {
        return lotsTimesPrice(p < 0 ? -p : p, px);
    }

    /** EquityOf(c, p, px) == c + p * px. */
    //@ requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
    //@ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ ensures \result == c + p * px;
    //@ ensures -MAX_EQUITY <= \result && \result <= MAX_EQUITY;
    //@ pure
    public static long equityOf(long c, long p, long px) {
        return c + lotsTimesPrice(p, px);
    }

    /** CeilDiv(n, d) == (n + d - 1) \div d for n &gt;= 0, d &gt; 0: rounds up. */
    //@ requires n >= 0 && d > 0 && n <= Long.MAX_VALUE - d;
    //@ ensures \result == (n + d - 1) / d && \result >= 0;
    //@ pure
    public static long ceilDiv(long n, long d) {
        return (n + d - 1) / d;
    }

    /** BpsUp(n, bps) == CeilDiv(n * bps, BPS): a rate of a non-negative quantity, rounded up. */
    //@ requires 0 <= n && n <= MAX_NOTIONAL;
    //@ requires 0 <= bps && bps <= MarginEngine.BPS;
    //@ ensures \result == (n * bps + MarginEngine.BPS - 1) / MarginEngine.BPS;
    //@ ensures 0 <= \result && \result <= n;
    //@ pure
    public static long bpsUp(long n, long bps) {
        return ceilDiv(n * bps, MarginEngine.BPS);
    }

    /** ImReqOf / MmReqOf: BpsUp(NotionalOf(p, px), bps). */
    //@ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ requires 0 <= bps && bps <= MarginEngine.BPS;
    //@ ensures \result == bpsUp(notional(p, px), bps);
    //@ ensures 0 <= \result && \result <= MAX_NOTIONAL;
    //@ pure
    public static long requirement(long p, long px, long bps) {
        return bpsUp(notional(p, px), bps);
    }

    /**
     * e &lt; requirement(p, px, bps) without the division: for an integer e and N = |p| * px * bps,
     * e &lt; ceil(N / BPS) holds exactly when e * BPS &lt; N (an integer below the ceiling of x is
     * below x).  |e| &lt;= MAX_EQUITY, so e * BPS and N stay below 1e17.  Returns 1 or 0, without a
     * branch, for the scan over all accounts.
     */
    //@ requires -MAX_EQUITY <= e && e <= MAX_EQUITY;
    //@ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ requires 0 <= bps && bps <= MarginEngine.BPS;
    //@ ensures (\result == 1) <==> (e < requirement(p, px, bps));
    //@ ensures \result == 0 || \result == 1;
    //@ pure
    public static int belowRequirement(long e, long p, long px, long bps) {
        long scaledRequirement = Math.abs(p) * px * bps;
        return (int) ((e * MarginEngine.BPS - scaledRequirement) >>> 63);
    }

    /**
     * The scan's factor for a long or flat account at price px: {@code px * (bps - BPS)}.  With
     * it, {@code c + p * px < requirement(p, px, bps)} for p &gt;= 0 is {@code c * BPS < p * K}
     * (multiply (c + p*px)*BPS &lt; p*px*bps out).  |K| &lt;= 1e10.
     */
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ requires 0 <= bps && bps <= MarginEngine.BPS;
    //@ ensures \result == px * (bps - MarginEngine.BPS);
    //@ ensures -MAX_SCAN_FACTOR <= \result && \result <= 0;
    //@ pure
    public static long scanFactorLong(long px, long bps) {
        return px * (bps - MarginEngine.BPS);
    }

    /**
     * The scan's factor for a short account at price px: {@code -px * (bps + BPS)}; for p &lt; 0,
     * |p * px| = -p * px turns (c + p*px)*BPS &lt; -p*px*bps into {@code c * BPS < p * K}.
     * |K| &lt;= 2e10.
     */
    //@ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
    //@ requires 0 <= bps && bps <= MarginEngine.BPS;
    //@ ensures \result == -px * (bps + MarginEngine.BPS);
    //@ ensures -MAX_SCAN_FACTOR <= \result && \result <= 0;
    //@ pure
    public static long scanFactorShort(long px, long bps) {
        return -px * (bps + MarginEngine.BPS);
    }

    /**
     * The scan's per-account test, in the form the JIT compiles to vector instructions: 1 when
     * {@code c * BPS < p * K}, else 0, where K is {@code kLong} for p &gt;= 0 and
     * {@code kLong ^ kFlip} for p &lt; 0.  The factor of the account's side is selected without a
     * branch ({@code p >> 63} is 0 for p &gt;= 0 and all ones for p &lt; 0, so
     * {@code kLong ^ (kFlip & (p >> 63))} is kLong or {@code kLong ^ kFlip}); the test is
     * {@code c * BPS - p * K < 0}, read off the sign bit.  Two multiplications, no division, no
     * branch; |c * BPS| &lt;= 4e16 and |p * K| &lt;= 2e16, so nothing overflows.
     *
     * <p>The scan calls it with {@code kLong = scanFactorLong(px, bps)} and
     * {@code kFlip = kLong ^ scanFactorShort(px, bps)} (so {@code kLong ^ kFlip} is the short
     * factor); {@link #belowRequirementByFactor} then says that the flag is 1 exactly when
     * {@code c + p * px < requirement(p, px, bps)}.
     */
    /*@ requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @ requires -MAX_SCAN_FACTOR <= kLong && kLong <= 0;
      @ requires -MAX_SCAN_FACTOR <= (kLong ^ kFlip) && (kLong ^ kFlip) <= 0;
      @ ensures \result == 0 || \result == 1;
      @ ensures (\result == 1) <==> (c * MarginEngine.BPS < p * (p < 0 ? (kLong ^ kFlip) : kLong));
      @ pure
      @*/
    public static long liquidatableFlag(long c, long p, long kLong, long kFlip) {
        return (c * MarginEngine.BPS - p * (kLong ^ (kFlip & (p >> 63)))) >>> 63;
    }

    /** 2 * 10^10: bound on |scanFactorLong| and |scanFactorShort| (MAX_PRICE * 2 * BPS). */
    public static final long MAX_SCAN_FACTOR = 20_000_000_000L;

    /**
     * The lemma behind the scan: for an integer balance c, {@code c + p * px < requirement(p, px,
     * bps)} exactly when {@code c * BPS < p * K}, K being the factor of p's side.  (Multiply
     * (c + p*px) * BPS &lt; |p| * px * bps out; an integer is below ceil(N / BPS) exactly when it
     * times BPS is below N.)
     */
    /*@ requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
      @ requires -MarginEngine.MAX_LOTS <= p && p <= MarginEngine.MAX_LOTS;
      @ requires 0 <= px && px <= MarginEngine.MAX_PRICE;
      @ requires 0 <= bps && bps <= MarginEngine.BPS;
      @ ensures \result <==> (equityOf(c, p, px) < requirement(p, px, bps));
      @ ensures \result <==> (c * MarginEngine.BPS < p * (p < 0 ? scanFactorShort(px, bps) : scanFactorLong(px, bps)));
      @ pure
      @*/
    public static boolean belowRequirementByFactor(long c, long p, long px, long bps) {
        return c * MarginEngine.BPS < p * (p < 0 ? scanFactorShort(px, bps) : scanFactorLong(px, bps));
    }

    /**
     * TLA+ {@code n \div d} for d &gt; 0: floor division, rounding towards minus infinity
     * (-7 \div 2 = -4), unlike Java's {@code /}.
     */
    //@ requires 0 < d && d <= MarginEngine.MAX_LOTS;
    //@ requires -MarginEngine.MAX_COLLATERAL * MarginEngine.MAX_LOTS <= n && n <= MarginEngine.MAX_COLLATERAL * MarginEngine.MAX_LOTS;
    //@ ensures \result * d <= n && n - \result * d < d;
    //@ ensures n >= 0 ==> \result == n / d;
    //@ pure
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
    //@ requires 0 <= d && d <= MAX_EQUITY;
    //@ requires 0 <= q && q <= n && 1 <= n && n <= MarginEngine.MAX_LOTS;
    //@ ensures \result == (d * q + n - 1) / n;
    //@ ensures 0 <= \result && \result <= d;
    //@ ensures q == n ==> \result == d;
    //@ pure
    public static long shareUp(long d, long q, long n) {
        return ceilDiv(d * q, n);
    }

    /** coll * q for Deleverage: |coll| &lt;= 4e12, 0 &lt;= q &lt;= 1e6, so |result| &lt;= 4e18. */
    //@ requires -MarginEngine.MAX_COLLATERAL <= c && c <= MarginEngine.MAX_COLLATERAL;
    //@ requires 0 <= q && q <= MarginEngine.MAX_LOTS;
    //@ ensures \result == c * q;
    //@ pure
    public static long collateralTimesLots(long c, long q) {
        return c * q;
    }

    /** p0 * p1 &gt;= 0 (same side or one of them flat), without the product. */
    //@ requires -MarginEngine.MAX_LOTS <= p0 && p0 <= MarginEngine.MAX_LOTS;
    //@ requires -MarginEngine.MAX_LOTS <= p1 && p1 <= MarginEngine.MAX_LOTS;
    //@ ensures \result <==> p0 * p1 >= 0;
    //@ pure
    public static boolean notOpposite(long p0, long p1) {
        return (p0 >= 0 && p1 >= 0) || (p0 <= 0 && p1 <= 0);
    }

    /** InBand(px) == Abs(px - price) * BPS &lt;= BandBps * price. */
    //@ requires 0 < px && px <= MarginEngine.MAX_PRICE && 0 < price && price <= MarginEngine.MAX_PRICE;
    //@ requires 0 <= bandBps && bandBps <= MarginEngine.BPS;
    //@ ensures \result <==> (px < price ? price - px : px - price) * MarginEngine.BPS <= bandBps * price;
    //@ pure
    public static boolean inBand(long px, long price, long bandBps) {
        long diff = px < price ? price - px : px - price;
        return diff * MarginEngine.BPS <= bandBps * price;
    }

    /**
     * AcceptableOf(c0, p0, c1, p1) at price px: either the account meets initial margin
     * afterwards, or the change only reduces risk (same side, smaller, was not liquidatable,
     * surplus over maintenance does not fall).
     */
    /*@ requires -MarginEngine.MAX_COLLATERAL <= c0 && c0 <= MarginEngine.MAX_COLLATERAL;
      @ requires -MarginEngine.MAX_LOTS <= p0 && p0 <= MarginEngine.MAX_LOTS;
      @ requires -MarginEngine.MAX_COLLATERAL <= c1 && c1 <= MarginEngine.MAX_COLLATERAL;
      @ requires -MarginEngine.MAX_LOTS <= p1 && p1 <= MarginEngine.MAX_LOTS;
      @ requires 0 < px && px <= MarginEngine.MAX_PRICE;
      @ requires 0 < mmBps && mmBps <= imBps && imBps <= MarginEngine.BPS;
      @ ensures \result <==>
      @     (equityOf(c1, p1, px) >= requirement(p1, px, imBps)
      @      || (p0 * p1 >= 0
      @          && (p1 < 0 ? -p1 : p1) < (p0 < 0 ? -p0 : p0)
      @          && equityOf(c0, p0, px) >= requirement(p0, px, mmBps)
      @          && equityOf(c1, p1, px) - requirement(p1, px, mmBps)
      @               >= equityOf(c0, p0, px) - requirement(p0, px, mmBps)));
      @ pure
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
}
