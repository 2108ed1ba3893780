package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The scan's division-free test agrees with Equity &lt; MmReq over the whole bounded range. */
class MarginMathTest {
    @Property(tries = 20_000)
    void belowRequirementIsTheCeilingComparison(
            @ForAll @LongRange(min = -MarginMath.MAX_EQUITY, max = MarginMath.MAX_EQUITY) long e,
            @ForAll @LongRange(min = -MarginEngine.MAX_LOTS, max = MarginEngine.MAX_LOTS) long p,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_PRICE) long px,
            @ForAll @LongRange(min = 0, max = MarginEngine.BPS) long bps) {
        int expected = e < MarginMath.requirement(p, px, bps) ? 1 : 0;
        assertEquals(expected, MarginMath.belowRequirement(e, p, px, bps));
        // the boundary itself: exactly at the requirement is not below it, one less is
        long req = MarginMath.requirement(p, px, bps);
        assertEquals(0, MarginMath.belowRequirement(req, p, px, bps));
        assertEquals(1, MarginMath.belowRequirement(req - 1, p, px, bps));
    }

    @Property(tries = 20_000)
    void liquidatableFlagIsTheCeilingComparison(
            @ForAll @LongRange(min = -MarginEngine.MAX_COLLATERAL, max = MarginEngine.MAX_COLLATERAL) long c,
            @ForAll @LongRange(min = -MarginEngine.MAX_LOTS, max = MarginEngine.MAX_LOTS) long p,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_PRICE) long px,
            @ForAll @LongRange(min = 0, max = MarginEngine.BPS) long bps) {
        long kLong = MarginMath.scanFactorLong(px, bps);
        long kShort = MarginMath.scanFactorShort(px, bps);
        long expected = c + p * px < MarginMath.requirement(p, px, bps) ? 1 : 0;
        assertEquals(expected, MarginMath.liquidatableFlag(c, p, kLong, kShort));
        assertEquals(expected == 1, MarginMath.liquidatable(c, p, px, bps));
        // the contracts: the flag is the factor comparison on its own parameters, the branch-free
        // selection is the branchy one, and the lemma ties that comparison to the requirement
        long k = p < 0 ? kShort : kLong;
        assertEquals(k, MarginMath.sideFactor(p, kLong, kShort));
        assertEquals(c * MarginEngine.BPS < p * k ? 1 : 0, MarginMath.liquidatableFlag(c, p, kLong, kShort));
        assertEquals(expected == 1, MarginMath.belowRequirementByFactor(c, p, px, bps));
        long atRequirement = MarginMath.requirement(p, px, bps) - p * px;   // equity exactly at the requirement
        if (Math.abs(atRequirement) < MarginEngine.MAX_COLLATERAL) {
            assertEquals(0, MarginMath.liquidatableFlag(atRequirement, p, kLong, kShort));
            assertEquals(1, MarginMath.liquidatableFlag(atRequirement - 1, p, kLong, kShort));
        }
    }

    @Example
    void liquidatableFlagAtTheExtremes() {
        long[] lots = {-MarginEngine.MAX_LOTS, -1, 0, 1, MarginEngine.MAX_LOTS};
        long[] colls = {-MarginEngine.MAX_COLLATERAL, -1, 0, 1, MarginEngine.MAX_COLLATERAL};
        long[] prices = {0, 1, MarginEngine.MAX_PRICE};
        long[] rates = {0, 1, 500, MarginEngine.BPS};
        for (long p : lots) {
            for (long c : colls) {
                for (long px : prices) {
                    for (long bps : rates) {
                        long kLong = MarginMath.scanFactorLong(px, bps);
                        long kShort = MarginMath.scanFactorShort(px, bps);
                        long expected = c + p * px < MarginMath.requirement(p, px, bps) ? 1 : 0;
                        assertEquals(expected, MarginMath.liquidatableFlag(c, p, kLong, kShort),
                            "c=" + c + " p=" + p + " px=" + px + " bps=" + bps);
                    }
                }
            }
        }
    }

    /** ClosedDeficit's share: ceil(d * q / n), at most d, exactly d for the whole position. */
    @Property(tries = 20_000)
    void shareUpIsTheCeilingShare(
            @ForAll @LongRange(min = 0, max = MarginMath.MAX_EQUITY) long d,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_LOTS) long n,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_LOTS) long q0) {
        long q = q0 % (n + 1);
        long share = MarginMath.shareUp(d, q, n);
        java.math.BigInteger[] qr = java.math.BigInteger.valueOf(d).multiply(java.math.BigInteger.valueOf(q))
            .divideAndRemainder(java.math.BigInteger.valueOf(n));
        long expected = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
        assertEquals(expected, share);
        assertEquals(true, 0 <= share && share <= d);
        assertEquals(d, MarginMath.shareUp(d, n, n));
        // the rest keeps at most its share: share + floor(d * (n - q) / n) == d
        assertEquals(d, share + java.math.BigInteger.valueOf(d).multiply(java.math.BigInteger.valueOf(n - q))
            .divide(java.math.BigInteger.valueOf(n)).longValueExact());
    }

    @Example
    void shareUpExamples() {
        assertEquals(4, MarginMath.shareUp(350, 1, 90));      // the regression: ceil(350 / 90)
        assertEquals(20, MarginMath.shareUp(50, 4, 10));
        assertEquals(0, MarginMath.shareUp(0, 3, 7));
        assertEquals(0, MarginMath.shareUp(9, 0, 7));
    }

    /**
     * The lemmas the engine's proofs use, checked against exact arithmetic over their whole
     * bounded range: each returns true, and the remainders are the spec's c - floor(c * q / n).
     */
    @Property(tries = 20_000)
    void bankruptRemainderKeepsTheProRataBalance(
            @ForAll @LongRange(min = -MarginEngine.MAX_COLLATERAL, max = MarginEngine.MAX_COLLATERAL) long c,
            @ForAll @LongRange(min = -MarginEngine.MAX_LOTS, max = MarginEngine.MAX_LOTS) long p,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_PRICE) long price,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_LOTS) long q0) {
        if (p == 0 || MarginMath.equityOf(c, p, price) >= 0) {
            return;   // the lemma is about bankrupt accounts with a position
        }
        long n = Math.abs(p);
        long q = q0 % (n + 1);
        long r = MarginMath.bankruptRemainder(c, p, price, q);
        BigInteger kept = BigInteger.valueOf(c).subtract(floorDiv(BigInteger.valueOf(c).multiply(BigInteger.valueOf(q)), n));
        assertEquals(kept.longValueExact(), r);
        assertEquals(r, MarginMath.keptShare(c, q, n));
        assertTrue(c >= 0 ? 0 <= r && r <= c : c <= r && r <= 0);
        assertTrue(MarginMath.bankruptIdentity(c, p, price, q));
    }

    @Property(tries = 20_000)
    void keptShareIsBetweenZeroAndTheBalance(
            @ForAll @LongRange(min = -MarginEngine.MAX_COLLATERAL, max = MarginEngine.MAX_COLLATERAL) long c,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_LOTS) long n,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_LOTS) long q0) {
        long q = q0 % (n + 1);
        long r = MarginMath.keptShare(c, q, n);
        BigInteger kept = BigInteger.valueOf(c).subtract(floorDiv(BigInteger.valueOf(c).multiply(BigInteger.valueOf(q)), n));
        assertEquals(kept.longValueExact(), r);
        assertTrue(c >= 0 ? 0 <= r && r <= c : c <= r && r <= 0);
        assertTrue(MarginMath.remainderWithinBalance(c, q, n, r - c));
    }

    @Property(tries = 20_000)
    void monotonicityLemmasHold(
            @ForAll @LongRange(min = -MarginEngine.MAX_LOTS, max = MarginEngine.MAX_LOTS) long p,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_LOTS) long extraLots,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_PRICE) long px,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_PRICE) long extraPx,
            @ForAll @LongRange(min = 0, max = MarginEngine.BPS) long bps) {
        long bigLots = Math.min(MarginEngine.MAX_LOTS, Math.abs(p) + extraLots);
        long bigPx = Math.min(MarginEngine.MAX_PRICE, px + extraPx);
        assertTrue(MarginMath.requirementMonotone(p, px, bigLots, bigPx, bps));
        assertTrue(MarginMath.requirement(p, px, bps) <= MarginMath.requirement(bigLots, bigPx, bps));
        assertTrue(MarginMath.productMonotone(Math.abs(p), px, bigLots, bigPx));
    }

    @Property(tries = 20_000)
    void slackCoversTheBandMove(
            @ForAll @LongRange(min = 0, max = MarginMath.MAX_EQUITY) long e,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_LOTS) long n,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_LOTS) long q0,
            @ForAll @LongRange(min = 0, max = MarginMath.MAX_EQUITY) long d0) {
        long q = 1 + (q0 - 1) % n;
        long d = d0 % (e / n + 1);
        assertTrue(MarginMath.slackCovers(e, n, q, d));
        assertTrue(BigInteger.valueOf(q).multiply(BigInteger.valueOf(d)).compareTo(BigInteger.valueOf(e)) <= 0);
    }

    @Property(tries = 20_000)
    void ceilingShiftMovesTheCeilingByTheFill(
            @ForAll @LongRange(min = 0, max = MarginMath.MAX_EQUITY) long d,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_LOTS) long n,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_LOTS) long q0,
            @ForAll @LongRange(min = -MarginMath.MAX_NOTIONAL, max = MarginMath.MAX_NOTIONAL) long m) {
        long q = q0 % (n + 1);
        long share = MarginMath.shareUp(d, q, n);
        long x = d * q;
        long y = x + n * m;
        assertTrue(MarginMath.ceilingShift(share, n, m, x, y));
        // share + m is the ceiling of y / n
        BigInteger[] qr = BigInteger.valueOf(y).divideAndRemainder(BigInteger.valueOf(n));
        BigInteger ceil = qr[0].add(qr[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO);
        assertEquals(ceil.longValueExact(), share + m);
    }

    private static BigInteger floorDiv(BigInteger x, long n) {
        BigInteger[] qr = x.divideAndRemainder(BigInteger.valueOf(n));
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
